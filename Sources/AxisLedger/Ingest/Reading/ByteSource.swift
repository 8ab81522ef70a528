import Foundation

/// Where an input's bytes come from.
protocol ByteSource: AnyObject {
    /// Fills `buffer` with up to its count of bytes; 0 means the end of input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// The bytes of a file, or of standard input for the path `-`, read with
/// `read(2)` (never loaded whole), hashed and counted as they pass, so the
/// file's SHA-256 and size come from the very bytes that were ingested.
final class RawInput: ByteSource {
    let path: String
    private let descriptor: Int32
    /// Nil when the reader hashes the bytes itself (``PrefixCheck``): hashing them twice was a sixth of a grown log's re-ingest.
    private var hasher: SHA256?
    private var peeked: [UInt8] = []
    /// Bytes of the file read so far.
    private(set) var bytesRead = 0
    /// The file's size when known (not for standard input or a pipe).
    let size: Int?
    /// Reading ends after this many bytes, when set (verify reads a file up to the size ingest recorded).
    private let limit: Int?

    /// Opens `path`, or standard input for `-`; with a `limit`, reads at most that many bytes of it.
    /// With `hashing` false, ``sha256`` is not kept and must not be asked for.
    init(path: String, limit: Int? = nil, hashing: Bool = true) throws {
        self.path = path
        self.limit = limit
        self.hasher = hashing ? SHA256() : nil
        if path == "-" {
            descriptor = 0
            size = nil
            return
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw IngestError.unreadable(path: path, reason: "is a directory; name the files in it")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
        size = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
    }

    /// Opens `path` (a regular file) to read on from byte `offset`, as if the
    /// bytes before it, which hash to `hashedSoFar`, had been read: the digest
    /// and `bytesRead` stay those of every byte from 0 (a grown log read from
    /// where its last ingest stopped, ``ReadPlan``).
    convenience init(path: String, resumingAt offset: Int, hashedSoFar: SHA256) throws {
        try self.init(path: path)
        try seek(to: offset)
        hasher = hashedSoFar
    }

    /// Opens `path` (a regular file) to read on from byte `offset`, handing
    /// every byte read to `verification`, which hashes them after the bytes
    /// before `offset` once it has checked those (``PrefixVerification``):
    /// the digest is the verification's, and ``sha256`` is not kept.
    convenience init(path: String, resumingAt offset: Int, hashedBy verification: PrefixVerification) throws {
        try self.init(path: path, hashing: false)
        try seek(to: offset)
        self.verification = verification
    }

    /// Reading goes on from byte `offset`, counted as read.
    private func seek(to offset: Int) throws {
        guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else {
            throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        bytesRead = offset
    }

    /// Hashes what this input reads, when a ``PrefixVerification`` does.
    private var verification: PrefixVerification?

    deinit { if descriptor != 0 { Foundation.close(descriptor) } }

    /// Reads and hashes the next `count` bytes without handing them on (verify
    /// re-reading a part of a grown log: its digest is of every byte from 0).
    func skip(_ count: Int) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var left = count
        while left > 0 {
            let got = try readRaw(into: UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(left)))
            if got == 0 { return }
            left -= got
        }
    }

    /// The first bytes of the input, without consuming them (for the gzip magic number).
    func peek(_ count: Int) throws -> [UInt8] {
        while peeked.count < count {
            var chunk = [UInt8](repeating: 0, count: count - peeked.count)
            let got = try chunk.withUnsafeMutableBytes { try readRaw(into: $0) }
            if got == 0 { break }
            peeked += chunk[0..<got]
        }
        return Array(peeked.prefix(count))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !peeked.isEmpty {
            let count = min(peeked.count, buffer.count)
            peeked.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            peeked.removeFirst(count)
            return count
        }
        return try readRaw(into: buffer)
    }

    /// Set from another thread to make a read waiting on a pipe give up.
    private let stopRequest = StopRequest()

    /// Makes a read waiting for a pipe or standard input stop within a
    /// fraction of a second, with ``ReadStopped``; called by the storing
    /// thread when it gives up on the file, so it never waits on a source
    /// that has gone quiet. Reads of regular files do not wait and go on.
    func stopWaiting() { stopRequest.set() }

    /// Thrown by a read that ``stopWaiting()`` interrupted.
    struct ReadStopped: Error {}

    private func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var buffer = buffer
        if let limit {
            guard bytesRead < limit else { return 0 }
            buffer = UnsafeMutableRawBufferPointer(rebasing: buffer.prefix(limit - bytesRead))
        }
        while true {
            if size == nil {
                // A pipe or terminal may stay silent; wait in short slices so a stop request is seen.
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&waiting, 1, 200)
                if stopRequest.isSet { throw ReadStopped() }
                if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            }
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count > 0 {
                let bytes = UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)
                hasher?.update(bytes)
                verification?.feed(bytes)
                bytesRead += count
            }
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Reads whatever is left, so the digest covers the whole input (ingest
    /// never calls it: what it records is what it parsed).
    func drain() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        peeked.removeAll()
        while try readRaw(into: buffer) > 0 {}
    }

    /// The SHA-256 of the bytes read so far, lowercase hex.
    var sha256: String {
        guard let hasher else { preconditionFailure("RawInput(hashing: false) keeps no digest") }
        return SHA256.hex(hasher.finalize())
    }

    /// The whole input's SHA-256 and size, reading it once without parsing
    /// (so a file ingested before is recognised at the cost of a hash).
    static func digest(path: String) throws -> (sha256: String, size: Int) {
        let input = try RawInput(path: path)
        try input.drain()
        return (input.sha256, input.bytesRead)
    }
}

/// A flag one thread sets and another reads.
private final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
