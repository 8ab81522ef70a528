import Foundation
import Testing
@testable import AxisLedger

/// A fee, a cap and a discount are org-level lines in `reconcile`: the
/// invoice writes each as a row without a version, and they are compared,
/// summed per org, with the ledger's org-level lines.
struct OrgLevelLinesReconcileTests {
    /// org_a: 5 v2 at 0.10 = 0.50, capped at 0.40, a 10.00 fee, 10% off 10.40 = 1.04: total 9.36.
    static let pricing = """
        currency: USD
        defaultPlan: p
        plans:
          p:
            monthlyMaximum: 0.40
            monthlyFee: 10.00
            v2:
              unitPrice: 0.10
        orgs:
          org_a:
            plan: p
            discounts:
              - {percent: 10, from: 2026-10}
        """

    static func reconcile(_ invoice: [String]) throws -> Reconciliation {
        let fixture = try ReconcileFixture()
        try fixture.ingest((1...5).map { ReconcileFixture.success("a\($0)", version: .v2) })
        return try Reconciler(ledger: fixture.ledger).reconcile(
            month: "2026-10", invoicePath: try fixture.write("invoice.csv", invoice), usageExportPath: nil,
            rules: try PricingRules.parse(yaml: Self.pricing, fileName: "pricing.yaml"), tolerance: Decimal(string: "0.01")!)
    }

    @Test func anInvoiceWithTheCapFeeAndDiscountAsOrgLevelRowsMatches() throws {
        let result = try Self.reconcile([InvoiceComparisonTests.header, "org_a,v2,5,0.50", "org_a,,,-0.10", "org_a,,,10.00", "org_a,,,-1.04"])
        #expect(result.found == [])
        let org = try #require(result.invoice?.orgs.first)
        #expect(org.ledgerOrgCharges == Decimal(string: "8.86"))
        #expect(org.ledgerTotal == Decimal(string: "9.36"))
    }

    @Test func anInvoiceWithoutTheDiscountDiffersInOrgLevelChargesAndTotal() throws {
        let result = try Self.reconcile([InvoiceComparisonTests.header, "org_a,v2,5,0.50", "org_a,,,9.90"])
        #expect(result.found == ["org_charge_differs org_a", "org_total_differs org_a"])
        let charge = try #require(result.discrepancies.first)
        #expect(charge.ledger == .amount(Decimal(string: "8.86")!))
        #expect(charge.difference == .amount(Decimal(string: "1.04")!))
        #expect(charge.detail == "org-level charges (minimum top-up, cap, fee, discounts, adjustments)")
    }
}
