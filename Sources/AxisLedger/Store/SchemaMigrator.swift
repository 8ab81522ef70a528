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
    }

    /// Applies the migrations not applied yet, then marks the file with
    /// axis-ledger's application_id if it lacks it (ledgers made before it
    /// existed get it here, on their first open that may write).
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
        try LedgerIdentity.stamp(queue)
    }
}
