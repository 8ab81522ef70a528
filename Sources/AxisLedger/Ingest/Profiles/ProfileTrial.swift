/// `profile try`: maps the first lines of a log with a profile and says, per
/// line, the record it would store or why it would be rejected. It stores
/// nothing and opens no ledger.
public enum ProfileTrial {
    /// One line tried: its first line number, and the documented JSON line or the reject reason.
    public struct Line: Sendable, Equatable {
        public var number: Int
        public var outcome: Result<String, RejectReason>
    }

    /// - Parameters:
    ///   - path: the log (plain or gzip), `-` for standard input.
    ///   - limit: how many lines (records, for CSV) to try; blank lines do not count.
    /// - Throws: ``IngestError`` when the log cannot be read, or its CSV header does not fit the profile.
    public static func run(_ profile: InputProfile, path: String, limit: Int) throws -> [Line] {
        let mapper = ProfileMapper(profile: profile)
        let raw = try RawInput(path: path)
        let compressed = try raw.peek(2) == [0x1F, 0x8B]
        let source: ByteSource = compressed ? try GzipSource(upstream: raw, path: path) : raw
        var lines = LineReader(source: UTF8CheckedSource(upstream: source, path: path, compressed: compressed))
        var tried: [Line] = []
        var csv: CSVRequestLogParser?
        func take(_ row: CSVRow) {
            let outcome = (row.mapped ?? row.result.map { .request($0) }).map(\.documentedLine)
            tried.append(Line(number: row.firstLineNumber, outcome: outcome))
        }
        while tried.count < limit, let line = try lines.next() {
            if line.truncated {
                tried.append(Line(number: line.number, outcome: .failure(.short("line is \(line.fullLength) bytes long, over the \(LineReader.maximumLineLength / (1024 * 1024)) MiB limit"))))
                continue
            }
            if csv?.isInsideQuotedField != true, InputFormat.isBlank(line.bytes) { continue }
            switch profile.format {
            case .jsonl:
                tried.append(Line(number: line.number, outcome: mapper.parse(jsonLine: line.bytes).result.map(\.documentedLine)))
            case .csv:
                guard csv != nil else {
                    do {
                        var parser = try CSVRequestLogParser(headerLine: line.bytes, requiringContractColumns: false)
                        try mapper.checkHeader(parser.columns)
                        parser.cellMapper = { columns, values in mapper.parse(columns: columns, values: values) }
                        csv = parser
                    } catch let error as RejectReason {
                        throw IngestError.badCSVHeader(path: InputPath.redacted(path), line: line.number, reason: error.message)
                    } catch {
                        throw IngestError.badCSVHeader(path: InputPath.redacted(path), line: line.number, reason: "\(error)")
                    }
                    continue
                }
                if let row = csv!.feed(line.bytes, lineNumber: line.number, endedBy: line.ending) { take(row) }
            }
        }
        if tried.count < limit, let row = csv?.finish() { take(row) }
        return tried
    }
}
