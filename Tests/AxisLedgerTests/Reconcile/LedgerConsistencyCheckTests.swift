import Foundation
import Testing
@testable import AxisLedger

/// Request-log attempts against response records, inside the ledger.
struct LedgerConsistencyCheckTests {
    static func fixture() throws -> ReconcileFixture {
        let fixture = try ReconcileFixture()
        try fixture.ingest([
            ReconcileFixture.success("g1", key: "k1"),                       // logged: consistent
            ReconcileFixture.success("g2", key: "k2"),                       // no request-log row
            ReconcileFixture.success("g3", org: "org_c", key: "k3"),         // org_c has no request log at all
        ])
        try fixture.ingestRequestLog([
            ReconcileFixture.attempt(key: "k1"),
            ReconcileFixture.attempt(key: "k1"),                              // a replay of k1: still matched
            ReconcileFixture.attempt(key: "k9"),                              // a 200 whose response never arrived
            ReconcileFixture.attempt(key: "k8", status: 500),                 // not a 200: not expected to have a success
            ReconcileFixture.attempt(key: "k7", org: "org_d"),                // org_d has no response records at all
        ])
        return fixture
    }

    @Test func lostResponseRecordsAndResponsesWithoutAttemptsAreFoundWhereBothSidesWereIngested() throws {
        let result = try Self.fixture().reconcile()
        #expect(result.found == ["lost_response_record org_a v2 k9", "response_without_attempt org_a v2 k2"])
        #expect(result.discrepancies[0].detail.hasSuffix("input2.csv:4; no successful response record with this key"))
    }

    @Test func withoutProviderFilesTheFindingsDecideTheExitStatus() throws {
        #expect(try Self.fixture().reconcile().exitStatus == 1)
        let clean = try ReconcileFixture()
        try clean.ingest([ReconcileFixture.success("g1", key: "k1")])
        try clean.ingestRequestLog([ReconcileFixture.attempt(key: "k1")])
        let result = try clean.reconcile()
        #expect(result.found == [])
        #expect(result.exitStatus == 0)
    }

    @Test func withAProviderFileTheFindingsAreReportedButDoNotDecide() throws {
        let result = try Self.fixture().reconcile(usage: [
            "generation_id,org_id,version,timestamp", "g1,org_a,v2,2026-10-03T10:15:22.120Z",
            "g2,org_a,v2,2026-10-03T10:15:22.120Z", "g3,org_c,v2,2026-10-03T10:15:22.120Z",
        ])
        #expect(result.found == ["lost_response_record org_a v2 k9", "response_without_attempt org_a v2 k2"])
        #expect(result.exitStatus == 0)
        #expect(result.verdictLines.last?.contains("not part of the verdict") == true)
    }
}
