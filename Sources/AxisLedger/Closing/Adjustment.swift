import Foundation

/// A correction of an earlier closed month for one org, billed once in the
/// next open month: what the closed month comes to now under its issued
/// pricing minus what was issued for it and adjusted for it before.
public struct Adjustment: Sendable, Equatable {
    /// The closed month corrected, `YYYY-MM`.
    public var adjustsMonth: String
    public var orgId: String
    /// The change in billed generations per version since what was issued
    /// and adjusted before (negative when generations went away; versions
    /// without a change are left out).
    public var generations: [APIVersion: Int]
    /// Negative for a credit.
    public var amount: Decimal

    /// The net change in billed generations: the adjustment line's quantity.
    public var netGenerations: Int { generations.values.reduce(0, +) }

    /// `adjustment for 2026-10: −1 v2 generation`, or, for several versions,
    /// `adjustment for 2026-10: +2 v1 generations, −1 v2 generation`; when
    /// the amount changed but no count did (a generation moved between
    /// orgs of one version is a count change in each org, so this is rare):
    /// `adjustment for 2026-10: re-rated, billed generations unchanged`.
    /// The minus is U+2212, as in print.
    public var description: String {
        let parts = generations.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { version, count in
            "\(count < 0 ? "\u{2212}" : "+")\(abs(count)) \(version.rawValue) generation\(abs(count) == 1 ? "" : "s")"
        }
        return "adjustment for \(adjustsMonth): " + (parts.isEmpty ? "re-rated, billed generations unchanged" : parts.joined(separator: ", "))
    }

    /// The invoice line that bills it.
    public var line: InvoiceLine {
        InvoiceLine(kind: .adjustment, version: nil, description: description, quantity: netGenerations,
                    unitPrice: nil, amount: amount, adjustsMonth: adjustsMonth)
    }
}
