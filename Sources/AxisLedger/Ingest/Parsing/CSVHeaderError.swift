/// Why the first line of a CSV request log cannot be used as its header.
///
/// The message quotes the header's cells, and a first line may be anything (a
/// header dump such as `Authorization: Basic …`, a row of data): every quoted cell
/// is redacted (``SecretTextRedactor``) before it is printed.
public enum CSVHeaderError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case unclosedQuote
    case missingColumn(String, found: [String])
    case duplicateColumn(String, first: Int, second: Int)
    /// More columns than a record may have fields (``CSVRecordSplitter/maximumFields``).
    case tooManyColumns(Int)

    /// A column name without case, `_`, `-` or spaces: `org_id` and `orgId` fold alike.
    static func folded(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    public var description: String {
        switch self {
        case .empty:
            return "the CSV header line is empty: the first line must name the columns, e.g. timestamp,orgId,endpoint,httpStatus"
        case .unclosedQuote:
            return "the CSV header line has a quote that is never closed: the first line must name the columns, e.g. timestamp,orgId,endpoint,httpStatus"
        case .missingColumn(let name, let found):
            var list = found.prefix(12).map { RejectReason.quoted(SecretTextRedactor.redact($0)) }.joined(separator: ", ")
            if found.count > 12 { list += ", …" }
            var text = "the CSV header has no \(RejectReason.quoted(name)) column; required columns are timestamp, orgId, endpoint, httpStatus (found: \(list))"
            // A header in another spelling (org_id, OrgID) is the user's own shape: say the one thing that helps.
            if let near = found.first(where: { Self.folded($0) == Self.folded(name) }) {
                text += "; \(RejectReason.quoted(SecretTextRedactor.redact(near))) is spelled differently: rename the columns, "
                    + "or describe your columns with an input profile (--profile; docs/input-formats.md, Input profiles)"
            }
            return text
        case .duplicateColumn(let name, let first, let second):
            return "the CSV header names the column \(RejectReason.quoted(SecretTextRedactor.redact(name))) twice (columns \(first) and \(second)); rename or remove one"
        case .tooManyColumns(let count):
            return "the CSV header has \(count) columns, more than the \(CSVRecordSplitter.maximumFields) a record may have: the first line must name the columns, e.g. timestamp,orgId,endpoint,httpStatus"
        }
    }
}
