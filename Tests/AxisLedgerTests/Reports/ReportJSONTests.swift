import Foundation
import Testing
@testable import AxisLedger

/// report.json and reconciliation.json against the CSV files written beside
/// them: every amount and count of usage.csv, invoice_lines.csv, flags_402.csv
/// and reconciliation.csv is in the JSON, as the same text, and amounts are
/// never JSON numbers.
struct ReportJSONTests {
    static func demo() throws -> DemoOutput { try DemoOutput.shared.get() }

    /// A JSON member as text, null as "" (the CSV's empty field), integers as digits. Amounts must be strings.
    static func cell(_ value: Any?) -> String {
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return ""
        }
    }

    @Test func usageCSVRowsAreTheUsageMembersWithEveryCount() throws {
        let demo = try Self.demo()
        let json = try demo.json("report.json")
        #expect(json["schema"] as? String == "axis-ledger/report/1")
        let usage = try #require(json["usage"] as? [[String: Any]])
        let rows = try demo.csv("usage.csv")
        #expect(rows.count == usage.count && !rows.isEmpty)
        for (row, member) in zip(rows, usage) {
            #expect(row["month"] == json["month"] as? String)
            #expect(row["currency"] == json["currency"] as? String)
            for column in ["org_id", "plan", "version", "amount"] {
                #expect(row[column] == Self.cell(member[column]), "usage \(column)")
            }
            for column in ["generations", "included", "billable"] {
                #expect(member[column] is Int, "\(column) is an integer")
                #expect(row[column] == Self.cell(member[column]), "usage \(column)")
            }
            #expect(member["amount"] is String, "amounts are strings")
        }
        let totals = try #require(json["totals"] as? [String: Any])
        let generations = try #require(totals["generations"] as? [String: Int])
        #expect(generations["total"] == rows.reduce(0) { $0 + Int($1["generations"]!)! })
        #expect(generations["v2"] == rows.filter { $0["version"] == "v2" }.reduce(0) { $0 + Int($1["generations"]!)! })
    }

    @Test func invoiceLinesCSVRowsAreTheStatementsLinesInOrder() throws {
        let demo = try Self.demo()
        let json = try demo.json("report.json")
        let statements = try #require(json["statements"] as? [[String: Any]])
        var members: [(statement: [String: Any], line: [String: Any])] = []
        for statement in statements {
            for line in try #require(statement["lines"] as? [[String: Any]]) { members.append((statement, line)) }
        }
        let rows = try demo.csv("invoice_lines.csv")
        #expect(rows.count == members.count && rows.count > statements.count)
        for (row, member) in zip(rows, members) {
            #expect(row["org_id"] == Self.cell(member.statement["org_id"]))
            #expect(row["plan"] == Self.cell(member.statement["plan"]))
            for column in ["line", "version", "description", "quantity", "unit_price", "amount"] {
                #expect(row[column] == Self.cell(member.line[column]), "invoice line \(column)")
            }
            #expect(member.line["quantity"] is Int)
            #expect(member.line["amount"] is String)
            if row["line"] == "total" { #expect(row["amount"] == Self.cell(member.statement["total"])) }
        }
        // The amount due is the statements' totals added up, as exact decimals.
        let due = rows.filter { $0["line"] == "total" }.reduce(Decimal(0)) { $0 + Decimal(string: $1["amount"]!)! }
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(Decimal(string: try #require(totals["amount_due"] as? String)) == due)
        #expect(totals["statements"] as? Int == statements.count)
    }

    @Test func flags402CSVRowsAreTheEventsAndTheSummaryCountsThem() throws {
        let demo = try Self.demo()
        let json = try demo.json("report.json")
        let events402 = try #require(json["events_402"] as? [String: Any])
        let events = try #require(events402["events"] as? [[String: Any]])
        let rows = try demo.csv("flags_402.csv")
        #expect(rows.count == events.count && !rows.isEmpty)
        for (row, event) in zip(rows, events) {
            for column in ["org_id", "version", "occurred_at", "request_id", "idempotency_key"] {
                #expect(row[column] == Self.cell(event[column]), "402 \(column)")
            }
            let source = try #require(event["source"] as? [String: Any])
            #expect(source["line"] is Int)
            #expect(row["source"] == "\(Self.cell(source["file"])):\(Self.cell(source["line"]))")
        }
        let summary = try #require(events402["summary"] as? [[String: Any]])
        for org in summary {
            let id = Self.cell(org["org_id"])
            #expect(org["events"] as? Int == rows.filter { $0["org_id"] == id }.count)
        }
        #expect(summary.reduce(0) { $0 + ($1["events"] as? Int ?? 0) } == rows.count)
        #expect((json["totals"] as? [String: Any])?["events_402"] as? Int == rows.count)
    }

    @Test func reconciliationJSONHasEveryDiscrepancyOfTheCSVAndReportJSONItsVerdict() throws {
        let demo = try Self.demo()
        let reconciliation = try demo.json("reconciliation.json")
        #expect(reconciliation["schema"] as? String == "axis-ledger/reconciliation/1")
        #expect(reconciliation["verdict"] as? String == "differs")
        let discrepancies = try #require(reconciliation["discrepancies"] as? [[String: Any]])
        let rows = try demo.csv("reconciliation.csv")
        #expect(rows.count == discrepancies.count && !rows.isEmpty)
        for (row, item) in zip(rows, discrepancies) {
            for column in ["kind", "org_id", "version", "reference", "detail"] {
                #expect(row[column] == Self.cell(item[column]), "discrepancy \(column)")
            }
            for (column, member) in [("ledger_value", "ledger"), ("provider_value", "provider"), ("difference", "difference")] {
                let tagged = item[member] as? [String: Any]
                #expect(tagged == nil || tagged!.count == 1)
                #expect(row[column] == Self.cell(tagged?.values.first), "discrepancy \(member)")
                if let amount = tagged?["amount"] { #expect(amount is String) }
            }
        }
        let counts = try #require(reconciliation["counts"] as? [[String: Any]])
        #expect(counts.reduce(0) { $0 + ($1["count"] as? Int ?? 0) } == rows.count)
        // reconcile put the verdict in report.json as it did in report.md.
        let report = try demo.json("report.json")
        let member = try #require(report["reconciliation"] as? [String: Any])
        #expect(member["verdict"] as? String == "differs")
        #expect(member["file"] as? String == "reconciliation.json")
        #expect(try demo.text("report.md").contains("**Differs.**"))
    }

    @Test func amountsAreNeverJSONNumbers() throws {
        let demo = try Self.demo()
        for name in ["report.json", "reconciliation.json"] {
            let text = try demo.text(name)
            // A member whose value is a JSON number with a fraction or exponent: `"x": 12.5`, `"x": 1e3`.
            #expect(text.range(of: #"":\s*-?[0-9]+[.eE]"#, options: .regularExpression) == nil, "\(name) has a non-integer number")
            #expect(text.range(of: #""amount": "[0-9]+\.[0-9]{2}""#, options: .regularExpression) != nil, "the pattern would see an amount")
        }
    }

    @Test func reconcilingTwiceLeavesReportJSONAsAfterOnce() throws {
        let report = ReportJSON.render(MonthReport(data: Self.emptyMonth("2026-10"), pricing: nil))
        #expect(report.hasSuffix("\n  \"reconciliation\": null\n}\n"))
        let member = JSONValue.object([("verdict", .string("matches")), ("counts", .array([]))])
        let once = try #require(ReportJSON.withReconciliation(member, in: report))
        #expect(once.hasSuffix("\n  \"reconciliation\": {\n    \"verdict\": \"matches\",\n    \"counts\": []\n  }\n}\n"))
        #expect(ReportJSON.withReconciliation(member, in: once) == once)
        #expect(try JSONSerialization.jsonObject(with: Data(once.utf8)) is [String: Any])
        #expect(ReportJSON.withReconciliation(member, in: "{\"other\": 1}\n") == nil, "a file from elsewhere is left alone")
    }

    static func emptyMonth(_ month: String) -> MonthData {
        let none = MonthData.Percentiles(count: 0, p50: nil, p95: nil)
        return MonthData(month: month, usage: [], activeOrgs: [], events402: [], billedTimesByOrg: [:], dailyGenerations: [],
                         anomalies: [], responseStatuses: [], attemptStatuses: [], rateLimited: (0, none, nil),
                         semanticTranslation: none, providerLatency: none, rejects: [], files: [])
    }

    @Test func stringsAreEscapedAsJSONAndMembersKeepTheirOrder() throws {
        let value = JSONValue.object([("z", .string("a\"b\\c\n\u{1}\u{2028}é")), ("a", .int(-3)), ("m", .array([.null, .bool(true)]))])
        let text = value.rendered()
        #expect(text == "{\n  \"z\": \"a\\\"b\\\\c\\n\\u0001\\u2028é\",\n  \"a\": -3,\n  \"m\": [\n    null,\n    true\n  ]\n}\n")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["z"] as? String == "a\"b\\c\n\u{1}\u{2028}é")
    }
}

/// Reads RFC 4180 CSV as axis-ledger writes it (CRLF records, quoted fields)
/// into records keyed by the header, for comparing with the JSON.
enum CSVTestReader {
    static func records(_ text: String) throws -> [[String: String]] {
        var rows: [[String]] = []
        var row: [String] = [], field = "", quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                row.append(field); field = ""
            } else if scalar == "\r", scalars.first == "\n" {
                scalars.removeFirst()
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        let header = try #require(rows.first)
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

/// The demo's output, made once for every suite that reads it (a run of the
/// demo takes seconds) and removed when the test process ends.
final class DemoOutput: Sendable {
    static let shared = Result { try DemoOutput() }
    let root: String
    let month: URL

    private init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("axis-ledger-demo-\(UUID().uuidString)").path
        _ = try Demo(folder: root).run()
        month = URL(fileURLWithPath: root).appendingPathComponent("reports/\(Demo.sample.month)")
        atexit { if case .success(let demo) = DemoOutput.shared { try? FileManager.default.removeItem(atPath: demo.root) } }
    }

    func text(_ name: String) throws -> String { try String(contentsOf: month.appendingPathComponent(name), encoding: .utf8) }

    func json(_ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: month.appendingPathComponent(name))) as? [String: Any])
    }

    func csv(_ name: String) throws -> [[String: String]] { try CSVTestReader.records(try text(name)) }
}
