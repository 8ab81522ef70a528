/// Which field, header, column or query parameter names say that their value is a secret.
///
/// A name is read as words: it is split at `-`, `_`, `.`, spaces and where a
/// lowercase letter meets an uppercase one (`X-StudioAxis-Key` is x, studio,
/// axis, key). It is sensitive when
/// - lowercased with `-` and `_` removed, it contains one of ``needles``
///   (`X-Api-Key`, `x-goog-api-key`, `access_token`, `Authorization`,
///   `client_secret`, `Set-Cookie`…);
/// - one of its words is `auth` (`X-Auth`, `authHeader`, not `author`);
/// - its last word is `key` after at least one other word (`X-StudioAxis-Key`,
///   `API Key`, `api.key`, `licenseKey`; also `cacheKey`, a known false positive).
///
/// `idempotencyKey` (any spelling, with any prefix) is a request identifier, not a
/// secret, and is kept. The bare name `key` is sensitive only where a value is
/// assigned to it in text (`?key=…`) and as a CSV column (``isBareKey(_:)``): as a
/// JSON member it names the header in Postman's `{"key": …, "value": …}`.
enum SecretNames {
    static let needles: [[UInt8]] = [
        "authorization", "apikey", "accesskey", "secretkey", "privatekey", "token", "secret",
        "password", "passwd", "bearer", "credential", "cookie",
    ].map { Array($0.utf8) }

    private static let idempotencyKey = Array("idempotencykey".utf8)

    static func isSensitive(_ name: String) -> Bool {
        isSensitive(Array(name.utf8)[...])
    }

    /// Whether the byte is dropped before matching needles (`X-Api-Key` is `xapikey`).
    @inline(__always)
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == .minus || byte == .underscore
    }

    /// Whether the byte separates the words of a name (`api.key`, `API Key` are two words).
    @inline(__always)
    static func isWordSeparator(_ byte: UInt8) -> Bool {
        byte == .minus || byte == .underscore || byte == .dot || byte == .space
    }

    static func isSensitive<Name: Collection>(_ name: Name) -> Bool where Name.Element == UInt8 {
        // The shortest rule is a word before "key" or the word "auth"; most keys of the contract are ruled out here cheaply.
        guard name.count >= 4, name.count <= 256 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.count) { buffer in
            var length = 0
            var wordStart = 0 // in `buffer`
            var words = 0
            var hasAuthWord = false
            var previous: UInt8 = 0
            func endWord() {
                guard length > wordStart else { return }
                words += 1
                if length - wordStart == 4, buffer[wordStart] == UInt8(ascii: "a"), buffer[wordStart + 1] == UInt8(ascii: "u"),
                   buffer[wordStart + 2] == UInt8(ascii: "t"), buffer[wordStart + 3] == UInt8(ascii: "h") {
                    hasAuthWord = true
                }
                wordStart = length
            }
            for byte in name {
                if isWordSeparator(byte) {
                    endWord()
                    if !isSeparator(byte) {
                        // A dot or a space stays in the text needles are matched in, between words.
                        buffer[length] = byte
                        length += 1
                        wordStart = length
                    }
                } else {
                    let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
                    let previousIsLower = previous >= UInt8(ascii: "a") && previous <= UInt8(ascii: "z")
                    if isUpper && previousIsLower { endWord() }
                    buffer[length] = byte.asciiLowercased
                    length += 1
                }
                previous = byte
            }
            let lastWordStart = wordStart
            endWord()
            let normalized = UnsafeBufferPointer(rebasing: buffer[0..<length])
            if endsWithIdempotencyKey(normalized) { return false }
            if hasAuthWord { return true }
            for needle in needles where contains(normalized, needle) { return true }
            // The last word is "key", after another word.
            return words >= 2 && length - lastWordStart == 3 && buffer[lastWordStart] == UInt8(ascii: "k")
                && buffer[lastWordStart + 1] == UInt8(ascii: "e") && buffer[lastWordStart + 2] == UInt8(ascii: "y")
        }
    }

    /// Whether the name is `key` alone (any letter case): sensitive as a query parameter
    /// (`?key=AIza…`, Google's API key), an assignment in text, and a CSV column.
    static func isBareKey<Name: Collection>(_ name: Name) -> Bool where Name.Element == UInt8 {
        guard name.count == 3 else { return false }
        var letters = name.makeIterator()
        return letters.next()! | 0x20 == UInt8(ascii: "k") && letters.next()! | 0x20 == UInt8(ascii: "e")
            && letters.next()! | 0x20 == UInt8(ascii: "y")
    }

    /// Whether the name ends in `idempotencykey`, dots and spaces between its letters ignored.
    private static func endsWithIdempotencyKey(_ normalized: UnsafeBufferPointer<UInt8>) -> Bool {
        var cursor = normalized.count
        for letter in idempotencyKey.reversed() {
            while cursor > 0, normalized[cursor - 1] == .dot || normalized[cursor - 1] == .space { cursor -= 1 }
            guard cursor > 0, normalized[cursor - 1] == letter else { return false }
            cursor -= 1
        }
        return true
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
}
