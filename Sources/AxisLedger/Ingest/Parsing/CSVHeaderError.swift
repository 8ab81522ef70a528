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

    public var description: String {
        switch self {
        case .empty:
            return "the CSV header line is empty: the first line must name the columns, e.g. timestamp,orgId,endpoint,httpStatus"
        case .unclosedQuote:
            return "the CSV header line has a quote that is never closed: the first line must name the columns, e.g. timestamp,orgId,endpoint,httpStatus"
        case .missingColumn(let name, let found):
            var list = found.prefix(12).map { RejectReason.quoted(SecretTextRedactor.redact($0)) }.joined(separator: ", ")
            if found.count > 12 { list += ", …" }
            if let near = found.first(where: { NearName.same($0, name) }) {
                return "the CSV header has no \(RejectReason.quoted(name)) column (found \(RejectReason.quoted(SecretTextRedactor.redact(near))): rename the column, or map it with an input profile (--profile, see docs/input-formats.md))"
            }
            return "the CSV header has no \(RejectReason.quoted(name)) column; required columns are timestamp, orgId, endpoint, httpStatus (found: \(list))"
        case .duplicateColumn(let name, let first, let second):
            return "the CSV header names the column \(RejectReason.quoted(SecretTextRedactor.redact(name))) twice (columns \(first) and \(second)); rename or remove one"
        case .tooManyColumns(let count):
            return "the CSV header has \(count) columns, more than the \(CSVRecordSplitter.maximumFields) a record may have: the first line must name the columns, e.g. timestamp,orgId,endpoint,httpStatus"
        }
    }
}
