import Testing
@testable import AxisLedger

/// The response-record half of the input contract (docs/input-formats.md).
struct JSONLineParserResponseTests {
    let parser = JSONLineParser()

    @Test func issueExampleSuccessLineIsReadIntoEveryField() throws {
        let line = #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v2/cinematic-image","httpStatus":200,"idempotencyKey":"7c9e6679-7425-40de-944b-e07fc1f90ae7","requestId":"req_9m2x1a","durationMs":3990,"request":{"prompt":"a team celebrating a product launch","category":"category_product_launch","aspectRatio":"16:9","resolution":"2K","cinematicMode":true},"response":{"success":true,"generationId":"gen_456","imageUrl":"https://cdn.studioaxis.io/outputs/gen_456.png","visualMetaphor":"…","semanticTranslationMs":842,"providerLatencyMs":3120}}"#
        let parsed = parser.parse(Array(line.utf8))
        let record = try #require(parsed.response, "\(parsed.reason ?? "")")
        #expect(parsed.storedLine == Array(line.utf8))
        #expect(record.occurredAt.iso8601 == "2026-10-03T10:15:22.120Z")
        #expect(record.orgId == "org_acme")
        #expect(record.endpoint == "/v2/cinematic-image")
        #expect(record.version == .v2)
        #expect(record.httpStatus == 200)
        #expect(record.idempotencyKey == "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        #expect(record.requestId == "req_9m2x1a")
        #expect(record.durationMs == 3990)
        #expect(record.prompt == "a team celebrating a product launch")
        #expect(record.category == "category_product_launch")
        #expect(record.aspectRatio == "16:9")
        #expect(record.resolution == "2K")
        #expect(record.cinematicMode == true)
        #expect(record.success == true)
        #expect(record.generationId == "gen_456")
        #expect(record.imageUrl == "https://cdn.studioaxis.io/outputs/gen_456.png")
        #expect(record.visualMetaphor == "…")
        #expect(record.semanticTranslationMs == 842)
        #expect(record.providerLatencyMs == 3120)
        #expect(record.errorCode == nil)
        #expect(record.errorMessage == nil)
    }

    @Test func issueExampleErrorLineTakesRequestIdFromTheBodyAndConvertsTheOffset() throws {
        let line = #"{"timestamp":"2026-10-03T10:16:01+02:00","orgId":"org_acme","endpoint":"https://studioaxis.io/api/external/v1/generate-image","httpStatus":402,"idempotencyKey":"550e8400-e29b-41d4-a716-446655440000","response":{"success":false,"code":"insufficient_balance","message":"Generation quota or prepaid balance insufficient","requestId":"req_77ab"}}"#
        let parsed = parser.parse(Array(line.utf8))
        let record = try #require(parsed.response, "\(parsed.reason ?? "")")
        #expect(record.occurredAt.iso8601 == "2026-10-03T08:16:01.000Z")
        #expect(record.version == .v1)
        #expect(record.endpoint == "https://studioaxis.io/api/external/v1/generate-image")
        #expect(record.httpStatus == 402)
        #expect(record.success == false)
        #expect(record.errorCode == "insufficient_balance")
        #expect(record.errorMessage == "Generation quota or prepaid balance insufficient")
        #expect(record.requestId == "req_77ab")
        #expect(record.generationId == nil)
        #expect(record.prompt == nil)
        #expect(record.durationMs == nil)
    }

