import CSHA256

/// SHA-256 (FIPS 180-4), incremental.
///
/// Foundation on Linux has no digest API and swift-crypto would be a large
/// dependency for one function, so the ledger carries this one. It
/// identifies ingested files (a file seen before is skipped) and stored
/// lines (a line seen before is a duplicate), so it runs over every byte
/// ingested: the 64-byte blocks go in whole runs to the C kernel in
/// `CSHA256`, which uses the CPU's SHA instructions where it has them. The
/// tests check both kernels against the NIST test vectors and each other.
public struct SHA256: Sendable {
    /// Which compression kernel a hasher uses; tests force `.portable` to
    /// check it on a machine whose CPU has the SHA instructions.
    enum Implementation: Sendable, CaseIterable {
        /// The CPU's SHA instructions when present, else portable C.
        case automatic
        /// Plain C on every CPU.
        case portable
    }

    /// The eight working words H0...H7, contiguous so C can update them in place.
    typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    /// 64 bytes of storage for a partial block, inline (no heap allocation).
    private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    private static let initialWords: Words =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)

    private var state = SHA256.initialWords
    private var buffer: Block = (0, 0, 0, 0, 0, 0, 0, 0)
    private var buffered = 0
    private var totalBytes: UInt64 = 0
    private let implementation: Implementation

    public init() { self.init(implementation: .automatic) }

    init(implementation: Implementation) { self.implementation = implementation }

    /// True when the compression runs on the CPU's SHA instructions.
    static var usesCPUExtensions: Bool { axis_sha256_uses_cpu_extensions() != 0 }

    /// The digest of `bytes` in one call.
    public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        hash(bytes, implementation: .automatic)
    }

    static func hash<C: Collection>(_ bytes: C, implementation: Implementation) -> [UInt8] where C.Element == UInt8 {
        let words = bytes.withContiguousStorageIfAvailable { oneShot(UnsafeRawBufferPointer($0), implementation) }
            ?? Array(bytes).withUnsafeBytes { oneShot($0, implementation) }
        return digestBytes(words)
    }

    /// The first 16 bytes of the digest of `bytes`, as two big-endian
    /// integers (bytes 0...7 and 8...15), with no intermediate arrays: the
    /// identity of a stored line is computed once per line ingested.
    static func prefix128(_ bytes: UnsafeRawBufferPointer, implementation: Implementation = .automatic) -> (UInt64, UInt64) {
        let w = oneShot(bytes, implementation)
        return (UInt64(w.0) << 32 | UInt64(w.1), UInt64(w.2) << 32 | UInt64(w.3))
    }

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0, let base = bytes.baseAddress else { return }
        totalBytes &+= UInt64(bytes.count)
        var offset = 0
        if buffered > 0 {
            let take = min(64 - buffered, bytes.count)
            let at = buffered
            withUnsafeMutableBytes(of: &buffer) { ($0.baseAddress! + at).copyMemory(from: base, byteCount: take) }
            buffered += take
            offset = take
            guard buffered == 64 else { return }
            let block = buffer
            withUnsafeBytes(of: block) { Self.compress(&state, $0.baseAddress!, blocks: 1, implementation) }
            buffered = 0
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            Self.compress(&state, base + offset, blocks: blocks, implementation)
            offset += blocks * 64
        }
        let rest = bytes.count - offset
        if rest > 0 {
            withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.copyMemory(from: base + offset, byteCount: rest) }
        }
        buffered = rest
    }

    /// The 32-byte digest. The hasher can go on being updated afterwards:
    /// `finalize` pads a copy of the state, not the state itself.
    public func finalize() -> [UInt8] {
        var words = state
        let block = buffer
        withUnsafeBytes(of: block) {
            Self.finish(&words, tail: $0.baseAddress!, count: buffered, totalBytes: totalBytes, implementation)
        }
        return Self.digestBytes(words)
    }

    /// Lowercase hexadecimal of a digest.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: digest.count * 2) { out in
            for (i, byte) in digest.enumerated() {
                out[2 * i] = digits.utf8Start[Int(byte >> 4)]
                out[2 * i + 1] = digits.utf8Start[Int(byte & 0x0f)]
            }
            return digest.count * 2
        }
    }

    /// The final state of hashing all of `bytes`, from the initial state.
    private static func oneShot(_ bytes: UnsafeRawBufferPointer, _ implementation: Implementation) -> Words {
        var words = initialWords
        let blocks = bytes.count / 64
        if blocks > 0 { compress(&words, bytes.baseAddress!, blocks: blocks, implementation) }
        // An empty buffer may have no address; `finish` reads nothing then.
        finish(&words, tail: bytes.baseAddress.map { $0 + blocks * 64 }, count: bytes.count - blocks * 64,
               totalBytes: UInt64(bytes.count), implementation)
        return words
    }

    /// Compresses the last partial block (`count` < 64 bytes at `tail`) with
    /// the padding: 0x80, zeros, and the message length in bits, big-endian,
    /// filling one block or two. The padding lives on the stack.
    private static func finish(_ words: inout Words, tail: UnsafeRawPointer?, count: Int, totalBytes: UInt64, _ implementation: Implementation) {
        var padded: (Block, Block) = ((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0))
        let blocks = count < 56 ? 1 : 2
        withUnsafeMutableBytes(of: &padded) { out in
            if count > 0, let tail { out.baseAddress!.copyMemory(from: tail, byteCount: count) }
            out[count] = 0x80
            out.storeBytes(of: (totalBytes &* 8).bigEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
            compress(&words, UnsafeRawPointer(out.baseAddress!), blocks: blocks, implementation)
        }
    }

    private static func compress(_ words: inout Words, _ data: UnsafeRawPointer, blocks: Int, _ implementation: Implementation) {
        let bytes = data.assumingMemoryBound(to: UInt8.self)
        withUnsafeMutableBytes(of: &words) { raw in
            let state = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            switch implementation {
            case .automatic: axis_sha256_blocks(state, bytes, blocks)
            case .portable: axis_sha256_blocks_portable(state, bytes, blocks)
            }
        }
    }

    private static func digestBytes(_ words: Words) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { out, initialized in
            let raw = UnsafeMutableRawBufferPointer(out)
            withUnsafeBytes(of: words) { source in
                for offset in stride(from: 0, to: 32, by: 4) {
                    let word = source.load(fromByteOffset: offset, as: UInt32.self)
                    raw.storeBytes(of: word.bigEndian, toByteOffset: offset, as: UInt32.self)
                }
            }
            initialized = 32
        }
    }
}
