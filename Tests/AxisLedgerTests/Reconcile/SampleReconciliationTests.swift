import Foundation
import Testing
@testable import AxisLedger

/// The sample's provider files differ from the truth in exactly the three
/// known ways, and reconcile finds exactly those (docs/reconciliation.md).
struct SampleReconciliationTests {
    /// 12 orgs with bad lines, small enough to ingest quickly.
    static let configuration = SampleConfiguration(month: "2026-10", orgs: 12, records: 6_000, seed: 7, withBadLines: true)

    @Test func reconcileFindsExactlyTheKnownDiscrepanciesOfTheSample() throws {
        let folder = try TemporaryDirectory()
        let summary = try SampleGenerator(configuration: Self.configuration).write(to: folder.url)
        let ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
        for file in [summary.responsesFile, summary.requestsFile] {
            if case .refused(let error) = Ingestor(ledger: ledger).ingest(path: file.path).outcome { throw error }
        }
        let known = summary.providerDiscrepancies
        let double = try #require(known.doubleBilled)
        let never = try #require(known.neverReceived)
        let over = try #require(known.overcharged)
        #expect((double.orgId, double.version) == ("org_initech", .v2))
        #expect((never.orgId, never.version) == ("org_globex", .v2))
        #expect((over.orgId, over.version, over.amount) == ("org_umbrella", .v2, 2))

        let billed = Dictionary(uniqueKeysWithValues: summary.billedGenerations.map { ("\($0.orgId) \($0.version.rawValue)", $0.generations) })
        // Every one of them is under 1000 v2 units, where the standard plan charges 0.12 a unit.
        for org in ["org_initech v2", "org_globex v2", "org_umbrella v2"] { try #require((billed[org] ?? 0) < 1000) }

        let rules = try PricingRules.parse(yaml: ProviderPricingExample.yaml, fileName: "provider-pricing.yaml")
        let result = try Reconciler(ledger: ledger).reconcile(
            month: "2026-10", invoicePath: summary.providerInvoiceFile.path, usageExportPath: summary.providerUsageFile.path,
            rules: rules, tolerance: Reconciler.defaultTolerance)
        let row = { (kind: String, org: String) in result.discrepancies.first { $0.kind.rawValue == kind && $0.orgId == org } }
        #expect(result.found == [
            "quantity_differs org_globex v2", "quantity_differs org_initech v2",
            "amount_differs org_globex v2", "amount_differs org_initech v2", "amount_differs org_umbrella v2",
            "org_total_differs org_globex", "org_total_differs org_initech", "org_total_differs org_umbrella",
            "billed_only_by_provider org_globex v2 \(never.generationId)",
            "duplicate_in_export org_initech v2 \(double.generationId)",
        ])
        #expect(row("quantity_differs", "org_initech")?.ledger == .count(billed["org_initech v2"]!))
        #expect(row("amount_differs", "org_initech")?.difference == .amount(Decimal(string: "0.12")!))
        #expect(row("amount_differs", "org_globex")?.difference == .amount(Decimal(string: "0.12")!))
        #expect(row("amount_differs", "org_umbrella")?.difference == .amount(2))
        #expect(result.invoice?.amountAtStake == Decimal(string: "2.24"))
        #expect(row("billed_only_by_provider", "org_globex")?.ledger == .text("no record of this generation id"))
        #expect(result.ledgerFindings.isEmpty, "the clean sample's logs are consistent")
        #expect(result.exitStatus == 1)
    }
}
