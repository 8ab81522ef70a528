@testable import AxisLedger

/// Builds input lines from a known-good line with some members replaced or
/// removed, so that each test table row changes exactly one thing.
/// Values are raw JSON text; keys are paths (`response.code`, `request.prompt`).
enum LineFixtures {
    static let successResponse: [(String, String)] = [
        ("timestamp", #""2026-10-03T10:15:22.120Z""#),
        ("orgId", #""org_acme""#),
        ("endpoint", #""/v2/cinematic-image""#),
        ("httpStatus", "200"),
        ("idempotencyKey", #""7c9e6679-7425-40de-944b-e07fc1f90ae7""#),
        ("requestId", #""req_9m2x1a""#),
        ("durationMs", "3990"),
        ("request.prompt", #""a team celebrating a product launch""#),
        ("request.category", #""category_product_launch""#),
        ("request.aspectRatio", #""16:9""#),
        ("request.resolution", #""2K""#),
        ("request.cinematicMode", "true"),
        ("response.success", "true"),
        ("response.generationId", #""gen_456""#),
        ("response.imageUrl", #""https://cdn.studioaxis.io/outputs/gen_456.png""#),
        ("response.visualMetaphor", #""a rocket made of confetti""#),
        ("response.semanticTranslationMs", "842"),
        ("response.providerLatencyMs", "3120"),
    ]

    static let requestLog: [(String, String)] = [
        ("timestamp", #""2026-10-03T10:15:22.120Z""#),
        ("orgId", #""org_acme""#),
        ("endpoint", #""/v1/generate-image""#),
        ("httpStatus", "429"),
        ("method", #""POST""#),
        ("idempotencyKey", #""550e8400-e29b-41d4-a716-446655440000""#),
        ("requestId", #""req_77ab""#),
        ("durationMs", "12"),
        ("retryAfter", "30"),
        ("rateLimitRemaining", "0"),
    ]

    /// A JSON object text from `base` with members set (added at the end when new) or removed.
    static func json(_ base: [(String, String)], set: [String: String] = [:], remove: Set<String> = []) -> String {
        var members = base.filter { !remove.contains($0.0) }
        for (key, value) in set.sorted(by: { $0.key < $1.key }) {
            if let index = members.firstIndex(where: { $0.0 == key }) {
                members[index].1 = value
            } else {
                members.append((key, value))
            }
        }
        let plainKeys = Set(members.map(\.0).filter { !$0.contains(".") })
        var top: [(String, String)] = []
        var nested: [String: [(String, String)]] = [:]
        for (path, value) in members {
            if let dot = path.firstIndex(of: ".") {
                guard !remove.contains(String(path[..<dot])), !plainKeys.contains(String(path[..<dot])) else { continue }
                let parent = String(path[..<dot])
                if nested[parent] == nil { top.append((parent, "")) }
                nested[parent, default: []].append((String(path[path.index(after: dot)...]), value))
            } else if !path.contains(".") {
                top.append((path, value))
            }
        }
        func object(_ members: [(String, String)]) -> String {
            "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
        return object(top.map { key, value in
            if let children = nested[key], value.isEmpty { return (key, object(children)) }
            return (key, value)
        })
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func response(set: [String: String] = [:], remove: Set<String> = []) -> [UInt8] {
        bytes(json(successResponse, set: set, remove: remove))
    }

    static func request(set: [String: String] = [:], remove: Set<String> = []) -> [UInt8] {
        bytes(json(requestLog, set: set, remove: remove))
    }
}

extension ParsedLine {
    var reason: String? {
        if case .failure(let reason) = result { return reason.message }
        return nil
    }

    var response: ResponseRecord? {
        if case .success(.response(let record)) = result { return record }
        return nil
    }

    var request: RequestAttempt? {
        if case .success(.request(let attempt)) = result { return attempt }
        return nil
    }

    var storedText: String { String(decoding: storedLine, as: UTF8.self) }
}
