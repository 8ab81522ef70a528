import Foundation

/// Why a whole file was not ingested. Bad lines are not errors (they are
/// quarantined); these stop one file, whose transaction is rolled back.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case gzip(path: String, reason: String)
    case badCSVHeader(path: String, line: Int, reason: String)
    case strictRefused(path: String, rejected: Int, firstReasons: [String])
    case database(path: String, message: String)
    /// The input is UTF-16 or UTF-32 text (``TextEncodingSniffer``), not UTF-8.
    case notUTF8(path: String, encoding: String, byteOrderMark: [UInt8]?, compressed: Bool)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .gzip(let path, _), .badCSVHeader(let path, _, _),
             .strictRefused(let path, _, _), .database(let path, _), .notUTF8(let path, _, _, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .gzip(let path, let reason):
            return "\(path): \(reason); nothing of it was ingested"
        case .badCSVHeader(let path, let line, let reason):
            return "\(path):\(line): not a request-log CSV header: \(reason); nothing of it was ingested (use --kind, or fix the header)"
        case .strictRefused(let path, let rejected, let firstReasons):
            let reasons = firstReasons.isEmpty ? "" : " (" + firstReasons.joined(separator: "; ") + ")"
            return "\(path): refused under --strict: \(rejected) bad line\(rejected == 1 ? "" : "s")\(reasons); nothing of it was ingested"
        case .database(let path, let message):
            return "\(path): database error: \(message); nothing of it was ingested"
        case .notUTF8(let path, let encoding, let mark, let compressed):
            let evidence = mark.map { "it starts with the byte-order mark " + $0.map { String(format: "%02X", $0) }.joined(separator: " ") }
                ?? (encoding.hasPrefix("UTF-16") ? "every other byte of its first ones is NUL" : "three bytes of every four of its first ones are NUL")
            let convert = compressed
                ? "gunzip -c FILE | iconv -f \(encoding) -t UTF-8 > FILE.utf8"
                : "iconv -f \(encoding) -t UTF-8 FILE > FILE.utf8"
            return "\(path): looks like \(encoding) text, not UTF-8 (\(evidence)); convert it to UTF-8 first, e.g. `\(convert)`, or in PowerShell write it with `-Encoding utf8`; nothing of it was ingested"
        }
    }
}
