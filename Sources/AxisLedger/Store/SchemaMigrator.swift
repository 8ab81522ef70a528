import GRDB
import LedgerMigrations

/// Applies the numbered SQL files of `migrations/` in order, each in its own
/// transaction, and records them in `schema_migrations` and `PRAGMA user_version`.
enum SchemaMigrator {
    static var latestVersion: Int { EmbeddedMigrations.all.last?.version ?? 0 }

    static func appliedVersion(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
    }

    /// Refuses a database whose schema is newer than this binary knows:
    /// writing to it could corrupt what a newer axis-ledger expects.
    static func checkNotNewer(_ db: Database, path: String) throws {
        let version = try appliedVersion(db)
        if version > latestVersion {
            throw LedgerError.schemaTooNew(path: path, found: version, known: latestVersion)
        }
        if version == 0 {
            // A version of 0 with tables in it is some other SQLite file.
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") ?? 0
            if tables > 0 { throw LedgerError.notALedger(path: path) }
        }
    }

    static func migrate(_ queue: DatabaseQueue) throws {
        for migration in EmbeddedMigrations.all {
            try queue.inTransaction(.immediate) { db in
                // Checked inside the write lock: another process may have migrated meanwhile.
                let applied = try appliedVersion(db)
                guard migration.version > applied else { return .commit }
                if applied == 0 {
                    try db.execute(sql: """
                        CREATE TABLE IF NOT EXISTS schema_migrations (
                            version    INTEGER PRIMARY KEY,
                            name       TEXT NOT NULL,
                            applied_at TEXT NOT NULL
                        )
                        """)
                }
                try db.execute(sql: migration.sql)
                try db.execute(
                    sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                    arguments: [migration.version, migration.name])
                try db.execute(sql: "PRAGMA user_version = \(migration.version)")
                return .commit
            }
        }
    }
}
