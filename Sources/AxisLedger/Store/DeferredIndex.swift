import GRDB

/// An index dropped before a new ledger's first file is billed and made
/// again, from the rows, once they are all written: sorted once instead of
/// kept up to date row by row.
///
/// Billing writes `billed_generation_firsts` in its key's order, (month,
/// generationId), and its UNIQUE index by generationId in nearly the same
/// order; but `billed_generation_firsts_by_month` is ordered by org,
/// version and billing time, so each row lands on a random page of it, and
/// a month of 1,000,000 records makes that index about 74 MB, more than
/// the page cache: pages are written out and read back again and again.
/// Made after the rows, the index is one sort and pages written once, in
/// order: a new ledger's first file of 1,000,000 records took 0.88 × as
/// long (one session; docs/schema.md, "Indexes").
///
/// Only a staged ledger (``LedgerDatabase/isStaged``) does this: no other
/// connection can see its schema change, and its billing table is empty,
/// so making the index costs no more than the file's own rows. In a
/// ledger that exists, making it again would cost the whole ledger's rows,
/// and other processes may be reading through it. Both steps are in the
/// file's transaction: a file refused, or rolled back, leaves the schema as it was.
struct DeferredIndex {
    /// The index that billing's row order writes at random.
    static let billedByMonth = "billed_generation_firsts_by_month"

    /// Its `CREATE INDEX` statement as the schema holds it, so it is made again exactly as the migrations made it.
    private let creation: String

    /// Drops the index `name` inside the current transaction; nil (and nothing
    /// dropped) when the schema has no such index.
    static func drop(_ name: String, _ db: Database) throws -> DeferredIndex? {
        guard let creation = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?",
                                                 arguments: [name]) else { return nil }
        try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
        return DeferredIndex(creation: creation)
    }

    /// Makes the index again from the rows. The sort is sized as billing's
    /// (``BilledGenerationWriter/sortStartCacheKiB``): SQLite sizes a sort's
    /// runs by the page cache, and the pages it writes come in order, so a
    /// small cache costs nothing here and keeps the peak memory of ingest.
    func build(_ db: Database) throws {
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -32768
        try db.execute(sql: "PRAGMA cache_size = -\(BilledGenerationWriter.sortStartCacheKiB)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        try db.execute(sql: creation)
    }
}
