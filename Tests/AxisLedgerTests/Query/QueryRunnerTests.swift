import Foundation
import Testing
@testable import AxisLedger

struct QueryRunnerTests {
    @Test func rowsKeepColumnOrderAndSQLiteStorageClasses() throws {
        let ledger = try QueryTestLedger()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run(
            "SELECT id, org_id, duration_ms, line_hash, 1.5 AS ratio FROM response_records ORDER BY id")
        #expect(result.columns == ["id", "org_id", "duration_ms", "line_hash", "ratio"])
        #expect(result.rows == [
            [.integer(1), .text("org_acme"), .integer(1200), .blob([0x01]), .real(1.5)],
            [.integer(2), .text("org_acme"), .null, .blob([0x02]), .real(1.5)],
            [.integer(3), .text("org_beta"), .integer(80), .blob([0x03]), .real(1.5)],
        ])
    }

    @Test func billingViewsAnswerQuestions() throws {
        let ledger = try QueryTestLedger()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run("SELECT * FROM monthly_usage")
        #expect(result.columns == ["month", "org_id", "version", "generations"])
        #expect(result.rows == [[.text("2025-01"), .text("org_acme"), .text("v1"), .integer(2)]])
    }

    @Test(arguments: [
        ("SELECT 1 AS first; SELECT 2 AS second", ["second"], [[QueryValue.integer(2)]]),
        ("SELECT 1 AS first; SELECT 2 AS second WHERE 0;", ["second"], []),
        ("SELECT 1 AS first; PRAGMA table_info(no_such_table)", ["cid", "name", "type", "notnull", "dflt_value", "pk"], []),
    ])
    func theLastStatementWithColumnsIsTheAnswer(_ sql: String, _ columns: [String], _ rows: [[QueryValue]]) throws {
        let ledger = try QueryTestLedger()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run(sql)
        #expect(result.columns == columns)
        #expect(result.rows == rows)
    }

    @Test(arguments: ["", "  ;  ", "-- only a comment\n"])
    func anEmptyQueryIsAnError(_ sql: String) throws {
        let ledger = try QueryTestLedger()
        #expect(throws: QueryError.emptyQuery) { try QueryRunner(ledger: try ledger.readOnly()).run(sql) }
    }

    @Test func aSyntaxErrorShowsSQLitesMessageAndTheQuery() throws {
        let ledger = try QueryTestLedger()
        let error = try #require(throws: QueryError.self) {
            try QueryRunner(ledger: try ledger.readOnly()).run("SELECT 1;\nSELEC org_id FROM response_records")
        }
        guard case .invalidSQL(let message, let query) = error else { Issue.record("\(error)"); return }
        #expect(message.contains("near \"SELEC\": syntax error"))
        #expect(query == "SELECT 1;\nSELEC org_id FROM response_records")
        #expect(error.description.contains("    SELEC org_id FROM response_records"))
    }

    @Test func anUnknownTableIsReportedByName() throws {
        let ledger = try QueryTestLedger()
        let error = try #require(throws: QueryError.self) {
            try QueryRunner(ledger: try ledger.readOnly()).run("SELECT * FROM invoices")
        }
        #expect(error.description.contains("no such table: invoices"))
    }

    @Test func nothingRunsWhenALaterStatementIsRefused() throws {
        // A refused statement after a failing one: the refusal wins because
        // every statement is checked before the first runs.
        let ledger = try QueryTestLedger()
        #expect {
            try QueryRunner(ledger: try ledger.readOnly()).run("SELECT abs(-9223372036854775808); DROP TABLE rejected_lines")
        } throws: { error in
            if case .wouldWrite? = error as? QueryError { return true }
            return false
        }
    }
}
