/// The ASCII bytes the parsers compare against, named so that byte-level code reads as text.
/// Computed, not stored: a stored static is a lazily initialised global, too slow for a per-byte loop.
extension UInt8 {
    static var tab: UInt8 { UInt8(ascii: "\t") }
    static var lineFeed: UInt8 { UInt8(ascii: "\n") }
    static var carriageReturn: UInt8 { UInt8(ascii: "\r") }
    static var space: UInt8 { UInt8(ascii: " ") }
    static var quote: UInt8 { UInt8(ascii: "\"") }
    static var apostrophe: UInt8 { UInt8(ascii: "'") }
    static var comma: UInt8 { UInt8(ascii: ",") }
    static var colon: UInt8 { UInt8(ascii: ":") }
    static var equals: UInt8 { UInt8(ascii: "=") }
    static var minus: UInt8 { UInt8(ascii: "-") }
    static var plus: UInt8 { UInt8(ascii: "+") }
    static var dot: UInt8 { UInt8(ascii: ".") }
    static var slash: UInt8 { UInt8(ascii: "/") }
    static var backslash: UInt8 { UInt8(ascii: "\\") }
    static var underscore: UInt8 { UInt8(ascii: "_") }
    static var zero: UInt8 { UInt8(ascii: "0") }
    static var nine: UInt8 { UInt8(ascii: "9") }
    static var openBrace: UInt8 { UInt8(ascii: "{") }
    static var closeBrace: UInt8 { UInt8(ascii: "}") }
    static var openBracket: UInt8 { UInt8(ascii: "[") }
    static var closeBracket: UInt8 { UInt8(ascii: "]") }
    static var questionMark: UInt8 { UInt8(ascii: "?") }
    static var hash: UInt8 { UInt8(ascii: "#") }

    var isDigit: Bool { self >= .zero && self <= .nine }

    var isASCIILetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }

    var isASCIIWhitespace: Bool { self == .space || self == .tab || self == .lineFeed || self == .carriageReturn }

    /// ASCII letters lowercased; every other byte unchanged.
    var asciiLowercased: UInt8 { isASCIILetter ? self | 0x20 : self }

    var hexValue: UInt32? {
        switch self {
        case .zero ... .nine: return UInt32(self - .zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(self - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(self - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
