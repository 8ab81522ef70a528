import Foundation
import GRDB
import GRDBSQLite

/// Where one file's ingest spent its time, phase by phase (`ingest --timings`).
///
/// Besides the wall time, each phase has the pages SQLite's page cache read
/// (a page not in the cache, read from the WAL or the database file) and
/// wrote (a changed page written to the WAL, when the cache spilled it or
/// at commit). A B-tree whose changed part outgrows the cache shows as many
/// more pages read and written than the file adds: that is how the scale
/// benchmark found what a ledger's later months cost (docs/schema.md,
/// "What a later month adds").
public struct IngestTimings: Sendable, Equatable {
    /// The phases of a file's ingest, in the order they run.
    public enum Phase: Int, CaseIterable, Sendable {
        /// Reading, parsing and storing the lines (records, duplicates, rejects),
        /// including the time spent waiting for the parsing thread.
        case lines
        /// Writing the records' ids to `id_lookup` (IdLookupWriter).
        case idLookup
        /// Applying billing rule 2 to the file's billable records (BilledGenerationWriter).
        case billing
        /// Everything else in the file's transaction: the write lock, the
        /// file's row in `ingested_files`, and the commit, with the WAL
        /// checkpoint SQLite runs when the commit leaves the WAL large.
        case commit

        /// How `ingest --timings` names the phase.
        public var title: String {
            switch self {
            case .lines: "read and store the lines"
            case .idLookup: "fill the id lookup"
            case .billing: "apply billing rule 2"
            case .commit: "lock, commit and checkpoint"
            }
        }
    }

    /// What one phase cost.
    public struct Spent: Sendable, Equatable {
        public var seconds: Double = 0
        /// Pages the page cache had to read.
        public var pagesRead: Int64 = 0
        /// Changed pages written out of the page cache.
        public var pagesWritten: Int64 = 0

        public init(seconds: Double = 0, pagesRead: Int64 = 0, pagesWritten: Int64 = 0) {
            self.seconds = seconds
            self.pagesRead = pagesRead
            self.pagesWritten = pagesWritten
        }

        static func + (a: Spent, b: Spent) -> Spent {
            Spent(seconds: a.seconds + b.seconds, pagesRead: a.pagesRead + b.pagesRead, pagesWritten: a.pagesWritten + b.pagesWritten)
        }

        static func - (a: Spent, b: Spent) -> Spent {
            Spent(seconds: a.seconds - b.seconds, pagesRead: a.pagesRead - b.pagesRead, pagesWritten: a.pagesWritten - b.pagesWritten)
        }
    }

    private var spent = [Spent](repeating: Spent(), count: Phase.allCases.count)

    public init() {}

    public subscript(phase: Phase) -> Spent {
        get { spent[phase.rawValue] }
        set { spent[phase.rawValue] = newValue }
    }

    /// The phases' seconds added up: the file's transaction, from asking for the write lock to the end of the commit.
    public var totalSeconds: Double { spent.reduce(0) { $0 + $1.seconds } }
}

/// Measures the phases of one file's ingest on the ingest connection.
///
/// Phases nest: what an inner phase spends is its own, not the outer one's
/// (the id lookup's segments are written between batches of lines, so the
/// lines' phase is the loop without them).
final class PhaseClock {
    private(set) var timings = IngestTimings()
    private let connection: OpaquePointer?
    /// For each phase being measured, what the phases inside it have spent so far.
    private var inner: [IngestTimings.Spent] = []

    init(connection: OpaquePointer?) {
        self.connection = connection
    }

    /// Runs `body` as (part of) `phase`.
    func measure<T>(_ phase: IngestTimings.Phase, _ body: () throws -> T) rethrows -> T {
        let start = reading()
        inner.append(IngestTimings.Spent())
        defer {
            let spent = reading() - start
            let ofInner = inner.removeLast()
            timings[phase] = timings[phase] + (spent - ofInner)
            if !inner.isEmpty { inner[inner.count - 1] = inner[inner.count - 1] + spent }
        }
        return try body()
    }

    /// The clock and the connection's page counters now.
    private func reading() -> IngestTimings.Spent {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        let seconds = Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        guard let connection else { return IngestTimings.Spent(seconds: seconds) }
        func counter(_ kind: Int32) -> Int64 {
            var current: Int32 = 0, highest: Int32 = 0
            sqlite3_db_status(connection, kind, &current, &highest, 0)
            return Int64(current)
        }
        return IngestTimings.Spent(seconds: seconds, pagesRead: counter(SQLITE_DBSTATUS_CACHE_MISS),
                                   pagesWritten: counter(SQLITE_DBSTATUS_CACHE_WRITE))
    }
}
