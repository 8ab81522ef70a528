extension SecretNames {
    /// A fast screen over a whole line: false only when no rule of ``SecretTextRedactor``
    /// or ``JSONLineRedactor`` can fire, because no needle, `auth` or `key` written as the end of a name appears
    /// (letter case and name separators ignored, as for names; `idempotencyKey` does
    /// not count), no token prefix starts a word (``SecretTokenFormat``), no escape
    /// could hide one, and no `@` could end a URL's user information. Most lines stop
    /// here and are stored as they are. The fuzz target checks that a line the
    /// screen lets through unredacted has indeed nothing to redact.
    ///
    /// It reads every byte of every line, so it decides with one table look-up per
    /// byte (``ScreenTable``) what the rules below need to look at: most bytes are
    /// neither a letter that can start a token format or a needle, nor `\\` or `@`.
    /// The rules are those of the byte-by-byte loop it replaced, which the tests keep
    /// as a reference and compare it with on random lines.
    static func mayContainSecret(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { bytes in
            ScreenTable.flags.withUnsafeBufferPointer { table in
                for index in bytes.indices {
                    let byte = bytes[index]
                    let flags = table[Int(byte)]
                    if flags & ScreenTable.interesting == 0 { continue }
                    if flags & ScreenTable.stop != 0 { return true }
                    if flags & ScreenTable.tokenStart != 0,
                       index == 0 || table[Int(bytes[index - 1])] & ScreenTable.letterOrDigit == 0,
                       SecretTokenFormat.mayStart(in: bytes, at: index) {
                        return true
                    }
                    if flags & ScreenTable.needleStart == 0 { continue }
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
    }

    /// What ``mayContainSecret(_:)`` needs to know of a byte, one look-up each.
    enum ScreenTable {
        /// `\\` (an escape could hide a needle) or `@` (could end a URL's user information): stop, maybe a secret.
        static let stop: UInt8 = 1
        /// A letter a token format can start with (``SecretTokenFormat/mayStart(in:at:)``), checked at a word's start.
        static let tokenStart: UInt8 = 2
        /// The first letter of `auth`, `key` or a needle, either case.
        static let needleStart: UInt8 = 4
        /// An ASCII letter or digit: a word goes on (``SecretTokenFormat/isLetterOrDigit(_:)``).
        static let letterOrDigit: UInt8 = 8
        /// A byte with none of these is passed over.
        static let interesting = stop | tokenStart | needleStart

        static let flags: [UInt8] = (0...255).map { value in
            let byte = UInt8(value)
            var flags: UInt8 = 0
            if byte == .backslash || byte == UInt8(ascii: "@") { flags |= stop }
            if "srgAxe".utf8.contains(byte) { flags |= tokenStart }
            if byte.isASCIILetter, (["auth", "key"] + needles.map { String(decoding: $0, as: UTF8.self) }).contains(where: { $0.utf8.first == byte | 0x20 }) {
                flags |= needleStart
            }
            if SecretTokenFormat.isLetterOrDigit(byte) { flags |= letterOrDigit }
            return flags
        }
    }

    static let idempotency = Array("idempotency".utf8)
    static let auth = Array("auth".utf8)

    /// Whether `key`, as a word, is written at `index` where a rule could read it as the end of a name:
    /// before `=` or `:` (blanks allowed), or before a closing quote followed by `:`, `,`, `}`,
    /// `]` or `=` (a JSON member name, a header name in a pair). `key` in prose
    /// ("a key to success", a message's "invalid API key.") does not count.
    static func isKeyName(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
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
    static func followsIdempotency(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var end = index
        if end > 0, isWordSeparator(bytes[end - 1]) { end -= 1 }
        guard end >= idempotency.count else { return false }
        let start = end - idempotency.count
        for offset in 0..<idempotency.count where bytes[start + offset].asciiLowercased != idempotency[offset] { return false }
        return true
    }

    /// Whether `needle` is spelled from `start` on, letter case and name separators ignored.
    static func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var cursor = start
        for letter in needle {
            while cursor < bytes.count, isSeparator(bytes[cursor]) { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor].asciiLowercased == letter else { return false }
            cursor += 1
        }
        return true
    }
}
