/// Why a month could not be closed, or a closed month's report could not be made.
public enum ClosingError: Error, Equatable, CustomStringConvertible {
    case alreadyClosed(month: String, closedAt: String, closedBy: String)
    case notEnded(month: String, endsAt: String)
    /// The month has ended in UTC but not yet in the zone of an org (`zone`, where it ends last).
    case notEndedInEveryZone(month: String, endsAt: String, zone: String)
    case pricingDiffers(month: String, file: String, given: String, issued: String)
    case currencyDiffers(month: String, issued: String, now: String)

    public var description: String {
        switch self {
        case .alreadyClosed(let month, let at, let by):
            return "\(month) is already closed (on \(at) by \(by)); nothing was changed. "
                + "A closed month stays as issued: run `axis-ledger report --month \(month)` to write its issued files again; "
                + "later differences are billed as adjustment lines in the next open month"
        case .notEnded(let month, let end):
            return "\(month) has not ended yet (it ends at \(end) UTC); nothing was changed. "
                + "Close it after then, once its last files are ingested; until then `axis-ledger report --month \(month)` shows it as it stands"
        case .notEndedInEveryZone(let month, let end, let zone):
            return "\(month) has not ended in every org's time zone yet: it ends last in \(zone), at \(end) UTC; nothing was changed. "
                + "An org's billing month is its local month (its `timezone:` in the pricing file), so close \(month) after \(end), "
                + "once its last files are ingested; until then `axis-ledger report --month \(month)` shows it as it stands"
        case .pricingDiffers(let month, let file, let given, let issued):
            return "\(file) (SHA-256 \(given.prefix(16))…) is not the pricing \(month) was closed with (SHA-256 \(issued.prefix(16))…); nothing was written. "
                + "Leave out --pricing to use the issued pricing (its text is month_closes.pricing_text)"
        case .currencyDiffers(let month, let issued, let now):
            return "\(month) was closed in \(issued) but the pricing bills in \(now); its adjustments cannot be added to a statement in \(now). "
                + "Use a pricing file in \(issued)"
        }
    }
}
