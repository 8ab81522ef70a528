/// How a file's lines are laid out: JSON Lines or CSV with a header row.
enum InputFormat: String {
    case jsonl
    case csv

    init(profileFormat: InputProfile.LineFormat) {
        switch profileFormat {
        case .jsonl: self = .jsonl
        case .csv: self = .csv
        }
    }

    /// The format a file name announces (`.csv`, `.jsonl`, `.ndjson`, `.json`,
    /// each optionally followed by `.gz`), or nil when the name does not say.
    static func fromName(_ path: String) -> InputFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".csv") { return .csv }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") { return .jsonl }
        return nil
    }

    /// The format of a first non-blank line: `{` starts JSON Lines, anything else a CSV header.
    static func sniff(_ line: [UInt8]) -> InputFormat {
        line.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "{") ? .jsonl : .csv
    }

    /// Whether a line holds nothing but spaces and tabs (skipped, not rejected).
    static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
