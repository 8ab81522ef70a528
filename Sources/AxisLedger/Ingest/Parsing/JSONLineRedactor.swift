/// Removes secrets from a valid JSON line while keeping it valid JSON.
///
/// - The value of every member whose key is sensitive (``SecretNames``), at any
///   depth (`headers.Authorization`, `X-Api-Key`, `credentials`), becomes the
///   string `"[redacted]"`, whatever its type (null and booleans carry nothing and are kept).
/// - Headers written as `{"name": "X-Api-Key", "value": …}` or `["X-Api-Key", …]` likewise.
/// - Every other string (keys included) goes through ``SecretTextRedactor``:
///   `Bearer` tokens and `api_key=…` in URLs.
///
/// Only the redacted values are rewritten; every other byte is copied, so a line
/// with nothing to redact is returned as nil and stored byte-identical.
enum JSONLineRedactor {
    private static let quotedMarker = [UInt8.quote] + SecretTextRedactor.marker + [.quote]
    private static let nameKey = Array("name".utf8)
    private static let valueKey = Array("value".utf8)

    static func redact(_ tape: JSONTape) -> [UInt8]? {
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
            case .object, .array:
                if let value = headerPairValue(tape, node: index) { forced.insert(value) }
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

    /// The value node of a header written as a pair whose name is sensitive:
    /// `{"name": "X-Api-Key", "value": …}` or `["X-Api-Key", …]`.
    private static func headerPairValue(_ tape: JSONTape, node: Int) -> Int? {
        if tape.kind(node) == .array {
            let elements = tape.elements(of: node)
            guard elements.count == 2, tape.kind(elements[0]) == .string,
                  SecretNames.isSensitive(tape.decodedSlice(elements[0])) else { return nil }
            return elements[1]
        }
        let members = tape.members(of: node)
        guard members.count == 2,
              let name = members.first(where: { tape.stringEquals($0.key, nameKey) }),
              let value = members.first(where: { tape.stringEquals($0.key, valueKey) }),
              tape.kind(name.value) == .string, SecretNames.isSensitive(tape.decodedSlice(name.value))
        else { return nil }
        return value.value
    }
}

extension JSONTape {
    /// A string node's value as bytes, sliced from the line when it has no escapes (no copy).
    func decodedSlice(_ string: Int) -> ArraySlice<UInt8> {
        nodes[string].flag ? decodedBytes(string)[...] : rawContent(string)
    }
}
