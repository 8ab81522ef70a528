/// One generation the provider recorded as billed.
public struct ProviderUsageRow: Sendable, Equatable {
    /// 1-based line of the file.
    public var line: Int
    public var generationId: String
    public var orgId: String
    public var version: APIVersion
    public var billedAt: Timestamp
}

/// Streams a provider usage export, CSV or JSON Lines (docs/reconciliation.md),
/// one checked row at a time, so a month of a million generations never sits
/// in memory. The format is told by the first non-blank line: `{` starts JSON
/// Lines, anything else is a CSV header.
public struct ProviderUsageExportReader {
    public static let csvColumns = ["generation_id", "org_id", "version", "timestamp"]
    /// JSON keys: the snake_case names, or the camelCase ones of the ledger's own input.
    static let jsonKeys: [(field: Int, names: [String])] = [
        (0, ["generation_id", "generationId"]), (1, ["org_id", "orgId"]), (2, ["version"]), (3, ["timestamp"]),
    ]

    public enum Format: String, Sendable { case csv, jsonl }

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Calls `body` with every good row in file order, then throws the bad
    /// rows found (with their line numbers), if any.
    /// - Returns: the format read and the file's SHA-256.
    @discardableResult
    public func forEachRow(_ body: (ProviderUsageRow) throws -> Void) throws -> (format: Format, sha256: String) {
        var problems = ProviderProblemList(file: path)
        let format = try detectFormat()
        switch format {
        case .csv:
            var reader = try ProviderCSVReader(path: path, required: Self.csvColumns, optional: [])
            while let next = try reader.next() {
                switch next {
                case .failure(let problem):
                    problems.add(line: problem.line, problem.message)
                case .success(let record):
                    let fields = Self.csvColumns.map { record[$0] }
                    if let row = check(line: record.line, fields: fields, problems: &problems) { try body(row) }
                }
            }
            try problems.throwIfAny()
            return (.csv, reader.lines.sha256)
        case .jsonl:
            let lines = try ProviderFileLines(path: path)
            while let line = try lines.next() {
                if line.bytes.allSatisfy(\.isASCIIWhitespace) { continue }
                if let fields = jsonFields(line, problems: &problems),
                   let row = check(line: line.number, fields: fields, problems: &problems) {
                    try body(row)
                }
            }
            try problems.throwIfAny()
            return (.jsonl, lines.sha256)
        }
    }

    private func detectFormat() throws -> Format {
        let lines = try ProviderFileLines(path: path)
        while let line = try lines.next() {
            guard let first = line.bytes.first(where: { !$0.isASCIIWhitespace }) else { continue }
            return first == UInt8(ascii: "{") ? .jsonl : .csv
        }
        throw ProviderFileError(ProviderFileProblem(file: path, line: nil,
            message: "the file is empty; expected a CSV header \(Self.csvColumns.joined(separator: ",")) or JSON Lines"))
    }

    /// The four fields of a JSON line, in ``csvColumns`` order; nil after adding a problem.
    private func jsonFields(_ line: InputLine, problems: inout ProviderProblemList) -> [String]? {
        let tape: JSONTape
        do {
            tape = try JSONTape(parsing: line.bytes)
        } catch {
            problems.add(line: line.number, error.description)
            return nil
        }
        guard tape.kind(tape.root) == .object else {
            problems.add(line: line.number, "is \(tape.typeDescription(tape.root)), not a JSON object")
            return nil
        }
        var fields: [String?] = [nil, nil, nil, nil]
        var ok = true
        for (key, value) in tape.members(of: tape.root) {
            let name = tape.string(key)
            guard let field = Self.jsonKeys.first(where: { $0.names.contains(name) })?.field else { continue }
            guard tape.kind(value) == .string else {
                problems.add(line: line.number, "\(name) is \(tape.typeDescription(value)), not a string")
                ok = false
                fields[field] = ""  // present, so not also reported as missing
                continue
            }
            if fields[field] != nil {
                problems.add(line: line.number, "\(Self.csvColumns[field]) is given twice (\(Self.jsonKeys[field].names.joined(separator: " and ")) are the same field)")
                ok = false
            }
            fields[field] = tape.string(value)
        }
        let missing = fields.indices.filter { fields[$0] == nil }.map { Self.jsonKeys[$0].names[0] }
        if !missing.isEmpty {
            problems.add(line: line.number, "lacks \(missing.joined(separator: ", "))")
            ok = false
        }
        return ok ? fields.map { $0 ?? "" } : nil
    }

    /// A row from its four fields, or nil after adding its problems.
    private func check(line: Int, fields: [String], problems: inout ProviderProblemList) -> ProviderUsageRow? {
        var ok = true
        if fields[0].isEmpty { problems.add(line: line, "generation_id is empty"); ok = false }
        if fields[1].isEmpty { problems.add(line: line, "org_id is empty"); ok = false }
        let version = APIVersion(rawValue: fields[2])
        if version == nil {
            problems.add(line: line, "version \"\(fields[2])\" is unknown; write \(APIVersion.allCases.map(\.rawValue).joined(separator: " or "))")
            ok = false
        }
        var billedAt: Timestamp?
        do {
            billedAt = try Timestamp(rfc3339: fields[3])
        } catch {
            problems.add(line: line, "timestamp \"\(fields[3])\" \(error.problem)")
            ok = false
        }
        guard ok, let version, let billedAt else { return nil }
        return ProviderUsageRow(line: line, generationId: fields[0], orgId: fields[1], version: version, billedAt: billedAt)
    }
}
