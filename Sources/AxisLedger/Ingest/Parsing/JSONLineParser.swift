/// Parses one JSON Lines line of either input kind into a typed record, or
/// rejects it with a reason naming the field (docs/input-formats.md).
///
/// A line with a `response` member (not null) is a response record, any other
/// line a request-log line, unless `forcedKind` says which kind every line is.
/// Secrets are redacted before anything is read, so neither ``ParsedLine/storedLine``
/// nor a parsed field nor a reject reason can carry one.
///
/// ```swift
/// let parsed = JSONLineParser().parse(Array(line.utf8))
/// switch parsed.result {
/// case .success(.response(let record)): …
/// case .success(.request(let attempt)): …
/// case .failure(let reason): print(reason)   // "missing required field \"orgId\""
/// }
/// ```
public struct JSONLineParser: Sendable {
    public var forcedKind: RecordKind?

    public init(forcedKind: RecordKind? = nil) {
        self.forcedKind = forcedKind
    }

    /// - Parameter line: the bytes of one line, without its line ending; a BOM already stripped.
    public func parse(_ line: [UInt8]) -> ParsedLine {
        let (stored, tape) = Self.redactedTape(line)
        switch tape {
        case .failure(let reason): return ParsedLine(storedLine: stored, result: .failure(reason))
        case .success(let reading): return ParsedLine(storedLine: stored, result: Result { () throws(RejectReason) in try read(reading) })
        }
    }

    /// The line as it may be stored (secrets redacted) and its tape, read from the
    /// redacted bytes, or the syntax error: the first step of every JSON line,
    /// documented or mapped by an input profile (``ProfileMapper``).
    static func redactedTape(_ line: [UInt8]) -> (stored: [UInt8], tape: Result<JSONTape, RejectReason>) {
        let tape: JSONTape
        do {
            tape = try JSONTape(parsing: line)
        } catch {
            var stored = SecretTextRedactor.redact(line[...]) ?? line
            // Text redaction can turn an invalid line into valid JSON (a bad byte inside a
            // token it replaced); redact that as JSON too, so that redaction reaches a fixed
            // point and the stored line, ingested again, is stored the same.
            if stored != line, let repaired = try? JSONTape(parsing: stored), let again = JSONLineRedactor.redact(repaired) {
                stored = again
            }
            return (stored, .failure(.short(error.description)))
        }
        guard let redacted = JSONLineRedactor.redact(tape) else { return (line, .success(tape)) }
        do {
            return (redacted, .success(try JSONTape(parsing: redacted)))
        } catch {
            // Cannot happen: redaction only swaps JSON values for JSON strings.
            return (redacted, .failure(.short("internal error: the redacted line is not valid JSON (\(error.problem))")))
        }
    }

    private func read(_ tape: JSONTape) throws(RejectReason) -> ParsedRecord {
        if let duplicate = tape.firstDuplicateKey() { throw .duplicateKey(duplicate) }
        guard tape.kind(tape.root) == .object else { throw .notAnObject(found: tape.typeDescription(tape.root)) }
        let fields = JSONObjectFields(tape, object: tape.root, names: Top.names, namesUTF8: Top.namesUTF8)
        let kind = forcedKind ?? (fields.node(Top.response) != nil ? .responses : .requests)
        switch kind {
        case .responses: return .response(try responseRecord(fields))
        case .requests: return .request(try requestAttempt(fields))
        }
    }

