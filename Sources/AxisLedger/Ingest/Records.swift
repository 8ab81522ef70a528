/// The API version a record belongs to, given by its endpoint.
public enum APIVersion: String, Sendable, CaseIterable, Comparable {
    /// `POST /v1/generate-image`
    case v1
    /// `POST /v2/cinematic-image`
    case v2

    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Which of the two input kinds a line is (docs/input-formats.md).
public enum RecordKind: String, Sendable, CaseIterable {
    /// JSON Lines, one object per API response the integration received.
    case responses
    /// One line per HTTP attempt, without bodies, as JSON Lines or CSV.
    case requests
}

/// One API response the integration received, normalised into typed fields.
public struct ResponseRecord: Sendable, Equatable {
    public var occurredAt: Timestamp
    public var orgId: String
    /// The endpoint as written in the input (secrets in a query string redacted).
    public var endpoint: String
    public var version: APIVersion
    public var httpStatus: Int
    public var idempotencyKey: String?
    /// `requestId`, else the error body's `response.requestId`.
    public var requestId: String?
    public var durationMs: Int?
    /// `response.success`; nil when the body has no such member.
    public var success: Bool?
    public var generationId: String?
    public var imageUrl: String?
    public var visualMetaphor: String?
    public var semanticTranslationMs: Int?
    public var providerLatencyMs: Int?
    /// `response.code`, e.g. `insufficient_balance`.
    public var errorCode: String?
    public var errorMessage: String?
    public var prompt: String?
    public var category: String?
    public var aspectRatio: String?
    public var resolution: String?
    public var cinematicMode: Bool?

    public init(occurredAt: Timestamp, orgId: String, endpoint: String, version: APIVersion, httpStatus: Int) {
        self.occurredAt = occurredAt
        self.orgId = orgId
        self.endpoint = endpoint
        self.version = version
        self.httpStatus = httpStatus
    }
}

/// One HTTP attempt from the integration's request log.
public struct RequestAttempt: Sendable, Equatable {
    public var occurredAt: Timestamp
    public var orgId: String
    public var endpoint: String
    public var version: APIVersion
    public var httpStatus: Int
    public var method: String?
    public var idempotencyKey: String?
    public var requestId: String?
    public var durationMs: Int?
    /// `retryAfter`, in seconds (sent with 429).
    public var retryAfterSeconds: Int?
    public var rateLimitRemaining: Int?

    public init(occurredAt: Timestamp, orgId: String, endpoint: String, version: APIVersion, httpStatus: Int) {
        self.occurredAt = occurredAt
        self.orgId = orgId
        self.endpoint = endpoint
        self.version = version
        self.httpStatus = httpStatus
    }
}

/// What the parser makes of one accepted line.
public enum ParsedRecord: Sendable, Equatable {
    case response(ResponseRecord)
    case request(RequestAttempt)
}

/// Why a line was quarantined, in words a person understands
/// (for example `httpStatus must be an integer, found a string`).
public struct RejectReason: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
