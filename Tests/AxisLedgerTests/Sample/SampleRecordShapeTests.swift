import Foundation
import Testing
@testable import AxisLedger

/// The input contract (docs/sample-data.md), checked on the default sample.
struct SampleRecordShapeTests {
    let sample = SampleFixture.standard

    @Test func everyResponseLineIsAJSONObjectWithTheRequiredFields() throws {
        #expect(sample.parsed.count == 50_000)
        for (index, record) in sample.parsed.enumerated() {
            let record = try #require(record, "line \(index + 1) is not a JSON object")
            #expect(record.json["timestamp"] is String && record.parsedInstant != nil, "line \(index + 1)")
            #expect((record.json["orgId"] as? String)?.hasPrefix("org_") == true, "line \(index + 1)")
            #expect(record.json["httpStatus"] is Int, "line \(index + 1)")
            #expect(record.json["idempotencyKey"] is String, "line \(index + 1)")
            #expect(record.json["response"] is [String: Any], "line \(index + 1)")
            #expect(record.requestId != nil, "line \(index + 1)")
            #expect(record.endpoint.hasSuffix("/v1/generate-image") || record.endpoint.hasSuffix("/v2/cinematic-image"), "line \(index + 1)")
        }
    }

    @Test(arguments: [
        (400, "invalid_request"), (401, "unauthorized"), (402, "insufficient_balance"), (403, "forbidden"),
        (409, "idempotency_conflict"), (429, "rate_limited"), (500, "internal_error"), (503, "service_unavailable"),
    ])
    func errorBodiesCarryTheCodeOfTheirStatus(status: Int, code: String) throws {
        let errors = sample.records.filter { $0.httpStatus == status }
        #expect(!errors.isEmpty)
        for record in errors {
            #expect(record.response["success"] as? Bool == false)
            #expect(record.response["code"] as? String == code)
            #expect((record.response["message"] as? String)?.isEmpty == false)
            #expect(record.response["requestId"] is String)
            #expect(record.generationId == nil)
        }
    }

    @Test func v1SuccessBodiesLackTheV2FieldsAndV2BodiesHaveThem() {
        let successes = sample.records.filter { $0.httpStatus == 200 }
        #expect(successes.count > 40_000)
        for record in successes {
            #expect(record.response["success"] as? Bool == true)
            #expect(record.generationId != nil)
            #expect(record.response["imageUrl"] as? String == "https://cdn.studioaxis.io/outputs/\(record.generationId ?? "").png")
            #expect(record.response["providerLatencyMs"] is Int)
            let v2Only = [record.response["visualMetaphor"], record.response["semanticTranslationMs"], record.request?["cinematicMode"]]
            if record.version == "v1" {
                #expect(v2Only.allSatisfy { $0 == nil })
            } else {
                #expect(v2Only.allSatisfy { $0 != nil })
            }
            let request = record.request ?? [:]
            #expect(["1:1", "16:9", "9:16", "4:3"].contains(request["aspectRatio"] as? String ?? ""))
            #expect(["1K", "2K", "4K"].contains(request["resolution"] as? String ?? ""))
            #expect((request["category"] as? String)?.hasPrefix("category_") == true)
            #expect((request["prompt"] as? String)?.isEmpty == false)
        }
    }

    @Test func everyTimestampLiesInTheMonthInUTCAndTheFilesAreInTimeOrder() {
        let instants = sample.records.map(\.instant)
        #expect(instants.allSatisfy { SampleTimestamps.utcMonth($0) == "2026-10" })
        #expect(zip(instants, instants.dropFirst()).allSatisfy { $0 <= $1 })
        let rowInstants = sample.rows.map { SampleTimestamps.parse($0.timestamp)! }
        #expect(zip(rowInstants, rowInstants.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func mostTimestampsAreZWithMillisecondsAndSomeCarryAnOffset() throws {
        let timestamps = sample.records.map(\.timestamp)
        let zuluWithMilliseconds = try Regex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$")
        #expect(timestamps.filter { $0.wholeMatch(of: zuluWithMilliseconds) != nil }.count > timestamps.count * 9 / 10)
        for offset in ["+02:00", "-05:00"] {
            #expect(timestamps.contains { $0.hasSuffix(offset) }, "no timestamp with \(offset)")
        }
    }

    @Test func aTimestampWithAnOffsetCanShowThePreviousMonthLocallyYetFallInTheMonthInUTC() {
        let edge = sample.records.first { $0.timestamp.hasPrefix("2026-09-30") && $0.timestamp.hasSuffix("-05:00") }
        #expect(edge.map { SampleTimestamps.utcMonth($0.instant) } == "2026-10")
    }

    @Test func identifiersHaveTheirDocumentedShapes() throws {
        let generation = try Regex("^gen_[0-9a-f]{16}$")
        let request = try Regex("^req_[0-9a-z]{12}$")
        let key = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        for record in sample.records {
            #expect(record.generationId.map { $0.wholeMatch(of: generation) != nil } ?? true)
            #expect(record.requestId?.wholeMatch(of: request) != nil)
            #expect(record.idempotencyKey.wholeMatch(of: key) != nil)
        }
    }

    @Test func requestIdsAreUniqueAndAGenerationIdBelongsToOneIdempotencyKey() {
        let requestIds = sample.records.compactMap(\.requestId)
        #expect(Set(requestIds).count == requestIds.count)
        var keyOfGeneration: [String: String] = [:]
        for record in sample.records {
            guard let generationId = record.generationId else { continue }
            let key = keyOfGeneration[generationId, default: record.idempotencyKey]
            #expect(key == record.idempotencyKey, "\(generationId) came back for two keys")
            keyOfGeneration[generationId] = key
        }
    }

    @Test func theCSVHeaderIsExactlyTheContractsOne() {
        #expect(sample.header == "timestamp,orgId,endpoint,httpStatus,method,idempotencyKey,requestId,durationMs,retryAfter,rateLimitRemaining")
    }

    @Test func everyRequestLogRowMatchesTheResponseRecordOnTheSameLine() {
        let records = sample.records
        #expect(sample.rows.count == records.count)
        for (row, record) in zip(sample.rows, records) {
            #expect(row.cells.count == 10)
            #expect(row.timestamp == record.timestamp)
            #expect(row.orgId == record.orgId)
            #expect(row.endpoint == record.endpoint)
            #expect(row.httpStatus == record.httpStatus)
            #expect(row.idempotencyKey == record.idempotencyKey)
            #expect(row.requestId == record.requestId)
            #expect(row.method == "POST")
            #expect(record.durationMs == nil || row.durationMs == record.durationMs)
            #expect((row.retryAfter != nil) == (row.httpStatus == 429))
        }
    }
}
