/// Every ingested file, one row each by id, for `axis-ledger files`: what
/// it held and whether it counts (`ingested`) or was voided (`voided`, with
/// the reason of its latest void).
public enum FileListing {
    /// `kind` is the format as read (`jsonl` or `csv`), `.gz` when the file
    /// was gzip-compressed, and `:responses` or `:requests` when `--kind`
    /// forced every line to that kind; `sha256` its first 12 hex digits.
    /// A log that grew since its last ingest is read on as one more part:
    /// `first_line` is the first line a row read (1 for a file read whole),
    /// `continues` the id of the part before it (empty for a file read whole).
    public static let sql = """
        SELECT f.id, f.path,
               f.format || CASE WHEN f.compressed = 1 THEN '.gz' ELSE '' END
                        || coalesce(':' || f.forced_kind, '') AS kind,
               substr(f.sha256, 1, 12) AS sha256,
               f.lines_read AS lines, f.accepted, f.duplicates, f.rejected, f.ingested_at,
               CASE WHEN v.file_id IS NULL THEN 'ingested' ELSE 'voided' END AS status,
               v.reason AS void_reason,
               f.first_line, f.continues_file_id AS continues
        FROM ingested_files AS f LEFT JOIN voided_files AS v ON v.file_id = f.id
        WHERE f.sha256 NOT LIKE 'pending:%'
        ORDER BY f.id
        """

    public static func list(ledger: LedgerDatabase) throws -> QueryResult {
        try QueryRunner(ledger: ledger).run(sql)
    }
}
