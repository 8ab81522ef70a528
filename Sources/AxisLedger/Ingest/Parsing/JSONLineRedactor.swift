/// Removes secrets from a valid JSON line while keeping it valid JSON.
///
/// - The value of every member whose key is sensitive (``SecretNames``), at any
///   depth (`headers.Authorization`, `X-Api-Key`, `credentials`), becomes the
///   string `"[redacted]"`, whatever its type (null and booleans carry nothing and are kept).
/// - Headers written as objects with a name and a value member, whatever else they
///   hold: `{"name": "X-Api-Key", "value": …}` (HAR 1.2 adds `comment`),
///   `{"key": "X-Api-Key", "value": …}` (Postman), `{"Name": …, "Value": …}`; the
///   member names are matched in any letter case.
/// - Headers written in arrays: the element after a sensitive name at an even
///   position, as in a pair `["X-Api-Key", …]` or Node's flat `rawHeaders`
///   (`["Host", "h", "Authorization", "Bearer …"]`).
/// - Every other string (keys included) goes through ``SecretTextRedactor``:
///   token formats, `Bearer` tokens and `api_key=…` in URLs.
///
/// Only the redacted values are rewritten; every other byte is copied, so a line
/// with nothing to redact is returned as nil and stored byte-identical.
enum JSONLineRedactor {
    private static let quotedMarker = SecretTextRedactor.quotedMarker
    private static let nameKeys = [Array("name".utf8), Array("key".utf8)]
    private static let valueKey = Array("value".utf8)

    static func redact(_ tape: JSONTape) -> [UInt8]? {
        guard SecretNames.mayContainSecret(tape.bytes) else { return nil }
        var edits: [(range: Range<Int>, replacement: [UInt8])] = []
        var forced = Set<Int>()
        // Open containers: node index, and how many direct children were seen.
        var open: [(node: Int, children: Int)] = []
        var index = 0
        let nodes = tape.nodes
        while index < nodes.count {
            while let top = open.last, Int(nodes[top.node].next) <= index { open.removeLast() }
            var followsSensitiveKey = false
            if !open.isEmpty {
                let parent = open[open.count - 1].node
                let position = open[open.count - 1].children
                open[open.count - 1].children += 1
                if nodes[parent].kind == .object {
                    // Members alternate key, value: an odd position is a value, its key just before it.
                    followsSensitiveKey = position % 2 == 1 && SecretNames.isSensitive(tape.decodedSlice(index - 1))
                }
            }
            let node = nodes[index]
            if (followsSensitiveKey || forced.contains(index)) && node.kind != .null && node.kind != .true && node.kind != .false {
                if !(node.kind == .string && tape.decodedSlice(index) == SecretTextRedactor.marker[...]) {
                    edits.append((Int(node.start)..<Int(node.end), quotedMarker))
                }
                index = Int(node.next)
                continue
            }
            switch node.kind {
            case .string:
                if let redacted = SecretTextRedactor.redact(tape.decodedSlice(index)) {
                    edits.append((Int(node.start)..<Int(node.end), JSONTape.encodeString(redacted)))
                }
            case .object:
                if let value = headerObjectValue(tape, object: index) { forced.insert(value) }
                open.append((index, 0))
            case .array:
                forceHeaderValues(tape, array: index, into: &forced)
                open.append((index, 0))
            default:
                break
            }
            index += 1
        }
        guard !edits.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(tape.bytes.count)
        var copied = 0
        for edit in edits {
            out += tape.bytes[copied..<edit.range.lowerBound]
            out += edit.replacement
            copied = edit.range.upperBound
        }
        out += tape.bytes[copied...]
        return out
    }

    /// The value node of a header object whose name is sensitive: a `name` or `key`
    /// member holding the header's name and a `value` member, any letter case, other members allowed.
    private static func headerObjectValue(_ tape: JSONTape, object: Int) -> Int? {
        var name: Int?
        var value: Int?
        var child = object + 1
        let end = Int(tape.nodes[object].next)
        while child < end {
            let member = child + 1
            if value == nil, keyEquals(tape, child, valueKey) {
                value = member
            } else if name == nil, nameKeys.contains(where: { keyEquals(tape, child, $0) }) {
                name = member
            }
            child = Int(tape.nodes[member].next)
        }
        guard let name, let value, tape.kind(name) == .string, SecretNames.isSensitive(tape.decodedSlice(name)) else { return nil }
        return value
    }

    /// Marks the element after each sensitive name at an even position of the array:
    /// a pair `["X-Api-Key", …]` and Node's flat `rawHeaders`.
    private static func forceHeaderValues(_ tape: JSONTape, array: Int, into forced: inout Set<Int>) {
        var child = array + 1
        var position = 0
        let end = Int(tape.nodes[array].next)
        while child < end {
            let next = Int(tape.nodes[child].next)
            if position % 2 == 0, next < end, tape.kind(child) == .string, SecretNames.isSensitive(tape.decodedSlice(child)) {
                forced.insert(next)
            }
            child = next
            position += 1
        }
    }

    /// Whether a member name equals `lowercaseName` in any letter case.
    private static func keyEquals(_ tape: JSONTape, _ key: Int, _ lowercaseName: [UInt8]) -> Bool {
        let name = tape.decodedSlice(key)
        return name.count == lowercaseName.count && zip(name, lowercaseName).allSatisfy { $0.asciiLowercased == $1 }
    }
}

extension JSONTape {
    /// A string node's value as bytes, sliced from the line when it has no escapes (no copy).
    func decodedSlice(_ string: Int) -> ArraySlice<UInt8> {
        nodes[string].flag ? decodedBytes(string)[...] : rawContent(string)
    }
}
