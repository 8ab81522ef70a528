import Foundation
@testable import AxisLedger

/// A generated sample read back: the raw lines, each response line parsed
/// with `JSONSerialization`, each CSV row split into cells, and the summary.
/// The default month (as `axis-ledger sample` writes it) is generated once
/// and shared by the tests that only read it.
struct SampleFixture {
    var summary: SampleSummary
    var responseBytes: Data
    var requestBytes: Data
    var responseLines: [String]
    /// CSV lines after the header.
    var requestLines: [String]
    var header: String
    /// Each response line parsed, nil where it is not a JSON object.
    var parsed: [SampleRecord?]
    var rows: [SampleRow]

    nonisolated(unsafe) static let standard = try! SampleFixture(SampleConfiguration())
    nonisolated(unsafe) static let withBadLines = try! SampleFixture(SampleConfiguration(records: 5_000, withBadLines: true))

    init(_ configuration: SampleConfiguration) throws {
        let directory = try TemporaryDirectory()
        summary = try SampleGenerator(configuration: configuration).write(to: directory.url)
        responseBytes = try Data(contentsOf: summary.responsesFile)
        requestBytes = try Data(contentsOf: summary.requestsFile)
        responseLines = String(decoding: responseBytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var csv = String(decoding: requestBytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if responseLines.last == "" { responseLines.removeLast() }
        if csv.last == "" { csv.removeLast() }
        header = csv.removeFirst()
        requestLines = csv
        parsed = responseLines.map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).map { SampleRecord(json: $0) }
        }
        rows = csv.map { SampleRow(cells: $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)) }
    }

    /// The parsed response records; every line of a sample without bad lines parses.
    var records: [SampleRecord] { parsed.compactMap { $0 } }
}

/// One response record, with typed access to the fields the tests look at.
struct SampleRecord {
    var json: [String: Any]
    /// The timestamp parsed, nil when it is missing or not ISO 8601 with an offset.
    var parsedInstant: Date?

    init(json: [String: Any]) {
        self.json = json
        parsedInstant = (json["timestamp"] as? String).flatMap(SampleTimestamps.parse)
    }

    var timestamp: String { json["timestamp"] as! String }
    var instant: Date { parsedInstant! }
    var orgId: String { json["orgId"] as! String }
    var endpoint: String { json["endpoint"] as! String }
    var httpStatus: Int { json["httpStatus"] as! Int }
    var idempotencyKey: String { json["idempotencyKey"] as! String }
    var request: [String: Any]? { json["request"] as? [String: Any] }
    var response: [String: Any] { json["response"] as! [String: Any] }
    var generationId: String? { response["generationId"] as? String }
    /// The top-level requestId, else the error body's.
    var requestId: String? { (json["requestId"] as? String) ?? (response["requestId"] as? String) }
    var durationMs: Int? { json["durationMs"] as? Int }
    var version: String { endpoint.contains("/v1/") ? "v1" : "v2" }
    var isBillable: Bool { httpStatus == 200 && response["success"] as? Bool == true && generationId != nil }
}

/// One request-log row; a missing cell reads as empty (the ragged bad row has some).
struct SampleRow {
    var cells: [String]

    func cell(_ index: Int) -> String { cells.indices.contains(index) ? cells[index] : "" }

    var timestamp: String { cell(0) }
    var orgId: String { cell(1) }
    var endpoint: String { cell(2) }
    /// -1 when the cell is not a number.
    var httpStatus: Int { Int(cell(3)) ?? -1 }
    var method: String { cell(4) }
    var idempotencyKey: String { cell(5) }
    var requestId: String { cell(6) }
    var durationMs: Int? { Int(cell(7)) }
    var retryAfter: Int? { Int(cell(8)) }
    var rateLimitRemaining: Int? { Int(cell(9)) }
}

/// ISO 8601 parsing independent of the code under test.
enum SampleTimestamps {
    nonisolated(unsafe) private static let withFraction: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
    nonisolated(unsafe) private static let withoutFraction = ISO8601DateFormatter()

    static func parse(_ text: String) -> Date? {
        withFraction.date(from: text) ?? withoutFraction.date(from: text)
    }

    /// `YYYY-MM` of an instant in UTC.
    static func utcMonth(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year!, parts.month!)
    }

    /// The UTC minute an instant falls in, as minutes since the epoch.
    static func utcMinute(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 60).rounded(.down))
    }
}
