/// Everything a month's report shows, read from the ledger's views and
/// tables. The counting happens in SQL (docs/billing.md); this is only the
/// month's slice of it, in a stable order.
public struct MonthData: Sendable {
    public struct Usage: Sendable, Equatable {
        public var orgId: String
        public var version: APIVersion
        public var generations: Int
    }

    public struct Event402: Sendable, Equatable {
        public var orgId: String
        public var version: APIVersion
        public var occurredAt: String
        public var requestId: String?
        public var idempotencyKey: String?
        public var sourceFile: String
        public var sourceLine: Int
    }

    public struct Anomaly: Sendable, Equatable {
        public var kind: String
        public var orgId: String
        public var version: String
        public var generationId: String?
        public var requestId: String?
        public var occurredAt: String?
        public var detail: String?
    }

    public struct StatusCount: Sendable, Equatable {
        public var version: String
        public var httpStatus: Int
        public var errorCode: String?
        public var count: Int
    }

    public struct RejectCount: Sendable, Equatable {
        public var reason: String
        public var count: Int
    }

    public struct SourceFile: Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var linesRead: Int
        public var accepted: Int
        public var duplicates: Int
        public var rejected: Int
    }

    /// A latency distribution: nearest-rank percentiles in milliseconds.
    public struct Percentiles: Sendable, Equatable {
        public var count: Int
        public var p50: Int?
        public var p95: Int?
    }

    public var month: String
    /// Billed generations by org and version (`monthly_usage`), ordered by org then version.
    public var usage: [Usage]
    /// Orgs with any record in the month, sorted.
    public var activeOrgs: [String]
    /// 402 events (`events_402`), ordered by time.
    public var events402: [Event402]
    /// For each org with 402 events, the billing times its streaks and recovery
    /// depend on: the org's first billed time of each version after each of its
    /// events, sorted. ``Insufficient402Summary`` gives the same result from
    /// these as from every billing time of the org, at a fraction of the reading.
    public var billedTimesByOrg: [String: [String]]
    /// Billed generations per UTC day (`YYYY-MM-DD`), every day of the month.
    public var dailyGenerations: [(day: String, v1: Int, v2: Int)]
    public var anomalies: [Anomaly]
    /// Response records by version, status and error code.
    public var responseStatuses: [StatusCount]
    /// Request-log attempts by version and status.
    public var attemptStatuses: [StatusCount]
    public var rateLimited: (attempts: Int, retryAfter: Percentiles, maxRetryAfter: Int?)
    public var semanticTranslation: Percentiles
    public var providerLatency: Percentiles
    /// Rejected lines of the files that hold the month's records, by reason.
    public var rejects: [RejectCount]
    /// The files that hold the month's records, by path.
    public var files: [SourceFile]
    /// Each billed org's generations (v1 and v2 together) per UTC day: index 0
    /// is the 1st (per local day for an org in ``localMonths``).
    public var dailyGenerationsByOrg: [String: [Int]] = [:]
    /// Billed generations by org, version and request attribute, when the
    /// pricing prices a version by a dimension; nil when not loaded (every
    /// generation is then rated as one without attributes).
    public var usageByAttributes: [String: BilledUsage]? = nil
    /// The orgs with their own time zone, each with its local month: their
    /// usage, 402 events, activity and days above are counted in it
    /// (docs/pricing.md, "Time zones"). Empty when no org has a zone.
    public var localMonths: [String: LocalMonth] = [:]
}
