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
}
