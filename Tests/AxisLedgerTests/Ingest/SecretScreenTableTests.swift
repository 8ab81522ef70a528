import Testing
@testable import AxisLedger

/// ``SecretNames/mayContainSecret(_:)`` decides by table what each byte needs;
/// it must say exactly what the byte-by-byte loop it replaced said, kept here.
struct SecretScreenTableTests {
    /// The screen before the table (axis-ledger 2650247), with the same helpers.
    private static func referenceScreen(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == .backslash || byte == UInt8(ascii: "@") { return true }
                guard byte.isASCIILetter else { continue }
                switch byte {
                case UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "g"), UInt8(ascii: "A"), UInt8(ascii: "x"), UInt8(ascii: "e"):
                    if (index == 0 || !SecretTokenFormat.isLetterOrDigit(bytes[index - 1])) && SecretTokenFormat.mayStart(in: bytes, at: index) {
                        return true
                    }
                default:
                    break
                }
                var next = index + 1
                while next < bytes.count, SecretNames.isSeparator(bytes[next]) { next += 1 }
                guard next < bytes.count else { continue }
                switch (byte | 0x20, bytes[next] | 0x20) {
                case (UInt8(ascii: "a"), UInt8(ascii: "u")):
                    if SecretNames.matches(SecretNames.auth, in: bytes, at: index) { return true }
                case (UInt8(ascii: "k"), UInt8(ascii: "e")):
                    if SecretNames.isKeyName(bytes, at: index) && !SecretNames.followsIdempotency(bytes, at: index) { return true }
                case (UInt8(ascii: "a"), UInt8(ascii: "p")), (UInt8(ascii: "a"), UInt8(ascii: "c")),
                     (UInt8(ascii: "s"), UInt8(ascii: "e")), (UInt8(ascii: "p"), UInt8(ascii: "r")), (UInt8(ascii: "p"), UInt8(ascii: "a")),
                     (UInt8(ascii: "t"), UInt8(ascii: "o")), (UInt8(ascii: "b"), UInt8(ascii: "e")), (UInt8(ascii: "c"), UInt8(ascii: "r")),
                     (UInt8(ascii: "c"), UInt8(ascii: "o")):
                    for needle in SecretNames.needles where SecretNames.matches(needle, in: bytes, at: index) { return true }
                default:
                    continue
                }
            }
            return false
        }
    }

    /// Pieces the rules look for, whole and cut short, and text around them.
    private static let pieces: [String] = [
        "auth", "Auth", "AUTH", "au-th", "key", "Key", "KEY", "k_ey", "idempotencyKey", "Idempotency-Key", "idempotency_key",
        "apikey", "Api-Key", "accessKey", "secret", "Secret_Key", "privateKey", "token", "Token", "password", "passwd",
        "bearer", "Bearer", "credential", "cookie", "Set-Cookie", "authorization", "sk-", "sk_live_", "rk_live_", "ghp_",
        "gho_", "AIza", "AKIA", "xoxb-", "xoxp-", "eyJ", "glpat-", "\\", "@", "=", ":", "\"", "'", ",", "}", "]", " ", "\t",
        "-", "_", ".", "a", "e", "k", "s", "x", "monkey", "keyboard", "prompt", "the", "0123456789", "ABCDEFGHIJ", "é", "\u{0}",
    ]

    @Test func theTableSaysWhatTheLoopSaidOnRandomLines() {
        var generator = SeededGenerator(seed: 13)
        var positives = 0
        for _ in 0..<20_000 {
            var line: [UInt8] = []
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    line.append(UInt8.random(in: 0...255, using: &generator))
                } else {
                    line += Array(Self.pieces.randomElement(using: &generator)!.utf8)
                }
            }
            let expected = Self.referenceScreen(line)
            if expected { positives += 1 }
            #expect(SecretNames.mayContainSecret(line) == expected, "\(line)")
        }
        // Both answers are common, so the comparison covers each.
        #expect(positives > 2_000 && positives < 18_000, "\(positives) of 20000")
    }

    @Test func everyByteAloneAndBeforeEveryPieceIsJudgedAsTheLoopJudgedIt() {
        for value in 0...255 {
            let byte = UInt8(value)
            #expect(SecretNames.mayContainSecret([byte]) == Self.referenceScreen([byte]), "\(byte)")
            for piece in Self.pieces {
                let line = [byte] + Array(piece.utf8)
                #expect(SecretNames.mayContainSecret(line) == Self.referenceScreen(line), "\(line)")
            }
        }
    }
}
