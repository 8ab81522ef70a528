/// What ingesting one file did, for the summary a person reads.
public struct FileIngestReport: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Committed: its lines are stored, counted as duplicates, or quarantined.
        case ingested
        /// The same bytes were ingested before (same SHA-256); nothing was added.
        case alreadyIngested(asPath: String, at: String)
        /// Nothing of the file was committed.
        case refused(IngestError)
    }

    public var path: String
    public var outcome: Outcome
    public var sha256: String = ""
    public var sizeBytes = 0
    public var linesRead = 0
    public var blank = 0
    public var accepted = 0
    /// Good lines stored before (by any file), not stored again.
    public var duplicates = 0
    /// Bad lines, whether quarantined now or before (a bad line already in
    /// `rejected_lines` is not stored again, but it is still this file's reject).
    public var rejected = 0
    /// The first few rejected lines, to show at once what is wrong.
    public var firstRejects: [(line: Int, reason: String)] = []
    /// For ``Outcome/alreadyIngested(asPath:at:)``: the earlier file is voided
    /// now (`axis-ledger void`); its bytes add nothing until the void is undone.
    public var earlierVoid: EarlierVoid?

    /// The void of an earlier file with the same bytes.
    public struct EarlierVoid: Sendable, Equatable {
        /// `ingested_files.id`, for `axis-ledger void --undo ID`.
        public var fileId: Int64
        public var at: String
        public var by: String
        /// Secrets redacted.
        public var reason: String
    }

    /// How the file was read: whole, or on from where its last ingest stopped (a grown log).
    public var howRead = HowRead()

    /// Whether a file was read whole or, having only grown since its last
    /// ingest, from where that ingest stopped (docs/reliability.md, "Grown logs").
    public struct HowRead: Sendable, Equatable {
        /// True when only the bytes after the last ingest's were read.
        public var fromWhereItStopped = false
        /// The physical number of the first line read (the file's own numbering).
        public var firstLine = 1
        /// The first byte read.
        public var startOffset = 0
        /// The earlier ingest this one continues (`ingested_files.id`).
        public var continuesFileId: Int64?
        /// In words, when there is something to say: why it was read on, or why
        /// whole although an earlier ingest of the same file exists.
        public var note: String?

        public init(fromWhereItStopped: Bool = false, firstLine: Int = 1, startOffset: Int = 0, continuesFileId: Int64? = nil, note: String? = nil) {
            self.fromWhereItStopped = fromWhereItStopped
            self.firstLine = firstLine
            self.startOffset = startOffset
            self.continuesFileId = continuesFileId
            self.note = note
        }
    }

    /// The required field most rejects of the file missed (`missing required field "orgId"`), and how many.
    public var mostMissedField: (field: String, lines: Int)?
    /// The input profile the file was read with (`--profile`), by its name.
    public var profileName: String?
    /// For a file read into a transaction (ingested, a dry run too; not a refused one): the time each phase of it took.
    public var timings: IngestTimings?

    public static let rejectsShown = 5

    /// Every line that was not blank was rejected: nothing of the file is stored or known,
    /// which almost always means the file is in a shape of its own.
    public var allRejected: Bool {
        outcome == .ingested && rejected > 0 && accepted == 0 && duplicates == 0
    }

    public init(path: String, outcome: Outcome) {
        self.path = path
        self.outcome = outcome
    }
}

/// What ingest is doing, reported to a progress display.
public enum IngestProgress: Sendable, Equatable {
    /// Reading and storing lines: the bytes read so far, of the file's size when known.
    case reading(bytesRead: Int, totalBytes: Int?)
    /// Every line is stored; the billing rule is being applied to the file's
    /// records (a few seconds per million), before the commit.
    case billing
}

/// Options of one ingest run.
public struct IngestOptions: Sendable {
    /// Take every line as this kind instead of deciding per line.
    public var forcedKind: RecordKind?
    /// Refuse a whole file when any of its lines is bad.
    public var strict: Bool
    /// How far a gzip file may expand before it is refused as a gzip bomb
    /// (`--max-gzip-ratio`; ``GzipExpansionLimit`` says why the default).
    public var gzipExpansionLimit = GzipExpansionLimit()
    /// Read, parse, redact and classify every line, counting it as ingest
    /// would, then roll the file's transaction back: nothing is committed
    /// (`ingest --dry-run`).
    public var dryRun = false
    /// Billable records sorted and applied at a time (``BilledGenerationWriter``); tests make it small.
    var billingSliceSize = BilledGenerationWriter.defaultRecordsPerSlice
    /// Records per segment of the id lookup (``IdLookupWriter``); tests make it small.
    var idSegmentSize = IdLookupWriter.recordsPerSegment
    /// How every line maps onto the documented fields (`--profile`); nil for the documented shape.
    public var profile: InputProfile?

    public init(forcedKind: RecordKind? = nil, strict: Bool = false) {
        self.forcedKind = forcedKind
        self.strict = strict
    }
}
