import Foundation

/// Reads a file ingest recorded again, up to the size it recorded, and
/// counts its lines the way ingest did, for `verify --reread-files`.
///
/// A ledger whose counts agree with its own rows can still have lost lines
/// if it recorded more bytes than it parsed (issue 11: a file growing while
/// it was read). Only the file itself can tell: when its first `size_bytes`
/// bytes still have the recorded SHA-256, they are the bytes ingested, and
/// their lines must be the ones counted.
struct IngestedFileRecount {
    /// Lines as ingest counts them (a CSV header is not a line; a quoted
    /// field over several lines makes one).
    struct Counts: Equatable {
        var lines = 0
        var blank = 0
        /// Good lines: stored or duplicates.
        var records = 0
        /// Bad lines: quarantined now or before.
        var bad = 0
    }

    enum Outcome: Equatable {
        case counted(Counts)
        /// The bytes are not there to count (the file is gone, shorter, or changed since): why.
        case notChecked(String)
        /// The recorded bytes are there but could not be read as ingest read them: why.
        case unreadable(String)
    }

    /// Where the file was (`ingested_files.source_path`), and what ingest recorded of it.
    var path: String
    var sizeBytes: Int
    var sha256: String
    var forcedKind: RecordKind?
    /// For a part of a grown log (schema version 10): where it began reading, the
    /// number of its first line, and the format the file was read as. Its bytes
    /// from 0 are hashed; only its own are counted.
    var startOffset = 0
    var firstLine = 1
    var format: InputFormat = .jsonl

    func run() -> Outcome {
        var info = stat()
        guard path != "-" else { return .notChecked("it was read from standard input") }
        guard stat(path, &info) == 0 else { return .notChecked("\(path) is gone") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .notChecked("\(path) is no longer a regular file") }
        guard Int(info.st_size) >= sizeBytes else {
            return .notChecked("\(path) is now \(info.st_size) bytes, shorter than the \(sizeBytes) ingested")
        }
        let raw: RawInput
        do { raw = try RawInput(path: path, limit: sizeBytes) } catch { return .notChecked("\(error)") }
        var counts = Counts()
        var failure: String?
        do {
            // A part's bytes before its own are hashed, not counted; a part is never compressed.
            let header = startOffset > 0 && format == .csv ? try ReadPlanner.firstNonBlankLine(path, before: startOffset) : nil
            if startOffset > 0 { try raw.skip(startOffset) }
            let compressed = try startOffset == 0 && raw.peek(2) == [0x1F, 0x8B]
            let source: ByteSource = compressed ? try GzipSource(upstream: raw, path: path, limit: .none) : raw
            var lines = LineReader(source: source, firstLineNumber: firstLine)
            defer { lines.close() }
            let classifier = LineClassifier(path: path, options: IngestOptions(forcedKind: forcedKind),
                                            resumedFormat: startOffset > 0 ? format : nil, csvHeader: header)
            _ = try classifier.classify(&lines) { verdict in
                counts.lines += 1
                switch verdict {
                case .blank: counts.blank += 1
                case .record: counts.records += 1
                case .reject: counts.bad += 1
                }
            }
        } catch {
            failure = "\(error)"
        }
        // Whatever was read, the digest says whether these are the bytes ingested.
        if raw.bytesRead < sizeBytes { try? raw.drain() }
        guard raw.bytesRead == sizeBytes, raw.sha256 == sha256 else {
            return .notChecked("its first \(sizeBytes) bytes are not the bytes ingested (the file changed since)")
        }
        if let failure { return .unreadable(failure) }
        return .counted(counts)
    }
}
