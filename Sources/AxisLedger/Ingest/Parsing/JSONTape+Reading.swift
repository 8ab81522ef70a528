/// Reading values out of a ``JSONTape``: members, decoded strings, keys.
extension JSONTape {
    /// The (key, value) node indices of an object's members, in order.
    func members(of object: Int) -> [(key: Int, value: Int)] {
        var result: [(key: Int, value: Int)] = []
        var child = object + 1
        let end = Int(nodes[object].next)
        while child < end {
            let value = child + 1
            result.append((child, value))
            child = Int(nodes[value].next)
        }
        return result
    }

    /// The node indices of an array's elements, in order.
    func elements(of array: Int) -> [Int] {
        var result: [Int] = []
        var child = array + 1
        let end = Int(nodes[array].next)
        while child < end {
            result.append(child)
            child = Int(nodes[child].next)
        }
        return result
    }

    /// The raw bytes between a string's quotes (its value when it has no escapes).
    func rawContent(_ string: Int) -> ArraySlice<UInt8> {
        bytes[Int(nodes[string].start) + 1..<Int(nodes[string].end) - 1]
    }

    /// A string node's value as UTF-8 bytes, escapes decoded.
    func decodedBytes(_ string: Int) -> [UInt8] {
        let raw = rawContent(string)
        guard nodes[string].flag else { return Array(raw) }
        return JSONTape.unescape(raw)
    }

    /// A string node's value.
    func string(_ node: Int) -> String {
        let raw = rawContent(node)
        if !nodes[node].flag { return String(decoding: raw, as: UTF8.self) }
        return String(decoding: JSONTape.unescape(raw), as: UTF8.self)
    }

    /// Whether a key (or any string node) equals `name`, without decoding unless it has escapes.
    func stringEquals(_ node: Int, _ name: [UInt8]) -> Bool {
        if nodes[node].flag { return decodedBytes(node) == name }
        let raw = rawContent(node)
        return raw.count == name.count && raw.elementsEqual(name)
    }

    /// How a person would name the node's type in a reject reason: "a string", "an object".
    func typeDescription(_ node: Int) -> String {
        switch nodes[node].kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .true, .false: return "a boolean"
        case .null: return "null"
        }
    }

    /// Decodes the escapes of a string's raw content, already validated by the scanner.
    static func unescape(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == .backslash else {
                out.append(byte)
                index += 1
                continue
            }
            let escaped = raw[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(.lineFeed)
            case UInt8(ascii: "r"): out.append(.carriageReturn)
            case UInt8(ascii: "t"): out.append(.tab)
            case UInt8(ascii: "u"):
                var scalar = hexValue(raw, index)
                index += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    let low = hexValue(raw, index + 2)
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                appendUTF8(scalar, to: &out)
            default: out.append(escaped)
            }
        }
        return out
    }

    private static func hexValue(_ raw: ArraySlice<UInt8>, _ index: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | (raw[index + offset].hexValue ?? 0) }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            out.append(UInt8(scalar))
        case ..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// A string value written as a JSON string literal: quotes, backslashes and
    /// control characters escaped, everything else (UTF-8 included) as is.
    static func encodeString(_ value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [.quote]
        out.reserveCapacity(value.count + 2)
        for byte in value {
            switch byte {
            case .quote: out += [.backslash, .quote]
            case .backslash: out += [.backslash, .backslash]
            case .lineFeed: out += [.backslash, UInt8(ascii: "n")]
            case .carriageReturn: out += [.backslash, UInt8(ascii: "r")]
            case .tab: out += [.backslash, UInt8(ascii: "t")]
            case ..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(.quote)
        return out
    }
}

/// Duplicate keys: RFC 8259 leaves them to the reader; the ledger rejects them
/// because which of two `httpStatus` values counts would be a guess.
extension JSONTape {
    /// The first key that appears twice in one object, as a dotted path from the root
    /// (`response.code`), or nil.
    func firstDuplicateKey() -> String? {
        for node in nodes.indices where nodes[node].kind == .object {
            let keys = members(of: node).map(\.key)
            guard keys.count > 1 else { continue }
            if keys.count <= 16 {
                for (offset, key) in keys.enumerated() {
                    for other in keys[(offset + 1)...] where keysEqual(key, other) {
                        return path(to: node, key: other)
                    }
                }
            } else {
                var seen = Set<[UInt8]>()
                for key in keys where !seen.insert(decodedBytes(key)).inserted {
                    return path(to: node, key: key)
                }
            }
        }
        return nil
    }

    private func keysEqual(_ a: Int, _ b: Int) -> Bool {
        if !nodes[a].flag && !nodes[b].flag { return rawContent(a).elementsEqual(rawContent(b)) }
        return decodedBytes(a) == decodedBytes(b)
    }

    /// The dotted path of `key` in `object`: each object member by its name, each array element as `[n]`.
    private func path(to object: Int, key: Int) -> String {
        var parts: [String] = []
        var container = root
        while container != object {
            if nodes[container].kind == .object {
                guard let member = members(of: container).first(where: { $0.value <= object && object < Int(nodes[$0.value].next) })
                else { break }
                parts.append(string(member.key))
                container = member.value
            } else {
                guard let (offset, element) = elements(of: container).enumerated().first(where: { $0.element <= object && object < Int(nodes[$0.element].next) })
                else { break }
                parts.append("[\(offset)]")
                container = element
            }
        }
        parts.append(string(key))
        var text = ""
        for part in parts {
            if !text.isEmpty && !part.hasPrefix("[") { text += "." }
            text += part
        }
        return text
    }
}
