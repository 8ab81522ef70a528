import Foundation

/// reconciliation.csv: one row per discrepancy, every one of them, in report order.
public enum ReconciliationCSV {
    public static let header = ["month", "kind", "org_id", "version", "reference", "ledger_value", "provider_value", "difference", "detail"]

    public static func render(_ reconciliation: Reconciliation) -> String {
        var out = CSVWriter.row(header)
        for item in reconciliation.discrepancies {
            out += CSVWriter.row([
                .text(reconciliation.month), .text(item.kind.rawValue), .text(item.orgId),
                item.version.isEmpty ? .null : .text(item.version),
                item.reference.isEmpty ? .null : .text(item.reference),
                cell(item.ledger, reconciliation), cell(item.provider, reconciliation), cell(item.difference, reconciliation),
                item.detail.isEmpty ? .null : .text(item.detail),
            ])
        }
        return out
    }

    static func cell(_ value: ReconciliationDiscrepancy.Value, _ reconciliation: Reconciliation) -> CSVCell {
        switch value {
        case .amount(let amount): return .number(ReconciliationText.amount(amount, reconciliation.currency))
        case .count(let count): return .number(String(count))
        case .text(let text): return .text(text)
        case .none: return .null
        }
    }
}

/// How reconciliation files write values.
enum ReconciliationText {
    /// An amount exactly, with at least the currency's minor digits: a 0.005
    /// difference stays 0.005 rather than rounding to a cent it is not.
    static func amount(_ amount: Decimal, _ currency: Currency?) -> String {
        let currency = currency ?? Currency(code: "", minorUnitDigits: 2)
        return MoneyFormatter().formatUnitPrice(amount, currency: currency)
    }

    /// A value as a Markdown cell shows it.
    static func cell(_ value: ReconciliationDiscrepancy.Value, _ currency: Currency?) -> String {
        switch value {
        case .amount(let amount): return self.amount(amount, currency)
        case .count(let count): return String(count)
        case .text(let text): return text
        case .none: return ""
        }
    }

    /// A difference with its sign, so `+2.00` and `-0.10` read as what the invoice adds or lacks.
    static func signed(_ value: ReconciliationDiscrepancy.Value, _ currency: Currency?) -> String {
        let text = cell(value, currency)
        switch value {
        case .amount(let amount) where amount > 0: return "+" + text
        case .count(let count) where count > 0: return "+" + text
        default: return text
        }
    }
}
