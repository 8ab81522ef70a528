import GRDB

extension LedgerVerifier {
    static let idLookupName = "the id lookup holds every record's ids"

    /// `id_lookup` agrees with the records: each of its rows names a record
    /// of its segment's file whose column holds that id, and it has as many
    /// rows per column and table as the records have non-empty ids. Together
    /// (its key is unique) that is every id exactly once. One pass over the
    /// lookup with a seek per row, and one over each record table: linear in
    /// the ledger, no sort.
    func idLookupAgrees(_ db: Database) throws -> Check {
        var problems: [String] = []
        let wrong = try Row.fetchAll(db, sql: """
            SELECT l.segment, l.id, l.id_column, l.record_table, l.record_id FROM id_lookup AS l
            JOIN id_lookup_segments AS s ON s.segment = l.segment
            LEFT JOIN response_records AS r ON l.record_table = 0 AND r.id = l.record_id
            LEFT JOIN request_attempts AS a ON l.record_table = 1 AND a.id = l.record_id
            WHERE coalesce(r.file_id, a.file_id) IS NOT s.file_id
               OR l.id IS NOT CASE l.record_table * 3 + l.id_column
                                  WHEN 0 THEN r.generation_id WHEN 1 THEN r.request_id WHEN 2 THEN r.idempotency_key
                                  WHEN 4 THEN a.request_id WHEN 5 THEN a.idempotency_key END
            LIMIT \(Self.problemsListed)
            """)
        let columns = ["generation_id", "request_id", "idempotency_key"], tables = ["response_records", "request_attempts"]
        for row in wrong {
            let table = tables[min(1, max(0, row["record_table"] as Int))], column = columns[min(2, max(0, row["id_column"] as Int))]
            problems.append("id_lookup segment \(row["segment"] as Int64) says \(table) \(row["record_id"] as Int64) holds \(column) "
                + "`\(row["id"] as String)`, and it does not; rebuild the ledger from its files")
        }
        let counts = try Row.fetchAll(db, sql: """
            WITH expected AS (SELECT record_table, id_column, count(*) AS n FROM (\(IdLookupWriter.fromScratch)) GROUP BY 1, 2),
                 held AS (SELECT record_table, id_column, count(*) AS n FROM id_lookup GROUP BY 1, 2)
            SELECT e.record_table, e.id_column, e.n AS expected, coalesce(h.n, 0) AS held
            FROM expected AS e LEFT JOIN held AS h USING (record_table, id_column)
            UNION ALL
            SELECT h.record_table, h.id_column, 0, h.n FROM held AS h
            WHERE NOT EXISTS (SELECT 1 FROM expected AS e WHERE e.record_table = h.record_table AND e.id_column = h.id_column)
            """)
        for row in counts where (row["expected"] as Int) != (row["held"] as Int) {
            let table = tables[min(1, max(0, row["record_table"] as Int))], column = columns[min(2, max(0, row["id_column"] as Int))]
            problems.append("\(table) has \(row["expected"] as Int) non-empty \(column) values, id_lookup holds \(row["held"] as Int); "
                + "`find` and record_ids would miss or repeat records: rebuild the ledger from its files")
        }
        return Check(name: Self.idLookupName, problems: Self.capped(problems))
    }
}
