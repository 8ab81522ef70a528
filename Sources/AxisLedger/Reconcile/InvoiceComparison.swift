import Foundation

/// The provider's invoice beside the ledger's statements: per org and version,
/// and per org (org-level charges and the total due).
public struct InvoiceComparison: Sendable {
    /// One org and version on either side.
    public struct VersionRow: Sendable, Equatable {
        public var orgId: String
        public var version: APIVersion
        /// Billed generations in the ledger; nil when the ledger has none.
        public var ledgerGenerations: Int?
        public var ledgerAmount: Decimal?
        public var invoiceQuantity: Int?
        public var invoiceAmount: Decimal?
    }

    /// One org on either side.
    public struct OrgRow: Sendable, Equatable {
        public var orgId: String
        /// The plan of the ledger's statement; nil when the ledger has none.
        public var plan: String?
        public var ledgerOrgCharges: Decimal
        public var invoiceOrgCharges: Decimal
        public var ledgerTotal: Decimal?
        public var invoiceTotal: Decimal?

        /// Invoice minus ledger, a missing side counting as 0.
        public var totalDifference: Decimal { (invoiceTotal ?? 0) - (ledgerTotal ?? 0) }
    }

    public var invoice: ProviderInvoice
    public var versions: [VersionRow]
    public var orgs: [OrgRow]
    public var discrepancies: [ReconciliationDiscrepancy]

    /// What the invoice asks for in all.
    public var invoiceTotal: Decimal { orgs.reduce(0) { $0 + ($1.invoiceTotal ?? 0) } }
    /// What the ledger's statements say is due in all.
    public var ledgerTotal: Decimal { orgs.reduce(0) { $0 + ($1.ledgerTotal ?? 0) } }
    /// The sum of the orgs' total differences, each taken positive.
    public var amountAtStake: Decimal { orgs.reduce(0) { $0 + abs($1.totalDifference) } }

