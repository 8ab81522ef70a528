/// The members of one JSON object that the contract names, looked up once,
/// with typed getters whose reject reasons name the field by its path
/// (`response.providerLatencyMs`). Unknown members are ignored.
struct JSONObjectFields {
    let tape: JSONTape
    let path: String
    /// The object's node, to look for a member named nearly as a missing field.
    private let object: Int
    let names: [String]
    /// Per name: the value's node, ``absent`` or ``null``.
    private var slots: [Int]

    static let absent = -1
    static let null = -2

    init(_ tape: JSONTape, object: Int, names: [String], namesUTF8: [[UInt8]], path: String = "") {
        self.tape = tape
        self.path = path
        self.object = object
        self.names = names
        slots = Array(repeating: Self.absent, count: names.count)
        var child = object + 1
        let end = Int(tape.nodes[object].next)
        while child < end {
            let value = child + 1
            if let slot = namesUTF8.firstIndex(where: { tape.stringEquals(child, $0) }) {
                slots[slot] = tape.kind(value) == .null ? Self.null : value
            }
            child = Int(tape.nodes[value].next)
        }
    }

    func name(_ slot: Int) -> String { path + names[slot] }

    /// The value node, nil when absent or null.
    func node(_ slot: Int) -> Int? { slots[slot] >= 0 ? slots[slot] : nil }

    func isPresent(_ slot: Int) -> Bool { slots[slot] != Self.absent }

    func required(_ slot: Int) throws(RejectReason) -> Int {
        guard let node = node(slot) else {
            if slots[slot] == Self.absent, let near = memberNamedNearly(names[slot]) {
                throw .missingField(name(slot), nearName: near)
            }
            throw .missingField(name(slot), wasNull: slots[slot] == Self.null)
        }
        return node
    }

    /// A member whose name differs from `name` only in case or `_`/`-` (`org_id` for `orgId`),
    /// looked for only when a required field is missing, so a good line never pays for it.
    private func memberNamedNearly(_ name: String) -> String? {
        let wanted = NearName.folded(name)
        var child = object + 1
        let end = Int(tape.nodes[object].next)
        while child < end {
            let key = tape.string(child)
            if key != name, NearName.folded(key) == wanted { return key }
            child = Int(tape.nodes[child + 1].next)
        }
        return nil
    }

    func requiredString(_ slot: Int) throws(RejectReason) -> String {
        try string(at: required(slot), slot)
    }

    func string(_ slot: Int) throws(RejectReason) -> String? {
        guard let node = node(slot) else { return nil }
        return try string(at: node, slot)
    }

    private func string(at node: Int, _ slot: Int) throws(RejectReason) -> String {
        guard tape.kind(node) == .string else {
            throw .wrongType(name(slot), expected: "a string", found: tape.typeDescription(node))
        }
        return tape.string(node)
    }

    func bool(_ slot: Int) throws(RejectReason) -> Bool? {
        guard let node = node(slot) else { return nil }
        switch tape.kind(node) {
        case .true: return true
        case .false: return false
        default: throw .wrongType(name(slot), expected: "true or false", found: tape.typeDescription(node))
        }
    }

    func object(_ slot: Int) throws(RejectReason) -> Int? {
        guard let node = node(slot) else { return nil }
        guard tape.kind(node) == .object else {
            throw .wrongType(name(slot), expected: "an object", found: tape.typeDescription(node))
        }
        return node
    }

    func httpStatus(_ slot: Int) throws(RejectReason) -> Int {
        let node = try required(slot)
        return try FieldRules.httpStatus(integerCandidate(node), found: describe(node))
    }

    func wholeNumber(_ slot: Int) throws(RejectReason) -> Int? {
        guard let node = node(slot) else { return nil }
        return try FieldRules.wholeNumber(name(slot), integerCandidate(node), found: describe(node))
    }

    private func integerCandidate(_ node: Int) -> FieldRules.IntegerCandidate {
        guard tape.kind(node) == .number, tape.nodes[node].flag else { return .notInteger }
        return FieldRules.decimal(tape.literal(node))
    }

    /// A number by its literal text; any other value by its type.
    private func describe(_ node: Int) -> String {
        guard tape.kind(node) == .number else { return tape.typeDescription(node) }
        let literal = tape.literal(node)
        let limit = RejectReason.maximumQuotedLength
        return String(decoding: literal.prefix(limit), as: UTF8.self) + (literal.count > limit ? "…" : "")
    }
}
