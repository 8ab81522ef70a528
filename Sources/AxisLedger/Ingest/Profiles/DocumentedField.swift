/// The documented fields of each input kind (docs/input-formats.md), as a
/// profile names them: top-level names, and `response.x` / `request.x` for
/// members of the two objects of a response record.
struct DocumentedField: Sendable, Equatable {
    enum ValueType: Sendable, Equatable {
        case string, integer, bool, object, timestamp

        /// As reject reasons say it.
        var expected: String {
            switch self {
            case .string, .timestamp: return "a string"
            case .integer: return "an integer"
            case .bool: return "true or false"
            case .object: return "an object"
            }
        }
    }

    /// `httpStatus`, `response.generationId`.
    let name: String
    let type: ValueType

    /// `response` for `response.generationId`, nil for a top-level field.
    var parent: String? {
        guard let dot = name.firstIndex(of: ".") else { return nil }
        return String(name[..<dot])
    }

    /// The member name inside its parent (`generationId`), or the name itself.
    var member: String {
        guard let dot = name.firstIndex(of: ".") else { return name }
        return String(name[name.index(after: dot)...])
    }

    private static func fields(_ type: ValueType, _ names: String...) -> [DocumentedField] {
        names.map { DocumentedField(name: $0, type: type) }
    }

    static let responses: [DocumentedField] =
        fields(.timestamp, "timestamp") + fields(.string, "orgId", "endpoint") + fields(.integer, "httpStatus")
        + fields(.string, "idempotencyKey", "requestId") + fields(.integer, "durationMs")
        + fields(.object, "request", "response")
        + fields(.bool, "response.success") + fields(.string, "response.generationId", "response.imageUrl", "response.visualMetaphor")
        + fields(.integer, "response.semanticTranslationMs", "response.providerLatencyMs")
        + fields(.string, "response.code", "response.message", "response.requestId")
        + fields(.string, "request.prompt", "request.category", "request.aspectRatio", "request.resolution")
        + fields(.bool, "request.cinematicMode")

    static let requests: [DocumentedField] =
        fields(.timestamp, "timestamp") + fields(.string, "orgId", "endpoint") + fields(.integer, "httpStatus")
        + fields(.string, "method", "idempotencyKey", "requestId")
        + fields(.integer, "durationMs", "retryAfter", "rateLimitRemaining")

    static func all(of kind: RecordKind) -> [DocumentedField] {
        kind == .responses ? responses : requests
    }

    static func named(_ name: String, kind: RecordKind) -> DocumentedField? {
        all(of: kind).first { $0.name == name }
    }
}
