extension SecretNames {
    /// A fast screen over a whole line: false only when no rule of ``SecretTextRedactor``
    /// or ``JSONLineRedactor`` can fire, because no needle, `auth` or `key` written as the end of a name appears
    /// (letter case and name separators ignored, as for names; `idempotencyKey` does
    /// not count), no token prefix starts a word (``SecretTokenFormat``), no escape
    /// could hide one, and no `@` could end a URL's user information. Most lines stop
    /// here and are stored as they are. The fuzz target checks that a line the
    /// screen lets through unredacted has indeed nothing to redact.
    static func mayContainSecret(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == .backslash || byte == UInt8(ascii: "@") { return true }
                guard byte.isASCIILetter else { continue }
                switch byte {
                case UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "g"), UInt8(ascii: "A"), UInt8(ascii: "x"), UInt8(ascii: "e"):
                    // Only at the start of a word: most letters are not.
                    if (index == 0 || !SecretTokenFormat.isLetterOrDigit(bytes[index - 1])) && SecretTokenFormat.mayStart(in: bytes, at: index) {
                        return true
                    }
                default:
                    break
                }
                // Every needle starts with one of these pairs of letters; most text fails here.
                var next = index + 1
                while next < bytes.count, isSeparator(bytes[next]) { next += 1 }
                guard next < bytes.count else { continue }
                switch (byte | 0x20, bytes[next] | 0x20) {
                case (UInt8(ascii: "a"), UInt8(ascii: "u")):
                    if matches(auth, in: bytes, at: index) { return true }
                case (UInt8(ascii: "k"), UInt8(ascii: "e")):
                    if isKeyName(bytes, at: index) && !followsIdempotency(bytes, at: index) { return true }
                case (UInt8(ascii: "a"), UInt8(ascii: "p")), (UInt8(ascii: "a"), UInt8(ascii: "c")),
                     (UInt8(ascii: "s"), UInt8(ascii: "e")), (UInt8(ascii: "p"), UInt8(ascii: "r")), (UInt8(ascii: "p"), UInt8(ascii: "a")),
                     (UInt8(ascii: "t"), UInt8(ascii: "o")), (UInt8(ascii: "b"), UInt8(ascii: "e")), (UInt8(ascii: "c"), UInt8(ascii: "r")),
                     (UInt8(ascii: "c"), UInt8(ascii: "o")):
                    for needle in needles where matches(needle, in: bytes, at: index) { return true }
                default:
                    continue
                }
            }
            return false
        }
    }

    private static let idempotency = Array("idempotency".utf8)
    private static let auth = Array("auth".utf8)

    /// Whether `key`, as a word, is written at `index` where a rule could read it as the end of a name:
    /// before `=` or `:` (blanks allowed), or before a closing quote followed by `:`, `,`, `}`,
    /// `]` or `=` (a JSON member name, a header name in a pair). `key` in prose
    /// ("a key to success", a message's "invalid API key.") does not count.
    private static func isKeyName(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + 3 <= bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "e"), bytes[index + 2] | 0x20 == UInt8(ascii: "y") else { return false }
        // A word of its own (`X-Key`, `apiKey`, `key=`), not the end of one (`monkey`).
        if index > 0, bytes[index - 1].isASCIILetter || bytes[index - 1].isDigit,
           !(bytes[index] == UInt8(ascii: "K") && bytes[index - 1] >= UInt8(ascii: "a") && bytes[index - 1] <= UInt8(ascii: "z")) {
            return false
        }
        var cursor = index + 3
        let quoted = cursor < bytes.count && (bytes[cursor] == .quote || bytes[cursor] == .apostrophe)
        if quoted { cursor += 1 }
        while cursor < bytes.count, bytes[cursor] == .space || bytes[cursor] == .tab { cursor += 1 }
        guard cursor < bytes.count else { return quoted }
        switch bytes[cursor] {
        case .equals, .colon: return true
        case .comma, .closeBrace, .closeBracket: return quoted
        default: return false
        }
    }

    /// Whether `key` at `index` ends `idempotencyKey` (a separator allowed between): not a secret.
    private static func followsIdempotency(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var end = index
        if end > 0, isWordSeparator(bytes[end - 1]) { end -= 1 }
        guard end >= idempotency.count else { return false }
        let start = end - idempotency.count
        for offset in 0..<idempotency.count where bytes[start + offset].asciiLowercased != idempotency[offset] { return false }
        return true
    }

    /// Whether `needle` is spelled from `start` on, letter case and name separators ignored.
    private static func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var cursor = start
        for letter in needle {
            while cursor < bytes.count, isSeparator(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor].asciiLowercased == letter else { return false }
            cursor += 1
        }
        return true
    }
}
