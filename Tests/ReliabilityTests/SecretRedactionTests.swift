import Foundation
import Testing
import AxisLedger

/// Secrets planted in every field and header of accepted and rejected lines,
/// JSON and CSV, never reach the database file, its WAL, the reports, or
/// anything the binary prints (summaries, reject reasons, --strict errors, sql).
struct SecretRedactionTests {
    /// Each planted secret holds this marker, so one search finds any of them, whole or in part.
    static let marker = "plantedSecret"

    static func secret(_ place: String) -> String { "sk_live_\(marker)_\(place)_9f3e" }

    /// A secret of no known format (only a rule about where it is written can find it).
    static func opaque(_ place: String) -> String { "\(marker)\(place)X9" }

    /// Well-known token formats, each carrying the marker (AWS's in capitals: the search ignores case).
    static let tokens: [String] = [
        "sk-proj-\(marker)OpenAi0123456789", "rk_live_\(marker)Restricted01", "ghp_\(marker)GitHub0123456789abcd",
        "github_pat_11\(marker)_FineGrained0123456789", "AIzaSy\(marker)-Google0123456789abcd", "xoxb-1234567890-\(marker)-Slack",
        "xoxp-1234567890-\(marker)-SlackUser", "AKIAPLANTEDSECRETAWS", "eyJhbGciOiJIUzI1NiJ9.eyJ\(marker)Jwt.\(marker)Sig",
    ]

    /// The shapes of issue 11 item 6 as members of a line (JSON text, valid where the line is).
    static let shapeMembers: String = [
        #""X-StudioAxis-Key":"\#(opaque("studioAxisKey"))","x-goog-api-key":"\#(opaque("googApiKey"))","API Key":"\#(opaque("spacedApiKey"))","api.key":"\#(opaque("dottedApiKey"))""#,
        #""Author\u0069zation":"\#(opaque("escapedAuthorization"))","api\u005fkey":"\#(opaque("escapedApiKey"))""#,
        #""har":[{"name":"X-Api-Key","value":"\#(opaque("harValue"))","comment":"from the browser"}],"postman":[{"key":"X-Api-Key","value":"\#(opaque("postmanValue"))","type":"text"}]"#,
        #""dotnet":[{"Name":"Authorization","Value":"\#(opaque("capitalisedValue"))"}],"rawHeaders":["Host","studioaxis.io","X-Api-Key","\#(opaque("rawHeaders"))","Accept","*/*"]"#,
        #""notes":"Authorization: Bearer \"\#(opaque("quotedBearer"))\" then Authorization: Basic '\#(opaque("quotedBasic"))' then X-Auth: Basic \#(opaque("xAuth")) then Bearer\u0020\#(opaque("escapedBearer"))""#,
        #""links":["https://:\#(opaque("emptyUserPassword"))@cdn.studioaxis.io/a.png","https://ghp_\#(marker)UrlUser0123456789@cdn.studioaxis.io/b.png"]"#,
        #""tokens":"\#(tokens.joined(separator: " "))""#,
    ].joined(separator: ",")

