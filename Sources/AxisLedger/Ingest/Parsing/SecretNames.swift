/// Which field, header, column or query parameter names say that their value is a secret.
///
/// A name is sensitive when, lowercased and with `-` and `_` removed, it
/// contains one of ``needles`` (`X-Api-Key`, `access_token`, `Authorization`,
/// `client_secret`, `Set-Cookie`…). `idempotencyKey` is a request identifier,
/// not a secret, and is kept.
enum SecretNames {
    static let needles: [[UInt8]] = [
        "authorization", "apikey", "accesskey", "secretkey", "privatekey", "token", "secret",
        "password", "passwd", "bearer", "credential", "cookie",
    ].map { Array($0.utf8) }

    private static let idempotencyKey = Array("idempotencykey".utf8)

    static func isSensitive(_ name: String) -> Bool {
        isSensitive(Array(name.utf8)[...])
    }

    static func isSensitive(_ name: ArraySlice<UInt8>) -> Bool {
        // The shortest needle is 5 letters; most keys of the contract are ruled out here cheaply.
        guard name.count >= 5 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.count) { buffer in
            var length = 0
            for byte in name where byte != .minus && byte != .underscore {
                buffer[length] = byte.asciiLowercased
                length += 1
            }
            let normalized = UnsafeBufferPointer(rebasing: buffer[0..<length])
            if normalized.elementsEqual(idempotencyKey) { return false }
            for needle in needles where contains(normalized, needle) { return true }
            return false
        }
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var offset = 1
            while offset < needle.count, haystack[start + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }

    /// A fast screen over a whole line: false only when no rule of ``SecretTextRedactor``
    /// or ``JSONLineRedactor`` can fire, because no needle appears (letter case and
    /// `-`/`_` ignored, as for names), no escape could hide one, and no `@` could end a
    /// URL password. Most lines stop here and are stored as they are.
    static func mayContainSecret(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == .backslash || byte == UInt8(ascii: "@") { return true }
                guard byte.isASCIILetter else { continue }
                // Every needle starts with one of these pairs of letters; most text fails here.
                var next = index + 1
                while next < bytes.count, bytes[next] == .minus || bytes[next] == .underscore { next += 1 }
                guard next < bytes.count else { continue }
                switch (byte | 0x20, bytes[next] | 0x20) {
                case (UInt8(ascii: "a"), UInt8(ascii: "u")), (UInt8(ascii: "a"), UInt8(ascii: "p")), (UInt8(ascii: "a"), UInt8(ascii: "c")),
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

    /// Whether `needle` is spelled from `start` on, letter case and `-`/`_` ignored.
    private static func matches(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        var cursor = start
        for letter in needle {
            while cursor < bytes.count, bytes[cursor] == .minus || bytes[cursor] == .underscore { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor].asciiLowercased == letter else { return false }
            cursor += 1
        }
        return true
    }
}
