import Testing
@testable import AxisLedger

/// Request logs as CSV: RFC 4180 with a header row.
struct CSVRequestLogParserTests {
    static let header = "timestamp,orgId,endpoint,httpStatus,method,idempotencyKey,requestId,durationMs,retryAfter,rateLimitRemaining"
    static let secret = "sk_live_9f8e7d6c5b4a"

    func parser(_ header: String = header) throws -> CSVRequestLogParser {
        try CSVRequestLogParser(headerLine: Array(header.utf8))
    }

    /// Feeds lines numbered from 2 (line 1 is the header) and returns every finished row.
    func rows(_ lines: [String], header: String = header) throws -> [CSVRow] {
        var csv = try parser(header)
        var rows: [CSVRow] = []
        for (offset, line) in lines.enumerated() {
            if let row = csv.feed(Array(line.utf8), lineNumber: offset + 2) { rows.append(row) }
        }
        if let row = csv.finish() { rows.append(row) }
        return rows
    }

    func onlyRow(_ line: String, header: String = header) throws -> CSVRow {
        let all = try rows([line], header: header)
        try #require(all.count == 1)
        return all[0]
    }

    @Test func rowIsReadIntoEveryField() throws {
        let row = try onlyRow("2026-10-03T10:15:22.120Z,org_acme,/v1/generate-image,429,POST,550e8400-e29b-41d4-a716-446655440000,req_77ab,12,30,0")
        let attempt = try row.result.get()
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
        #expect(row.firstLineNumber == 2)
        #expect(row.lineCount == 1)
    }

    @Test func emptyCellsAreAbsent() throws {
        let attempt = try onlyRow("2026-10-03T10:15:22Z,org_acme,/v2/cinematic-image,200,,,,,,").result.get()
        #expect(attempt.method == nil)
        #expect(attempt.idempotencyKey == nil)
        #expect(attempt.requestId == nil)
        #expect(attempt.durationMs == nil)
        #expect(attempt.retryAfterSeconds == nil)
        #expect(attempt.rateLimitRemaining == nil)
    }

    @Test func columnsMayComeInAnyOrderAndUnknownOnesAreIgnored() throws {
        let attempt = try onlyRow("POST,req_1,x,404,/v2/cinematic-image,org_b,2026-10-03T10:15:22+02:00",
                                  header: "method,requestId,region,httpStatus,endpoint,orgId,timestamp").result.get()
        #expect(attempt.orgId == "org_b")
        #expect(attempt.httpStatus == 404)
        #expect(attempt.occurredAt.iso8601 == "2026-10-03T08:15:22.000Z")
        #expect(attempt.requestId == "req_1")
    }

