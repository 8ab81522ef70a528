import GRDB
import Testing
@testable import AxisLedger

/// A binder keeps its statement usable while GRDB's statement cache is
/// emptied, as it is whenever the schema changes (``DeferredIndex`` drops
/// and makes an index inside an ingest).
struct ParameterBinderTests {
    @Test func aBinderOutlivesASchemaChangeInItsTransaction() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (value INTEGER)")
            let insert = ParameterBinder(try db.cachedStatement(sql: "INSERT INTO t (value) VALUES (?)"), in: db)
            insert.bind(1, 1)
            #expect(try insert.run() == 1)
            // GRDB forgets every cached statement here; the binder's must not be finalized with them.
            try db.execute(sql: "CREATE INDEX t_by_value ON t (value)")
            try db.execute(sql: "DROP INDEX t_by_value")
            insert.bind(1, 2)
            #expect(try insert.run() == 1)
            #expect(try Int.fetchAll(db, sql: "SELECT value FROM t ORDER BY value") == [1, 2])
        }
    }
}
