import Foundation
import Testing
@testable import AxisLedger

/// Applying a profile to lines: pointers, headers, JSON text, constants,
/// CSV columns, reasons that name the user's place, and redaction first.
struct ProfileMapperTests {
    private func profile(_ yaml: String) throws -> InputProfile {
        try InputProfileLoader.parse(Array(yaml.utf8), fileName: "p.yaml", defaultName: "p")
    }

    private func parse(_ yaml: String, _ line: String) throws -> ParsedLine {
        ProfileMapper(profile: try profile(yaml)).parse(jsonLine: Array(line.utf8))
    }

    static let gateway = """
        name: acme-gateway
        kind: responses
        fields:
          timestamp: /ts
          orgId: /headers/X-External-Org-Id
          endpoint: /url
          httpStatus: /status
          idempotencyKey: /headers/Idempotency-Key
          requestId: /resp/requestId
          response: /resp
          request: /req
          response.generationId: /resp/id
        timestamp:
          format: epoch_millis
        """

    @Test func theIssuesExampleMapsEveryField() throws {
        let line = #"{"ts":1790812800123,"headers":{"X-External-Org-Id":"org_acme","Idempotency-Key":"k-1"},"url":"/v2/cinematic-image","status":200,"resp":{"success":true,"id":"gen_9","requestId":"req_1"},"req":{"prompt":"a cat","cinematicMode":true}}"#
        let parsed = try parse(Self.gateway, line)
        guard case .success(.response(let record)) = parsed.result else { Issue.record("\(parsed.result)"); return }
        #expect(record.occurredAt.iso8601 == "2026-10-01T00:00:00.123Z")
        #expect(record.orgId == "org_acme")
        #expect(record.version == .v2)
        #expect(record.httpStatus == 200)
        #expect(record.idempotencyKey == "k-1")
        #expect(record.requestId == "req_1")
        #expect(record.success == true)
        #expect(record.generationId == "gen_9")
        #expect(record.prompt == "a cat")
        #expect(record.cinematicMode == true)
        #expect(parsed.storedLine == Array(line.utf8), "the stored line is the user's own line")
    }

