import Foundation
import GRDBSQLite
import Testing
@testable import AxisLedger

/// Only pragmas that read run through `sql`, and everything else is refused
/// before SQLite prepares the script: SQLite carries out many pragmas while
/// preparing them, so a refusal after preparing is too late.
@Suite(.serialized)
struct PragmaAllowListTests {
    /// Pragmas and functions that must be refused, in every spelling a
    /// person (or an attacker) might use. Values are harmless if one ran,
    /// but visible: the tests check the process's heap limits afterwards.
    static let refused: [String] = [
        "PRAGMA soft_heap_limit=123456789",
        "pragma SOFT_HEAP_LIMIT(123456789)",
        "PRAGMA main.soft_heap_limit = 123456789",
        "PRAGMA [main] . \"soft_heap_limit\"=123456789",
        "PRAGMA 'hard_heap_limit' = 9876543210",
        "  /* why */ PrAgMa\n\t main.hard_heap_limit\n=\n9876543210",
        "-- a comment\nPRAGMA soft_heap_limit = 123456789",
        "SELECT 1; PRAGMA soft_heap_limit=123456789",
        "SELECT 1;PRAGMA hard_heap_limit=9876543210; SELECT 2",
        "SELECT ';'; PRAGMA soft_heap_limit=123456789",
        "EXPLAIN PRAGMA soft_heap_limit=123456789",
        "explain query plan PRAGMA hard_heap_limit=9876543210",
        "PRAGMA threads = 2",
        "PRAGMA case_sensitive_like = 1",
        "PRAGMA writable_schema = 1",
        "PRAGMA cache_size = 1",
        "PRAGMA busy_timeout = 1",
        "PRAGMA temp_store_directory = '/tmp'",
        "PRAGMA shrink_memory",
        "PRAGMA user_version = 5",
        "PRAGMA application_id(5)",
        "PRAGMA",
        "SELECT * FROM pragma_soft_heap_limit",
        "SELECT * FROM main.PRAGMA_HARD_HEAP_LIMIT",
        "SELECT * FROM \"pragma_threads\"",
        "SELECT * FROM 'pragma_journal_mode'",
        "WITH x AS (SELECT * FROM pragma_cache_size) SELECT * FROM x",
        "SELECT fts3_tokenizer('simple')",
        "SELECT \"FTS3_TOKENIZER\"('simple')",
        "SELECT 1; select Fts3_Tokenizer ('porter')",
    ]

    @Test(arguments: refused)
    func aPragmaOrFunctionOffTheAllowListIsRefusedBeforeAnythingIsPrepared(_ sql: String) throws {
        let ledger = try QueryTestLedger()
        let before = ledger.fileBytes()
        defer {
            sqlite3_soft_heap_limit64(0)
            sqlite3_hard_heap_limit64(0)
        }
        #expect {
            try QueryRunner(ledger: try ledger.readOnly()).run(sql)
        } throws: { error in
            let message = (error as? QueryError)?.description ?? "\(error)"
            return message.contains("is refused, nothing ran")
        }
        #expect(sqlite3_soft_heap_limit64(-1) == 0, "the soft heap limit was set")
        #expect(sqlite3_hard_heap_limit64(-1) == 0, "the hard heap limit was set")
        #expect(ledger.fileBytes() == before)
    }

    @Test func theRefusalNamesThePragmaTheStatementAndWhatIsAllowed() throws {
        let ledger = try QueryTestLedger()
        #expect {
            try QueryRunner(ledger: try ledger.readOnly()).run("SELECT 1; PRAGMA main.Hard_Heap_Limit = 1")
        } throws: { error in
            let message = (error as? QueryError)?.description ?? ""
            return message.hasPrefix("sql: PRAGMA hard_heap_limit is refused, nothing ran: only pragmas that read are allowed (")
                && message.contains("table_info") && message.hasSuffix(": PRAGMA main.Hard_Heap_Limit = 1")
        }
    }

    /// Reading pragmas in every spelling, and text that only mentions a refused name.
    @Test(arguments: [
        "PRAGMA table_info(response_records)",
        "PRAGMA main.table_info('monthly_usage')",
        "pragma \"TABLE_XINFO\" = rejected_lines",
        "PRAGMA index_list(response_records)",
        "PRAGMA integrity_check",
        "PRAGMA quick_check(1)",
        "PRAGMA foreign_key_check",
        "PRAGMA user_version",
        "PRAGMA main.application_id",
        "PRAGMA [page_count]",
        "PRAGMA table_list",
        "PRAGMA compile_options",
        "EXPLAIN QUERY PLAN SELECT * FROM monthly_usage",
        "SELECT * FROM pragma_table_info('response_records')",
        "SELECT name FROM main.pragma_table_list WHERE schema = 'main'",
        "SELECT count(*) FROM pragma_index_list('response_records')",
        "SELECT * FROM pragma_user_version",
        "SELECT 'PRAGMA hard_heap_limit=1' AS text",
        "SELECT 1 AS x -- PRAGMA hard_heap_limit=1",
        "SELECT 1 AS x /* ; PRAGMA hard_heap_limit=1 */",
        "SELECT count(*) FROM response_records WHERE prompt LIKE '%fts3_tokenizer%' OR prompt LIKE 'pragma_%'",
        "SELECT \"org_id\" AS [pragma] FROM response_records",
    ])
    func aReadingPragmaOrAMereMentionRuns(_ sql: String) throws {
        let ledger = try QueryTestLedger()
        let before = ledger.fileBytes()
        let result = try QueryRunner(ledger: try ledger.readOnly()).run(sql)
        #expect(!result.columns.isEmpty)
        #expect(ledger.fileBytes() == before)
    }
}
