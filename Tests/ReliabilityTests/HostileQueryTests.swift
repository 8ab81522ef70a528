import Foundation
import Testing

/// `sql` refuses, before SQLite prepares anything, the pragmas and functions
/// that act on the process instead of reading the ledger; the process never
/// crashes and the ledger is unchanged.
struct HostileQueryTests {
    @Test(arguments: [
        "PRAGMA hard_heap_limit=1",
        "select 1; PRAGMA main.hard_heap_limit = 1",
        "/* x */ pragma SOFT_HEAP_LIMIT(1); SELECT 1",
        "SELECT * FROM pragma_hard_heap_limit",
        "SELECT hex(fts3_tokenizer('simple', x'0000000000000000'))",
    ])
    func aPragmaThatActsWhileBeingPreparedIsRefusedWithoutACrash(_ sql: String) throws {
        let scratch = try Scratch("pragma")
        let db = scratch.path("ledger.sqlite")
        try #require(try LedgerBinary.run(["init", "--db", db]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let result = try LedgerBinary.run(["sql", "--db", db, sql], timeLimit: 30)
        #expect(!result.signalled, "crashed: \(result.output)")
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stderr.contains("is refused, nothing ran"), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}
