/// Text read through its JSON escapes, for redacting a line that is not valid JSON:
/// `"Author\u0069zation":"…"`, `"api\u005fkey":…` and `Bearer\u0020…` must be found
/// although their bytes spell no rule.
///
/// The escapes are decoded into a view that remembers where each byte came from;
/// the scanner runs on the view and its edits are mapped back onto the original
/// bytes, so everything it does not redact is kept as written. `\"` and `\\` (also
/// as `\u0022`, `\u005c`) stay escaped in the view, so quoted values end where they
/// end in the line; a lone surrogate escape stays as written.
struct JSONEscapedText {
    private let original: UnsafeBufferPointer<UInt8>
    private var view: [UInt8] = []
    /// For each byte of ``view``, the index in the original text where its source begins.
    private var origin: [Int] = []

    init(_ text: UnsafeBufferPointer<UInt8>) {
        original = text
        view.reserveCapacity(text.count)
        origin.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            guard text[index] == .backslash, index + 1 < text.count else {
                keep(index, count: 1)
                index += 1
                continue
            }
            switch text[index + 1] {
            case UInt8(ascii: "t"): put(.tab, from: index); index += 2
            case UInt8(ascii: "n"): put(.lineFeed, from: index); index += 2
            case UInt8(ascii: "r"): put(.carriageReturn, from: index); index += 2
            case UInt8(ascii: "b"): put(0x08, from: index); index += 2
            case UInt8(ascii: "f"): put(0x0C, from: index); index += 2
            case .slash: put(.slash, from: index); index += 2
            case UInt8(ascii: "u"):
                index = decodeUnicodeEscape(at: index)
            default:
                // `\"`, `\\` and anything else stay as written.
                keep(index, count: 2)
                index += 2
            }
        }
    }

    /// The scanner's edits on the view, as ranges of the original text.
    func edits() -> [SecretTextRedactor.Edit] {
        view.withUnsafeBufferPointer { bytes in
            SecretTextScanner(text: bytes).edits().map { edit in
                let lower = origin[edit.range.lowerBound]
                let upper = edit.range.upperBound < origin.count ? origin[edit.range.upperBound] : original.count
                return SecretTextRedactor.Edit(range: lower..<max(lower, upper), quoted: edit.quoted)
            }
        }
    }

    private mutating func keep(_ index: Int, count: Int) {
        for offset in 0..<count {
            view.append(original[index + offset])
            origin.append(index)
        }
    }

    private mutating func put(_ byte: UInt8, from index: Int) {
        view.append(byte)
        origin.append(index)
    }

    /// Decodes `\uXXXX` (a surrogate pair as one scalar) at `index`; returns where reading goes on.
    private mutating func decodeUnicodeEscape(at index: Int) -> Int {
        guard let unit = hex4(at: index + 2) else {
            keep(index, count: 2)
            return index + 2
        }
        var scalarValue = unit
        var end = index + 6
        if (0xD800...0xDBFF).contains(unit) {
            guard end + 1 < original.count, original[end] == .backslash, original[end + 1] == UInt8(ascii: "u"),
                  let low = hex4(at: end + 2), (0xDC00...0xDFFF).contains(low) else {
                keep(index, count: 6)
                return index + 6
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            end += 6
        }
        guard let scalar = Unicode.Scalar(scalarValue), scalarValue != 0x22, scalarValue != 0x5C else {
            keep(index, count: end - index)
            return end
        }
        for byte in UTF8.encode(scalar)! { put(byte, from: index) }
        return end
    }

    private func hex4(at start: Int) -> UInt32? {
        guard start + 4 <= original.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = original[start + offset].hexValue else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
