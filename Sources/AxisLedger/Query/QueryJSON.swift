/// A query result as one JSON array of objects, one object per row, keys in
/// column order:
///
/// ```
/// [
///   {"month": "2025-01", "org_id": "org_acme", "generations": 3}
/// ]
/// ```
///
/// INTEGER and REAL are JSON numbers (a REAL that is infinite becomes the
/// string `"Infinity"` or `"-Infinity"`: JSON has no such number), NULL is
/// `null`, TEXT a string, BLOB a string of lowercase hex digits. A column name
/// that repeats an earlier one gets `_2`, `_3`… so every key is unique.
public enum QueryJSON {
    public static func render(_ result: QueryResult) -> String {
        guard !result.rows.isEmpty else { return "[]\n" }
        let keys = uniqueKeys(result.columns).map(string)
        let objects = result.rows.map { row in
            "  {" + zip(keys, row).map { key, value in key + ": " + literal(value) }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    static func uniqueKeys(_ columns: [String]) -> [String] {
        var seen = Set<String>()
        return columns.map { column in
            var key = column
            var suffix = 2
            while seen.contains(key) {
                key = "\(column)_\(suffix)"
                suffix += 1
            }
            seen.insert(key)
            return key
        }
    }

    static func literal(_ value: QueryValue) -> String {
        switch value {
        case .null: return "null"
        case .integer(let number): return String(number)
        case .real(let number):
            if number.isInfinite { return number < 0 ? "\"-Infinity\"" : "\"Infinity\"" }
            if number.isNaN { return "null" }
            return number.description
        case .text, .blob: return string(value.plainText ?? "")
        }
    }

    /// A JSON string literal: `"` and `\` escaped, control characters as escapes, the rest as is (UTF-8).
    static func string(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    literal += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return literal + "\""
    }
}
