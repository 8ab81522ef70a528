import Foundation

/// What ``SampleGenerator`` wrote, so tests and people can check an ingest
/// of the files against what was generated.
public struct SampleSummary: Sendable, Equatable {
    public var responsesFile: URL
    public var requestsFile: URL
    /// Well-formed response records in `responses.jsonl`: the configured
    /// `records`, plus the well-formed 401 that carries an Authorization
    /// header when bad lines were asked for.
    public var responseRecords: Int
    /// Well-formed rows of `requests.csv` after the header: one per well-formed response record.
    public var requestLogRows: Int
    /// The lines added by `--with-bad-lines`, in file order; empty without it.
    public var badLines: [SampleBadLine]
    /// Distinct billed generations (first 200 success of each generationId) by org and version,
    /// in org order then version; orgs or versions with none are left out.
    public var billedGenerations: [SampleBilledCount]
    /// Response records by HTTP status, ascending (bad lines not counted).
    public var statusCounts: [SampleStatusCount]
    /// The provider's invoice for the month (``SampleProviderFiles``).
    public var providerInvoiceFile: URL
    /// The provider's usage export for the month.
    public var providerUsageFile: URL
    /// What the provider's files say that is not the truth.
    public var providerDiscrepancies: SampleProviderDiscrepancies

    /// The billed generations of all orgs and versions.
    public var totalBilledGenerations: Int {
        billedGenerations.reduce(0) { $0 + $1.generations }
    }

    /// Lines that a correct ingest must quarantine (the Authorization line is well-formed and is not one).
    public var malformedLines: Int {
        badLines.filter { $0.kind.isMalformed }.count
    }
}

/// The number of distinct billed generations of one org and version.
public struct SampleBilledCount: Sendable, Equatable {
    public var orgId: String
    public var version: APIVersion
    public var generations: Int
}

/// The number of response records with one HTTP status.
public struct SampleStatusCount: Sendable, Equatable {
    public var httpStatus: Int
    public var records: Int
}

/// One line added by `--with-bad-lines`.
public struct SampleBadLine: Sendable, Equatable {
    public var kind: SampleBadLineKind
    /// 1-based; in `requests.csv` the header is line 1.
    public var lineNumber: Int

    public var file: RecordKind { kind.file }
}

/// The kinds of bad line, each testing one rule of the input contract.
public enum SampleBadLineKind: String, Sendable, CaseIterable {
    case truncatedJSON = "truncated JSON"
    case missingOrgId = "missing orgId"
    case httpStatusAsString = "httpStatus as a string"
    case timestampWithoutOffset = "timestamp without offset"
    case unknownEndpoint = "unknown endpoint /v3/upscale"
    /// Well-formed (a 401 with its own request-log row), but carries a secret that must never be stored.
    case authorizationHeader = "Authorization header with a secret"
    case raggedCSVRow = "CSV row with too few cells"
    case badCSVTimestamp = "CSV row with an impossible timestamp"

    public var file: RecordKind {
        switch self {
        case .raggedCSVRow, .badCSVTimestamp: return .requests
        default: return .responses
        }
    }

    /// Whether a correct ingest rejects the line.
    public var isMalformed: Bool { self != .authorizationHeader }
}
