import Testing
@testable import AxisLedger

/// The first bytes kept of an over-long line carry no secret (issue 11, item 5).
struct LongLinePrefixRedactorTests {
    static let header = Array("timestamp,orgId,endpoint,httpStatus,Authorization,key,notes".utf8)

    @Test(arguments: [
        // A CSV row cut in its last cell: the sensitive columns by position, the rest as text.
        ("2026-10-05T09:00:00Z,org,/v1/generate-image,200,opaqueAuth1,opaqueKey2,pppp",
         "2026-10-05T09:00:00Z,org,/v1/generate-image,200,[redacted],[redacted],pppp"),
        ("2026-10-05T09:00:00Z,org,/v1/generate-image?api_key=opaque3,200,,,\"Bearer opaque4 ppp",
         "2026-10-05T09:00:00Z,org,/v1/generate-image?api_key=[redacted],200,,,Bearer [redacted] ppp"),
        ("2026-10-05T09:00:00Z,org,/v1/generate-image,200,\"Basic opaque5", "2026-10-05T09:00:00Z,org,/v1/generate-image,200,[redacted]"),
        ("2026-10-05T09:00:00Z,org,/v1/generate-image,200,,,pppp", "2026-10-05T09:00:00Z,org,/v1/generate-image,200,,,pppp"),
    ])
    func aCSVPrefixIsRedactedByItsHeadersColumns(prefix: String, expected: String) throws {
        let csv = try CSVRequestLogParser(headerLine: Self.header)
        let redacted = LongLinePrefixRedactor.redact(Array(prefix.utf8), csv: csv)
        #expect(String(decoding: redacted, as: UTF8.self) == expected)
        #expect(LongLinePrefixRedactor.redact(redacted, csv: csv) == redacted, "idempotent")
    }

    @Test(arguments: [
        (#"{"headers":{"Authorization":"Basic opaque6","X-Api-Key":"opaque7"},"rawHeaders":["Cookie","opaque8"],"request":{"prompt":"ppp"#,
         #"{"headers":{"Authorization":"[redacted]","X-Api-Key":"[redacted]"},"rawHeaders":["Cookie","[redacted]"],"request":{"prompt":"ppp"#),
        (#"{"request":{"prompt":"use sk-proj-0123456789abcdefghijKL and ppp"#, #"{"request":{"prompt":"use [redacted] and ppp"#),
        (#"{"apiKey":"opaque9 ppp"#, #"{"apiKey":"[redacted]"#),
    ])
    func aJSONPrefixIsRedactedAsTextOfALineThatIsNotJSON(prefix: String, expected: String) {
        let redacted = LongLinePrefixRedactor.redact(Array(prefix.utf8), csv: nil)
        #expect(String(decoding: redacted, as: UTF8.self) == expected)
        #expect(LongLinePrefixRedactor.redact(redacted, csv: nil) == redacted, "idempotent")
    }
}
