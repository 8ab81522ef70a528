import Foundation

/// What `reconcile` found for a month: the comparisons made and every
/// discrepancy, in report order. Renderers turn it into files; nothing in it
/// depends on the clock.
public struct Reconciliation: Sendable {
    public var month: String
    /// Amounts within this of each other match.
    public var tolerance: Decimal
    /// The pricing's currency; nil when no pricing was needed.
    public var currency: Currency?
    /// The pricing file's name and SHA-256, when one was used.
    public var pricingFile: (name: String, sha256: String)?
    public var invoice: InvoiceComparison?
    public var usageExport: UsageExportComparison.Summary?
    /// Every discrepancy, ordered by kind, org, version and reference.
    public var discrepancies: [ReconciliationDiscrepancy]

    /// Whether a provider file was compared.
    public var comparedProviderFiles: Bool { invoice != nil || usageExport != nil }

    /// Differences between the provider's files and the ledger.
    public var providerDiscrepancies: [ReconciliationDiscrepancy] { discrepancies.filter { $0.kind.source != .ledger } }

    /// The in-ledger data-quality findings.
    public var ledgerFindings: [ReconciliationDiscrepancy] { discrepancies.filter { $0.kind.source == .ledger } }

    /// Whether the month passes: the provider's files match the ledger (within
    /// the tolerance); with no provider file, the ledger has no findings.
    public var matches: Bool {
        comparedProviderFiles ? providerDiscrepancies.isEmpty : ledgerFindings.isEmpty
    }

    /// The exit status, like diff's: 0 when it matches, 1 when it differs.
    public var exitStatus: Int32 { matches ? 0 : 1 }

    /// Discrepancies counted by kind, in kind order, kinds with none left out.
    public func counts(_ list: [ReconciliationDiscrepancy]) -> [(kind: ReconciliationDiscrepancy.Kind, count: Int)] {
        ReconciliationDiscrepancy.Kind.allCases.compactMap { kind in
            let count = list.filter { $0.kind == kind }.count
            return count == 0 ? nil : (kind, count)
        }
    }

    /// `amount` with the currency's digits and code, or plain when there is no currency.
    func money(_ amount: Decimal) -> String {
        guard let currency else { return "\(amount)" }
        return MoneyFormatter().format(amount, currency: currency) + " " + currency.code
    }

    /// The verdict in one or two lines, for the terminal: `2026-10: differs: …`.
    public var verdictLines: [String] {
        verdictSentences.map { "\(month): " + ($0.word.map { $0 + ": " } ?? "") + $0.text }
    }

    /// The verdict's sentences: `matches` or `differs` when the sentence decides, and what it says.
    var verdictSentences: [(word: String?, text: String)] {
        var sentences: [(word: String?, text: String)] = []
        let tolerance = currency.map { _ in money(self.tolerance) } ?? "\(self.tolerance)"
        if comparedProviderFiles {
            let provider = providerDiscrepancies
            if provider.isEmpty {
                sentences.append(("matches", "the provider's files agree with the ledger (amounts within \(tolerance))."))
            } else {
                var text = ""
                if let invoice {
                    text += "\(money(invoice.amountAtStake)) at stake (invoice \(money(invoice.invoiceTotal)), ledger \(money(invoice.ledgerTotal))); "
                }
                text += counts(provider).map { "\($0.count) \($0.kind.rawValue)" }.joined(separator: ", ") + "."
                sentences.append(("differs", text))
            }
        }
        let findings = ledgerFindings
        if findings.isEmpty {
            sentences.append(comparedProviderFiles ? (nil, "in-ledger data quality: no findings.")
                                                   : ("matches", "no provider file given, and the ledger has no data-quality findings."))
        } else {
            let list = counts(findings).map { "\($0.count) \($0.kind.rawValue)" }.joined(separator: ", ")
            sentences.append(comparedProviderFiles ? (nil, "in-ledger data quality: \(list) (not part of the verdict).")
                                                   : ("differs", "no provider file given; the ledger has data-quality findings: \(list)."))
        }
        return sentences
    }
}
