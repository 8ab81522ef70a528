import Foundation

/// Why a whole file was not ingested. Bad lines are not errors (they are
/// quarantined); these stop one file, whose transaction is rolled back.
public enum IngestError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case gzip(path: String, reason: String)
    /// A gzip file that expanded more than ``GzipExpansionLimit`` allows: `ratio` times, from `compressed` bytes read to `decompressed` bytes out.
    case gzipExpansion(path: String, ratio: Int, limit: Int, decompressed: Int, compressed: Int)
    case badCSVHeader(path: String, line: Int, reason: String)
    /// `--kind responses` given for a CSV file: CSV files hold request logs.
    case csvGivenAsResponses(path: String, line: Int)
    case strictRefused(path: String, rejected: Int, firstReasons: [String])
    case database(path: String, message: String)
    /// The input is UTF-16 or UTF-32 text (``TextEncodingSniffer``), not UTF-8.
    case notUTF8(path: String, encoding: String, byteOrderMark: [UInt8]?, compressed: Bool)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .gzip(let path, _), .gzipExpansion(let path, _, _, _, _), .badCSVHeader(let path, _, _), .csvGivenAsResponses(let path, _),
             .strictRefused(let path, _, _), .database(let path, _), .notUTF8(let path, _, _, _):
            return path
        }
    }

    /// The same error naming the file `path` instead (the path as shown, secrets redacted).
    func naming(_ path: String) -> IngestError {
        switch self {
        case .unreadable(_, let reason): return .unreadable(path: path, reason: reason)
        case .gzip(_, let reason): return .gzip(path: path, reason: reason)
        case .gzipExpansion(_, let ratio, let limit, let decompressed, let compressed):
            return .gzipExpansion(path: path, ratio: ratio, limit: limit, decompressed: decompressed, compressed: compressed)
        case .badCSVHeader(_, let line, let reason): return .badCSVHeader(path: path, line: line, reason: reason)
        case .csvGivenAsResponses(_, let line): return .csvGivenAsResponses(path: path, line: line)
        case .strictRefused(_, let rejected, let firstReasons): return .strictRefused(path: path, rejected: rejected, firstReasons: firstReasons)
        case .database(_, let message): return .database(path: path, message: message)
        case .notUTF8(_, let encoding, let mark, let compressed): return .notUTF8(path: path, encoding: encoding, byteOrderMark: mark, compressed: compressed)
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .gzip(let path, let reason):
            return "\(path): \(reason); nothing of it was ingested"
        case .gzipExpansion(let path, let ratio, let limit, let decompressed, let compressed):
            return "\(path): refused: it expands \(ratio) times (\(Self.size(decompressed)) out of \(Self.size(compressed)) read so far), "
                + "over the limit of \(limit) times for gzip input; logs expand 5 to 30 times, so this looks like a gzip bomb; "
                + "nothing of it was ingested. If the file is genuine, ingest it with --max-gzip-ratio \(Self.suggestedLimit(over: ratio)), or decompress it first"
        case .badCSVHeader(let path, let line, let reason):
            return "\(path):\(line): not a request-log CSV header: \(reason); nothing of it was ingested"
        case .csvGivenAsResponses(let path, let line):
            return "\(path):\(line): this file is CSV, and CSV files hold request logs, but --kind responses takes JSON Lines response records; "
                + "ingest it with --kind requests, or without --kind; nothing of it was ingested"
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

    /// Bytes in whole KiB or MiB, for a message.
    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }

    /// A round limit well above the ratio seen so far (the ratio may still grow further into the file).
    private static func suggestedLimit(over ratio: Int) -> Int {
        let doubled = ratio.multipliedReportingOverflow(by: 2)
        if doubled.overflow { return .max }
        return (doubled.partialValue / 1000 + 1) * 1000
    }
}
