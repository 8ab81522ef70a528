import Testing
@testable import AxisLedger

/// Bad profiles are refused before any line is read, each problem with
/// file:line, the key path, and what to write instead.
struct InputProfileParserTests {
    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try InputProfileLoader.parse(Array(yaml.utf8), fileName: "acme.yaml", defaultName: "acme")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func aPointerThatIsNotAPointerIsRefusedWithWhatToWrite() {
        #expect(problems("kind: responses\nfields:\n  orgId: headers.org\n")
                == ["acme.yaml:3: fields.orgId: `headers.org` is not a JSON Pointer: a pointer starts with `/`, e.g. `/headers/org` (or `header:headers.org` for an HTTP header)"])
    }

    @Test func anUnknownFieldNameIsRefusedNamingTheDocumentedOnes() throws {
        let found = problems("kind: requests\nfields:\n  org_id: /org\n")
        try #require(found.count == 1)
        #expect(found[0].hasPrefix("acme.yaml:3: fields.org_id: unknown field `org_id` (did you mean `orgId`?); the keys are the documented field names"))
        #expect(found[0].contains("timestamp, orgId, endpoint, httpStatus, method"))
        #expect(problems("kind: requests\nfields:\n  response.code: /c\n").first?.contains("unknown field `response.code`") == true,
                "a response member is not a request-log field")
    }

    @Test func aFormatThatDoesNotExistIsRefused() {
        #expect(problems("kind: responses\nformat: ndjson\n") == ["acme.yaml:2: format: unknown format `ndjson`; write `format: jsonl` (JSON Lines) or `format: csv` (CSV with a header row)"])
        #expect(problems("kind: responses\ntimestamp:\n  format: epoch_ms\n").first?.hasPrefix("acme.yaml:3: timestamp.format: unknown timestamp format `epoch_ms`; use one of rfc3339, epoch_seconds, epoch_millis, epoch_micros") == true)
        #expect(problems("kind: responses\ntimestamp:\n  format: \"%Y-%m-%d %H:%M:%Q\"\n  timezone: UTC\n").first?.contains("uses %Q, which is not supported; the directives are %Y (year)") == true)
    }

    @Test func aZoneThatDoesNotExistIsRefused() {
        #expect(problems("kind: responses\ntimestamp:\n  timezone: Europe/Atlantis\n")
                == ["acme.yaml:3: timestamp.timezone: unknown time zone `Europe/Atlantis`; write an IANA zone name such as Europe/Paris, America/New_York or UTC (abbreviations such as CET have no daylight-saving rules)"])
        #expect(problems("kind: responses\ntimestamp:\n  timezone: CET\n").count == 1, "an abbreviation has no DST rules of its own")
    }

    @Test func unknownKeysNameTheAllowedOnesAndEveryProblemIsReportedInLineOrder() {
        let found = problems("kind: responses\ncolour: red\nfields:\n  httpStatus: {path: /s, jsn: true}\n")
        #expect(found == [
            "acme.yaml:2: colour: unknown key `colour`; the keys allowed at the top level are name, kind, format, fields, timestamp, constants, headers",
            "acme.yaml:4: fields.httpStatus.jsn: unknown key `jsn`; the keys allowed here are path, json, round",
        ])
    }

    @Test func aPatternWithoutAnOffsetNeedsAZoneAndAConstantMustHaveItsFieldsType() {
        #expect(problems("kind: responses\ntimestamp:\n  format: \"%Y-%m-%d %H:%M:%S\"\n").first?.contains("has no %z, so its times carry no offset; add `timezone:`") == true)
        #expect(problems("kind: requests\nconstants:\n  httpStatus: ok\n") == ["acme.yaml:3: constants.httpStatus: must be an integer, found `ok`"])
        #expect(problems("kind: requests\nfields:\n  orgId: /o\nconstants:\n  orgId: org_a\n").first?.contains("is both mapped in `fields` and given here") == true)
        #expect(problems("fields:\n  orgId: /o\n").first == "acme.yaml:1: kind: missing; add `kind: responses` (response records) or `kind: requests` (request-log lines)")
    }

    @Test func aCSVProfileNamesColumnsNotPointers() {
        #expect(problems("kind: requests\nformat: csv\nfields:\n  orgId: /org\n").first?.contains("a CSV profile names columns, not JSON Pointers; write the column's header name, e.g. `org`") == true)
    }

    @Test func everyShippedProfileIsValidAndNamedByItsFileName() throws {
        for name in InputProfileLoader.shippedNames {
            let profile = try InputProfileLoader.load(name)
            #expect(profile.name == name)
            #expect(profile.sha256.count == 64)
        }
        let snake = try InputProfileLoader.load("snake_case")
        #expect(Set(snake.fields.keys) == Set(DocumentedField.responses.map(\.name)), "snake_case maps every documented field")
        let requests = try InputProfileLoader.load("snake_case_requests")
        #expect(Set(requests.fields.keys) == Set(DocumentedField.requests.map(\.name)))
        #expect(throws: ProfileError.self) { try InputProfileLoader.load("no_such_profile") }
    }
}
