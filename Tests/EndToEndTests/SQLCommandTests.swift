import AxisLedger
import Foundation
import Testing

/// `axis-ledger sql` and `axis-ledger schema`, run as a person would.
struct SQLCommandTests {
    /// A folder with a ledger holding two billed generations for org_acme
    /// (January) and a 402 for org_beta; removed when the value goes away.
    final class Ledger {
        let folder: URL
        let path: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("ledger.sqlite").path
            let writer = try LedgerDatabase(path: path)
            try writer.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO ingested_files (id, path, format, compressed, size_bytes, sha256, lines_read, blank, accepted, duplicates, rejected, ingested_at)
                    VALUES (1, 'jan.jsonl', 'jsonl', 0, 300, 'aa11', 3, 0, 3, 0, 0, '2025-02-01T00:00:00.000Z');
                    INSERT INTO response_records (id, file_id, line_number, line_hash, occurred_at, month, org_id, endpoint, version, http_status, success, generation_id, duration_ms)
                    VALUES (1, 1, 1, x'01', '2025-01-05T10:00:00.000Z', '2025-01', 'org_acme', '/v1/images', 'v1', 200, 1, 'gen_1', 1200),
                           (2, 1, 2, x'02', '2025-01-06T10:00:00.000Z', '2025-01', 'org_acme', '/v1/images', 'v1', 200, 1, 'gen_2', NULL),
                           (3, 1, 3, x'03', '2025-01-07T10:00:00.000Z', '2025-01', 'org_beta', '/v2/images', 'v2', 402, 0, NULL, 80);
                    """)
                // Rows inserted by hand, not by ingest: apply the billing rule as verify computes it.
                try BilledGenerationWriter.fillFromScratch(db)
            }
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func write(_ name: String, _ text: String) throws -> String {
            let file = folder.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            return file
        }

        func bytes() -> [Data] {
            [path, path + "-wal"].map { FileManager.default.contents(atPath: $0) ?? Data() }
        }
    }

    static let usage = "SELECT month, org_id, generations FROM monthly_usage"
    static let usageCSV = "month,org_id,generations\r\n2025-01,org_acme,2\r\n"

    @Test func theQueryArgumentPrintsCSVWhenOutputIsNotATerminal() throws {
        let ledger = try Ledger()
        let result = try CommandRunner.run(["sql", "--db", ledger.path, Self.usage])
        #expect(result.status == 0)
        #expect(result.stdout == Self.usageCSV)
        #expect(result.stderr == "")
    }

    @Test func theQueryCanComeFromAFile() throws {
        let ledger = try Ledger()
        let file = try ledger.write("question.sql", Self.usage + ";\n")
        let result = try CommandRunner.run(["sql", "--db", ledger.path, "--file", file])
        #expect(result.status == 0)
        #expect(result.stdout == Self.usageCSV)
    }

    @Test func aDashReadsTheQueryFromStandardInput() throws {
        let ledger = try Ledger()
        let result = try CommandRunner.run(["sql", "--db", ledger.path, "-"], stdin: Data(Self.usage.utf8))
        #expect(result.status == 0)
        #expect(result.stdout == Self.usageCSV)
    }

    @Test(arguments: [
        ("table", "month    org_id    generations\n-------  --------  -----------\n2025-01  org_acme            2\n(1 row)\n"),
        ("csv", "month,org_id,generations\r\n2025-01,org_acme,2\r\n"),
        ("json", "[\n  {\"month\": \"2025-01\", \"org_id\": \"org_acme\", \"generations\": 2}\n]\n"),
        ("markdown", "| month   | org_id   | generations |\n| ------- | -------- | ----------: |\n| 2025-01 | org_acme |           2 |\n"),
    ])
    func eachFormatPrintsTheAnswer(_ format: String, _ expected: String) throws {
        let ledger = try Ledger()
        let result = try CommandRunner.run(["sql", "--db", ledger.path, "--format", format, Self.usage])
        #expect(result.status == 0)
        #expect(result.stdout == expected)
    }

    @Test func namedParametersAreBoundFromParam() throws {
        let ledger = try Ledger()
        let result = try CommandRunner.run([
            "sql", "--db", ledger.path, "--param", "org=org_beta", "--param", "status=402",
            "SELECT id, duration_ms FROM response_records WHERE org_id = :org AND http_status = @status",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == "id,duration_ms\r\n3,80\r\n")
    }

    @Test func aMissingParameterIsNamedWithExitStatus1() throws {
        let ledger = try Ledger()
        let result = try CommandRunner.run(["sql", "--db", ledger.path, "SELECT * FROM response_records WHERE org_id = :org"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("'org'"))
        #expect(result.stderr.contains("--param org=VALUE"))
    }

    @Test(arguments: [
        "DELETE FROM response_records",
        "PRAGMA user_version = 5",
        "VACUUM INTO 'copy.sqlite'",
        "ATTACH 'other.sqlite' AS other",
    ])
    func aWritingStatementFailsWithStatus1AndLeavesTheFileAlone(_ sql: String) throws {
        let ledger = try Ledger()
        let before = ledger.bytes()
        let result = try CommandRunner.run(["sql", "--db", ledger.path, sql], in: ledger.folder)
        #expect(result.status == 1)
        if sql.hasPrefix("PRAGMA") {
            // Refused before SQLite prepares it: some pragmas act while being prepared.
            #expect(result.stderr.hasPrefix("axis-ledger: sql: PRAGMA user_version is refused, nothing ran: only pragmas that read are allowed ("))
            #expect(result.stderr.hasSuffix(": \(sql)\n"))
        } else {
            #expect(result.stderr == "axis-ledger: sql: the ledger is opened read-only; this statement would write: \(sql)\n")
        }
        #expect(result.stdout == "")
        #expect(ledger.bytes() == before)
        #expect(!FileManager.default.fileExists(atPath: ledger.folder.appendingPathComponent("copy.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: ledger.folder.appendingPathComponent("other.sqlite").path))
    }

    @Test func aSyntaxErrorShowsSQLitesMessageAndTheQuery() throws {
        let ledger = try Ledger()
        let result = try CommandRunner.run(["sql", "--db", ledger.path, "SELEC * FROM monthly_usage"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("near \"SELEC\": syntax error"))
        #expect(result.stderr.contains("    SELEC * FROM monthly_usage"))
    }

    @Test(arguments: [
        ["sql"],
        ["sql", "--file", "question.sql", "SELECT 1"],
        ["sql", "--format", "xml", "SELECT 1"],
        ["sql", "--param", "noequals", "SELECT 1"],
    ])
    func argumentMistakesExitWith64(_ arguments: [String]) throws {
        let ledger = try Ledger()
        let result = try CommandRunner.run(arguments + ["--db", ledger.path], in: ledger.folder)
        #expect(result.status == 64)
        #expect(!result.stderr.isEmpty)
    }

    @Test func aMissingDatabaseIsNotCreated() throws {
        let ledger = try Ledger()
        let missing = ledger.folder.appendingPathComponent("missing.sqlite").path
        let result = try CommandRunner.run(["sql", "--db", missing, "SELECT 1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no such database"))
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func schemaListsTablesAndViewsWithColumns() throws {
        let ledger = try Ledger()
        let text = try CommandRunner.run(["schema", "--db", ledger.path])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("view billed_generations (stable)\n  generation_id  TEXT\n"))
        #expect(text.stdout.contains("table schema_migrations (internal)"))
        #expect(text.stdout.contains("  line_hash                BLOB  (internal)\n"))
        let markdown = try CommandRunner.run(["schema", "--db", ledger.path, "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("### monthly_usage\n\nView, stable.\n"))
        #expect(try CommandRunner.run(["schema", "--db", ledger.path, "--format", "html"]).status == 64)
    }
}
