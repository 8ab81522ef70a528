import GRDB
import LedgerMigrations

/// How a ledger is told from any other SQLite file: by axis-ledger's own
/// `PRAGMA application_id`, or, for ledgers made before it was set, by
/// their `schema_migrations` table naming axis-ledger's migrations. A
/// `user_version` alone proves nothing: any application may set one.
enum LedgerIdentity {
    /// axis-ledger's `PRAGMA application_id`: "AXLG" in ASCII. Every ledger
    /// carries it (docs/schema.md).
    static let applicationID: Int32 = 0x4158_4C47

    enum Verdict: Equatable {
        /// A ledger carrying axis-ledger's application_id.
        case ledger
        /// A ledger made before the application_id was set; it gets it on its next write-open.
        case ledgerWithoutApplicationID
    }

    /// Decides whether the database is a ledger, reading only.
    ///
    /// - Throws: ``LedgerError/notALedger(path:found:)`` saying what the
    ///   file has instead (its application_id, and no or another
    ///   `schema_migrations` table).
    static func verdict(_ db: Database, path: String) throws -> Verdict {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if id == applicationID { return .ledger }
        let shownID = id == 0 ? "0" : "0x" + String(UInt32(bitPattern: id), radix: 16, uppercase: true).leftPadded(to: 8)
        let migrations: String
        if try !db.tableExists("schema_migrations") {
            migrations = "no schema_migrations table"
        } else if try id == 0 && migrationsAreAxisLedgers(db) {
            return .ledgerWithoutApplicationID
        } else {
            migrations = "a schema_migrations table that is not axis-ledger's"
        }
        throw LedgerError.notALedger(path: path, found: "application_id \(shownID), \(migrations)")
    }

    /// Whether `schema_migrations` lists axis-ledger's first migration under
    /// its name, and every migration this binary knows under its own name
    /// (rows of later versions are a newer axis-ledger's).
    private static func migrationsAreAxisLedgers(_ db: Database) throws -> Bool {
        let rows: [Row]
        do {
            rows = try Row.fetchAll(db, sql: "SELECT version, name FROM schema_migrations")
        } catch is DatabaseError {
            return false // not our columns
        }
        let known = Dictionary(uniqueKeysWithValues: EmbeddedMigrations.all.map { ($0.version, $0.name) })
        var sawFirst = false
        for row in rows {
            let versionValue: DatabaseValue = row["version"], nameValue: DatabaseValue = row["name"]
            guard case .int64(let number) = versionValue.storage, case .string(let name) = nameValue.storage else { return false }
            let version = Int(number)
            if let expected = known[version] {
                guard name == expected else { return false }
                if version == 1 { sawFirst = true }
            }
        }
        return sawFirst
    }

    /// Sets axis-ledger's application_id when the ledger does not carry it
    /// yet; called by every open that may write.
    static func stamp(_ queue: DatabaseQueue) throws {
        let current = try queue.read { db in try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0 }
        guard current != applicationID else { return }
        try queue.inTransaction(.immediate) { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            return .commit
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
