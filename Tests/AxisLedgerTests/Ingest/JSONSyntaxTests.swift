import Testing
@testable import AxisLedger

/// The strict JSON reader: RFC 8259 only, with a reason that says where and what,
/// and no crash or unbounded recursion on hostile input.
struct JSONSyntaxTests {
    let parser = JSONLineParser()

    @Test(arguments: [
        (#"{"orgId":"org_acme" "endpoint":"/v1/generate-image"}"#, "not valid JSON at byte 21: expected ',' or '}'"),
        (#"{"orgId":"org_acme","#, "not valid JSON at byte 21: unexpected end of line (expected a key in double quotes)"),
        (#"{"orgId":"org_acme"}}"#, "not valid JSON at byte 21: unexpected text after the JSON value"),
        (#"{"orgId":"org_acme"} x"#, "not valid JSON at byte 22: unexpected text after the JSON value"),
        (#"{"orgId" "org_acme"}"#, "not valid JSON at byte 10: expected ':' after the key"),
        (#"{orgId:"org_acme"}"#, "not valid JSON at byte 2: expected a key in double quotes"),
        (#"{'orgId':1}"#, "not valid JSON at byte 2: expected a key in double quotes"),
        (#"{"a":1,}"#, "not valid JSON at byte 8: expected a key in double quotes"),
        (#"{"a":[1,]}"#, "not valid JSON at byte 9: expected a value"),
        (#"{"a":[1 2]}"#, "not valid JSON at byte 9: expected ',' or ']'"),
        (#"{"a":01}"#, "not valid JSON at byte 7: invalid number: leading zero"),
        (#"{"a":1.}"#, "not valid JSON at byte 8: invalid number: expected a digit after '.'"),
        (#"{"a":.5}"#, "not valid JSON at byte 6: expected a value"),
        (#"{"a":1e}"#, "not valid JSON at byte 8: invalid number: expected a digit in the exponent"),
        (#"{"a":-}"#, "not valid JSON at byte 7: invalid number: expected a digit"),
        (#"{"a":+1}"#, "not valid JSON at byte 6: expected a value"),
        (#"{"a":NaN}"#, "not valid JSON at byte 6: expected a value"),
        (#"{"a":tru}"#, "not valid JSON at byte 6: expected a value"),
        (#"{"a":True}"#, "not valid JSON at byte 6: expected a value"),
        (#"{"a":"x\q"}"#, "not valid JSON at byte 8: invalid escape sequence in a string"),
        (#"{"a":"\u12G4"}"#, "not valid JSON at byte 11: \\u must be followed by 4 hex digits"),
        (#"{"a":"\ud800"}"#, "not valid JSON at byte 7: unpaired surrogate escape \\uD800"),
        (#"{"a":"\ud800\u0041"}"#, "not valid JSON at byte 7: unpaired surrogate escape \\uD800"),
        (#"{"a":"\udc00"}"#, "not valid JSON at byte 7: unpaired surrogate escape \\uDC00"),
        (#"{"a":"\u0000"}"#, "not valid JSON at byte 7: NUL character (\\u0000) inside a string"),
        (#"{"a":"abc}"#, "not valid JSON at byte 6: string is not closed before the end of the line"),
        ("{\"a\":\"tab\there\"}", "not valid JSON at byte 10: control character U+09 inside a string (escape it)"),
        ("{\"a\":\"nul\u{0}\"}", "not valid JSON at byte 10: control character U+00 inside a string (escape it)"),
        ("", "not valid JSON at byte 1: the line has no JSON value"),
        ("   ", "not valid JSON at byte 4: the line has no JSON value"),
        ("timestamp,orgId,endpoint", "not valid JSON at byte 1: expected a value"),
    ])
    func invalidJSONIsRejectedWithWhereAndWhat(line: String, reason: String) {
        #expect(parser.parse(Array(line.utf8)).reason == reason)
    }

    @Test(arguments: [
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D], "not valid JSON at byte 7: invalid UTF-8 byte 0xFF inside a string"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D], "not valid JSON at byte 7: invalid UTF-8 byte 0xC0 inside a string"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE0, 0x80, 0xAF, 0x22, 0x7D], "not valid JSON at byte 7: invalid UTF-8 sequence inside a string"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D], "not valid JSON at byte 7: invalid UTF-8 sequence inside a string"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x7D], "not valid JSON at byte 7: invalid UTF-8 sequence inside a string"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE2, 0x82, 0x22, 0x7D], "not valid JSON at byte 7: invalid UTF-8 sequence inside a string"),
        ([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE2, 0x82], "not valid JSON at byte 7: truncated UTF-8 sequence inside a string"),
        ([0x7B, 0xC3, 0xA9, 0x7D], "not valid JSON at byte 2: expected a key in double quotes"),
    ] as [([UInt8], String)])
    func invalidUTF8IsRejected(line: [UInt8], reason: String) {
        let parsed = parser.parse(line)
        #expect(parsed.reason == reason)
        #expect(parsed.storedLine == line)
    }

    @Test func validMultiByteUTF8IsAccepted() throws {
        let parsed = parser.parse(LineFixtures.response(set: ["request.prompt": "\"café 日本 🚀 \u{10FFFF}\""]))
        #expect(try #require(parsed.response).prompt == "café 日本 🚀 \u{10FFFF}")
    }

    @Test func whitespaceAroundTokensIsAllowed() throws {
        let line = " { \"timestamp\" : \"2026-10-03T10:15:22Z\" ,\t\"orgId\":\"o\", \"endpoint\":\"/v1/generate-image\",\r\"httpStatus\" : 200 } "
        #expect(try #require(parser.parse(Array(line.utf8)).request).orgId == "o")
    }

    @Test func nestingUpToTheLimitIsAccepted() {
        let depth = JSONTape.maximumDepth - 1
        let line = "{\"x\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(throws: Never.self) { try JSONTape(parsing: Array(line.utf8)) }
    }

    /// The root object is the first level, so 64 arrays inside it make 65.
    @Test func nestingBeyondTheLimitIsRejected() {
        let depth = JSONTape.maximumDepth
        let line = "{\"x\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(parser.parse(Array(line.utf8)).reason == "not valid JSON at byte \(5 + depth): nested deeper than 64 levels")
    }

    @Test func hundredThousandOpenBracketsAreRejectedWithoutRecursion() {
        let line = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let parsed = parser.parse(line)
        #expect(parsed.reason == "not valid JSON at byte 65: nested deeper than 64 levels")
        #expect(parsed.storedLine == line)
    }

    @Test func tenMegabyteLineIsParsed() throws {
        let prompt = String(repeating: "a quiet lake at dawn, ", count: 500_000)
        let line = LineFixtures.response(set: ["request.prompt": "\"\(prompt)\""])
        #expect(line.count > 10_000_000)
        let parsed = parser.parse(line)
        #expect(try #require(parsed.response).prompt?.utf8.count == prompt.utf8.count)
        #expect(parsed.storedLine == line)
    }

    @Test func tenMegabytesOfGarbageIsRejected() {
        var line = Array(#"{"a":["#.utf8)
        line += [UInt8](repeating: UInt8(ascii: "1"), count: 10_000_000)
        #expect(parser.parse(line).reason == "not valid JSON at byte 10000007: unexpected end of line (expected ',' or ']')")
    }

    @Test func nulBytesOutsideStringsAreRejected() {
        let line: [UInt8] = Array(#"{"a":1"#.utf8) + [0] + Array("}".utf8)
        #expect(parser.parse(line).reason == "not valid JSON at byte 7: expected ',' or '}'")
    }

    @Test func integersKeepEveryDigit() throws {
        let parsed = parser.parse(LineFixtures.response(set: ["durationMs": "9223372036854775807"]))
        #expect(try #require(parsed.response).durationMs == Int.max)
    }

    @Test(arguments: ["-0", "0"])
    func zeroWithOrWithoutSignIsZero(literal: String) throws {
        #expect(try #require(parser.parse(LineFixtures.response(set: ["durationMs": literal])).response).durationMs == 0)
    }

    @Test func everyReasonIsShort() {
        let long = String(repeating: "k", count: 1000)
        let lines = [
            "{\"\(long)\":1,\"\(long)\":2}",
            LineFixtures.json(LineFixtures.successResponse, set: ["timestamp": "\"\(long)\""]),
            LineFixtures.json(LineFixtures.successResponse, set: ["durationMs": String(repeating: "9", count: 1000)]),
        ]
        for line in lines {
            let reason = parser.parse(Array(line.utf8)).reason ?? ""
            #expect(!reason.isEmpty)
            #expect(reason.count <= 200, "\(reason)")
        }
    }
}
