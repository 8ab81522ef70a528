import Testing
@testable import AxisLedger

/// The request-log half of the input contract, as JSON Lines, and kind detection.
struct JSONLineParserRequestTests {
    let parser = JSONLineParser()

    @Test func requestLogLineIsReadIntoEveryField() throws {
        let parsed = parser.parse(LineFixtures.request())
        let attempt = try #require(parsed.request, "\(parsed.reason ?? "")")
        #expect(attempt.occurredAt.iso8601 == "2026-10-03T10:15:22.120Z")
        #expect(attempt.orgId == "org_acme")
        #expect(attempt.endpoint == "/v1/generate-image")
        #expect(attempt.version == .v1)
        #expect(attempt.httpStatus == 429)
        #expect(attempt.method == "POST")
        #expect(attempt.idempotencyKey == "550e8400-e29b-41d4-a716-446655440000")
        #expect(attempt.requestId == "req_77ab")
        #expect(attempt.durationMs == 12)
        #expect(attempt.retryAfterSeconds == 30)
        #expect(attempt.rateLimitRemaining == 0)
    }

    @Test(arguments: ["method", "idempotencyKey", "requestId", "durationMs", "retryAfter", "rateLimitRemaining"])
    func optionalRequestFieldsMayBeAbsentOrNull(field: String) {
        #expect(parser.parse(LineFixtures.request(remove: [field])).request != nil)
        #expect(parser.parse(LineFixtures.request(set: [field: "null"])).request != nil)
    }

    @Test(arguments: [
        (["timestamp"], #"missing required field "timestamp""#),
        (["orgId"], #"missing required field "orgId""#),
        (["endpoint"], #"missing required field "endpoint""#),
        (["httpStatus"], #"missing required field "httpStatus""#),
    ])
    func missingRequiredRequestFieldIsNamed(removed: [String], reason: String) {
        #expect(parser.parse(LineFixtures.request(remove: Set(removed))).reason == reason)
    }

    @Test(arguments: [
        ("method", "1", #""method" must be a string, found a number"#),
        ("httpStatus", #""429""#, #""httpStatus" must be an integer, found a string"#),
        ("durationMs", "1.0", #""durationMs" must be a whole number ≥ 0, found 1.0"#),
        ("retryAfter", #""30""#, #""retryAfter" must be a whole number ≥ 0, found a string"#),
        ("retryAfter", "-30", #""retryAfter" must be a whole number ≥ 0, found -30"#),
        ("rateLimitRemaining", "[]", #""rateLimitRemaining" must be a whole number ≥ 0, found an array"#),
        ("orgId", #""""#, #""orgId" must not be empty"#),
        ("endpoint", #""/v3/foo""#, #"unknown endpoint "/v3/foo": expected a path ending in /v1/generate-image or /v2/cinematic-image"#),
        ("timestamp", #""2026-10-03T10:15:22""#, #""timestamp" has no UTC offset (add Z or ±hh:mm): "2026-10-03T10:15:22""#),
    ])
    func badRequestFieldIsRejectedByName(field: String, value: String, reason: String) {
        #expect(parser.parse(LineFixtures.request(set: [field: value])).reason == reason)
    }

    @Test func lineWithAResponseMemberIsAResponseRecord() {
        #expect(parser.parse(LineFixtures.response()).response != nil)
        #expect(parser.parse(LineFixtures.request()).request != nil)
    }

    @Test func nullResponseMemberMakesARequestLine() {
        #expect(parser.parse(LineFixtures.request(set: ["response": "null"])).request != nil)
    }

    @Test func forcedResponsesRejectALineWithoutResponse() {
        let parsed = JSONLineParser(forcedKind: .responses).parse(LineFixtures.request())
        #expect(parsed.reason == #"missing required field "response""#)
    }

    @Test func forcedRequestsIgnoreTheResponseMember() throws {
        let parsed = JSONLineParser(forcedKind: .requests).parse(LineFixtures.response(set: ["response": #""not even an object""#]))
        let attempt = try #require(parsed.request)
        #expect(attempt.httpStatus == 200)
        #expect(attempt.version == .v2)
        #expect(attempt.requestId == "req_9m2x1a")
    }

    @Test func forcedRequestsStillReadRequestFields() throws {
        let parsed = JSONLineParser(forcedKind: .requests).parse(LineFixtures.request())
        #expect(try #require(parsed.request).retryAfterSeconds == 30)
    }

    @Test func timestampOffsetMovesTheRecordIntoTheUTCMonth() throws {
        let parsed = parser.parse(LineFixtures.request(set: ["timestamp": #""2026-11-01T00:30:00+01:00""#]))
        let attempt = try #require(parsed.request)
        #expect(attempt.occurredAt.iso8601 == "2026-10-31T23:30:00.000Z")
        #expect(attempt.occurredAt.month == "2026-10")
    }
}
