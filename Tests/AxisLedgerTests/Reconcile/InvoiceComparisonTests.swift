import Foundation
import Testing
@testable import AxisLedger

/// The invoice against the ledger's statements: per org and version, org-level charges, totals, tolerance.
struct InvoiceComparisonTests {
    static let header = "org_id,version,quantity,amount"

    /// org_a: 2 v1 (0.08) and 3 v2 (0.30) under standard; org_growth: 10 v1 (0.35) topped up to its 250.00 minimum.
    static func fixture() throws -> ReconcileFixture {
        let fixture = try ReconcileFixture()
        var lines = ["a1", "a2"].map { ReconcileFixture.success($0, version: .v1) }
        lines += ["a3", "a4", "a5"].map { ReconcileFixture.success($0, version: .v2) }
        lines += (1...10).map { ReconcileFixture.success("g\($0)", org: "org_growth", version: .v1) }
        try fixture.ingest(lines)
        return fixture
    }

    /// The truth, with org_a's v2 split in two tier rows and org_growth's top-up as an org-level row.
    static let truth = [header, "org_a,v1,2,0.08", "org_a,v2,2,0.20", "org_a,v2,1,0.10",
                        "org_growth,v1,10,0.35", "org_growth,,,249.65"]

    @Test func anInvoiceOfTheTruthMatchesWithTierRowsSummedAndTheMinimumAsAnOrgLevelRow() throws {
        let result = try Self.fixture().reconcile(invoice: Self.truth)
        #expect(result.found == [])
        #expect(result.matches)
        #expect(result.exitStatus == 0)
        let invoice = try #require(result.invoice)
        #expect(invoice.versions.first { $0.orgId == "org_a" && $0.version == .v2 }?.invoiceQuantity == 3)
        #expect(invoice.invoiceTotal == Decimal(string: "250.38"))
        #expect(invoice.ledgerTotal == Decimal(string: "250.38"))
    }

    /// The default tolerance is 0.01: org_a's v2 ledger amount is 0.30.
    @Test(arguments: [("0.305", true), ("0.295", true), ("0.31", true), ("0.29", true), ("0.32", false), ("0.28", false), ("0.3101", false)])
    func amountsWithinTheToleranceMatch(invoicedV2: String, matches: Bool) throws {
        let invoice = [Self.header, "org_a,v1,2,0.08", "org_a,v2,3,\(invoicedV2)", "org_growth,v1,10,0.35", "org_growth,,0,249.65"]
        let result = try Self.fixture().reconcile(invoice: invoice)
        #expect(result.matches == matches)
        #expect(result.found == (matches ? [] : ["amount_differs org_a v2", "org_total_differs org_a"]))
        if !matches {
            let difference = Decimal(string: invoicedV2)! - Decimal(string: "0.30")!
            #expect(result.discrepancies.first?.difference == .amount(difference))
        }
    }

    @Test func aWiderToleranceAcceptsMore() throws {
        let invoice = [Self.header, "org_a,v1,2,0.08", "org_a,v2,3,0.32", "org_growth,v1,10,0.35", "org_growth,,0,249.65"]
        #expect(try Self.fixture().reconcile(invoice: invoice, tolerance: "0.02").matches)
    }

    @Test func aMinimumTopUpThatDiffersIsAnOrgChargeAndTotalDifference() throws {
        let invoice = [Self.header, "org_a,v1,2,0.08", "org_a,v2,3,0.30", "org_growth,v1,10,0.35", "org_growth,,1,240.00"]
        let result = try Self.fixture().reconcile(invoice: invoice)
        #expect(result.found == ["org_charge_differs org_growth", "org_total_differs org_growth"])
        let charge = try #require(result.discrepancies.first)
        #expect(charge.ledger == .amount(Decimal(string: "249.65")!))
        #expect(charge.provider == .amount(240))
        #expect(charge.difference == .amount(Decimal(string: "-9.65")!))
        #expect(result.invoice?.amountAtStake == Decimal(string: "9.65"))
    }

    @Test func aGrowthOrgBelowItsMinimumThatIsNotToppedUpOnTheInvoiceDiffers() throws {
        let invoice = [Self.header, "org_a,v1,2,0.08", "org_a,v2,3,0.30", "org_growth,v1,10,0.35"]
        let result = try Self.fixture().reconcile(invoice: invoice)
        #expect(result.found == ["org_charge_differs org_growth", "org_total_differs org_growth"])
        #expect(result.invoice?.orgs.first { $0.orgId == "org_growth" }?.ledgerTotal == 250)
    }

    @Test func aQuantityThatDiffersIsReportedEvenWhenTheAmountMatches() throws {
        let invoice = [Self.header, "org_a,v1,2,0.08", "org_a,v2,4,0.30", "org_growth,v1,10,0.35", "org_growth,,,249.65"]
        let result = try Self.fixture().reconcile(invoice: invoice)
        #expect(result.found == ["quantity_differs org_a v2"])
        #expect(result.discrepancies[0].difference == .count(1))
        #expect(result.exitStatus == 1)
    }

    @Test func orgsAndVersionsOnOnlyOneSideAreReported() throws {
        let invoice = [Self.header, "org_a,v2,3,0.30", "org_zeta,v1,5,0.20", "org_zeta,,,1.00"]
        let result = try Self.fixture().reconcile(invoice: invoice)
        #expect(result.found == ["org_only_on_invoice org_zeta", "org_only_in_ledger org_growth",
                                 "version_only_in_ledger org_a v1", "org_total_differs org_a"])
        let onlyOnInvoice = try #require(result.discrepancies.first)
        #expect(onlyOnInvoice.provider == .amount(Decimal(string: "1.20")!))
        #expect(result.invoice?.amountAtStake == Decimal(string: "251.28"))  // 1.20 + 250.00 + 0.08
    }

    @Test func aVersionInvoicedThatTheLedgerNeverBilledIsReported() throws {
        let invoice = Self.truth + ["org_growth,v2,1,0.11"]
        let result = try Self.fixture().reconcile(invoice: invoice)
        #expect(result.found == ["version_only_on_invoice org_growth v2", "org_total_differs org_growth"])
    }

    @Test func anInvoiceNeedsPricingRules() throws {
        let fixture = try Self.fixture()
        let path = try fixture.write("invoice.csv", Self.truth)
        #expect(throws: ReconcileError.invoiceNeedsPricing(invoicePath: path)) {
            try Reconciler(ledger: fixture.ledger).reconcile(month: "2026-10", invoicePath: path, usageExportPath: nil, rules: nil, tolerance: 0)
        }
    }
}
