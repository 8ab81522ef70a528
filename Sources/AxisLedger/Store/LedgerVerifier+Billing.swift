import GRDB
import GRDBSQLite

extension LedgerVerifier {
    static let billingAgreesName = "billed generations agree with the records, recomputed from scratch"

    /// The billing tables kept by ingest against billing rule 2 computed
    /// again from every live record, one month at a time.
    ///
    /// Computed for the whole ledger at once, the rule is a sort of every
    /// billable record by generationId, and the comparison two more sorts
    /// (EXCEPT): on 7M records `verify` took 9.7 times its time on 1M, and
    /// grew faster the larger the ledger. Month by month, each sort is one
    /// month's records, so the work is linear in the months. What makes that
    /// exact: for each month M and each generationId with a live billable
    /// record in M,
    /// - if its kept row is in M, the row must be that id's earliest record in M;
    /// - otherwise its kept row must be in an earlier month (rows of a later
    ///   month, or none, are problems);
    /// - and every kept row of M must have a record in M.
    /// The kept row's month then is the id's first month (it is no later, by
    /// the second rule, and has a record, by the third), so it is the id's
    /// earliest record in the ledger. `generation_placements` (anomalies only,
    /// so small) is read whole and compared with the (org, version) of each
    /// id's records, month by month.
    func billingAgreesWithRecords(_ db: Database) throws -> Check {
        var problems = ProblemList()
        let placements = try Self.keptPlacements(db)
        // The (org, version) of each id whose placements need more than its kept row to
        // tell: ids with placements kept, seen under several in a month, seen in more than
        // one month, or with a problem. Few in a sound ledger; the rest are settled month by month.
        var tracked: [String: Set<String>] = [:]
        // Ids whose kept row was found wrong in its own month.
        var troubled: Set<String> = []
        let records = try db.makeStatement(sql: """
            SELECT generation_id, id, occurred_at, org_id, version FROM live_response_records
            WHERE month = ?1 AND http_status = 200 AND success = 1 AND generation_id <> ''
            ORDER BY generation_id, occurred_at, id
            """)
        let kept = try db.makeStatement(sql: """
            SELECT generation_id, record_id, billed_at, org_id, version FROM billed_generation_firsts
            WHERE month = ?1 ORDER BY generation_id
            """)
        let keptElsewhere = try db.makeStatement(sql: "SELECT month, org_id, version FROM billed_generation_firsts WHERE generation_id = ?1")
        for month in try Self.months(db) {
            var keptRows = RowStream(kept, month: month)
            var recordRows = RowStream(records, month: month)
            // A kept row of this month whose id has no record in it.
            func keptWithoutRecords(_ row: RowStream.CurrentRow) {
                problems.add(row.text(0), "kept but not by the rule")
                troubled.insert(row.text(0))
            }
            while let first = try recordRows.current {
                // Read before the stream moves on: the row reads the statement's current row.
                let id = first.text(0)
                let expected = (recordId: first.integer(1), billedAt: first.text(2), org: first.text(3), version: first.text(4))
                // Every record of this id in this month: the first is the earliest; the (org, version) of each.
                var seen: Set<String> = []
                while let row = try recordRows.current, row.text(0) == id {
                    seen.insert(row.text(3) + "/" + row.text(4))
                    try recordRows.advance()
                }
                while let row = try keptRows.current, row.text(0) < id {
                    keptWithoutRecords(row)
                    try keptRows.advance()
                }
                if let row = try keptRows.current, row.text(0) == id {
                    let matches = (row.integer(1), row.text(2), row.text(3), row.text(4)) == expected
                    try keptRows.advance()
                    if !matches {
                        problems.add(id, "by the rule but not kept")
                        problems.add(id, "kept but not by the rule")
                        troubled.insert(id)
                    }
                    if !matches || seen.count > 1 || placements[id] != nil || tracked[id] != nil {
                        tracked[id, default: []].formUnion(seen)
                    }
                } else {
                    let other = try Row.fetchOne(keptElsewhere, arguments: [id])
                    if let other, (other["month"] as String) < month, !troubled.contains(id) {
                        // Billed in an earlier month, where its kept row matched; seen again here.
                        // Its placement there was the kept row's (else it would be tracked already).
                        tracked[id, default: [(other["org_id"] as String) + "/" + (other["version"] as String)]].formUnion(seen)
                    } else {
                        problems.add(id, "by the rule but not kept")
                        // Kept in a later month, or in an earlier one whose row was wrong: not the rule's row either.
                        if other != nil {
                            problems.add(id, "kept but not by the rule")
                            troubled.insert(id)
                        }
                        tracked[id, default: []].formUnion(seen)
                    }
                }
            }
            while let row = try keptRows.current {
                keptWithoutRecords(row)
                try keptRows.advance()
            }
        }
        for (id, seen) in tracked {
            if let kept = placements[id] {
                if kept != seen || kept.count < 2 { problems.add(id, "placements differ") }
            } else if seen.count > 1 {
                problems.add(id, "placements differ")
            }
        }
        for id in placements.keys where tracked[id] == nil { problems.add(id, "placements differ") }
        return Check(name: Self.billingAgreesName, problems: problems.listed)
    }

    /// Every month with a record or a kept billing row, in order: one index seek each.
    private static func months(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE
                record_months(month) AS (
                    SELECT min(month) FROM response_records
                    UNION ALL
                    SELECT (SELECT min(month) FROM response_records WHERE month > record_months.month)
                    FROM record_months WHERE record_months.month IS NOT NULL),
                kept_months(month) AS (
                    SELECT min(month) FROM billed_generation_firsts
                    UNION ALL
                    SELECT (SELECT min(month) FROM billed_generation_firsts WHERE month > kept_months.month)
                    FROM kept_months WHERE kept_months.month IS NOT NULL)
            SELECT month FROM record_months WHERE month IS NOT NULL
            UNION
            SELECT month FROM kept_months WHERE month IS NOT NULL
            ORDER BY month
            """)
    }

    /// `generation_placements` as generationId → its "org/version" placements.
    private static func keptPlacements(_ db: Database) throws -> [String: Set<String>] {
        var placements: [String: Set<String>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT generation_id, org_id, version FROM generation_placements") {
            placements[row[0] as String, default: []].insert((row[1] as String) + "/" + (row[2] as String))
        }
        return placements
    }
}

/// The problems of one check, in the order of their generationId then
/// their text, as the whole-ledger check listed them; beyond a few
/// thousand only counted, so a ledger broken everywhere cannot fill memory.
private struct ProblemList {
    private struct Problem: Hashable { var id: String; var side: String }
    /// Each problem once, though several months may find it.
    private var kept: Set<Problem> = []
    private var beyondKept = 0
    private static let keptAtMost = 10_000

    mutating func add(_ id: String, _ side: String) {
        if kept.count < Self.keptAtMost { kept.insert(Problem(id: id, side: side)) } else { beyondKept += 1 }
    }

    var listed: [String] {
        let lines = kept.sorted { ($0.id, $0.side) < ($1.id, $1.side) }.map { "\($0.id): \($0.side)" }
        guard beyondKept > 0 else { return LedgerVerifier.capped(lines) }
        return Array(lines.prefix(LedgerVerifier.problemsListed)) + ["… and \(lines.count + beyondKept - LedgerVerifier.problemsListed) more"]
    }
}
