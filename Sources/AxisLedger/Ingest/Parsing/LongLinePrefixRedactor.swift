/// Redacts the first bytes kept of a line over ``LineReader/maximumLineLength``
/// (issue 11, item 5): the prefix is stored as a reject, so it must carry no more
/// secrets than any other stored line.
///
/// A prefix is invalid JSON or a partial CSV row. In a CSV request log whose header
/// is read, the header's sensitive columns are redacted by position
/// (``CSVRequestLogParser/redactedPrefix(_:)``); anything else is redacted as the
/// text of a line that is not valid JSON, which applies the name-based rules
/// (`"Authorization": …`, `"X-Api-Key","…"`) and the token formats to the text.
enum LongLinePrefixRedactor {
    static func redact(_ prefix: [UInt8], csv: CSVRequestLogParser?) -> [UInt8] {
        if let csv { return csv.redactedPrefix(prefix) }
        return SecretTextRedactor.redact(prefix[...]) ?? prefix
    }
}
