/// Recognises input written in UTF-16 or UTF-32 instead of UTF-8, from its
/// first bytes: a byte-order mark, or the NUL bytes that ASCII text has in
/// every other byte (UTF-16) or three bytes of four (UTF-32).
///
/// Windows PowerShell 5.1 writes UTF-16LE with a byte-order mark by default
/// (`>` and `Out-File`). Read as UTF-8, every line of such a file is a
/// reject that keeps its text, tokens included, stored where the redactor
/// cannot see them (they are spread over NUL bytes); such a file is refused
/// whole instead, with how to convert it.
enum TextEncodingSniffer {
    /// A text encoding the ledger does not read, named as `iconv` names it.
    enum Encoding: String, Sendable {
        case utf16LittleEndian = "UTF-16LE"
        case utf16BigEndian = "UTF-16BE"
        case utf32LittleEndian = "UTF-32LE"
        case utf32BigEndian = "UTF-32BE"

        var unitSize: Int {
            switch self {
            case .utf16LittleEndian, .utf16BigEndian: return 2
            case .utf32LittleEndian, .utf32BigEndian: return 4
            }
        }
    }

    /// What the first bytes showed: the encoding and the evidence, for the message.
    struct Finding: Equatable, Sendable {
        var encoding: Encoding
        /// The byte-order mark the input starts with, or nil when its NUL bytes gave it away.
        var byteOrderMark: [UInt8]?
    }

    /// How many first bytes are looked at: enough for `{"timestamp"` or a CSV header's first name.
    static let sniffedLength = 16

    /// The encoding the first bytes of an input show, or nil when they may be UTF-8.
    ///
    /// Without a byte-order mark, every code unit in the first
    /// ``sniffedLength`` bytes (at least two of them) must be one ASCII-range
    /// byte and NULs: a UTF-8 line with NUL bytes in it is still UTF-8 (and
    /// a line of NULs alone is no text at all), so it stays a quarantined line.
    static func sniff(_ first: [UInt8]) -> Finding? {
        let marks: [(Encoding, [UInt8])] = [
            // UTF-32LE's mark begins with UTF-16LE's: it is checked first.
            (.utf32LittleEndian, [0xFF, 0xFE, 0x00, 0x00]),
            (.utf32BigEndian, [0x00, 0x00, 0xFE, 0xFF]),
            (.utf16LittleEndian, [0xFF, 0xFE]),
            (.utf16BigEndian, [0xFE, 0xFF]),
        ]
        for (encoding, mark) in marks where first.starts(with: mark) {
            return Finding(encoding: encoding, byteOrderMark: mark)
        }
        let window = Array(first.prefix(sniffedLength))
        for encoding in [Encoding.utf32LittleEndian, .utf32BigEndian, .utf16LittleEndian, .utf16BigEndian] {
            let size = encoding.unitSize
            let units = window.count / size
            guard units >= 2 else { continue }
            let matches = (0..<units).allSatisfy { unit in
                let bytes = window[(unit * size)..<(unit * size + size)]
                let low = encoding == .utf16LittleEndian || encoding == .utf32LittleEndian ? bytes.first! : bytes.last!
                let rest = encoding == .utf16LittleEndian || encoding == .utf32LittleEndian ? bytes.dropFirst() : bytes.dropLast()
                return low != 0 && low < 0x80 && rest.allSatisfy { $0 == 0 }
            }
            if matches { return Finding(encoding: encoding, byteOrderMark: nil) }
        }
        return nil
    }
}