    static let jsonLines: [String] = [
        // Accepted: secrets in headers, a top-level key, a header list, the prompt, the endpoint's query, a message, a URL password.
        #"{"timestamp":"2026-10-05T09:00:00Z","orgId":"org_secret","endpoint":"/v1/generate-image?api_key=\#(secret("endpointQuery"))&size=2","httpStatus":200,"apiKey":"\#(secret("apiKey"))","headers":{"Authorization":"Bearer \#(secret("authorizationHeader"))","X-Api-Key":"\#(secret("xApiKey"))","Cookie":"session=\#(secret("cookie"))"},"headerList":[{"name":"x-api-key","value":"\#(secret("headerListValue"))"},["Authorization","Bearer \#(secret("headerPair"))"]],"request":{"prompt":"use Authorization: Bearer \#(secret("prompt")) please","category":"token=\#(secret("category"))"},"response":{"success":true,"generationId":"gen_secret_1","imageUrl":"https://user:\#(secret("urlPassword"))@cdn.studioaxis.io/x.png","message":"client_secret=\#(secret("message"))"}}"#,
        #"{"timestamp":"2026-10-05T09:00:01Z","orgId":"org_secret","endpoint":"/v2/cinematic-image","httpStatus":402,"access_token":\#(12345),"credentials":{"password":"\#(secret("nestedPassword"))","privateKey":["\#(secret("privateKeyArray"))"]},"response":{"success":false,"code":"insufficient_balance","requestId":"req_secret_402"}}"#,
        // Rejected: broken JSON, then valid JSON whose bad values are quoted in reasons.
        #"{"apiKey":"\#(secret("brokenJSON"))", "Authorization": "Bearer \#(secret("brokenBearer"))" oops"#,
        #"{"timestamp":"Bearer \#(secret("timestampValue"))","orgId":"org_secret","endpoint":"/v1/generate-image","httpStatus":200,"response":{}}"#,
        #"{"timestamp":"2026-10-05T09:00:00Z","orgId":"org_secret","endpoint":"/v3/unknown?token=\#(secret("unknownEndpoint"))","httpStatus":200,"response":{}}"#,
        #"{"timestamp":"2026-10-05T09:00:00Z","orgId":"org_secret","endpoint":"/v1/generate-image","httpStatus":"x-api-key: \#(secret("statusValue"))","x-api-key":"\#(secret("rejectedHeader"))","response":{}}"#,
        #"{"timestamp":"2026-10-05T09:00:00Z","orgId":"org_secret","endpoint":"/v1/generate-image","httpStatus":200,"apiKey":"\#(secret("duplicateKey"))","apiKey":"again","response":{}}"#,
        "Authorization: Bearer \(secret("plainTextLine"))",
        // Accepted, rejected and broken lines carrying every shape of issue 11 item 6, and tokens in the prompt and the message.
        #"{"timestamp":"2026-10-05T09:00:02Z","orgId":"org_secret","endpoint":"/v1/generate-image?key=\#(opaque("queryKey"))&size=2","httpStatus":200,\#(shapeMembers),"request":{"prompt":"draw with \#(tokens.joined(separator: " and "))"},"response":{"success":true,"generationId":"gen_secret_3","message":"rejected \#(tokens.joined(separator: ", "))"}}"#,
        #"{"timestamp":"2026-10-05T09:00:02Z","endpoint":"/v1/generate-image?key=\#(opaque("rejectedQueryKey"))","httpStatus":200,\#(shapeMembers),"response":{}}"#,
        #"{"timestamp":"2026-10-05T09:00:02Z","orgId":"org_secret",\#(shapeMembers), oops"#,
    ]

    static let csvLines: [String] = [
        "timestamp,orgId,endpoint,httpStatus,method,requestId,Authorization,x-api-key,api_key",
        // Accepted.
        "2026-10-05T09:00:02Z,org_secret,/v1/generate-image?apikey=\(secret("csvEndpointQuery")),200,POST,req_secret_csv,Bearer \(secret("csvAuthorization")),\(secret("csvXApiKey")),\(secret("csvApiKey"))",
        // Rejected: too few and too many cells, a bad status and a bad timestamp carrying secrets.
        "2026-10-05T09:00:03Z,org_secret,Bearer \(secret("csvShortRow"))",
        "2026-10-05T09:00:03Z,org_secret,/v1/generate-image,200,POST,req_x,Bearer \(secret("csvLongRow")),\(secret("csvLongRowKey")),x,extra,\(secret("csvLastCell"))",
        "2026-10-05T09:00:03Z,org_secret,/v1/generate-image,token=\(secret("csvStatus")),POST,,,,",
        "password=\(secret("csvTimestamp")),org_secret,/v1/generate-image,200,POST,,,,",
        "\"2026-10-05T09:00:03Z\",\"org_secret\",\"/v1/generate-image\",\"200\",POST,,\"Bearer \(secret("csvUnclosed")),,",
    ]

