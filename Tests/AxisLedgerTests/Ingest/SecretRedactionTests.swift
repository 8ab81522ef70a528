import Testing
@testable import AxisLedger

/// Secrets never land: not in the stored line, not in a parsed field, not in a reason.
struct SecretRedactionTests {
    let parser = JSONLineParser()
    static let secret = "sk_live_9f8e7d6c5b4a"

    /// Asserts that the secret appears nowhere the ledger could write it.
    func expectNoSecret(_ parsed: ParsedLine, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!parsed.storedText.contains(Self.secret), "\(parsed.storedText)", sourceLocation: sourceLocation)
        #expect(!(parsed.reason ?? "").contains(Self.secret), sourceLocation: sourceLocation)
        if let record = parsed.response {
            #expect(!String(describing: record).contains(Self.secret), sourceLocation: sourceLocation)
        }
        if let attempt = parsed.request {
            #expect(!String(describing: attempt).contains(Self.secret), sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        "authorization", "Authorization", "AUTHORIZATION", "apiKey", "api_key", "api-key", "X-Api-Key", "APIKEY",
        "accessKey", "aws_access_key_id", "secretKey", "secret_key", "privateKey", "private-key", "token",
        "accessToken", "access_token", "refresh-token", "secret", "clientSecret", "password", "db_password",
        "passwd", "bearer", "bearerToken", "credential", "credentials", "cookie", "Set-Cookie",
    ])
    func sensitiveTopLevelFieldIsRedactedInAnAcceptedLine(name: String) throws {
        let parsed = parser.parse(LineFixtures.response(set: [name: "\"\(Self.secret)\""]))
        expectNoSecret(parsed)
        let record = try #require(parsed.response, "\(parsed.reason ?? "")")
        #expect(parsed.storedText.contains("\"\(name)\":\"[redacted]\""))
        #expect(record.idempotencyKey == "7c9e6679-7425-40de-944b-e07fc1f90ae7")
        #expect(parsed.storedText.contains("7c9e6679-7425-40de-944b-e07fc1f90ae7"))
    }

    @Test(arguments: ["idempotencyKey", "Idempotency-Key", "idempotency_key", "requestId", "orgId", "generationId", "maxSize"])
    func nonSensitiveNamesAreNotRedacted(name: String) {
        #expect(!SecretNames.isSensitive(name))
    }

    @Test(arguments: [
        #"{"headers":{"Authorization":"Bearer SECRET","X-Api-Key":"SECRET"}}"#,
        #"{"http":{"request":{"headers":{"cookie":"session=SECRET"}}}}"#,
        #"{"headers":[{"name":"X-Api-Key","value":"SECRET"}]}"#,
        #"{"headers":[["x-api-key","SECRET"]]}"#,
        #"{"headers":["Authorization: Basic SECRET"]}"#,
        #"{"apiKey":{"id":"k1","value":"SECRET"}}"#,
        #"{"token":["SECRET"]}"#,
        #"{"password":12345678901234567}"#,
    ])
    func sensitiveNestedValuesAreRedactedAndTheLineStaysValidJSON(extra: String) throws {
        let secretValue = extra.contains("12345678901234567") ? "12345678901234567" : "SECRET"
        let extraJSON = extra.replacingOccurrences(of: "SECRET", with: Self.secret)
        let members = String(extraJSON.dropFirst().dropLast())
        var line = LineFixtures.json(LineFixtures.successResponse)
        line = String(line.dropLast()) + "," + members + "}"
        let parsed = parser.parse(Array(line.utf8))
        expectNoSecret(parsed)
        #expect(!parsed.storedText.contains(secretValue == "SECRET" ? Self.secret : secretValue))
        #expect(parsed.response != nil, "\(parsed.reason ?? "")")
        #expect(throws: Never.self) { try JSONTape(parsing: parsed.storedLine) }
    }

    @Test func bearerTokenInAPromptIsRedactedInTheParsedField() throws {
        let parsed = parser.parse(LineFixtures.response(set: ["request.prompt": "\"draw a cat (my key: Bearer \(Self.secret)) please\""]))
        expectNoSecret(parsed)
        #expect(try #require(parsed.response).prompt == "draw a cat (my key: Bearer [redacted]) please")
    }

    @Test(arguments: [
        ("?api_key=SECRET", "?api_key=[redacted]"),
        ("?token=SECRET&size=2", "?token=[redacted]&size=2"),
        ("?size=2&access_token=SECRET", "?size=2&access_token=[redacted]"),
        ("?apiKey=SECRET#top", "?apiKey=[redacted]#top"),
    ])
    func secretInTheEndpointQueryIsRedactedEverywhere(query: String, redacted: String) throws {
        let endpoint = "https://studioaxis.io/api/external/v1/generate-image" + query.replacingOccurrences(of: "SECRET", with: Self.secret)
        let parsed = parser.parse(LineFixtures.response(set: ["endpoint": "\"\(endpoint)\""]))
        expectNoSecret(parsed)
        let record = try #require(parsed.response)
        #expect(record.endpoint == "https://studioaxis.io/api/external/v1/generate-image" + redacted)
        #expect(record.version == .v1)
    }

    @Test func secretInAnUnknownEndpointIsNotInTheReason() throws {
        let parsed = parser.parse(LineFixtures.response(set: ["endpoint": "\"/v3/foo?api_key=\(Self.secret)\""]))
        expectNoSecret(parsed)
        #expect(parsed.reason == #"unknown endpoint "/v3/foo?api_key=[redacted]": expected a path ending in /v1/generate-image or /v2/cinematic-image"#)
    }

    @Test func secretIsRedactedInALineRejectedForAnotherReason() {
        let parsed = parser.parse(LineFixtures.response(set: ["apiKey": "\"\(Self.secret)\""], remove: ["orgId"]))
        expectNoSecret(parsed)
        #expect(parsed.reason == #"missing required field "orgId""#)
        #expect(parsed.storedText.contains(#""apiKey":"[redacted]""#))
    }

    @Test func secretWrittenWithEscapesIsFoundAndRedacted() throws {
        let escapedName = #"tok\u0065n"#
        let parsed = parser.parse(LineFixtures.response(set: [escapedName: "\"\(Self.secret)\"", "request.prompt": #""\u0042earer sk_live_9f8e7d6c5b4a""#]))
        expectNoSecret(parsed)
        #expect(try #require(parsed.response).prompt == "Bearer [redacted]")
    }

    @Test(arguments: [
        #"{"orgId":"org_acme","apiKey":"SECRET""#,
        #"{"orgId":"org_acme","headers":{"Authorization":"Bearer SECRET"},"#,
        #"{"orgId":"org_acme","Authorization":"Basic SECRET" oops}"#,
        #"{orgId: org_acme, api_key: SECRET}"#,
        #"{"token": SECRET, "x": 1"#,
        #"{"credentials": {"user": "u", "pass": "SECRET"}, broken"#,
        #"{"password":"SEC\"RET"}}"#,
        #"GET /v1/generate-image?api_key=SECRET HTTP/1.1"#,
        #"Authorization: Bearer SECRET"#,
        #"curl -H 'X-Api-Key: SECRET' https://studioaxis.io"#,
        #"{"url":"https://user:SECRET@studioaxis.io/v1/generate-image"} trailing"#,
    ])
    func secretsInInvalidJSONLinesAreRedacted(template: String) throws {
        let line = template.replacingOccurrences(of: "SECRET", with: Self.secret)
            .replacingOccurrences(of: #"SEC\"RET"#, with: "sk_live_9f8e\\\"7d6c5b4a")
        let parsed = parser.parse(Array(line.utf8))
        #expect(parsed.reason?.hasPrefix("not valid JSON") == true)
        #expect(!parsed.storedText.contains("sk_live_9f8e"), "\(parsed.storedText)")
        #expect(!parsed.storedText.contains("7d6c5b4a"), "\(parsed.storedText)")
        #expect(parsed.storedText.contains("[redacted]"))
    }

    @Test func lineWithNothingToRedactIsReturnedByteIdentical() {
        let line = Array(#"{"timestamp":"2026-10-03T10:15:22.120Z" ,  "orgId":"org_acme","endpoint":"/v1/generate-image?size=2","httpStatus":200,"request":{"prompt":"caf\u00e9 \"bearer\" of news: 5"},"response":{"success":true}}"#.utf8)
        let parsed = parser.parse(line)
        #expect(parsed.storedLine == line)
        #expect(parsed.response != nil)
    }

    @Test func redactingTwiceChangesNothing() {
        let line = LineFixtures.response(set: [
            "apiKey": "\"\(Self.secret)\"", "headers": #"{"Authorization":"Basic abc=="}"#,
            "request.prompt": "\"use Bearer \(Self.secret) and https://x.io/?token=\(Self.secret)&a=1\"",
        ])
        let once = parser.parse(line)
        let twice = parser.parse(once.storedLine)
        #expect(once.storedLine != line)
        #expect(twice.storedLine == once.storedLine)
        #expect(twice.response == once.response)
    }

    @Test(arguments: [
        ("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [redacted]"),
        ("Bearer abc.def-ghi", "Bearer [redacted]"),
        ("bearer  abc", "bearer  [redacted]"),
        ("x=1&client_secret=abc&y=2", "x=1&client_secret=[redacted]&y=2"),
        ("password = 'hunter2' ok", "password = '[redacted]' ok"),
        ("https://alice:hunter2@example.com/x", "https://alice:[redacted]@example.com/x"),
        ("Bearer [redacted]", nil),
        ("time 10:15:22, ratio 16:9, size=2", nil),
        ("idempotencyKey=abc", nil),
        ("unbearable weather", nil),
    ] as [(String, String?)])
    func secretsInsideTextAreRedacted(text: String, expected: String?) {
        let redacted = SecretTextRedactor.redact(Array(text.utf8)[...]).map { String(decoding: $0, as: UTF8.self) }
        #expect(redacted == expected)
    }
}
