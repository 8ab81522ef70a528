import Foundation

/// Whether a file only grew since an earlier ingest read its first bytes:
/// the SHA-256 of its first `ingestedBytes` bytes must equal the SHA-256
/// recorded for the bytes ingested then. It reads those bytes once, hashing
/// them as they pass, and counts their lines the way ``LineReader`` does, so
/// the next line's number is known without the ledger's help (files
/// ingested before schema version 10 recorded no line numbers).
///
/// It touches no database: the caller says what was recorded.
struct PrefixCheck {
    /// What the earlier ingest recorded of the file.
    struct Recorded: Equatable {
        /// `ingested_files.size_bytes`: the bytes read, from byte 0.
        var ingestedBytes: Int
        /// `ingested_files.sha256` of those bytes, lowercase hex.
        var sha256: String
        /// The format they were read as: a CSV file's quotes decide where a record may start.
        var format: InputFormat
    }

    enum Outcome: Equatable {
        /// The recorded bytes are the file's first bytes, and more follow: read from `resume`.
        case grown(ResumePoint)
        /// The file is shorter than the bytes ingested (rotated, truncated, or replaced).
        case shorter(sizeNow: Int)
        /// The first bytes are not the bytes ingested: it changed in the middle.
        case changed
        /// The recorded bytes are intact, but the place they end cannot be continued from: why.
        case cannotContinue(String)
    }

    let path: String
    let recorded: Recorded

    /// Reads the file's first bytes; throws only when the file cannot be read at all.
    func run() throws -> Outcome {
        if let bySize = try recorded.outcomeBySize(of: path) { return bySize }
        let n = recorded.ingestedBytes
        // The scan hashes the bytes itself: it needs the state at the last line's start too.
        let raw = try RawInput(path: path, limit: n + 2, hashing: false)
        var scan = Scan(csv: recorded.format == .csv)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        // Up to n: hashed, counted; the two bytes after it say whether the last line had ended.
        var after: [UInt8] = []
        while true {
            let count = try raw.read(into: buffer)
            if count == 0 { break }
            let mine = min(count, max(0, n - scan.bytes))
            if mine > 0 { scan.take(UnsafeRawBufferPointer(rebasing: buffer.prefix(mine))) }
            if count > mine { after += buffer[mine..<count] }
        }
        guard scan.bytes == n, SHA256.hex(scan.hasher.finalize()) == recorded.sha256 else { return .changed }
        return scan.resumePoint(bytesAfter: after)
    }

    /// The running state of the scan of the recorded bytes.
    struct Scan {
        let csv: Bool
        var hasher = SHA256()
        /// The hash of the bytes up to and including the last line feed seen, for reading that last line again.
        var hasherAtLastLineStart = SHA256()
        var bytes = 0
        var lineFeeds = 0
        /// Where the last line (after the last line feed) begins.
        var lastLineStart = 0
        /// Double quotes seen, and seen up to the last line's start (CSV: odd means inside a quoted field).
        var quotes = 0
        var quotesAtLastLineStart = 0
        /// The first byte of the file was read (a lone CR before the end is dropped, see ``LineReader``).
        var lastByte: UInt8?

        init(csv: Bool) { self.csv = csv }

        mutating func take(_ chunk: UnsafeRawBufferPointer) {
            guard let base = chunk.baseAddress, chunk.count > 0 else { return }
            var rest = UnsafeRawBufferPointer(start: base, count: chunk.count)
            // Hash up to each chunk's last line feed, note the state there, then the rest.
            if let last = memrchrCompat(base, 0x0A, chunk.count) {
                let upTo = last - base + 1
                let head = UnsafeRawBufferPointer(start: base, count: upTo)
                hasher.update(head)
                lineFeeds += Self.count(0x0A, in: head)
                if csv { quotes += Self.count(0x22, in: head) }
                hasherAtLastLineStart = hasher
                quotesAtLastLineStart = quotes
                lastLineStart = bytes + upTo
                rest = UnsafeRawBufferPointer(start: base + upTo, count: chunk.count - upTo)
            }
            if rest.count > 0 {
                hasher.update(rest)
                if csv { quotes += Self.count(0x22, in: rest) }
            }
            bytes += chunk.count
            lastByte = chunk[chunk.count - 1]
        }

