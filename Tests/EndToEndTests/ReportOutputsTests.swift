import Foundation
import Testing

/// `axis-ledger report` as programs and people use its outputs: what
/// `--print` sends to standard output, report.json read by Python's own json
/// and csv modules, and statements kept whole when reconcile updates the set.
struct ReportOutputsTests {
    /// A ledger with org_a (3 v2 generations, one 402) and `<script>` (1 v1),
    /// a flat pricing with a monthly minimum, ingested through the command line.
    private func ledgerFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var lines = [("g1", "org_a", "v2", 3), ("g2", "org_a", "v2", 3), ("g3", "org_a", "v2", 4), ("g4", "<script>", "v1", 5)].map { id, org, version, day in
            let endpoint = version == "v1" ? "/v1/generate-image" : "/v2/cinematic-image"
            return #"{"timestamp":"2026-10-0\#(day)T10:15:22.120Z","orgId":"\#(org)","endpoint":"\#(endpoint)","httpStatus":200,"idempotencyKey":"k-\#(id)","requestId":"r-\#(id)","response":{"success":true,"generationId":"\#(id)"}}"#
        }
        lines.append(#"{"timestamp":"2026-10-02T08:00:00.000Z","orgId":"org_a","endpoint":"/v2/cinematic-image","httpStatus":402,"idempotencyKey":"k-x","response":{"success":false,"code":"insufficient_balance","message":"Generation quota or prepaid balance insufficient","requestId":"r-x"}}"#)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("responses.jsonl"))
        try Data("currency: USD\ndefaultPlan: standard\nplans:\n  standard:\n    monthlyMinimum: 1.00\n    v1:\n      unitPrice: 0.04\n    v2:\n      unitPrice: 0.105\n".utf8)
            .write(to: folder.appendingPathComponent("pricing.yaml"))
        let ingest = try CommandRunner.run(["ingest", "--db", "ledger.sqlite", "responses.jsonl"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return folder
    }

    private func report(_ folder: URL, _ extra: [String] = []) throws -> CommandRunner.Result {
        try CommandRunner.run(["report", "--db", "ledger.sqlite", "--month", "2026-10"] + extra, in: folder)
    }

    private func file(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent("reports/2026-10/" + name), encoding: .utf8)
    }

    @Test func printJSONSendsReportJSONsBytesAndMarkdownReportMarkdowns() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = try report(folder, ["--print", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout == (try file(folder, "report.json")))
        #expect(json.stdout.hasPrefix("{\n  \"schema\": \"axis-ledger/report/1\",\n"))
        let markdown = try report(folder, ["--print", "markdown"])
        #expect(markdown.stdout == (try file(folder, "report.md")))
        let none = try report(folder, ["--print", "none"])
        #expect(none.status == 0 && none.stdout.isEmpty)
        let summary = try report(folder)
        #expect(summary.stdout.contains("reports/2026-10/report.json\n"))
        #expect(summary.stdout.contains("reports/2026-10/statements/  2 statements, ORG.md and ORG.html\n"))
        #expect(summary.stdout.contains("2026-10: 4 billed generations"))
        let bad = try report(folder, ["--print", "yaml"])
        #expect(bad.status != 0 && bad.stderr.contains("summary"), "\(bad.stderr)")
    }

    @Test func statementsAreNamedSafelyAndKeptWhenReconcileUpdatesTheSet() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try report(folder).status == 0)
        let statements = folder.appendingPathComponent("reports/2026-10/statements").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: statements).sorted() == ["%3Cscript%3E.html", "%3Cscript%3E.md", "org_a.html", "org_a.md"])
        let html = try file(folder, "statements/%3Cscript%3E.html")
        #expect(html.contains("<h1>&lt;script&gt;</h1>") && !html.contains("<script"))
        let before = try file(folder, "statements/org_a.html")
        #expect(before.contains("<p class=\"amount\">1.00 USD</p>"), "0.315 is topped up to the 1.00 minimum")
        let reconcile = try CommandRunner.run(["reconcile", "--db", "ledger.sqlite", "--month", "2026-10"], in: folder)
        #expect(reconcile.status == 0, "\(reconcile.stdout)\(reconcile.stderr)")
        #expect(try file(folder, "statements/org_a.html") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: statements).count == 4)
        let json = try file(folder, "report.json")
        #expect(json.contains("\n  \"reconciliation\": {\n    \"file\": \"reconciliation.json\",\n    \"verdict\": \"matches\","))
        #expect(try file(folder, "reconciliation.json").hasPrefix("{\n  \"schema\": \"axis-ledger/reconciliation/1\",\n"))
    }

    /// Python's json module, as a client script would use it: amounts are
    /// strings that Decimal takes exactly, counts are ints, and the figures
    /// agree with usage.csv and invoice_lines.csv read by Python's csv module.
    @Test func pythonReadsReportJSONAndItAgreesWithTheCSVFiles() throws {
        let folder = try ledgerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try report(folder).status == 0)
        let script = """
            import csv, json, sys
            from decimal import Decimal
            month = sys.argv[1]
            with open(month + "/report.json", encoding="utf-8") as f:
                report = json.load(f)
            assert report["schema"] == "axis-ledger/report/1", report["schema"]
            usage = list(csv.DictReader(open(month + "/usage.csv", newline="", encoding="utf-8")))
            assert len(usage) == len(report["usage"]) == 2, usage
            for row, member in zip(usage, report["usage"]):
                assert isinstance(member["generations"], int) and not isinstance(member["generations"], bool)
                assert str(member["generations"]) == row["generations"], (member, row)
                assert isinstance(member["amount"], str) and member["amount"] == row["amount"], (member, row)
                assert member["org_id"] == row["org_id"], (member, row)
            lines = list(csv.DictReader(open(month + "/invoice_lines.csv", newline="", encoding="utf-8")))
            flat = [(s["org_id"], l["line"], l["amount"], l["quantity"]) for s in report["statements"] for l in s["lines"]]
            assert flat == [(r["org_id"], r["line"], r["amount"], int(r["quantity"])) for r in lines], (flat, lines)
            due = sum(Decimal(s["total"]) for s in report["statements"])
            assert Decimal(report["totals"]["amount_due"]) == due == Decimal("2.00"), due
            events = report["events_402"]["events"]
            flags = list(csv.DictReader(open(month + "/flags_402.csv", newline="", encoding="utf-8")))
            assert [e["request_id"] for e in events] == [r["request_id"] for r in flags] == ["r-x"], events
            print("ok", report["totals"]["generations"]["total"], report["totals"]["amount_due"])
            """
        let python = try CommandRunner.runTool("python3", ["-c", script, folder.appendingPathComponent("reports/2026-10").path])
        #expect(python.status == 0, "\(python.stderr)")
        #expect(python.stdout == "ok 4 2.00\n")
    }
}

extension CommandRunner {
    /// Runs another program found on PATH (python3, chromium, pdftotext).
    static func runTool(_ name: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Whether `name` is a program on PATH.
    static func hasTool(_ name: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }
}