    @Test func aValueOfTheWrongTypeIsRejectedNamingTheUsersPointer() throws {
        let line = #"{"ts":1790812800123,"headers":{"X-External-Org-Id":"org_acme"},"url":"/v1/generate-image","status":"200","resp":{"success":true,"id":"gen_9"}}"#
        #expect(try parse(Self.gateway, line).result == .failure(RejectReason(#""/status" (httpStatus) must be an integer, found a string"#)))
        let outOfRange = line.replacingOccurrences(of: #""status":"200""#, with: #""status":700"#)
        #expect(try parse(Self.gateway, outOfRange).result == .failure(RejectReason(#""/status" (httpStatus) must be between 100 and 599, found 700"#)))
        let badMember = line.replacingOccurrences(of: #""status":"200""#, with: #""status":200"#)
            .replacingOccurrences(of: #""success":true"#, with: #""success":"yes""#)
        let memberReason = try parse(Self.gateway, badMember).reason
        #expect(memberReason?.hasPrefix(#""/resp/success" (response.success) must be"#) == true, "\(memberReason ?? "")")
    }

    @Test func aPointerTheLineDoesNotHaveMakesTheFieldAbsentAndARequiredOneIsRejectedNamingThePointer() throws {
        let line = #"{"ts":1790812800123,"headers":{},"url":"/v1/generate-image","status":200,"resp":{"success":true}}"#
        #expect(try parse(Self.gateway, line).result == .failure(RejectReason(#"missing required field "orgId" (looked for at "/headers/X-External-Org-Id")"#)))
    }

    @Test func headersAreFoundByNameCaseInsensitivelyInAnObjectOrAList() throws {
        let yaml = """
            kind: requests
            headers: /request/headers
            fields:
              orgId: "header:x-external-org-id"
              endpoint: /request/url
              httpStatus: /response/status
            """
        let object = #"{"timestamp":"2026-10-01T00:00:00Z","request":{"url":"/v1/generate-image","headers":{"X-External-Org-Id":"org_obj"}},"response":{"status":200}}"#
        let list = #"{"timestamp":"2026-10-01T00:00:00Z","request":{"url":"/v1/generate-image","headers":[{"name":"Accept","value":"*/*"},{"name":"X-EXTERNAL-ORG-ID","value":"org_list"}]},"response":{"status":200}}"#
        #expect(try parse(yaml, object).request?.orgId == "org_obj")
        #expect(try parse(yaml, list).request?.orgId == "org_list")
        let none = list.replacingOccurrences(of: "X-EXTERNAL-ORG-ID", with: "X-Other")
        #expect(try parse(yaml, none).reason == #"missing required field "orgId" (looked for at header "x-external-org-id")"#)
    }

    @Test func aValueHeldAsJSONTextIsParsedThenRead() throws {
        let yaml = """
            kind: responses
            fields:
              endpoint: /url
              httpStatus: /status
              response: {path: /body, json: true}
            """
        let line = #"{"timestamp":"2026-10-01T00:00:00Z","orgId":"org_a","url":"/v1/generate-image","status":402,"body":"{\"success\":false,\"code\":\"insufficient_balance\"}"}"#
        let parsed = try parse(yaml, line)
        let record = try #require(parsed.response)
        #expect(record.errorCode == "insufficient_balance")
        #expect(record.success == false)
        let broken = line.replacingOccurrences(of: #""body":"{"#, with: #""body":"{{"#)
        #expect(try parse(yaml, broken).reason?.hasPrefix(#""/body" (response) must hold JSON text: not valid JSON"#) == true)
    }

    @Test func constantsFillFieldsTheLinesDoNotCarryAndUnmappedFieldsKeepTheirDocumentedNames() throws {
        let yaml = """
            kind: requests
            fields:
              httpStatus: /status
            constants:
              orgId: org_file
              method: POST
            """
        let line = #"{"timestamp":"2026-10-01T00:00:00Z","endpoint":"/v1/generate-image","status":429,"retryAfter":30}"#
        let parsed = try parse(yaml, line)
        let attempt = try #require(parsed.request)
        #expect(attempt.orgId == "org_file")
        #expect(attempt.method == "POST")
        #expect(attempt.retryAfterSeconds == 30)
        #expect(attempt.occurredAt.iso8601 == "2026-10-01T00:00:00.000Z")
    }

    @Test func roundTurnsAFractionalDurationIntoWholeMilliseconds() throws {
        let yaml = """
            kind: requests
            fields:
              durationMs: {path: /time, round: true}
            """
        let line = #"{"timestamp":"2026-10-01T00:00:00Z","orgId":"o","endpoint":"/v1/generate-image","httpStatus":200,"time":123.5}"#
        #expect(try parse(yaml, line).request?.durationMs == 124)
    }

    /// The secret rule: whatever a profile maps, the line is redacted first.
    @Test func aProfileCannotMakeASecretReachTheRecord() throws {
        let yaml = """
            kind: requests
            fields:
              requestId: /headers/Authorization
              idempotencyKey: "header:X-Api-Key"
            """
        let line = #"{"timestamp":"2026-10-01T00:00:00Z","orgId":"o","endpoint":"/v1/generate-image","httpStatus":200,"headers":{"Authorization":"Bearer sk_live_abcdefghijklmnop1234","X-Api-Key":"abcd1234efgh5678"}}"#
        let parsed = try parse(yaml, line)
        let attempt = try #require(parsed.request)
        #expect(attempt.requestId == "[redacted]")
        #expect(attempt.idempotencyKey == "[redacted]")
        let stored = String(decoding: parsed.storedLine, as: UTF8.self)
        #expect(!stored.contains("sk_live_abcdefghijklmnop1234") && !stored.contains("abcd1234efgh5678"), "\(stored)")
    }

    @Test func aCSVProfileReadsColumnsByName() throws {
        let yaml = """
            kind: requests
            format: csv
            fields:
              timestamp: ts
              orgId: org_id
              endpoint: path
              httpStatus: status
            timestamp:
              format: epoch_seconds
            """
        let mapper = ProfileMapper(profile: try profile(yaml))
        var parser = try CSVRequestLogParser(headerLine: Array("ts,org_id,path,status,durationMs".utf8), requiringContractColumns: false)
        try mapper.checkHeader(parser.columns)
        parser.cellMapper = { columns, values in mapper.parse(columns: columns, values: values) }
        let first = parser.feed(Array("1790812800.5,org_csv,/v1/generate-image,0200,17".utf8), lineNumber: 2)
        let row = try #require(first)
        guard case .success(.request(let attempt)) = row.mapped else { Issue.record("\(String(describing: row.mapped))"); return }
        #expect(attempt.orgId == "org_csv")
        #expect(attempt.httpStatus == 200)
        #expect(attempt.durationMs == 17)
        #expect(attempt.occurredAt.iso8601 == "2026-10-01T00:00:00.500Z")
        let second = parser.feed(Array("1790812800,org_csv,/v1/generate-image,ok,17".utf8), lineNumber: 3)
        let bad = try #require(second)
        #expect(bad.mapped == .failure(RejectReason(#"column "status" (httpStatus) must be an integer, found a string"#)))
        #expect(throws: RejectReason.self) { try mapper.checkHeader(["ts", "path", "status"]) }
    }

    /// Item 4: without a profile, a member named nearly like a missing field is pointed out.
    @Test func withoutAProfileAMissingFieldNamedNearlyPointsToProfiles() {
        for name in ["org_id", "OrgId", "org-id", "ORGID"] {
            let line = #"{"timestamp":"2026-10-01T00:00:00Z","\#(name)":"org_a","endpoint":"/v1/generate-image","httpStatus":200}"#
            #expect(JSONLineParser().parse(Array(line.utf8)).reason
                    == "missing required field \"orgId\" (found \"\(name)\": map it with an input profile, see docs/input-formats.md)")
        }
        let plain = #"{"timestamp":"2026-10-01T00:00:00Z","endpoint":"/v1/generate-image","httpStatus":200}"#
        #expect(JSONLineParser().parse(Array(plain.utf8)).reason == #"missing required field "orgId""#)
    }
}
