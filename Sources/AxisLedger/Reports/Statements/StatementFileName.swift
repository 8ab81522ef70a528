import Foundation

/// The file name of an org's statement, `ORG.md` and `ORG.html`, safe on
/// every file system whatever the org id holds.
///
/// Every byte of the id's UTF-8 outside `A-Za-z0-9._-` is written `%XX`
/// (upper-case hex), and so is a leading `.`, so no statement is a hidden
/// file, `.` or `..`: `org/a` → `org%2Fa`, `<script>` → `%3Cscript%3E`,
/// `.x` → `%2Ex`. Decoding the name gives the id back. An encoded id longer
/// than ``longestStem`` bytes (file names stop at 255) keeps its first
/// bytes and ends with `~` and the first 16 hex digits of the id's
/// SHA-256: `~` is never part of an encoded id, so such a name cannot be
/// another org's.
public enum StatementFileName {
    public static let folder = "statements"
    static let longestStem = 200

    /// The name without its extension.
    public static func stem(for orgId: String) -> String {
        var out = ""
        for (index, byte) in orgId.utf8.enumerated() {
            if isSafe(byte) && !(index == 0 && byte == UInt8(ascii: ".")) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hex(byte)
            }
        }
        guard out.utf8.count > longestStem else { return out }
        let digest = SHA256.hex(SHA256.hash(Data(orgId.utf8)))
        var cut = String(out.prefix(longestStem - 17))
        // Never end inside a %XX escape.
        if let percent = cut.suffix(2).firstIndex(of: "%") { cut = String(cut[..<percent]) }
        return cut + "~" + digest.prefix(16)
    }

    static func isSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
