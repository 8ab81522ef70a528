/// A small JSON document tree, for what a profile builds: the documented
/// record a user's line maps to, and (for `sample --profile`) a line in the
/// user's shape. Numbers keep their exact text, members their order.
///
/// The ingest's own path never builds one: it reads ``JSONTape`` in place.
/// (Reports write JSON with ``JSONValue``, whose numbers are decimal text
/// too but whose job is fixed bytes out; this one is read from a tape and
/// compared, and stays inside the profile mapper.)
indirect enum MappedJSON: Equatable, Sendable {
    case object([(String, MappedJSON)])
    case array([MappedJSON])
    case string(String)
    /// A number as its JSON text, e.g. `200` or `1759276803.123`.
    case number(String)
    case bool(Bool)
    case null

    static func == (lhs: MappedJSON, rhs: MappedJSON) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    /// The subtree at `node` of a parsed line.
    init(_ tape: JSONTape, node: Int) {
        switch tape.kind(node) {
        case .object: self = .object(tape.members(of: node).map { (tape.string($0.key), MappedJSON(tape, node: $0.value)) })
        case .array: self = .array(tape.elements(of: node).map { MappedJSON(tape, node: $0) })
        case .string: self = .string(tape.string(node))
        case .number: self = .number(String(decoding: tape.literal(node), as: UTF8.self))
        case .true: self = .bool(true)
        case .false: self = .bool(false)
        case .null: self = .null
        }
    }

    /// The member named `name` of an object, nil for an absent member or a value that is not an object.
    subscript(member name: String) -> MappedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == name }?.1
    }

    /// Sets (or adds, at the end) the member `name` of an object; other values are left alone.
    mutating func set(_ name: String, _ value: MappedJSON) {
        guard case .object(var members) = self else { return }
        if let index = members.firstIndex(where: { $0.0 == name }) {
            members[index].1 = value
        } else {
            members.append((name, value))
        }
        self = .object(members)
    }

    mutating func remove(_ name: String) {
        guard case .object(let members) = self else { return }
        self = .object(members.filter { $0.0 != name })
    }

    /// The compact JSON text, strings escaped as the ledger writes them.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    func write(to out: inout [UInt8]) {
        switch self {
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += JSONTape.encodeString(Array(member.0.utf8))
                out.append(UInt8(ascii: ":"))
                member.1.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .string(let text): out += JSONTape.encodeString(Array(text.utf8))
        case .number(let text): out += Array(text.utf8)
        case .bool(let value): out += Array((value ? "true" : "false").utf8)
        case .null: out += Array("null".utf8)
        }
    }

    /// A type in words, as reject reasons say it (`a string`, `an object`).
    var typeDescription: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}
