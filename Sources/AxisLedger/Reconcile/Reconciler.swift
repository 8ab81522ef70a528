import Foundation

/// Checks the provider's monthly invoice and usage export against the ledger
/// (docs/reconciliation.md).
///
/// ```swift
/// let result = try Reconciler(ledger: ledger).reconcile(month: "2026-10",
///     invoicePath: "provider-invoice.csv", usageExportPath: "provider-usage.csv", rules: rules, tolerance: Decimal(string: "0.01")!)
/// try ReconciliationWriter().write(result, to: "reports")
/// ```
public struct Reconciler {
    /// The default tolerance on amounts: one cent.
    public static let defaultTolerance = Decimal(string: "0.01")!

    let ledger: LedgerDatabase

    public init(ledger: LedgerDatabase) {
        self.ledger = ledger
    }

    /// - Parameters:
    ///   - rules: needed when an invoice is given (its amounts are compared with the ledger's prices).
    ///   - tolerance: amounts that differ by at most this match.
    /// - Throws: ``ProviderFileError`` for a bad provider file, ``ReconcileError`` when pricing is
    ///   missing or does not price the month, `DatabaseError` from SQLite.
    public func reconcile(month: String, invoicePath: String?, usageExportPath: String?, rules givenRules: PricingRules?, tolerance: Decimal) throws -> Reconciliation {
        // A closed month is reconciled against what was issued (docs/reconciliation.md): under its
        // issued pricing, or, given a cost file other than that (the provider's price list), its
        // issued generations rated with the cost file.
        let closed = try ledger.queue.read { db in try ClosedMonthStore.load(db, month: month) }
        var rules = givenRules
        var costRules: PricingRules?
        if let closed {
            if let given = givenRules, let sha = given.sourceSHA256, sha != closed.pricingSHA256 {
                costRules = given
            } else {
                do { rules = try closed.rules() } catch let error as PricingError { throw ReconcileError.pricing(error.description) }
            }
        }
        var result = Reconciliation(month: month, tolerance: tolerance, currency: rules?.currency,
                                    pricingFile: rules.map { ($0.fileName, $0.sourceSHA256 ?? "") },
                                    invoice: nil, usageExport: nil, discrepancies: [])
        var found: [ReconciliationDiscrepancy] = []
        if let invoicePath {
            guard let rules else { throw ReconcileError.invoiceNeedsPricing(invoicePath: invoicePath) }
            // The invoice is read first: a bad row is reported before any work on the ledger.
            let invoice = try ProviderInvoiceReader.read(path: invoicePath, month: month, currency: rules.currency)
            let statements: [Statement], usage: [MonthData.Usage]
            if let closed {
                if let costRules {
                    do {
                        statements = try Rater(rules: costRules).statements(month: month, usageByOrg: closed.generations)
                    } catch let error as PricingError {
                        throw ReconcileError.pricing(error.description)
                    }
                } else {
                    statements = closed.statements
                }
                usage = closed.generations.sorted { $0.key < $1.key }.flatMap { org, versions in
                    versions.sorted { $0.key < $1.key }.map { MonthData.Usage(orgId: org, version: $0.key, generations: $0.value) }
                }
            } else {
                let report: MonthReport
                do {
                    report = try MonthReportBuilder(ledger: ledger).build(month: month, rules: rules)
                } catch let error as ReportError {
                    throw ReconcileError.pricing(error.description)
                }
                (statements, usage) = (report.pricing?.statements ?? [], report.data.usage)
            }
            let comparison = InvoiceComparison.compare(invoice: invoice, statements: statements,
                                                       usage: usage, tolerance: tolerance)
            result.invoice = comparison
            found += comparison.discrepancies
        }
        if let usageExportPath {
            let comparison = try UsageExportComparison.compare(exportAt: usageExportPath, ledger: ledger, month: month)
            result.usageExport = comparison.summary
            found += comparison.discrepancies
        }
        found += try LedgerConsistencyCheck.findings(ledger: ledger, month: month)
        result.discrepancies = found.sorted(by: ReconciliationDiscrepancy.ordered)
        return result
    }
}

/// Why a reconciliation could not be made (exit status 2).
public enum ReconcileError: Error, Equatable, CustomStringConvertible {
    case invoiceNeedsPricing(invoicePath: String)
    case pricing(String)
    case badTolerance(String)

    public var description: String {
        switch self {
        case .invoiceNeedsPricing(let path):
            return "\(path): comparing an invoice needs the pricing rules that price the ledger; give --cost FILE (the provider's price list; --pricing FILE is the same) or put pricing.yaml in the current folder"
        case .pricing(let message):
            return message
        case .badTolerance(let text):
            return "--tolerance \(text) is not an amount; write a decimal number of 0 or more, e.g. 0.01"
        }
    }

    /// `text` as a tolerance: an exact non-negative decimal.
    public static func tolerance(_ text: String) throws -> Decimal {
        guard case .success(let value) = DecimalText.decimal(text, maximumDecimals: ProviderNumberText.maximumAmountDecimals) else {
            throw ReconcileError.badTolerance(text)
        }
        return value
    }
}
