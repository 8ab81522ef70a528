import Foundation

/// The first file of a ledger that does not exist yet, written under the
/// ledger's temporary name (``StagedLedger``: every page written once, not
/// twice) and then given its name.
public enum FirstFileIngest {
    /// What ``ingest(path:name:intoNewLedgerAt:options:progress:)`` did: the
    /// file's report and the ledger, open at its path, for the files after it.
    public struct Result {
        public let ledger: LedgerDatabase
        public let report: FileIngestReport
    }

    /// Ingests `path` as the first file of the ledger at `ledgerPath`; nil
    /// when a ledger (or an empty file) is at `ledgerPath` already, or the
    /// input is standard input or a dry run: open the ledger and ingest as
    /// usual. When another process makes the same ledger meanwhile, the
    /// staged one is dropped and the file is ingested again into that one,
    /// which is why standard input (read once) is not staged.
    ///
    /// - Throws: ``LedgerError`` when the ledger cannot be made or opened;
    ///   a file that cannot be ingested is a refused report, as with ``Ingestor``.
    public static func ingest(path: String, name: String? = nil, intoNewLedgerAt ledgerPath: String,
                              options: IngestOptions, progress: Ingestor.Progress? = nil) throws -> Result? {
        guard path != "-", !options.dryRun, let staged = try StagedLedger.begin(at: ledgerPath) else { return nil }
        let report = Ingestor(ledger: staged.ledger, options: options).ingest(path: path, name: name, progress: progress)
        if let ledger = try staged.publish() { return Result(ledger: ledger, report: report) }
        let ledger = try LedgerDatabase(path: ledgerPath)
        return Result(ledger: ledger, report: Ingestor(ledger: ledger, options: options).ingest(path: path, name: name, progress: progress))
    }
}
