import GRDB

/// Applies billing rule 2 (docs/billing.md) as each billable response record
/// is stored: `billed_generation_firsts` keeps, per generationId, the
/// earliest record (ties to the one stored first), and
/// `generation_placements` every (org, version) of an id seen under more
/// than one.
///
/// The rule is the three SQL statements below, run in order for each newly
/// stored record with status 200, success true and a non-empty generationId
/// (the two placement statements only change anything for an id seen
/// before, so they are skipped for a new one). They were a trigger at first;
/// run from here they cost half as much, because SQLite journals every
/// statement that fires a trigger.
public struct BilledGenerationWriter {
    static let recordOldPlacement = """
        INSERT OR IGNORE INTO generation_placements (generation_id, org_id, version)
        SELECT f.generation_id, f.org_id, f.version FROM billed_generation_firsts AS f
        WHERE f.generation_id = ?1 AND (f.org_id <> ?2 OR f.version <> ?3)
        """
    static let recordNewPlacement = """
        INSERT OR IGNORE INTO generation_placements (generation_id, org_id, version)
        SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM generation_placements WHERE generation_id = ?1)
        """
    static let keepEarliest = """
        INSERT INTO billed_generation_firsts (generation_id, org_id, version, record_id, billed_at, month)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        ON CONFLICT (generation_id) DO UPDATE SET
            record_id = excluded.record_id, billed_at = excluded.billed_at, month = excluded.month,
            org_id = excluded.org_id, version = excluded.version
        WHERE (excluded.billed_at, excluded.record_id) < (billed_generation_firsts.billed_at, billed_generation_firsts.record_id)
        """

    /// The same rule computed from scratch over every record: the earliest
    /// billable record per generationId (columns as in
    /// `billed_generation_firsts`). `verify` checks that the kept table equals it.
    public static let fromScratch = """
        SELECT generation_id, record_id, billed_at, month, org_id, version FROM (
            SELECT generation_id, id AS record_id, occurred_at AS billed_at, month, org_id, version,
                   row_number() OVER (PARTITION BY generation_id ORDER BY occurred_at, id) AS nth
            FROM response_records
            WHERE http_status = 200 AND success = 1 AND generation_id <> ''
        ) WHERE nth = 1
        """

    /// Every (org, version) of the ids billed under more than one, from scratch.
    public static let placementsFromScratch = """
        SELECT DISTINCT generation_id, org_id, version FROM response_records
        WHERE http_status = 200 AND success = 1 AND generation_id <> '' AND generation_id IN (
            SELECT generation_id FROM response_records
            WHERE http_status = 200 AND success = 1 AND generation_id <> ''
            GROUP BY generation_id HAVING count(DISTINCT org_id || '/' || version) > 1)
        """

    /// Fills the (empty) billing tables from records stored by other means
    /// than ingest, such as a test's own INSERTs.
    public static func fillFromScratch(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO billed_generation_firsts (generation_id, record_id, billed_at, month, org_id, version) \(fromScratch)")
        try db.execute(sql: "INSERT INTO generation_placements (generation_id, org_id, version) \(placementsFromScratch)")
    }

    private let oldPlacement: ParameterBinder
    private let newPlacement: ParameterBinder
    private let earliest: ParameterBinder
    private let seenBefore: ParameterBinder

    init(db: Database) throws {
        seenBefore = ParameterBinder(try db.cachedStatement(sql: "SELECT 1 FROM billed_generation_firsts WHERE generation_id = ?1"), in: db)
        oldPlacement = ParameterBinder(try db.cachedStatement(sql: Self.recordOldPlacement), in: db)
        newPlacement = ParameterBinder(try db.cachedStatement(sql: Self.recordNewPlacement), in: db)
        earliest = ParameterBinder(try db.cachedStatement(sql: Self.keepEarliest), in: db)
    }

    /// Whether a response record is billable under rule 1.
    static func isBillable(_ record: ResponseRecord) -> Bool {
        record.httpStatus == 200 && record.success == true && !(record.generationId ?? "").isEmpty
    }

    /// Applies the rule for a record just stored with row id `recordId`.
    func apply(_ record: ResponseRecord, recordId: Int64, billedAt: String, month: String) throws {
        let generation = record.generationId ?? ""
        seenBefore.bind(1, generation)
        let isReplay = try seenBefore.hasRow()
        for statement in [oldPlacement, newPlacement] where isReplay {
            statement.bind(1, generation)
            statement.bind(2, record.orgId)
            statement.bind(3, record.version.rawValue)
            _ = try statement.run()
        }
        earliest.bind(1, generation)
        earliest.bind(2, record.orgId)
        earliest.bind(3, record.version.rawValue)
        earliest.bind(4, recordId)
        earliest.bind(5, billedAt)
        earliest.bind(6, month)
        _ = try earliest.run()
    }
}