    /// Compares `invoice` with `statements` (one per org, from ``MonthReportBuilder``).
    /// Amounts match when they differ by at most `tolerance`; quantities must be equal.
    public static func compare(invoice: ProviderInvoice, statements: [Statement], usage: [MonthData.Usage], tolerance: Decimal) -> InvoiceComparison {
        let statementsByOrg = Dictionary(statements.map { ($0.orgId, $0) }, uniquingKeysWith: { first, _ in first })
        var generations: [String: [APIVersion: Int]] = [:]
        for line in usage { generations[line.orgId, default: [:]][line.version] = line.generations }
        var charges: [String: [APIVersion: ProviderInvoice.VersionCharge]] = [:]
        for charge in invoice.versionCharges { charges[charge.orgId, default: [:]][charge.version] = charge }

        // An org is in the ledger when it has billed generations or a statement asking for money.
        let ledgerOrgs = Set(generations.keys).union(statements.filter { $0.total != 0 }.map(\.orgId))
        let invoiceOrgs = Set(invoice.orgs)
        var versions: [VersionRow] = []
        var orgs: [OrgRow] = []
        var found: [ReconciliationDiscrepancy] = []
        let outside = { (difference: Decimal) in abs(difference) > tolerance }

        for org in ledgerOrgs.union(invoiceOrgs).sorted() {
            let statement = statementsByOrg[org]
            let inLedger = ledgerOrgs.contains(org), onInvoice = invoiceOrgs.contains(org)
            for version in APIVersion.allCases.sorted() {
                let ledgerCount = generations[org]?[version]
                let charge = charges[org]?[version]
                guard ledgerCount != nil || charge != nil else { continue }
                let ledgerAmount = ledgerCount.map { _ in
                    statement?.lines.filter { $0.kind == .usage && $0.version == version }.reduce(Decimal(0)) { $0 + $1.amount } ?? 0
                }
                versions.append(VersionRow(orgId: org, version: version, ledgerGenerations: ledgerCount, ledgerAmount: ledgerAmount,
                                           invoiceQuantity: charge?.quantity, invoiceAmount: charge?.amount))
                guard inLedger, onInvoice else { continue }
                let v = version.rawValue
                switch (ledgerCount, ledgerAmount, charge) {
                case (let count?, let amount?, let charge?):
                    if count != charge.quantity {
                        found.append(.init(kind: .quantityDiffers, orgId: org, version: v, ledger: .count(count),
                                           provider: .count(charge.quantity), difference: .count(charge.quantity - count),
                                           detail: "generations"))
                    }
                    if outside(charge.amount - amount) {
                        found.append(.init(kind: .amountDiffers, orgId: org, version: v, ledger: .amount(amount),
                                           provider: .amount(charge.amount), difference: .amount(charge.amount - amount),
                                           detail: "amount for \(charge.quantity) invoiced, \(count) billed generations"))
                    }
                case (let count?, let amount?, nil):
                    found.append(.init(kind: .versionOnlyInLedger, orgId: org, version: v, ledger: .amount(amount),
                                       provider: .none, difference: .amount(-amount), detail: "\(count) billed generations"))
                case (nil, _, let charge?):
                    found.append(.init(kind: .versionOnlyOnInvoice, orgId: org, version: v, ledger: .none,
                                       provider: .amount(charge.amount), difference: .amount(charge.amount),
                                       detail: "\(charge.quantity) invoiced generations (\(invoice.pathName):\(charge.firstLine))"))
                default:
                    break
                }
            }
            // Every line without a version counts here (minimum, cap, fee, discounts,
            // adjustments): the invoice writes each as a row with an empty version,
            // so usage rows plus org-level rows make the total on both sides.
            let ledgerOrgCharges = statement?.orgLevelAmount ?? 0
            let invoiceOrgCharges = invoice.orgCharges[org] ?? 0
            let row = OrgRow(orgId: org, plan: statement?.planName, ledgerOrgCharges: ledgerOrgCharges, invoiceOrgCharges: invoiceOrgCharges,
                             ledgerTotal: inLedger ? (statement?.total ?? 0) : nil, invoiceTotal: onInvoice ? invoice.total(orgId: org) : nil)
            orgs.append(row)
            switch (inLedger, onInvoice) {
            case (true, true):
                if outside(invoiceOrgCharges - ledgerOrgCharges) {
                    found.append(.init(kind: .orgChargeDiffers, orgId: org, version: "", ledger: .amount(ledgerOrgCharges),
                                       provider: .amount(invoiceOrgCharges), difference: .amount(invoiceOrgCharges - ledgerOrgCharges),
                                       detail: "org-level charges (minimum top-up, cap, fee, discounts, adjustments)"))
                }
                if outside(row.totalDifference) {
                    found.append(.init(kind: .orgTotalDiffers, orgId: org, version: "", ledger: .amount(row.ledgerTotal!),
                                       provider: .amount(row.invoiceTotal!), difference: .amount(row.totalDifference), detail: "total due"))
                }
            case (true, false):
                found.append(.init(kind: .orgOnlyInLedger, orgId: org, version: "", ledger: .amount(row.ledgerTotal!),
                                   provider: .none, difference: .amount(row.totalDifference),
                                   detail: "total due; \(generations[org]?.values.reduce(0, +) ?? 0) billed generations"))
            case (false, true):
                found.append(.init(kind: .orgOnlyOnInvoice, orgId: org, version: "", ledger: .none,
                                   provider: .amount(row.invoiceTotal!), difference: .amount(row.totalDifference),
                                   detail: "total invoiced; no billed generation and no statement in the ledger"))
            case (false, false):
                break
            }
        }
        return InvoiceComparison(invoice: invoice, versions: versions, orgs: orgs, discrepancies: found)
    }
}

extension ProviderInvoice {
    /// The file name without its folder, as reports show it.
    var pathName: String { URL(fileURLWithPath: path).lastPathComponent }
}
