/// The version of axis-ledger, printed by `--version` and recorded nowhere
/// that would make output depend on it.
public enum AxisLedgerVersion {
    public static let string = "0.1.0"
}
