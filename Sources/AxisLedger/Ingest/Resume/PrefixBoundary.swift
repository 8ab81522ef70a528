import Foundation

/// Where a grown JSON Lines log's new part begins, found from the few bytes
/// around the end of what was ingested and the last line number recorded
/// then, without reading the bytes before: ``PrefixVerification`` checks
/// those on another core while ingest reads the new part, and the part is
/// rolled back when they turn out not to be the bytes ingested.
///
/// It gives the ``ResumePoint`` ``PrefixCheck`` gives for the same file,
/// with no hash state (``ResumePoint/hashedSoFar`` is nil): the verification
/// provides it. ``PrefixCheck`` reads the whole prefix first, and stays for
/// what this cannot plan: CSV, whose quotes decide where a record may start,
/// and files ingested before schema version 10, which recorded no last line.
struct PrefixBoundary {
    let path: String
    let recorded: PrefixCheck.Recorded
    /// `ingested_files.last_line`: the physical number of the last line read, counted as ``LineReader`` counts.
    let lastLine: Int

    /// Looks at the bytes around the recorded end; throws only when the file cannot be read at all.
    func run() throws -> PrefixCheck.Outcome {
        if let bySize = try recorded.outcomeBySize(of: path) { return bySize }
        let n = recorded.ingestedBytes
        let file = try ReadOnlyFile(path: path)
        let lastByte: UInt8? = n > 0 ? try file.bytes(at: n - 1, count: 1).first : nil
        let endedWithLineFeed = n == 0 || lastByte == 0x0A
        if endedWithLineFeed {
            return .grown(ResumePoint(byteOffset: n, firstLine: lastLine + 1, hashedSoFar: nil, rereadsCutLine: false))
        }
        // The last line had no line ending: the same three cases as PrefixCheck.Scan.resumePoint.
        let after = try file.bytes(at: n, count: 2)
        let cutLine = lastLine
        if after.first == 0x0A || (lastByte != 0x0D && after.starts(with: [0x0D, 0x0A])) {
            let ending = after.first == 0x0A ? 1 : 2
            return .grown(ResumePoint(byteOffset: n + ending, firstLine: cutLine + 1, hashedSoFar: nil, rereadsCutLine: false,
                                      endedLineAfterwards: true))
        }
        let lastLineStart = try file.lineStart(before: n)
        return .grown(ResumePoint(byteOffset: lastLineStart, firstLine: cutLine, hashedSoFar: nil, rereadsCutLine: true))
    }
}

/// A file opened to read bytes at given offsets.
private final class ReadOnlyFile {
    private let path: String
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset`: fewer at the end of the file.
    func bytes(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + got, count - got, off_t(offset + got)) }
            if read < 0, errno == EINTR { continue }
            if read < 0 { throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno))) }
            if read == 0 { break }
            got += read
        }
        return Array(bytes.prefix(got))
    }

    /// Where the line holding byte `end - 1` begins: just after the last line feed before `end`, else 0.
    func lineStart(before end: Int) throws -> Int {
        let step = 1 << 16
        var upTo = end
        while upTo > 0 {
            let from = max(0, upTo - step)
            let chunk = try bytes(at: from, count: upTo - from)
            if let last = chunk.lastIndex(of: 0x0A) { return from + last + 1 }
            upTo = from
        }
        return 0
    }
}