    @Test func topLevelRequestIdWinsOverTheBodysRequestId() throws {
        let parsed = parser.parse(LineFixtures.response(set: ["requestId": #""req_top""#, "response.requestId": #""req_body""#]))
        #expect(try #require(parsed.response).requestId == "req_top")
    }

    @Test func nullTopLevelRequestIdFallsBackToTheBodysRequestId() throws {
        let parsed = parser.parse(LineFixtures.response(set: ["requestId": "null", "response.requestId": #""req_body""#]))
        #expect(try #require(parsed.response).requestId == "req_body")
    }

    @Test(arguments: [
        "idempotencyKey", "requestId", "durationMs", "request", "request.prompt", "request.category",
        "request.aspectRatio", "request.resolution", "request.cinematicMode", "response.success",
        "response.generationId", "response.imageUrl", "response.visualMetaphor",
        "response.semanticTranslationMs", "response.providerLatencyMs", "response.code", "response.message",
    ])
    func optionalFieldsMayBeAbsentOrNull(field: String) throws {
        for line in [LineFixtures.response(remove: [field]), LineFixtures.response(set: [field: "null"])] {
            let parsed = parser.parse(line)
            #expect(parsed.response != nil, "\(field): \(parsed.reason ?? "")")
        }
    }

    @Test func unknownMembersAreIgnored() throws {
        let parsed = parser.parse(LineFixtures.response(set: ["model": #""sdxl""#, "extra": #"{"a":[1,2,{"b":null}]}"#, "response.cost": "0.04"]))
        #expect(try #require(parsed.response).generationId == "gen_456")
    }

    @Test(arguments: [
        (["timestamp"], #"missing required field "timestamp""#),
        (["orgId"], #"missing required field "orgId""#),
        (["endpoint"], #"missing required field "endpoint""#),
        (["httpStatus"], #"missing required field "httpStatus""#),
        (["response"], #"missing required field "response""#),
    ])
    func missingRequiredFieldIsNamed(removed: [String], reason: String) {
        let forced = JSONLineParser(forcedKind: .responses)
        #expect(forced.parse(LineFixtures.response(remove: Set(removed))).reason == reason)
    }

    @Test(arguments: [
        ("orgId", #"missing required field "orgId" (it is null)"#),
        ("timestamp", #"missing required field "timestamp" (it is null)"#),
    ])
    func requiredFieldThatIsNullIsMissing(field: String, reason: String) {
        #expect(parser.parse(LineFixtures.response(set: [field: "null"])).reason == reason)
    }

    @Test(arguments: [
        ("timestamp", "1759486522", #""timestamp" must be a string, found a number"#),
        ("orgId", "42", #""orgId" must be a string, found a number"#),
        ("orgId", #""""#, #""orgId" must not be empty"#),
        ("endpoint", "[]", #""endpoint" must be a string, found an array"#),
        ("httpStatus", #""200""#, #""httpStatus" must be an integer, found a string"#),
        ("httpStatus", "200.0", #""httpStatus" must be an integer, found 200.0"#),
        ("httpStatus", "2e2", #""httpStatus" must be an integer, found 2e2"#),
        ("httpStatus", "true", #""httpStatus" must be an integer, found a boolean"#),
        ("httpStatus", "99", #""httpStatus" must be between 100 and 599, found 99"#),
        ("httpStatus", "600", #""httpStatus" must be between 100 and 599, found 600"#),
        ("httpStatus", "-200", #""httpStatus" must be between 100 and 599, found -200"#),
        ("httpStatus", "99999999999999999999", #""httpStatus" must be between 100 and 599, found 99999999999999999999"#),
        ("idempotencyKey", "7", #""idempotencyKey" must be a string, found a number"#),
        ("requestId", "{}", #""requestId" must be a string, found an object"#),
        ("durationMs", "-1", #""durationMs" must be a whole number ≥ 0, found -1"#),
        ("durationMs", "12.5", #""durationMs" must be a whole number ≥ 0, found 12.5"#),
        ("durationMs", #""12""#, #""durationMs" must be a whole number ≥ 0, found a string"#),
        ("durationMs", "9223372036854775808", #""durationMs" must be a whole number ≥ 0, found 9223372036854775808"#),
        ("request", #""a prompt""#, #""request" must be an object, found a string"#),
        ("request.prompt", "1", #""request.prompt" must be a string, found a number"#),
        ("request.category", "false", #""request.category" must be a string, found a boolean"#),
        ("request.aspectRatio", "1.78", #""request.aspectRatio" must be a string, found a number"#),
        ("request.resolution", "2048", #""request.resolution" must be a string, found a number"#),
        ("request.cinematicMode", #""true""#, #""request.cinematicMode" must be true or false, found a string"#),
        ("response", #""ok""#, #""response" must be an object, found a string"#),
        ("response", "[]", #""response" must be an object, found an array"#),
        ("response.success", "1", #""response.success" must be true or false, found a number"#),
        ("response.generationId", "456", #""response.generationId" must be a string, found a number"#),
        ("response.imageUrl", "{}", #""response.imageUrl" must be a string, found an object"#),
        ("response.visualMetaphor", "[]", #""response.visualMetaphor" must be a string, found an array"#),
        ("response.semanticTranslationMs", "-5", #""response.semanticTranslationMs" must be a whole number ≥ 0, found -5"#),
        ("response.providerLatencyMs", "3.1e3", #""response.providerLatencyMs" must be a whole number ≥ 0, found 3.1e3"#),
        ("response.code", "402", #""response.code" must be a string, found a number"#),
        ("response.message", "true", #""response.message" must be a string, found a boolean"#),
        ("response.requestId", "7", #""response.requestId" must be a string, found a number"#),
    ])
    func fieldOfTheWrongTypeOrRangeIsRejectedByName(field: String, value: String, reason: String) {
        let parsed = parser.parse(LineFixtures.response(set: [field: value]))
        #expect(parsed.reason == reason)
    }

    @Test(arguments: [0, 100, 599])
    func httpStatusBoundsAreInclusive(status: Int) {
        let parsed = parser.parse(LineFixtures.response(set: ["httpStatus": String(status)]))
        if status == 0 {
            #expect(parsed.reason == #""httpStatus" must be between 100 and 599, found 0"#)
        } else {
            #expect(parsed.response?.httpStatus == status)
        }
    }

    @Test func zeroDurationsAreAccepted() throws {
        let parsed = parser.parse(LineFixtures.response(set: ["durationMs": "0", "response.providerLatencyMs": "0"]))
        let record = try #require(parsed.response)
        #expect(record.durationMs == 0)
        #expect(record.providerLatencyMs == 0)
    }

    @Test(arguments: [
        ("/v1/generate-image", APIVersion.v1),
        ("/v2/cinematic-image", .v2),
        ("/v1/generate-image/", .v1),
        ("/v2/cinematic-image?stream=false", .v2),
        ("/v2/cinematic-image/?a=1#frag", .v2),
        ("https://studioaxis.io/api/external/v1/generate-image", .v1),
        ("https://studioaxis.io/api/external/v2/cinematic-image?x=/v1/generate-image", .v2),
        ("http://localhost:8080/v1/generate-image", .v1),
    ])
    func endpointFormsGiveTheVersion(endpoint: String, version: APIVersion) throws {
        let parsed = parser.parse(LineFixtures.response(set: ["endpoint": "\"\(endpoint)\""]))
        let record = try #require(parsed.response, "\(parsed.reason ?? "")")
        #expect(record.version == version)
        #expect(record.endpoint == endpoint)
    }

    @Test(arguments: [
        "/v3/foo", "", "/v1/generate-image-x", "v1/generate-image", "/v1/generate", "/V1/GENERATE-IMAGE",
        "/v2/cinematic-image//", "/xv1/generate-image",
    ])
    func unknownEndpointIsRejectedWithTheExpectedForms(endpoint: String) {
        let parsed = parser.parse(LineFixtures.response(set: ["endpoint": "\"\(endpoint)\""]))
        #expect(parsed.reason == "unknown endpoint \"\(endpoint)\": expected a path ending in /v1/generate-image or /v2/cinematic-image")
    }

    @Test func longQuotedValuesAreCutSoTheReasonStaysShort() throws {
        let endpoint = "/" + String(repeating: "x", count: 500)
        let reason = try #require(parser.parse(LineFixtures.response(set: ["endpoint": "\"\(endpoint)\""])).reason)
        #expect(reason.count <= 200)
        #expect(reason.hasPrefix("unknown endpoint \"/xxxxxxxx"))
        #expect(reason.contains("…\""))
    }

    @Test(arguments: [
        ("2026-10-03T10:15:22", #""timestamp" has no UTC offset (add Z or ±hh:mm): "2026-10-03T10:15:22""#),
        ("2026-10-03 10:15:22Z", #""timestamp" separates date and time with a space (use T): "2026-10-03 10:15:22Z""#),
        ("2026-13-03T10:15:22Z", #""timestamp" has month 13 (expected 01 to 12): "2026-13-03T10:15:22Z""#),
        ("2026-10-03T10:15:60Z", #""timestamp" has second 60 (expected 00 to 59; leap seconds are not accepted): "2026-10-03T10:15:60Z""#),
        ("yesterday", #""timestamp" is not an RFC 3339 date-time (expected YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±hh:mm): "yesterday""#),
    ])
    func badTimestampReasonQuotesTheValue(timestamp: String, reason: String) {
        #expect(parser.parse(LineFixtures.response(set: ["timestamp": "\"\(timestamp)\""])).reason == reason)
    }

    @Test(arguments: [
        ("[1,2]", "the line must be a JSON object, found an array"),
        (#""text""#, "the line must be a JSON object, found a string"),
        ("42", "the line must be a JSON object, found a number"),
        ("null", "the line must be a JSON object, found null"),
    ])
    func lineThatIsNotAnObjectIsRejected(line: String, reason: String) {
        #expect(parser.parse(Array(line.utf8)).reason == reason)
    }

    @Test(arguments: [
        (#"{"orgId":"a","orgId":"b"}"#, #"duplicate key "orgId": each key may appear once per object"#),
        (#"{"response":{"code":"a","message":"m","code":"b"}}"#, #"duplicate key "response.code": each key may appear once per object"#),
        (#"{"x":[{"k":1},{"k":1,"k":2}]}"#, #"duplicate key "x[1].k": each key may appear once per object"#),
        (#"{"a":1,"\u0061":2}"#, #"duplicate key "a": each key may appear once per object"#),
    ])
    func duplicateKeysAreRejectedByPath(line: String, reason: String) {
        #expect(parser.parse(Array(line.utf8)).reason == reason)
    }

    @Test func duplicateKeysInAWideObjectAreFound() {
        var members = (0..<5000).map { "\"k\($0)\":\($0)" }
        members.append(#""k4321":0"#)
        let line = "{" + members.joined(separator: ",") + "}"
        #expect(parser.parse(Array(line.utf8)).reason == #"duplicate key "k4321": each key may appear once per object"#)
    }

    @Test func escapedStringsAreDecoded() throws {
        let parsed = parser.parse(LineFixtures.response(set: ["request.prompt": #""a \"quoted\" caf\u00e9 \ud83d\ude80\n\/""#]))
        #expect(try #require(parsed.response).prompt == "a \"quoted\" café 🚀\n/")
    }
}
