/// Writes a ``SampleAttempt`` as a response record (JSON Lines) and as a
/// request-log row (CSV), byte by byte, with the same timestamp text,
/// org, endpoint, status, key and requestId in both so that the two files
/// match one to one.
struct SampleLineFormatter {
    private let identifiers: SampleIdentifiers
    private let orgIds: [[UInt8]]
    private let endpoints: [[[UInt8]]]

    static let csvHeader: StaticString = "timestamp,orgId,endpoint,httpStatus,method,idempotencyKey,requestId,durationMs,retryAfter,rateLimitRemaining\n"

    /// How a bad line departs from a good one (`--with-bad-lines`).
    enum Defect {
        case none
        case missingOrgId
        case httpStatusAsString
        case timestampWithoutOffset
        case endpoint([UInt8])
        case authorizationHeader
    }

    init(identifiers: SampleIdentifiers, profiles: [SampleOrgProfile]) {
        self.identifiers = identifiers
        orgIds = profiles.map { Array($0.orgId.utf8) }
        endpoints = profiles.map { profile in APIVersion.allCases.map { profile.endpoint($0) } }
    }

    /// One response record, ending in a newline. Records of 401 and 402 are
    /// written the short way of the contract's example (no top-level
    /// requestId, durationMs or request; the requestId is in the error body).
    func appendResponse(_ attempt: SampleAttempt, defect: Defect = .none, to out: inout SampleLineBuffer) {
        out.append("{\"timestamp\":\"")
        appendTimestamp(attempt, to: &out)
        if case .timestampWithoutOffset = defect {
            out.bytes.removeLast()  // the Z
        }
        if case .missingOrgId = defect {
            out.append("\"")
        } else {
            out.append("\",\"orgId\":\"")
            out.append(bytes: orgIds[attempt.orgIndex])
            out.append("\"")
        }
        out.append(",\"endpoint\":\"")
        if case .endpoint(let endpoint) = defect {
            out.append(bytes: endpoint)
        } else {
            out.append(bytes: endpoint(of: attempt))
        }
        if case .httpStatusAsString = defect {
            out.append("\",\"httpStatus\":\"")
            out.append(int: attempt.httpStatus)
            out.append("\"")
        } else {
            out.append("\",\"httpStatus\":")
            out.append(int: attempt.httpStatus)
        }
        out.append(",\"idempotencyKey\":\"")
        identifiers.appendIdempotencyKey(attempt.keySerial, high: attempt.keyHigh, to: &out)
        out.append("\"")
        if case .authorizationHeader = defect {
            out.append(",\"headers\":{\"Authorization\":\"Bearer sk_live_SAMPLE_SECRET_123\",\"Content-Type\":\"application/json\"}")
        }
        let short = attempt.httpStatus == 401 || attempt.httpStatus == 402
        if !short {
            out.append(",\"requestId\":\"")
            identifiers.appendRequestId(attempt.requestSerial, to: &out)
            out.append("\",\"durationMs\":")
            out.append(int: attempt.durationMs)
            appendRequestBody(attempt, to: &out)
        }
        if let generation = attempt.generation {
            out.append(",\"response\":{\"success\":true,\"generationId\":\"")
            identifiers.appendGenerationId(generation.serial, to: &out)
            out.append("\",\"imageUrl\":\"https://cdn.studioaxis.io/outputs/")
            identifiers.appendGenerationId(generation.serial, to: &out)
            out.append(".png\"")
            if attempt.version == .v2 {
                out.append(",\"visualMetaphor\":\"")
                out.append(bytes: SampleVocabulary.visualMetaphors[generation.visualMetaphor])
                out.append("\",\"semanticTranslationMs\":")
                out.append(int: generation.semanticTranslationMs)
            }
            out.append(",\"providerLatencyMs\":")
            out.append(int: generation.providerLatencyMs)
            out.append("}}\n")
        } else {
            let error = SampleVocabulary.error(forStatus: attempt.httpStatus)
            out.append(",\"response\":{\"success\":false,\"code\":\"")
            out.append(bytes: error.code)
            out.append("\",\"message\":\"")
            out.append(bytes: error.message)
            out.append("\",\"requestId\":\"")
            identifiers.appendRequestId(attempt.requestSerial, to: &out)
            out.append("\"}}\n")
        }
    }

    /// One request-log row, ending in a newline; an empty cell means absent.
    func appendRequest(_ attempt: SampleAttempt, to out: inout SampleLineBuffer) {
        appendTimestamp(attempt, to: &out)
        out.append(",")
        out.append(bytes: orgIds[attempt.orgIndex])
        out.append(",")
        out.append(bytes: endpoint(of: attempt))
        out.append(",")
        out.append(int: attempt.httpStatus)
        out.append(",POST,")
        identifiers.appendIdempotencyKey(attempt.keySerial, high: attempt.keyHigh, to: &out)
        out.append(",")
        identifiers.appendRequestId(attempt.requestSerial, to: &out)
        out.append(",")
        out.append(int: attempt.durationMs)
        out.append(",")
        if let retryAfter = attempt.retryAfterSeconds { out.append(int: retryAfter) }
        out.append(",")
        if let remaining = attempt.rateLimitRemaining { out.append(int: remaining) }
        out.append("\n")
    }

    private func appendTimestamp(_ attempt: SampleAttempt, to out: inout SampleLineBuffer) {
        Timestamp(millisecondsSinceEpoch: attempt.time).appendSampleText(offsetMinutes: attempt.offsetMinutes, to: &out)
    }

    private func endpoint(of attempt: SampleAttempt) -> [UInt8] {
        endpoints[attempt.orgIndex][attempt.version == .v1 ? 0 : 1]
    }

    private func appendRequestBody(_ attempt: SampleAttempt, to out: inout SampleLineBuffer) {
        let body = attempt.body
        out.append(",\"request\":{\"prompt\":\"")
        out.append(bytes: SampleVocabulary.prompts[body.prompt])
        out.append("\",\"category\":\"")
        out.append(bytes: SampleVocabulary.categories[body.category])
        out.append("\",\"aspectRatio\":\"")
        out.append(bytes: SampleVocabulary.aspectRatios[body.aspectRatio])
        out.append("\",\"resolution\":\"")
        out.append(bytes: SampleVocabulary.resolutions[body.resolution])
        out.append("\"")
        if attempt.version == .v2 {
            out.append(body.cinematicMode ? ",\"cinematicMode\":true" : ",\"cinematicMode\":false")
        }
        out.append("}")
    }
}
