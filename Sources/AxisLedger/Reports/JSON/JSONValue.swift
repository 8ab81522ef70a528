/// A JSON document built in code and written with fixed bytes: members in
/// the order they are given (never a dictionary's order), two-space
/// indentation, and no floating point anywhere, so the same report gives
/// the same bytes and a diff of two months' JSON reads line by line.
///
/// Amounts are never JSON numbers: they are ``string(_:)`` of their exact
/// decimal text (`"12.30"`), because many JSON readers turn numbers into
/// binary floating point. Counts are ``int(_:)``.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// `text` as a string, or null when there is none.
    static func text(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

    /// `number` as an integer, or null when there is none.
    static func integer(_ number: Int?) -> JSONValue { number.map { .int($0) } ?? .null }

    /// The document, ending with a newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: "")
        return out + "\n"
    }

    private func write(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .string(let text): Self.quote(text, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let inner = indent + "  "
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(into: &out, indent: inner)
                out += index + 1 < items.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner
                Self.quote(member.0, into: &out)
                out += ": "
                member.1.write(into: &out, indent: inner)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        }
    }

    /// A JSON string (RFC 8259): `"` and `\` escaped, control characters
    /// as `\n`, `\t` or `\u00XX`, and U+2028, U+2029 escaped too so the text
    /// is also safe inside JavaScript. Everything else is UTF-8 as is.
    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<4).reversed().map { digits[Int((value >> (4 * UInt32($0))) & 0xF)] })
    }
}
