import Foundation
import Testing
@testable import AxisLedger

/// Every situation the month must contain, found by reading the files back.
struct SampleScenarioTests {
    let sample = SampleFixture.standard

    /// Records (with their request-log rows) grouped by idempotency key, in file order.
    var attemptsByKey: [String: [(record: SampleRecord, row: SampleRow)]] {
        var groups: [String: [(record: SampleRecord, row: SampleRow)]] = [:]
        for (record, row) in zip(sample.records, sample.rows) {
            groups[record.idempotencyKey, default: []].append((record, row))
        }
        return groups
    }

    @Test func idempotentReplaysReturnTheSameGenerationWithin24Hours() {
        let replayed = attemptsByKey.values.filter { group in
            group.count >= 2 && group.allSatisfy { $0.record.httpStatus == 200 }
        }
        #expect(replayed.count > 100)
        for group in replayed {
            #expect(Set(group.map { $0.record.generationId }).count == 1)
            #expect(Set(group.map { $0.record.requestId }).count == group.count, "each replay is a new request")
            let span = group.last!.record.instant.timeIntervalSince(group.first!.record.instant)
            #expect(span > 0 && span < 24 * 3600)
        }
    }

    @Test func aKeyReusedWithAnotherBodyWhileInFlightGets409() throws {
        let conflicts = attemptsByKey.values.filter { $0.contains { $0.record.httpStatus == 409 } }
        #expect(conflicts.count > 20)
        for group in conflicts {
            let first = try #require(group.first { $0.record.httpStatus == 200 })
            let conflict = try #require(group.first { $0.record.httpStatus == 409 })
            #expect(first.record.request?["prompt"] as? String != conflict.record.request?["prompt"] as? String)
            let inFlightUntil = first.record.instant.addingTimeInterval(Double(first.record.durationMs!) / 1000)
            #expect(conflict.record.instant > first.record.instant && conflict.record.instant < inFlightUntil)
        }
    }

    @Test func rateLimitedRequestsCarryRetryAfterAndSucceedWithTheSameKeyAfterIt() throws {
        let limited = attemptsByKey.values.filter { $0.contains { $0.record.httpStatus == 429 } }
        #expect(limited.count > 20)
        for group in limited {
            let refused = try #require(group.first { $0.record.httpStatus == 429 })
            let retryAfter = try #require(refused.row.retryAfter)
            #expect(retryAfter > 0 && refused.row.rateLimitRemaining == 0)
            let success = try #require(group.last)
            #expect(success.record.httpStatus == 200)
            #expect(success.record.instant >= refused.record.instant.addingTimeInterval(Double(retryAfter)))
        }
    }

    @Test func rateLimitRemainingCountsTheOrgsRequestsInTheCurrentUTCMinute() {
        var counts: [String: Int] = [:]
        var countdowns = 0
        for row in sample.rows {
            guard row.httpStatus != 401 else {
                #expect(row.rateLimitRemaining == nil, "a 401 is not counted against an org")
                continue
            }
            let window = "\(row.orgId) \(SampleTimestamps.utcMinute(SampleTimestamps.parse(row.timestamp)!))"
            counts[window, default: 0] += 1
            let used = counts[window]!
            #expect(row.rateLimitRemaining == max(0, 60 - used), "\(row.timestamp) \(row.orgId)")
            #expect((row.httpStatus == 429) == (used > 60), "\(row.timestamp) \(row.orgId)")
            if used == 60 { countdowns += 1 }
        }
        #expect(countdowns >= 5, "bursts that count down to 0")
    }

    @Test func serverErrorsAreRetriedWithTheSameKeyUntilTheySucceed() {
        let retried = attemptsByKey.values.filter { [500, 503].contains($0.first!.record.httpStatus) }
        #expect(retried.count > 100)
        #expect(Set(retried.map { $0.first!.record.httpStatus }) == [500, 503])
        for group in retried {
            #expect(group.last!.record.httpStatus == 200)
            #expect(group.dropLast().allSatisfy { [500, 503].contains($0.record.httpStatus) })
        }
    }

    @Test func anOrgOutOfBalanceGetsSeveral402sOverHoursThenSucceedsAfterATopUp() throws {
        let byOrg = Dictionary(grouping: sample.records, by: \.orgId)
        var streaks = 0
        for records in byOrg.values {
            guard let first = records.firstIndex(where: { $0.httpStatus == 402 }) else { continue }
            let run = records[first...].prefix { $0.httpStatus == 402 }
            #expect(run.count >= 3, "several consecutive 402s")
            let hours = run.last!.instant.timeIntervalSince(run.first!.instant) / 3600
            #expect(hours >= 1)
            let after = try #require(records.dropFirst(first + run.count).first)
            #expect(after.httpStatus == 200)
            #expect(records.filter { $0.httpStatus == 402 }.count == run.count, "one streak per org")
            streaks += 1
        }
        #expect(streaks >= 2)
    }

    @Test(arguments: [400, 401, 403])
    func aFewClientErrorsAppear(status: Int) {
        let count = sample.records.filter { $0.httpStatus == status }.count
        #expect(count > 0 && count < 200)
    }

    @Test func bothVersionsAndBothEndpointFormsAreUsed() {
        let endpoints = Set(sample.records.map(\.endpoint))
        #expect(endpoints.isSuperset(of: ["/v1/generate-image", "/v2/cinematic-image",
                                          "https://studioaxis.io/api/external/v1/generate-image"]))
    }
}
