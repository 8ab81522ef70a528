/// What becomes of one input line, decided before the database sees it.
enum LineVerdict {
    /// A record to store, unless its line (by its hash) was stored before.
    case record(BindableRow)
    /// A line to quarantine with its reason, unless it was quarantined before.
    case reject(line: Int, storedLine: [UInt8], reason: String, hash: [UInt8])
    /// An empty or whitespace-only line, counted and skipped.
    case blank

    /// The bytes it holds: a stored record's values, or a reject's line.
    var byteCount: Int {
        switch self {
        case .record(let row): return row.byteCount
        case .reject(_, let storedLine, let reason, _): return storedLine.count + reason.utf8.count
        case .blank: return 0
        }
    }
}

/// Reads a file's lines and decides each one's ``LineVerdict``: the format
/// from the name or the first non-blank line, then a parsed record with its
/// line hash, or a reject with its reason. It touches no database, so it can
/// run on its own thread while another stores what it decided.
struct LineClassifier {
    let path: String
    let options: IngestOptions
    /// For a grown log read on from the middle (``ReadPlan``): the format its
    /// earlier ingest read it as, and a CSV file's header row, which lies before the lines read.
    var resumedFormat: InputFormat?
    var csvHeader: (bytes: [UInt8], line: Int)?

    init(path: String, options: IngestOptions, resumedFormat: InputFormat? = nil, csvHeader: (bytes: [UInt8], line: Int)? = nil) {
        self.path = path
        self.options = options
        self.resumedFormat = resumedFormat
        self.csvHeader = csvHeader
    }

    /// Sends every line's verdict to `emit`, in input order, and returns the format.
    func classify(_ lines: inout LineReader, emit: (LineVerdict) throws -> Void) throws -> InputFormat {
        let mapper = options.profile.map { ProfileMapper(profile: $0) }
        // A profile says the format; without one, the name or the first line does.
        var format = mapper.map { InputFormat(profileFormat: $0.profile.format) } ?? resumedFormat ?? InputFormat.fromName(path)
        var csv: CSVRequestLogParser?
        if let header = csvHeader { csv = try csvParser(headerLine: header.bytes, lineNumber: header.line, mapper: mapper) }
        let json = JSONLineParser(forcedKind: options.forcedKind)
        while let line = try lines.next() {
            // A line cut at the limit inside a quoted CSV field belongs to that record, which ends there, cut too.
            if line.truncated, csv?.isInsideQuotedField == true {
                try emit(Self.verdict(csv!.feedCutLine(line.bytes, fullLength: line.fullLength, lineNumber: line.number)))
                continue
            }
            if line.truncated {
                let prefix = LongLinePrefixRedactor.redact(line.bytes, csv: csv?.isInsideQuotedField == false ? csv : nil)
                try emit(Self.reject(line: line.number, storedLine: prefix,
                                     reason: "line is \(line.fullLength) bytes long, over the \(LineReader.maximumLineLength / (1024 * 1024)) MiB limit; its first \(line.bytes.count) bytes are kept here"))
                continue
            }
            // A blank line is skipped, unless it is inside a quoted CSV field, where it is part of the value.
            if csv?.isInsideQuotedField != true, InputFormat.isBlank(line.bytes) {
                try emit(.blank)
                continue
            }
            let resolved = format ?? InputFormat.sniff(line.bytes)
            format = resolved
            switch resolved {
            case .jsonl:
                try emit(Self.verdict(mapper?.parse(jsonLine: line.bytes) ?? json.parse(line.bytes), line: line.number))
            case .csv:
                if csv == nil {
                    csv = try csvParser(headerLine: line.bytes, lineNumber: line.number, mapper: mapper)
                    continue
                }
                // A physical line inside a quoted field is part of the row, not a record of its own.
                if let row = csv!.feed(line.bytes, lineNumber: line.number, endedBy: line.ending) {
                    try emit(Self.verdict(row))
                }
            }
        }
        if let row = csv?.finish() { try emit(Self.verdict(row)) }
        return format ?? .jsonl
    }

    /// The parser of a CSV file's records, from its header row.
    private func csvParser(headerLine: [UInt8], lineNumber: Int, mapper: ProfileMapper?) throws -> CSVRequestLogParser {
        if let mapper { return try Self.profileCSV(headerLine: headerLine, lineNumber: lineNumber, mapper: mapper, path: path) }
        if options.forcedKind == .responses {
            throw IngestError.csvGivenAsResponses(path: path, line: lineNumber)
        }
        do {
            return try CSVRequestLogParser(headerLine: headerLine)
        } catch {
            throw IngestError.badCSVHeader(path: path, line: lineNumber, reason: "\(error)")
        }
    }

    private static func verdict(_ parsed: ParsedLine, line: Int) -> LineVerdict {
        switch parsed.result {
        case .success(let record):
            return .record(BindableRow(record, line: line, hash: RecordWriter.lineHash(parsed.storedLine)))
        case .failure(let reason):
            return reject(line: line, storedLine: parsed.storedLine, reason: reason.message)
        }
    }

    private static func verdict(_ row: CSVRow) -> LineVerdict {
        verdict(ParsedLine(storedLine: row.storedLine, result: row.mapped ?? row.result.map { .request($0) }), line: row.firstLineNumber)
    }

    /// A CSV parser whose records the profile maps, its header checked against the profile's columns.
    private static func profileCSV(headerLine: [UInt8], lineNumber: Int, mapper: ProfileMapper, path: String) throws -> CSVRequestLogParser {
        var parser: CSVRequestLogParser
        do {
            parser = try CSVRequestLogParser(headerLine: headerLine, requiringContractColumns: false)
            try mapper.checkHeader(parser.columns)
        } catch let error as RejectReason {
            throw IngestError.badCSVHeader(path: path, line: lineNumber, reason: error.message)
        } catch {
            throw IngestError.badCSVHeader(path: path, line: lineNumber, reason: "\(error)")
        }
        parser.cellMapper = { columns, values in mapper.parse(columns: columns, values: values) }
        return parser
    }

    private static func reject(line: Int, storedLine: [UInt8], reason: String) -> LineVerdict {
        .reject(line: line, storedLine: storedLine, reason: reason, hash: RecordWriter.lineHash(storedLine))
    }
}
