/// A record as the documented JSON line that holds it (docs/input-formats.md):
/// what `profile try` prints for a line that maps, and what a line in a
/// profile's shape is written from.
enum DocumentedShape {
    static func json(_ record: ParsedRecord) -> MappedJSON {
        var members: [(String, MappedJSON)] = []
        func add(_ name: String, _ value: String?) { if let value { members.append((name, .string(value))) } }
        func add(_ name: String, _ value: Int?) { if let value { members.append((name, .number(String(value)))) } }
        switch record {
        case .response(let r):
            add("timestamp", r.occurredAt.iso8601)
            add("orgId", r.orgId)
            add("endpoint", r.endpoint)
            add("httpStatus", r.httpStatus)
            add("idempotencyKey", r.idempotencyKey)
            add("requestId", r.requestId)
            add("durationMs", r.durationMs)
            var sent: [(String, MappedJSON)] = []
            if let v = r.prompt { sent.append(("prompt", .string(v))) }
            if let v = r.category { sent.append(("category", .string(v))) }
            if let v = r.aspectRatio { sent.append(("aspectRatio", .string(v))) }
            if let v = r.resolution { sent.append(("resolution", .string(v))) }
            if let v = r.cinematicMode { sent.append(("cinematicMode", .bool(v))) }
            if !sent.isEmpty { members.append(("request", .object(sent))) }
            var body: [(String, MappedJSON)] = []
            if let v = r.success { body.append(("success", .bool(v))) }
            if let v = r.generationId { body.append(("generationId", .string(v))) }
            if let v = r.imageUrl { body.append(("imageUrl", .string(v))) }
            if let v = r.visualMetaphor { body.append(("visualMetaphor", .string(v))) }
            if let v = r.semanticTranslationMs { body.append(("semanticTranslationMs", .number(String(v)))) }
            if let v = r.providerLatencyMs { body.append(("providerLatencyMs", .number(String(v)))) }
            if let v = r.errorCode { body.append(("code", .string(v))) }
            if let v = r.errorMessage { body.append(("message", .string(v))) }
            members.append(("response", .object(body)))
        case .request(let a):
            add("timestamp", a.occurredAt.iso8601)
            add("orgId", a.orgId)
            add("endpoint", a.endpoint)
            add("httpStatus", a.httpStatus)
            add("method", a.method)
            add("idempotencyKey", a.idempotencyKey)
            add("requestId", a.requestId)
            add("durationMs", a.durationMs)
            add("retryAfter", a.retryAfterSeconds)
            add("rateLimitRemaining", a.rateLimitRemaining)
        }
        return .object(members)
    }

    /// The documented JSON line of a record, as text.
    static func line(_ record: ParsedRecord) -> String {
        String(decoding: json(record).bytes, as: UTF8.self)
    }
}

extension ParsedRecord {
    /// The record as its documented JSON line (`profile try` prints it).
    public var documentedLine: String { DocumentedShape.line(self) }
}