        /// Where to read on from, given the bytes just past the recorded ones.
        func resumePoint(bytesAfter after: [UInt8]) -> PrefixCheck.Outcome {
            let endedWithLineFeed = bytes == 0 || lastByte == 0x0A
            if endedWithLineFeed {
                if csv, quotes % 2 == 1 {
                    return .cannotContinue("its last CSV record was still open inside a quoted field when it was read")
                }
                return .grown(ResumePoint(byteOffset: bytes, firstLine: lineFeeds + 1, hashedSoFar: hasher, rereadsCutLine: false))
            }
            // The last line had no line ending. If it ends now right where it stopped, it was read whole then.
            let cutLine = lineFeeds + 1
            if after.first == 0x0A || (lastByte != 0x0D && after.starts(with: [0x0D, 0x0A])) {
                var h = hasher
                let ending = after.first == 0x0A ? 1 : 2
                h.update(after.prefix(ending))
                return .grown(ResumePoint(byteOffset: bytes + ending, firstLine: cutLine + 1, hashedSoFar: h, rereadsCutLine: false,
                                          endedLineAfterwards: true))
            }
            // It was cut: read it again whole from its start, under its own number.
            if csv, quotesAtLastLineStart % 2 == 1 {
                return .cannotContinue("its last CSV record was still open inside a quoted field when it was read")
            }
            return .grown(ResumePoint(byteOffset: lastLineStart, firstLine: cutLine, hashedSoFar: hasherAtLastLineStart, rereadsCutLine: true))
        }

        static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
            var n = 0
            var at = bytes.baseAddress!
            var left = bytes.count
            while left > 0, let found = memchr(at, Int32(byte), left) {
                n += 1
                let step = UnsafeRawPointer(found) - at + 1
                at += step
                left -= step
            }
            return n
        }
    }
}

extension PrefixCheck.Recorded {
    /// What the file's size alone says: shorter than the bytes ingested (rotated, truncated or replaced),
    /// or the same size (changed: a file of the very bytes ingested was recognised before any plan);
    /// nil when it is longer, and its first bytes decide.
    func outcomeBySize(of path: String) throws -> PrefixCheck.Outcome? {
        var info = stat()
        guard stat(path, &info) == 0 else { throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        if size < ingestedBytes { return .shorter(sizeNow: size) }
        if size == ingestedBytes { return .changed }
        return nil
    }
}

/// The last `byte` in the `count` bytes at `base` (memrchr, which Glibc has and Darwin lacks).
private func memrchrCompat(_ base: UnsafeRawPointer, _ byte: UInt8, _ count: Int) -> UnsafeRawPointer? {
    var i = count - 1
    let bytes = base.assumingMemoryBound(to: UInt8.self)
    while i >= 0 {
        if bytes[i] == byte { return base + i }
        i -= 1
    }
    return nil
}

/// Where an ingest of a grown file begins reading, and what the bytes before it hash to.
struct ResumePoint: Equatable {
    /// The first byte read.
    var byteOffset: Int
    /// The physical number of the first line read (the file's own line numbers go on).
    var firstLine: Int
    /// The SHA-256 state after the file's first `byteOffset` bytes, so the part's digest is of every byte from 0;
    /// nil when a ``PrefixVerification`` hashes those bytes while the part is read (``PrefixBoundary``).
    var hashedSoFar: SHA256?
    /// The last line read before had no line ending and has grown since: it is read again whole.
    var rereadsCutLine: Bool
    /// The last line read before had no line ending and has one now, nothing more: it was read whole then.
    var endedLineAfterwards = false

    static func == (a: ResumePoint, b: ResumePoint) -> Bool {
        a.byteOffset == b.byteOffset && a.firstLine == b.firstLine && a.rereadsCutLine == b.rereadsCutLine
            && a.endedLineAfterwards == b.endedLineAfterwards && a.hashedSoFar?.finalize() == b.hashedSoFar?.finalize()
    }
}
