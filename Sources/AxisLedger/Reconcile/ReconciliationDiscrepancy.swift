import Foundation

/// One difference found by `reconcile`: one row of reconciliation.csv.
public struct ReconciliationDiscrepancy: Sendable, Equatable {
    /// What differs. The raw values are the `kind` column of reconciliation.csv;
    /// kinds are listed (and sorted) in the order declared here.
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        // The invoice against the ledger's statements.
        /// An org the invoice charges that has no statement in the ledger.
        case orgOnlyOnInvoice = "org_only_on_invoice"
        /// An org with a statement (a non-zero total) that the invoice does not mention.
        case orgOnlyInLedger = "org_only_in_ledger"
        /// An org and version the invoice charges but the ledger billed nothing of.
        case versionOnlyOnInvoice = "version_only_on_invoice"
        /// An org and version the ledger billed but the invoice does not list (the org is on it).
        case versionOnlyInLedger = "version_only_in_ledger"
        /// The invoice's quantity differs from the ledger's billed generations.
        case quantityDiffers = "quantity_differs"
        /// The invoice's amount for an org and version differs by more than the tolerance.
        case amountDiffers = "amount_differs"
        /// The org-level charges (minimum top-up, cap, fee, discounts, adjustments) differ by more than the tolerance.
        case orgChargeDiffers = "org_charge_differs"
        /// What the org owes in all differs by more than the tolerance.
        case orgTotalDiffers = "org_total_differs"
        // The usage export against the ledger's billed generations, one generation each.
        /// The provider billed a generation the ledger never billed.
        case billedOnlyByProvider = "billed_only_by_provider"
        /// The ledger billed a generation the provider's export does not list.
        case billedOnlyInLedger = "billed_only_in_ledger"
        /// The export lists a generation more than once: double billing.
        case duplicateInExport = "duplicate_in_export"
        case orgDiffers = "org_differs"
        case versionDiffers = "version_differs"
        case monthDiffers = "month_differs"
        // Our own logs, without the provider.
        /// A request-log attempt with status 200 whose idempotency key has no successful response record.
        case lostResponseRecord = "lost_response_record"
        /// A successful response record whose idempotency key has no status-200 request-log attempt.
        case responseWithoutAttempt = "response_without_attempt"

        public enum Source: Sendable { case invoice, usageExport, ledger }

        public var source: Source {
            switch self {
            case .orgOnlyOnInvoice, .orgOnlyInLedger, .versionOnlyOnInvoice, .versionOnlyInLedger,
                 .quantityDiffers, .amountDiffers, .orgChargeDiffers, .orgTotalDiffers:
                return .invoice
            case .billedOnlyByProvider, .billedOnlyInLedger, .duplicateInExport, .orgDiffers, .versionDiffers, .monthDiffers:
                return .usageExport
            case .lostResponseRecord, .responseWithoutAttempt:
                return .ledger
            }
        }

        /// For the verdict's table, in a few words.
        public var meaning: String {
            switch self {
            case .orgOnlyOnInvoice: return "org charged on the invoice, no statement in the ledger"
            case .orgOnlyInLedger: return "org with a statement in the ledger, not on the invoice"
            case .versionOnlyOnInvoice: return "org and version invoiced, nothing billed in the ledger"
            case .versionOnlyInLedger: return "org and version billed in the ledger, not on the invoice"
            case .quantityDiffers: return "invoiced quantity is not the ledger's billed generations"
            case .amountDiffers: return "invoiced amount for an org and version differs from the ledger's price"
            case .orgChargeDiffers: return "org-level charges (minimum top-up, cap, fee, discounts, adjustments) differ"
            case .orgTotalDiffers: return "the org's total due differs"
            case .billedOnlyByProvider: return "generation billed by the provider, never billed in the ledger"
            case .billedOnlyInLedger: return "generation billed in the ledger, missing from the export"
            case .duplicateInExport: return "generation listed more than once in the export (double billing)"
            case .orgDiffers: return "generation billed to another org"
            case .versionDiffers: return "generation billed on another API version"
            case .monthDiffers: return "generation billed in another month"
            case .lostResponseRecord: return "request-log 200 with no successful response record for its key"
            case .responseWithoutAttempt: return "successful response record with no request-log 200 for its key"
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// A value on one side: money, a count of generations, or words.
    public enum Value: Sendable, Equatable {
        case amount(Decimal)
        case count(Int)
        case text(String)
        case none
    }

    public var kind: Kind
    public var orgId: String
    /// `v1`, `v2`, or empty for an org-level difference.
    public var version: String
    /// The generation id or idempotency key; empty for invoice differences.
    public var reference: String
    public var ledger: Value
    public var provider: Value
    /// Provider minus ledger, for amounts and counts.
    public var difference: Value
    /// Where the values come from, e.g. `requests.csv:120` or the ledger's record of the id.
    public var detail: String

    public init(kind: Kind, orgId: String, version: String, reference: String = "", ledger: Value, provider: Value, difference: Value = .none, detail: String = "") {
        self.kind = kind
        self.orgId = orgId
        self.version = version
        self.reference = reference
        self.ledger = ledger
        self.provider = provider
        self.difference = difference
        self.detail = detail
    }

    /// The report order: kind, org, version, reference (then detail, so equal keys keep one order).
    static func ordered(_ lhs: ReconciliationDiscrepancy, _ rhs: ReconciliationDiscrepancy) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        if lhs.orgId != rhs.orgId { return lhs.orgId < rhs.orgId }
        if lhs.version != rhs.version { return lhs.version < rhs.version }
        if lhs.reference != rhs.reference { return lhs.reference < rhs.reference }
        return lhs.detail < rhs.detail
    }
}