    static let csvShapeLines: [String] = [
        "timestamp,orgId,endpoint,httpStatus,X-StudioAxis-Key,API Key,key,notes",
        "2026-10-05T09:00:04Z,org_secret,/v1/generate-image?key=\(opaque("csvQueryKey")),200,\(opaque("csvStudioAxisKey")),\(opaque("csvSpacedKey")),\(opaque("csvBareKey")),\(tokens.joined(separator: " "))",
        "2026-10-05T09:00:05Z,org_secret,/v1/generate-image,\(tokens[0]),\(opaque("csvRejectedKey")),,,\"X-Auth: Basic \(opaque("csvXAuth"))\"",
    ]

    /// Whether the text holds the marker in any letter case.
    static func holdsMarker<Text: Sequence>(_ bytes: Text) -> Bool where Text.Element == UInt8 {
        let lowered = bytes.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }
        let needle = Array(marker.lowercased().utf8)
        guard lowered.count >= needle.count else { return false }
        return (0...(lowered.count - needle.count)).contains { lowered[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    @Test func plantedSecretsAreNowhereInTheDatabaseTheReportsOrTheOutput() throws {
        let scratch = try Scratch("secrets")
        let ledger = scratch.path("ledger.sqlite")
        let json = try scratch.write("responses.jsonl", Self.jsonLines.joined(separator: "\n") + "\n")
        let csv = try scratch.write("requests.csv", Self.csvLines.joined(separator: "\r\n") + "\r\n")
        let csvShapes = try scratch.write("requests-shapes.csv", Self.csvShapeLines.joined(separator: "\n") + "\n")
        var outputs: [(String, LedgerBinary.Result)] = []

        let strict = try LedgerBinary.run(["ingest", "--db", ledger, "--strict", json, csv, csvShapes])
        #expect(strict.status == 1, "--strict refuses the three files")
        #expect(strict.stderr.contains("refused under --strict"))
        outputs.append(("ingest --strict", strict))

        let ingest = try LedgerBinary.run(["ingest", "--db", ledger, json, csv, csvShapes])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        outputs.append(("ingest", ingest))
        let snapshot = try LedgerSnapshot.read(ledger)
        #expect(snapshot.responseRecords == 3, "the accepted JSON lines were stored")
        #expect(snapshot.requestAttempts == 2, "the accepted CSV rows were stored")
        #expect(snapshot.rejectedLines == Self.jsonLines.count - 3 + Self.csvLines.count - 2 + Self.csvShapeLines.count - 2)

        outputs.append(("report", try LedgerBinary.run(["report", "--db", ledger, "--month", "2026-10", "--out", scratch.path("reports")])))
        for format in ["table", "csv", "json", "markdown"] {
            for table in ["response_records", "request_attempts", "rejected_lines", "ingested_files", "events_402", "billing_anomalies"] {
                let result = try LedgerBinary.run(["sql", "--db", ledger, "--format", format, "SELECT * FROM \(table)"])
                #expect(result.status == 0, "\(result.stderr)")
                outputs.append(("sql \(format) \(table)", result))
            }
        }
        outputs.append(("verify", try LedgerBinary.run(["verify", "--db", ledger])))

        for (command, result) in outputs {
            #expect(!Self.holdsMarker(result.output.utf8), "\(command) printed a secret: \(result.output)")
        }
        try LedgerSnapshot.checkpoint(ledger)
        let written = scratch.allFiles().filter { !$0.hasSuffix(".jsonl") && !$0.hasSuffix(".csv") || $0.contains("/reports/") }
        #expect(written.contains(ledger))
        #expect(written.contains { $0.hasSuffix("report.md") })
        for file in written {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(!Self.holdsMarker(bytes), "a secret is in \(file)")
        }
    }

    /// Issue 11 item 5: a line over the 16 MiB limit is quarantined with its first 4096
    /// bytes, and those are redacted like any line: the JSON headers and the CSV
    /// `Authorization` column of the prefix never reach the ledger.
    @Test func theKeptPrefixOfAnOverLongLineIsRedacted() throws {
        let scratch = try Scratch("secrets-long")
        let ledger = scratch.path("ledger.sqlite")
        let padding = String(repeating: "p", count: 17 * 1024 * 1024)
        let longJSON = #"{"headers":{"Authorization":"Basic \#(Self.opaque("longJSONBasic"))","X-Api-Key":"\#(Self.opaque("longJSONKey"))"},"rawHeaders":["X-Api-Key","\#(Self.opaque("longRaw"))"],"request":{"prompt":"\#(Self.tokens[2]) \#(padding)"}}"#
        let json = try scratch.write("long.jsonl", HostileCorpus.goodResponse(generation: "before") + "\n" + longJSON + "\n" + HostileCorpus.goodResponse(generation: "after") + "\n")
        let header = "timestamp,orgId,endpoint,httpStatus,Authorization,notes"
        let longRow = "2026-10-05T09:00:00Z,org_secret,/v1/generate-image,200,\(Self.opaque("longCSVAuthorization")),\(padding)"
        let csv = try scratch.write("long.csv", [header, longRow, "2026-10-05T09:00:01Z,org_secret,/v1/generate-image,200,,x"].joined(separator: "\n") + "\n")
        let ingest = try LedgerBinary.run(["ingest", "--db", ledger, json, csv])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(!Self.holdsMarker(ingest.output.utf8), "\(ingest.output)")
        let rejects = try LedgerBinary.run(["sql", "--db", ledger, "--format", "csv", "SELECT line_number, raw_line FROM rejected_lines ORDER BY 1"])
        #expect(rejects.stdout.contains("[redacted]"), "\(rejects.stdout.prefix(2000))")
        #expect(!Self.holdsMarker(rejects.output.utf8), "\(rejects.stdout.prefix(5000))")
        #expect(try LedgerSnapshot.read(ledger).rejectedLines == 2)
        try LedgerSnapshot.checkpoint(ledger)
        for file in scratch.allFiles() where file.hasPrefix(ledger) {
            #expect(!Self.holdsMarker(try Data(contentsOf: URL(fileURLWithPath: file))), "a secret is in \(file)")
        }
    }

    /// Issue 11 item 8: a bad CSV header is reported with the cells it found, and a first
    /// line that is a header dump (`Authorization: Basic …`); neither message prints a secret.
    @Test(arguments: [
        "timestamp,Bearer \(opaque("headerBearer")),endpoint,httpStatus",
        "Authorization: Basic \(opaque("firstLineBasic"))",
        "timestamp,orgId,endpoint,httpStatus,X-Api-Key: \(opaque("duplicated")),X-Api-Key: \(opaque("duplicated"))",
        "timestamp,\(tokens[0]),endpoint,httpStatus",
    ])
    func aBadCSVHeaderIsReportedWithoutTheSecretsItQuotes(header: String) throws {
        let scratch = try Scratch("secrets-header")
        let csv = try scratch.write("requests.csv", header + "\n2026-10-05T09:00:00Z,org,/v1/generate-image,200\n")
        let ingest = try LedgerBinary.run(["ingest", "--db", scratch.path("ledger.sqlite"), csv])
        #expect(ingest.status == 1)
        #expect(ingest.stderr.contains("CSV header"), "\(ingest.stderr)")
        #expect(ingest.stderr.contains("[redacted]"), "\(ingest.stderr)")
        #expect(!Self.holdsMarker(ingest.output.utf8), "\(ingest.output)")
    }

    /// Inputs fuzz/run found on the redactor (Corpus/fuzz-findings/): each, quarantined,
    /// is stored byte-identical when its stored line is ingested again.
    @Test(arguments: ["redacted-url-password-hides-a-name.jsonl", "bracket-redaction-adds-a-quote.jsonl"])
    func aFuzzFindingOnTheRedactorIsStoredTheSameWhenIngestedAgain(finding: String) throws {
        var line = try HostileCorpus.bytes("fuzz-findings/" + finding)
        if line.last == 0x0A { line.removeLast() }
        let first = JSONLineParser().parse(line)
        #expect(first.storedLine != line, "the finding has secrets to redact")
        #expect(JSONLineParser().parse(first.storedLine).storedLine == first.storedLine)
    }
}
