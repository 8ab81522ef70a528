import Foundation
import Testing

/// Secrets planted in every field and header of accepted and rejected lines,
/// JSON and CSV, never reach the database file, its WAL, the reports, or
/// anything the binary prints (summaries, reject reasons, --strict errors, sql).
struct SecretRedactionTests {
    /// Each planted secret holds this marker, so one search finds any of them, whole or in part.
    static let marker = "plantedSecret"

    static func secret(_ place: String) -> String { "sk_live_\(marker)_\(place)_9f3e" }

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

    @Test func plantedSecretsAreNowhereInTheDatabaseTheReportsOrTheOutput() throws {
        let scratch = try Scratch("secrets")
        let ledger = scratch.path("ledger.sqlite")
        let json = try scratch.write("responses.jsonl", Self.jsonLines.joined(separator: "\n") + "\n")
        let csv = try scratch.write("requests.csv", Self.csvLines.joined(separator: "\r\n") + "\r\n")
        var outputs: [(String, LedgerBinary.Result)] = []

        let strict = try LedgerBinary.run(["ingest", "--db", ledger, "--strict", json, csv])
        #expect(strict.status == 1, "--strict refuses both files")
        #expect(strict.stderr.contains("refused under --strict"))
        outputs.append(("ingest --strict", strict))

        let ingest = try LedgerBinary.run(["ingest", "--db", ledger, json, csv])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        outputs.append(("ingest", ingest))
        let snapshot = try LedgerSnapshot.read(ledger)
        #expect(snapshot.responseRecords == 2, "the accepted JSON lines were stored")
        #expect(snapshot.requestAttempts == 1, "the accepted CSV row was stored")
        #expect(snapshot.rejectedLines == Self.jsonLines.count - 2 + Self.csvLines.count - 2)

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
            #expect(!result.output.contains(Self.marker), "\(command) printed a secret: \(result.output)")
        }
        try LedgerSnapshot.checkpoint(ledger)
        let written = scratch.allFiles().filter { !$0.hasSuffix(".jsonl") && !$0.hasSuffix(".csv") || $0.contains("/reports/") }
        #expect(written.contains(ledger))
        #expect(written.contains { $0.hasSuffix("report.md") })
        for file in written {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(bytes.range(of: Data(Self.marker.utf8)) == nil, "a secret is in \(file)")
        }
    }
}
