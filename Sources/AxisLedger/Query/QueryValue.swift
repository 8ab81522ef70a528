import GRDB

/// One value of a query result, in SQLite's own storage classes, so every
/// output format can tell a number from text and NULL from an empty string.
public enum QueryValue: Equatable, Sendable {
    case null
    case integer(Int64)
    /// SQLite's REAL. Never used for money: the ledger stores amounts as decimal text.
    case real(Double)
    case text(String)
    case blob([UInt8])

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(Array(data))
        }
    }

    /// Whether the value is an INTEGER or REAL.
    public var isNumber: Bool {
        switch self {
        case .integer, .real: return true
        default: return false
        }
    }

    /// The value as text, nil for NULL: numbers as SQLite would print them
    /// closely enough to read back (Swift's shortest round-trip form for
    /// REAL), blobs as lowercase hexadecimal.
    public var plainText: String? {
        switch self {
        case .null: return nil
        case .integer(let number): return String(number)
        case .real(let number): return number.description
        case .text(let text): return text
        case .blob(let bytes): return Self.hex(bytes)
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }
}