    private func responseRecord(_ fields: JSONObjectFields) throws(RejectReason) -> ResponseRecord {
        let (occurredAt, orgId, endpoint, version, status) = try common(fields)
        let body = try fields.object(Top.response)
        guard let body else { throw .missingField("response", wasNull: fields.isPresent(Top.response)) }
        var record = ResponseRecord(occurredAt: occurredAt, orgId: orgId, endpoint: endpoint, version: version, httpStatus: status)
        record.idempotencyKey = try fields.string(Top.idempotencyKey)
        record.requestId = try fields.string(Top.requestId)
        record.durationMs = try fields.wholeNumber(Top.durationMs)

        let response = JSONObjectFields(fields.tape, object: body, names: Body.names, namesUTF8: Body.namesUTF8, path: "response.")
        record.success = try response.bool(Body.success)
        record.generationId = try response.string(Body.generationId)
        record.imageUrl = try response.string(Body.imageUrl)
        record.visualMetaphor = try response.string(Body.visualMetaphor)
        record.semanticTranslationMs = try response.wholeNumber(Body.semanticTranslationMs)
        record.providerLatencyMs = try response.wholeNumber(Body.providerLatencyMs)
        record.errorCode = try response.string(Body.code)
        record.errorMessage = try response.string(Body.message)
        let bodyRequestId = try response.string(Body.requestId)
        if record.requestId == nil { record.requestId = bodyRequestId }

        if let request = try fields.object(Top.request) {
            let sent = JSONObjectFields(fields.tape, object: request, names: Sent.names, namesUTF8: Sent.namesUTF8, path: "request.")
            record.prompt = try sent.string(Sent.prompt)
            record.category = try sent.string(Sent.category)
            record.aspectRatio = try sent.string(Sent.aspectRatio)
            record.resolution = try sent.string(Sent.resolution)
            record.cinematicMode = try sent.bool(Sent.cinematicMode)
        }
        return record
    }

    private func requestAttempt(_ fields: JSONObjectFields) throws(RejectReason) -> RequestAttempt {
        let (occurredAt, orgId, endpoint, version, status) = try common(fields)
        var attempt = RequestAttempt(occurredAt: occurredAt, orgId: orgId, endpoint: endpoint, version: version, httpStatus: status)
        attempt.method = try fields.string(Top.method)
        attempt.idempotencyKey = try fields.string(Top.idempotencyKey)
        attempt.requestId = try fields.string(Top.requestId)
        attempt.durationMs = try fields.wholeNumber(Top.durationMs)
        attempt.retryAfterSeconds = try fields.wholeNumber(Top.retryAfter)
        attempt.rateLimitRemaining = try fields.wholeNumber(Top.rateLimitRemaining)
        return attempt
    }

    /// The four required fields both kinds share, checked in this order.
    private func common(_ fields: JSONObjectFields) throws(RejectReason) -> (Timestamp, String, String, APIVersion, Int) {
        let occurredAt = try FieldRules.timestamp(fields.requiredString(Top.timestamp))
        let orgId = try FieldRules.orgId(fields.requiredString(Top.orgId))
        let endpoint = try fields.requiredString(Top.endpoint)
        let version = try FieldRules.version(ofEndpoint: endpoint)
        let status = try fields.httpStatus(Top.httpStatus)
        return (occurredAt, orgId, endpoint, version, status)
    }

    /// Top-level members of both kinds.
    private enum Top {
        static let names = ["timestamp", "orgId", "endpoint", "httpStatus", "idempotencyKey", "requestId", "durationMs",
                            "request", "response", "method", "retryAfter", "rateLimitRemaining"]
        static let namesUTF8 = names.map { Array($0.utf8) }
        static let timestamp = 0, orgId = 1, endpoint = 2, httpStatus = 3, idempotencyKey = 4, requestId = 5,
                   durationMs = 6, request = 7, response = 8, method = 9, retryAfter = 10, rateLimitRemaining = 11
    }

    /// Members of `response`, the body as received.
    private enum Body {
        static let names = ["success", "generationId", "imageUrl", "visualMetaphor", "semanticTranslationMs",
                            "providerLatencyMs", "code", "message", "requestId"]
        static let namesUTF8 = names.map { Array($0.utf8) }
        static let success = 0, generationId = 1, imageUrl = 2, visualMetaphor = 3, semanticTranslationMs = 4,
                   providerLatencyMs = 5, code = 6, message = 7, requestId = 8
    }

    /// Members of `request`, what the integration sent.
    private enum Sent {
        static let names = ["prompt", "category", "aspectRatio", "resolution", "cinematicMode"]
        static let namesUTF8 = names.map { Array($0.utf8) }
        static let prompt = 0, category = 1, aspectRatio = 2, resolution = 3, cinematicMode = 4
    }
}
