import Testing
@testable import AxisLedger

/// Every shape of secret the attack on the released binary planted (issue 11, item 6) is
/// redacted wherever it sits: in an accepted line, in a line rejected for another
/// reason and in a line that is not valid JSON; and shapes that only look alike are kept.
struct SecretShapeRedactionTests {
    let parser = JSONLineParser()

    /// One planted shape: members to set in the issue's example line (LineFixtures paths,
    /// raw JSON values) and the secret's unique marker, which must appear nowhere after.
    struct Shape: CustomTestStringConvertible, Sendable {
        let name: String
        var set: [String: String] = [:]
        /// Members written as they are at the end of the top-level object, for names
        /// LineFixtures would read as paths (`api.key`).
        var extra = ""
        let marker: String
        var testDescription: String { name }
    }

    static let ghp = "ghp_Gh7PlantedGhpUser0123456789abcdefAB"
    static let shapes: [Shape] = [
        Shape(name: "Bearer \"quoted\"", set: ["request.prompt": #""send Authorization: Bearer \"qBearerTok7731\" now""#], marker: "qBearerTok7731"),
        Shape(name: "Basic 'quoted'", set: ["request.prompt": #""send Authorization: Basic 'qBasicCred5512' now""#], marker: "qBasicCred5512"),
        Shape(name: "URL password, empty user", set: ["response.imageUrl": #""https://:emptyUserPw8841@cdn.studioaxis.io/x.png""#], marker: "emptyUserPw8841"),
        Shape(name: "token as the URL user", set: ["response.imageUrl": "\"https://\(ghp)@cdn.studioaxis.io/x.png\""], marker: "PlantedGhpUser"),
        Shape(name: "long user as the URL user", set: ["response.imageUrl": #""https://u8Kq2PlantedUrlUserZ5m1x9@cdn.studioaxis.io/x.png""#], marker: "PlantedUrlUser"),
        Shape(name: "HAR header with a comment", set: ["headers": #"[{"name":"X-Api-Key","value":"harValue4471","comment":"from the browser"}]"#], marker: "harValue4471"),
        Shape(name: "Postman key/value header", set: ["header": #"[{"key":"X-Api-Key","value":"postmanValue2208","type":"text"}]"#], marker: "postmanValue2208"),
        Shape(name: "capitalised Name/Value", set: ["Headers": #"[{"Name":"Authorization","Value":"capitalValue9034"}]"#], marker: "capitalValue9034"),
        Shape(name: "Node rawHeaders", set: ["rawHeaders": #"["Host","studioaxis.io","X-Api-Key","rawHeaderValue6650","Accept","*/*"]"#], marker: "rawHeaderValue6650"),
        Shape(name: "escaped Authorization", set: [#"Author\u0069zation"#: #""escapedNameValue1187""#], marker: "escapedNameValue1187"),
        Shape(name: "escaped api_key", set: [#"api\u005fkey"#: #""escapedApiKey3391""#], marker: "escapedApiKey3391"),
        Shape(name: "Bearer\\u0020token", set: ["request.prompt": #""use Bearer\u0020escapedBearer4420 here""#], marker: "escapedBearer4420"),
        Shape(name: "X-StudioAxis-Key", set: ["X-StudioAxis-Key": #""studioAxisKey7765""#], marker: "studioAxisKey7765"),
        Shape(name: "x-goog-api-key", set: ["x-goog-api-key": #""googApiKey5521""#], marker: "googApiKey5521"),
        Shape(name: "API Key with a space", set: ["API Key": #""spacedApiKey0913""#], marker: "spacedApiKey0913"),
        Shape(name: "api.key", extra: #""api.key":"dottedApiKey2286""#, marker: "dottedApiKey2286"),
        Shape(name: "X-Auth: Basic", set: ["request.prompt": #""header X-Auth: Basic xAuthCred6402 was sent""#], marker: "xAuthCred6402"),
        Shape(name: "key= query parameter", set: ["endpoint": #""/v1/generate-image?key=queryKeyValue8013&size=2""#], marker: "queryKeyValue8013"),
        Shape(name: "key= with a Google key", set: ["endpoint": #""/v1/generate-image?key=AIzaSyQueryGoogleKey0123456789abcdefg""#], marker: "QueryGoogleKey"),
        Shape(name: "sk- in the prompt", set: ["request.prompt": #""my key is sk-proj-PlantedOpenAi0123456789abcdEF ok""#], marker: "PlantedOpenAi"),
        Shape(name: "sk_live_ in a message", set: ["response.message": #""invalid key sk_live_51PlantedStripe0123456789""#], marker: "PlantedStripe"),
        Shape(name: "rk_live_ in the prompt", set: ["request.prompt": #""rk_live_51PlantedRestricted012345""#], marker: "PlantedRestricted"),
        Shape(name: "ghp_ in the prompt", set: ["request.prompt": #""clone with ghp_PlantedGitHub0123456789abcdefghijklm please""#], marker: "PlantedGitHub"),
        Shape(name: "github_pat_ in a message", set: ["response.message": #""token github_pat_11PlantedFineGrained_0123456789abcdefghij rejected""#], marker: "PlantedFineGrained"),
        Shape(name: "AIza in the prompt", set: ["request.prompt": #""AIzaSyPlantedGoogle-0123456789abcdefgh_z""#], marker: "PlantedGoogle"),
        Shape(name: "xoxb- in the prompt", set: ["request.prompt": #""slack xoxb-1234567890-PlantedSlackBot-abcdef""#], marker: "PlantedSlackBot"),
        Shape(name: "xoxp- in a message", set: ["response.message": #""xoxp-1234567890-PlantedSlackUser-abcdef""#], marker: "PlantedSlackUser"),
        Shape(name: "AWS AKIA in the prompt", set: ["request.prompt": #""aws AKIAPLANTEDAWS000001 key""#], marker: "PLANTEDAWS"),
        Shape(name: "JWT in the prompt", set: ["request.prompt": #""jwt eyJhbGciOiJIUzI1NiJ9.eyJQbGFudGVkSnd0IjoxfQ.PlantedJwtSig_0123456789 end""#], marker: "PlantedJwtSig"),
        Shape(name: "JWT payload in the prompt", set: ["request.prompt": #""eyJhbGciOiJIUzI1NiJ9.eyJQbGFudGVkSnd0IjoxfQ.sig""#], marker: "eyJQbGFudGVkSnd0IjoxfQ"),
    ]

    /// The three places a line can be: accepted, rejected for a missing field, and not valid JSON.
    static func lines(_ shape: Shape) -> [(String, [UInt8])] {
        func withExtra(_ line: String) -> String { shape.extra.isEmpty ? line : String(line.dropLast()) + "," + shape.extra + "}" }
        let accepted = withExtra(LineFixtures.json(LineFixtures.successResponse, set: shape.set))
        let rejected = withExtra(LineFixtures.json(LineFixtures.successResponse, set: shape.set, remove: ["orgId"]))
        let broken = String(accepted.dropLast()) + ", oops}"
        return [("accepted", Array(accepted.utf8)), ("rejected", Array(rejected.utf8)), ("invalid JSON", Array(broken.utf8))]
    }

    @Test(arguments: shapes)
    func everyPlantedShapeIsRedactedInAcceptedRejectedAndInvalidLines(shape: Shape) throws {
        for (place, line) in Self.lines(shape) {
            let parsed = parser.parse(line)
            #expect(!parsed.storedText.contains(shape.marker), "\(place): \(parsed.storedText)")
            #expect(!(parsed.reason ?? "").contains(shape.marker), "\(place): \(parsed.reason ?? "")")
            if let record = parsed.response {
                #expect(!String(describing: record).contains(shape.marker), "\(place): \(record)")
            }
            #expect(parsed.storedText.contains("7c9e6679-7425-40de-944b-e07fc1f90ae7"), "\(place): the idempotency key is kept")
            switch place {
            case "accepted": #expect(parsed.response != nil, "\(parsed.reason ?? "")")
            case "rejected": #expect(parsed.reason == #"missing required field "orgId""#)
            default: #expect(parsed.reason?.hasPrefix("not valid JSON") == true)
            }
            let again = parser.parse(parsed.storedLine)
            #expect(again.storedLine == parsed.storedLine, "\(place): redaction is idempotent")
        }
    }

    @Test(arguments: [
        // Prose and words that share letters with a rule.
        "ask-me anything", "a skeleton crew", "risk-free", "task_live_update", "AKIAS", "AKIA1234", "the key to success",
        "monkey=3", "turkey: 2", "keyboard=qwerty", "sk-short", "sk_live_abc", "ghp_short", "xoxo-hugs", "eyJhbGciOi",
        "AIzaWord", "Bearer", "unbearable", "time 10:15:22, ratio 16:9, size=2",
        // Identifiers of the sample generator and of the contract.
        "gen_9f86d081884c7d65", "req_0a1b2c3d4e5f", "req_9m2x1a", "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "550e8400-e29b-41d4-a716-446655440000", "idempotencyKey=7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "Idempotency-Key: 550e8400-e29b-41d4-a716-446655440000", "https://cdn.studioaxis.io/outputs/gen_456.png",
        "https://alice@example.com/x", "mailto:ops@studioaxis.io", "category_product_launch",
    ])
    func nearMissesAreKept(text: String) {
        #expect(SecretTextRedactor.redact(Array(text.utf8)[...]) == nil)
        let line = LineFixtures.response(set: ["request.prompt": "\"\(text)\""])
        #expect(parser.parse(line).storedLine == line)
    }

    /// Found by fuzz/run: redacted text must not change when redacted again. `[redacted]` in
    /// a URL's password ended the user information at its `]`, so on the second pass a prose
    /// run before a later `"…","…"` was read as a quoted header name and its neighbour redacted.
    @Test(arguments: [
        #"{"prompt":"https://:pw@h https://-Auth","Basic x"]"#,
        #"{"prompt":"sk-proj-0123456789abcdefghijkl https://-Auth","Basic x"]"#,
        #"x "token" sk-proj-0123456789abcdefghijkl,"v""#,
        // Found by fuzz/run: the bracketed value after `59 Key:` became `"[redacted]"`, whose
        // quote a second pass took for the end of the string after `"X-Auth",`.
        #""X-Auth","Bas 59 Key:{ x ponse":1}"#,
        #""X-Auth","Bas AKIAABCDEFGHIJKLMNOP 59 Key:{ x ponse":1}"#,
    ])
    func redactingRedactedTextChangesNothing(text: String) {
        let once = SecretTextRedactor.redact(Array(text.utf8)[...]) ?? Array(text.utf8)
        #expect(SecretTextRedactor.redact(once[...]) == nil, "\(String(decoding: once, as: UTF8.self))")
        let parsed = parser.parse(Array(text.utf8))
        #expect(parser.parse(parsed.storedLine).storedLine == parsed.storedLine)
    }

    /// The whole-line screen lets a line skip redaction: every new rule must pass it, and
    /// prose about a key (the sample's "a key as access to something new") must not.
    @Test(arguments: [
        #"{"X-StudioAxis-Key":"x"}"#, #"{"API Key" : "x"}"#, #"{"h":["X-StudioAxis-Key","x"]}"#, #"{"h":[{"value":"x","name":"My-Key"}]}"#,
        #"{"u":"/v1?key=x"}"#, #"{"p":"API Key: x"}"#, #"{"X-Auth":"x"}"#, #"{"p":"sk-0123456789abcdefghijkl"}"#, #"{"p":"ghp_x"}"#,
        #"{"p":"AIza"}"#, #"{"p":"AKIA"}"#, #"{"p":"xoxb-"}"#, #"{"p":"eyJ"}"#, #"{"p":"rk_live_x"}"#,
    ])
    func everyNewRulePassesTheScreen(line: String) {
        #expect(SecretNames.mayContainSecret(Array(line.utf8)))
    }

    @Test(arguments: [
        #"{"visualMetaphor":"a key as access to something new","idempotencyKey":"7c9e6679-7425-40de-944b-e07fc1f90ae7"}"#,
        #"{"prompt":"the key to success, keyboard and monkey","Idempotency-Key":"x"}"#,
    ])
    func proseAboutAKeySkipsRedaction(line: String) {
        #expect(!SecretNames.mayContainSecret(Array(line.utf8)))
    }
}
