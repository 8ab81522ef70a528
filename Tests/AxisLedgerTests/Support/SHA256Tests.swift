import Foundation
import Testing
@testable import AxisLedger

/// SHA-256 against outside truth (the NIST FIPS 180-4 examples, coreutils
/// `sha256sum`, Python's `hashlib`), through both compression kernels: the
/// CPU's SHA instructions (when this machine has them) and portable C.
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ], SHA256.Implementation.allCases)
    func matchesNISTVectors(message: (String, String), implementation: SHA256.Implementation) {
        let (text, digest) = message
        #expect(SHA256.hex(SHA256.hash(Array(text.utf8), implementation: implementation)) == digest)
        var hasher = SHA256(implementation: implementation)
        hasher.update(Array(text.utf8))
        #expect(SHA256.hex(hasher.finalize()) == digest)
    }

    /// Lengths around the padding boundaries (55 bytes fit one padded block,
    /// 56 need two); digests from coreutils `sha256sum` of that many "a".
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
    ], SHA256.Implementation.allCases)
    func paddingBoundariesMatchSha256sum(vector: (Int, String), implementation: SHA256.Implementation) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: vector.0)
        #expect(SHA256.hex(SHA256.hash(message, implementation: implementation)) == vector.1)
    }

    @Test(arguments: SHA256.Implementation.allCases)
    func oneMillionAsInUnevenChunks(implementation: SHA256.Implementation) {
        var hasher = SHA256(implementation: implementation)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
        var remaining = 1_000_000
        while remaining > 0 {
            let n = min(remaining, chunk.count)
            hasher.update(chunk[0..<n])
            remaining -= n
        }
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: Array(0...300) + [1_000, 4_096, 65_537, 1_000_003])
    func acceleratedAndPortableKernelsAgree(length: Int) {
        let message = Array(PseudoRandomBytes.stream[0..<length])
        #expect(SHA256.hash(message, implementation: .automatic) == SHA256.hash(message, implementation: .portable))
    }

    /// The SHA-256 of the concatenated digests of the first 0...300 bytes of
    /// the pseudo-random stream, as Python's `hashlib` computes it
    /// (`PseudoRandomBytes` documents the generator).
    @Test(arguments: SHA256.Implementation.allCases)
    func pseudoRandomLengthTableMatchesHashlib(implementation: SHA256.Implementation) {
        var digests = SHA256(implementation: implementation)
        for length in 0...300 {
            digests.update(SHA256.hash(PseudoRandomBytes.stream[0..<length], implementation: implementation))
        }
        #expect(SHA256.hex(digests.finalize()) == "174bb11092bbcb8f597e0362c1e82a73db21dd625c17e6b0566e088b9efff614")
    }

    @Test(arguments: [
        (4_096, "8e302a4f57055d1687dbfbe879c512e620cf69ed02f88aa3598b5ab1c03d076c"),
        (65_537, "5987ce409c910caaead6715b8c7f9f101cd84cc04be8b6f1f2976b5401667410"),
        (1_000_003, "79d0d380c796cfa94ca6ecd8c70eec98d56b4a1b0a36178f7dbd12cef9a04fbe"),
    ], SHA256.Implementation.allCases)
    func largePseudoRandomInputsMatchHashlib(vector: (Int, String), implementation: SHA256.Implementation) {
        let digest = SHA256.hash(PseudoRandomBytes.stream[0..<vector.0], implementation: implementation)
        #expect(SHA256.hex(digest) == vector.1)
    }

    /// Updates in pieces of these sizes, cycling, equal the one-shot digest
    /// (pieces that straddle, fill and skip the 64-byte buffer).
    @Test(arguments: [[1], [3, 61], [7, 64, 129], [63], [65, 1], [127, 2, 200], [997], [4_096, 13]], SHA256.Implementation.allCases)
    func incrementalUpdatesAtOddBoundariesEqualOneShot(pieces: [Int], implementation: SHA256.Implementation) {
        let message = PseudoRandomBytes.stream[0..<65_537]
        var hasher = SHA256(implementation: implementation)
        var offset = message.startIndex, piece = 0
        while offset < message.endIndex {
            let end = min(offset + pieces[piece % pieces.count], message.endIndex)
            message[offset..<end].withUnsafeBytes { hasher.update($0) }
            offset = end
            piece += 1
        }
        #expect(hasher.finalize() == SHA256.hash(message, implementation: implementation))
        #expect(SHA256.hex(hasher.finalize()) == "5987ce409c910caaead6715b8c7f9f101cd84cc04be8b6f1f2976b5401667410")
    }

    @Test(arguments: [0, 1, 55, 56, 64, 300, 4_096])
    func lineHashIsTheFirst16BytesOfTheDigest(length: Int) {
        let line = Array(PseudoRandomBytes.stream[0..<length])
        let digest = SHA256.hash(line)
        #expect(RecordWriter.lineHash(line) == Array(digest.prefix(16)))
        for implementation in SHA256.Implementation.allCases {
            let (high, low) = line.withUnsafeBytes { SHA256.prefix128($0, implementation: implementation) }
            #expect(high == digest[0..<8].reduce(0) { $0 << 8 | UInt64($1) })
            #expect(low == digest[8..<16].reduce(0) { $0 << 8 | UInt64($1) })
        }
    }

    @Test func prefix128OfAnEmptyBufferWithNoAddressIsTheEmptyDigest() {
        let (high, low) = SHA256.prefix128(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(high == 0xe3b0c44298fc1c14)
        #expect(low == 0x9afbf4c8996fb924)
    }

    @Test func finalizingDoesNotDisturbFurtherUpdates() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        _ = hasher.finalize()
        hasher.update(Array("c".utf8))
        #expect(SHA256.hex(hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// On Linux the kernel lists `sha_ni` among the CPU flags exactly when
    /// CPUID reports the SHA extensions, so the run-time choice must agree.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/cpuinfo")))
    func usesTheCPUExtensionsExactlyWhenLinuxReportsThem() throws {
        #if arch(x86_64)
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        #expect(SHA256.usesCPUExtensions == flags.split(separator: " ").contains("sha_ni"))
        #else
        #expect(!SHA256.usesCPUExtensions)
        #endif
    }
}

/// A fixed pseudo-random byte stream for tests: a 64-bit linear congruential
/// generator (x = x * 6364136223846793005 + 1442695040888963407 mod 2^64,
/// starting from 0x2545F4914F6CDD1D), each byte the top 8 bits of the next x.
/// The expected digests were computed from the same stream with Python.
enum PseudoRandomBytes {
    static let stream: [UInt8] = {
        var x: UInt64 = 0x2545F4914F6CDD1D
        return (0..<1_000_003).map { _ in
            x = x &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: x >> 56)
        }
    }()
}