    @Test func headerNamesMayBeQuotedOrPadded() throws {
        let csv = try parser(#""timestamp", orgId ,endpoint,"httpStatus""#)
        #expect(csv.columns == ["timestamp", "orgId", "endpoint", "httpStatus"])
    }

    @Test(arguments: [
        ("orgId,endpoint,httpStatus", CSVHeaderError.missingColumn("timestamp", found: ["orgId", "endpoint", "httpStatus"])),
        ("timestamp,endpoint,httpStatus", .missingColumn("orgId", found: ["timestamp", "endpoint", "httpStatus"])),
        ("timestamp,orgId,httpStatus", .missingColumn("endpoint", found: ["timestamp", "orgId", "httpStatus"])),
        ("timestamp,orgId,endpoint,status", .missingColumn("httpStatus", found: ["timestamp", "orgId", "endpoint", "status"])),
        ("timestamp,orgId,endpoint,httpStatus,orgId", .duplicateColumn("orgId", first: 2, second: 5)),
        ("", .empty),
        (#"timestamp,"orgId,endpoint,httpStatus"#, .unclosedQuote),
    ])
    func badHeaderIsAClearError(header: String, error: CSVHeaderError) {
        #expect(throws: error) { try CSVRequestLogParser(headerLine: Array(header.utf8)) }
    }

    @Test func missingColumnMessageSaysWhatIsRequiredAndWhatWasFound() {
        let message = CSVHeaderError.missingColumn("orgId", found: ["timestamp", "org"]).description
        #expect(message == #"the CSV header has no "orgId" column; required columns are timestamp, orgId, endpoint, httpStatus (found: "timestamp", "org")"#)
    }

    @Test(arguments: [
        ("2026-10-03T10:15:22Z,,/v1/generate-image,200,,,,,,", #"missing required field "orgId""#),
        (",org_acme,/v1/generate-image,200,,,,,,", #"missing required field "timestamp""#),
        ("2026-10-03T10:15:22Z,org_acme,,200,,,,,,", #"missing required field "endpoint""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,,,,,,,", #"missing required field "httpStatus""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,OK,,,,,,", #""httpStatus" must be an integer, found "OK""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200.0,,,,,,", #""httpStatus" must be an integer, found "200.0""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image, 200,,,,,,", #""httpStatus" must be an integer, found " 200""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,700,,,,,,", #""httpStatus" must be between 100 and 599, found "700""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,,,,1.5,,", #""durationMs" must be a whole number ≥ 0, found "1.5""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,429,,,,,-1,", #""retryAfter" must be a whole number ≥ 0, found "-1""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,429,,,,,30s,", #""retryAfter" must be a whole number ≥ 0, found "30s""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,429,,,,,,+5", #""rateLimitRemaining" must be a whole number ≥ 0, found "+5""#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,,,,99999999999999999999,,", #""durationMs" must be a whole number ≥ 0, found "99999999999999999999""#),
        ("2026-10-03T10:15:22,org_acme,/v1/generate-image,200,,,,,,", #""timestamp" has no UTC offset (add Z or ±hh:mm): "2026-10-03T10:15:22""#),
        ("2026-10-03T10:15:22Z,org_acme,/v3/foo,200,,,,,,", #"unknown endpoint "/v3/foo": expected a path ending in /v1/generate-image or /v2/cinematic-image"#),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,,,", "CSV row has 7 fields, the header has 10"),
        ("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,,,,,,,", "CSV row has 11 fields, the header has 10"),
        ("just one field", "CSV row has 1 field, the header has 10"),
        (#"2026-10-03T10:15:22Z,org"acme,/v1/generate-image,200,,,,,,"#, "CSV field 2 has a quote inside an unquoted field (quote the whole field and double the quote)"),
        (#"2026-10-03T10:15:22Z,"org"acme,/v1/generate-image,200,,,,,,"#, "CSV field 2 has text after its closing quote"),
    ])
    func badRowIsRejectedWithAReason(line: String, reason: String) throws {
        let row = try onlyRow(line)
        #expect(row.result == .failure(RejectReason(reason)))
        #expect(row.storedLine == Array(line.utf8))
    }

    @Test func invalidUTF8InACellIsRejected() throws {
        var csv = try parser()
        let line = Array("2026-10-03T10:15:22Z,org_".utf8) + [0xFF] + Array(",/v1/generate-image,200,,,,,,".utf8)
        let rowFed = csv.feed(line, lineNumber: 2)
        let row = try #require(rowFed)
        #expect(row.result == .failure(RejectReason(#""orgId" is not valid UTF-8 text"#)))
        #expect(row.storedLine == line)
    }

    @Test func quotedFieldsMayHoldCommasAndQuotes() throws {
        let line = #""2026-10-03T10:15:22Z","org, ""acme""","/v1/generate-image",200,"POST",,,"",,"#
        let row = try onlyRow(line)
        let attempt = try row.result.get()
        #expect(attempt.orgId == #"org, "acme""#)
        #expect(attempt.durationMs == nil)
        #expect(row.storedLine == Array(line.utf8))
    }

    @Test func quotedFieldMaySpanLines() throws {
        var csv = try parser()
        #expect(csv.feed(Array(#"2026-10-03T10:15:22Z,"org"#.utf8), lineNumber: 7) == nil)
        #expect(csv.isInsideQuotedField)
        #expect(csv.feed([], lineNumber: 8) == nil)
        let rowFed = csv.feed(Array(#"acme",/v1/generate-image,200,,,,,,"#.utf8), lineNumber: 9)
        let row = try #require(rowFed)
        #expect(!csv.isInsideQuotedField)
        #expect(try row.result.get().orgId == "org\n\nacme")
        #expect(row.firstLineNumber == 7)
        #expect(row.lineCount == 3)
        #expect(String(decoding: row.storedLine, as: UTF8.self) == "2026-10-03T10:15:22Z,\"org\n\nacme\",/v1/generate-image,200,,,,,,")
        let nextFed = csv.feed(Array("2026-10-03T10:15:22Z,org_b,/v1/generate-image,200,,,,,,".utf8), lineNumber: 10)
        let next = try #require(nextFed)
        #expect(next.firstLineNumber == 10)
        #expect(try next.result.get().orgId == "org_b")
    }

    @Test func unterminatedQuoteAtEndOfInputIsRejectedWithItsLines() throws {
        var csv = try parser()
        #expect(csv.feed(Array("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,\"POST".utf8), lineNumber: 4) == nil)
        #expect(csv.feed(Array("more".utf8), lineNumber: 5) == nil)
        let rowFed = csv.finish()
        let row = try #require(rowFed)
        #expect(row.result == .failure(RejectReason("CSV quoted field 5 opened on line 4 is not closed before the end of the input")))
        #expect(row.firstLineNumber == 4)
        #expect(row.lineCount == 2)
        #expect(String(decoding: row.storedLine, as: UTF8.self) == "2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,\"POST\nmore")
        #expect(csv.finish() == nil)
    }

    @Test func strayQuoteCannotSwallowMoreThanTheLimit() throws {
        var csv = try parser()
        var finished: [CSVRow] = []
        for number in 2...300 {
            let line = number == 2 ? "2026-10-03T10:15:22Z,\"org" : "2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,,,,,,"
            if let row = csv.feed(Array(line.utf8), lineNumber: number) { finished.append(row) }
        }
        let first = try #require(finished.first)
        #expect(first.lineCount == CSVRequestLogParser.maximumLinesPerRecord)
        #expect(first.result == .failure(RejectReason("CSV quoted field 2 opened on line 2 is still open after 100 lines (a stray quote?)")))
        #expect(finished.count == 1 + (300 - 101))
        #expect(finished.dropFirst().allSatisfy { (try? $0.result.get()) != nil })
        #expect(finished[1].firstLineNumber == 102)
    }

    @Test(arguments: ["Authorization", "api_key", "X-Api-Key", "token", "password", "Cookie", "client_secret"])
    func sensitiveColumnIsRedactedAndIdempotencyKeyIsKept(column: String) throws {
        let header = Self.header + "," + column
        let line = "2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,POST,key-123,req_1,5,,,Bearer \(Self.secret)"
        let row = try onlyRow(line, header: header)
        let stored = String(decoding: row.storedLine, as: UTF8.self)
        #expect(stored == "2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,POST,key-123,req_1,5,,,[redacted]")
        #expect(try row.result.get().idempotencyKey == "key-123")
    }

    @Test func secretsAreRedactedInRejectedAndRaggedRows() throws {
        let header = "timestamp,orgId,apiKey,endpoint,httpStatus"
        for line in [
            "2026-10-03T10:15:22Z,org_acme,\(Self.secret),/v1/generate-image,200,extra",
            "2026-10-03T10:15:22Z,\(Self.secret),/v1/generate-image,200",
            "2026-10-03T10:15:22Z,org_acme,\(Self.secret),/v1/generate-image?token=\(Self.secret),200",
            "2026-10-03T10:15:22Z,org_acme,\"\(Self.secret)",
        ] {
            let all = try rows([line], header: header)
            for row in all {
                let stored = String(decoding: row.storedLine, as: UTF8.self)
                #expect(!stored.contains(Self.secret), "\(stored)")
                if case .failure(let reason) = row.result { #expect(!reason.message.contains(Self.secret)) }
            }
        }
    }

    @Test func secretInTheEndpointQueryIsRedactedInStoredRowAndField() throws {
        let line = "2026-10-03T10:15:22Z,org_acme,\"https://studioaxis.io/v1/generate-image?api_key=\(Self.secret)&a=1\",200,,,,,,"
        let row = try onlyRow(line)
        #expect(try row.result.get().endpoint == "https://studioaxis.io/v1/generate-image?api_key=[redacted]&a=1")
        #expect(String(decoding: row.storedLine, as: UTF8.self) == "2026-10-03T10:15:22Z,org_acme,https://studioaxis.io/v1/generate-image?api_key=[redacted]&a=1,200,,,,,,")
    }

    @Test func redactedValueThatNeedsQuotingIsQuoted() throws {
        let header = "timestamp,orgId,endpoint,httpStatus,note"
        let row = try onlyRow("2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,\"a, Bearer \(Self.secret)\"", header: header)
        #expect(String(decoding: row.storedLine, as: UTF8.self) == "2026-10-03T10:15:22Z,org_acme,/v1/generate-image,200,\"a, Bearer [redacted]\"")
    }

    @Test func rowWithNothingToRedactIsStoredByteIdentical() throws {
        let line = #"2026-10-03T10:15:22Z,"org_acme",/v1/generate-image,200,,"k",,"12",,"#
        #expect(try onlyRow(line).storedLine == Array(line.utf8))
    }
}
