import Foundation

/// `sample --profile`: the sample month with the file of the profile's kind
/// written in the profile's shape, so that a user sees their shape round-trip
/// and tests ingest the same month in several shapes and compare every figure.
///
/// The documented file (`responses.jsonl` or `requests.csv`) is replaced by
/// `responses.NAME.jsonl` (or `requests.NAME.jsonl`, `.csv` for a CSV
/// profile). Each good line is written from its documented form by
/// ``ProfileShapeWriter``; a line that is not a record (the bad lines of
/// `--with-bad-lines`) is copied as it is, on one line, so it is rejected in
/// either shape and the rejects count is the same.
public enum SampleProfileShape {
    /// The file written, and how many lines it holds (a CSV header not counted).
    public struct Written: Sendable {
        public var path: String
        public var records: Int
    }

    public static func fileName(for profile: InputProfile) -> String {
        let base = profile.kind == .responses ? "responses" : "requests"
        return "\(base).\(profile.name).\(profile.format.rawValue)"
    }

    public static func rewrite(folder: URL, profile: InputProfile) throws -> Written {
        let writer = ProfileShapeWriter(profile: profile)
        let documentedName = profile.kind == .responses ? SampleGenerator.responsesFileName : SampleGenerator.requestsFileName
        let documentedURL = folder.appendingPathComponent(documentedName)
        let target = folder.appendingPathComponent(fileName(for: profile))
        guard let data = FileManager.default.contents(atPath: documentedURL.path) else {
            throw SampleWriteError(path: documentedURL.path, reason: "cannot read the documented sample file back")
        }
        var out: [String] = []
        if profile.format == .csv { out.append(writer.csvHeader) }
        var records = 0
        let lines = Array(data).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if profile.kind == .responses {
            for line in lines where !line.isEmpty {
                let bytes = Array(line)
                out.append(writer.write(documentedLine: bytes) ?? String(decoding: bytes, as: UTF8.self))
                records += 1
            }
        } else {
            var parser: CSVRequestLogParser?
            for (index, line) in lines.enumerated() where !(line.isEmpty && parser?.isInsideQuotedField != true) {
                guard parser != nil else {
                    parser = try? CSVRequestLogParser(headerLine: Array(line))
                    continue
                }
                guard let row = parser!.feed(Array(line), lineNumber: index + 1) else { continue }
                out.append(shaped(row, writer))
                records += 1
            }
            if let row = parser?.finish() {
                out.append(shaped(row, writer))
                records += 1
            }
        }
        do {
            try Data((out.joined(separator: "\n") + "\n").utf8).write(to: target)
            try FileManager.default.removeItem(at: documentedURL)
        } catch {
            throw SampleWriteError(path: target.path, reason: error.localizedDescription)
        }
        return Written(path: target.path, records: records)
    }

    /// A request-log row in the profile's shape, or (a bad row) its text on one line.
    private static func shaped(_ row: CSVRow, _ writer: ProfileShapeWriter) -> String {
        switch row.result {
        case .success(let attempt): return writer.write(.request(attempt))
        case .failure: return String(decoding: row.storedLine.map { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        }
    }
}
