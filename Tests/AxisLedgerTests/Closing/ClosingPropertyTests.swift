import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// Random sequences of late ingests into closed and open months, voids and
/// undos of any file, and closes in any order: after every step, for every closed month M and org,
/// issued for M + adjustments for M issued in closed months + the pending
/// adjustment = M re-rated live under its issued pricing, to the cent; and
/// every closed month's issued CSV files are the bytes written at close.
struct ClosingPropertyTests {
    typealias G = ClosingFixture.Generation
    static let months = ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]
    static let orgs = ["org_a", "org_b", "org_min"]

    /// SplitMix64: the same seed gives the same sequence on every machine.
    struct SeededRandom {
        var state: UInt64
        mutating func next() -> UInt64 { SampleRandom.splitMix(&state) }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func issuedPlusAdjustmentsPlusPendingIsTheLiveRating(seed: UInt64) throws {
        let fixture = try ClosingFixture()
        var random = SeededRandom(state: seed)
        var ids: [String] = []
        var issuedCSV: [String: [String: Data]] = [:]
        var closes = 0, voids = 0
        for step in 0..<18 {
            let open = Self.months.filter { issuedCSV[$0] == nil }
            if step > 1, !open.isEmpty, random.below(3) == 0 {
                let month = random.pick(open)
                try fixture.close(month, pricing: random.below(2) == 0 ? ClosingFixture.pricing : ClosingFixture.dearerPricing)
                issuedCSV[month] = Dictionary(uniqueKeysWithValues: try ["usage.csv", "invoice_lines.csv", "flags_402.csv"].map {
                    ($0, try fixture.file(month, $0))
                })
                closes += 1
            } else if step > 1, random.below(4) == 0 || (step == 10 && voids == 0) {
                // Void a live file, or undo a voided one: a change to closed months like any late file.
                let (live, voided) = try fixture.ledger.queue.read { db in
                    (try Int64.fetchAll(db, sql: "SELECT id FROM ingested_files WHERE id NOT IN (SELECT file_id FROM voided_files) ORDER BY id"),
                     try Int64.fetchAll(db, sql: "SELECT file_id FROM voided_files ORDER BY file_id"))
                }
                let voider = FileVoider(ledger: fixture.ledger)
                if !voided.isEmpty, live.isEmpty || random.below(2) == 0 {
                    _ = try voider.undo(fileId: random.pick(voided), actor: "test")
                } else if !live.isEmpty {
                    _ = try voider.void(fileId: random.pick(live), reason: "step \(step)", actor: "test")
                }
                voids += 1
            } else {
                var generations: [G] = []
                for _ in 0..<(1 + random.below(4)) {
                    // A new generation, or another record of a known one (earlier or later: billing rule 2 decides).
                    let id = ids.isEmpty || random.below(3) > 0 ? "gen_\(seed)_\(ids.count)" : random.pick(ids)
                    if !ids.contains(id) { ids.append(id) }
                    let day = 1 + random.below(28), hour = random.below(24)
                    generations.append(G(id: id, org: random.pick(Self.orgs), version: random.below(2) == 0 ? .v1 : .v2,
                                         time: "\(random.pick(Self.months))-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):00:00"))
                }
                try fixture.ingest(generations)
            }
            try checkInvariant(fixture, label: "seed \(seed) step \(step)")
            for (month, files) in issuedCSV {
                let closed = try fixture.closedReport(month)
                let written = Dictionary(uniqueKeysWithValues: ClosedMonthReportWriter.files(closed: closed.closed, changes: closed.changes)
                    .map { ($0.name, Data($0.text.utf8)) })
                for (name, bytes) in files { #expect(written[name] == bytes, "seed \(seed) step \(step): \(month)/\(name) changed") }
            }
        }
        #expect(closes > 0, "seed \(seed): no month was closed")
        #expect(voids > 0, "seed \(seed): no file was voided")
    }

    private func checkInvariant(_ fixture: ClosingFixture, label: String) throws {
        let lines = try fixture.ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT month, org_id, line, amount, adjusts_month FROM issued_statement_lines")
        }
        var issued: [String: Decimal] = [:], adjusted: [String: Decimal] = [:]
        for line in lines {
            let amount = ClosingFixture.decimal(line["amount"])
            let key = "\(line["month"] as String) \(line["org_id"] as String)"
            switch line["line"] as String {
            case "total": issued[key, default: 0] += amount
            case "adjustment":
                issued[key, default: 0] -= amount  // M's own total leaves out what it carried for earlier months
                adjusted["\(line["adjusts_month"] as String) \(line["org_id"] as String)", default: 0] += amount
            default: break
            }
        }
        let closedMonths = try fixture.ledger.queue.read { db in try String.fetchAll(db, sql: "SELECT month FROM closed_months ORDER BY month") }
        for month in closedMonths {
            let closed = try fixture.closedReport(month).closed
            // Live: the month as report would rate it now under its issued pricing, never closed.
            let live = try fixture.ledger.queue.read { db in
                try MonthReportBuilder.statements(month: month, rules: try closed.rules(),
                                                  usage: try MonthDataLoader(ledger: fixture.ledger).load(db, month: month).usage,
                                                  activeOrgs: try MonthDataLoader(ledger: fixture.ledger).activeOrgs(db, month: month))
            }
            // Pending: the adjustment lines for M in the first open month after it, as that month's report bills them.
            let next = (1...24).lazy.map { Self.month(after: month, by: $0) }.first { !closedMonths.contains($0) }!
            let report = try fixture.openReport(next)
            var pending: [String: Decimal] = [:]
            for statement in report.pricing?.statements ?? [] {
                for line in statement.lines where line.kind == .adjustment && line.adjustsMonth == month {
                    pending[statement.orgId, default: 0] += line.amount
                }
            }
            let orgs = Set(live.map(\.orgId)).union(closed.statements.map(\.orgId)).union(pending.keys)
            for org in orgs {
                let liveTotal = live.first { $0.orgId == org }?.total ?? 0
                let sum = (issued["\(month) \(org)"] ?? 0) + (adjusted["\(month) \(org)"] ?? 0) + (pending[org] ?? 0)
                #expect(sum == liveTotal, "\(label): \(month) \(org): issued + adjusted + pending = \(sum), live \(liveTotal)")
            }
        }
    }

    static func month(after month: String, by count: Int) -> String {
        let (year, number) = MonthText.parse(month)!
        let index = year * 12 + (number - 1) + count
        let next = index % 12 + 1
        return "\(index / 12)-\(next < 10 ? "0" : "")\(next)"
    }
}
