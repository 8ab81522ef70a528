/// The values of one user's line, found where a profile says: by JSON
/// Pointer or header name in a JSON line, by column in a CSV record.
protocol ProfileLineSource {
    /// The value at `location`, typed for a field of `type` (CSV text becomes a
    /// number or boolean where the field wants one); nil when the line does not have it.
    func value(at location: InputProfile.Source.Location, for type: DocumentedField.ValueType) -> MappedJSON?
}

/// A JSON line, already redacted.
struct TapeLineSource: ProfileLineSource {
    let tape: JSONTape
    let headers: JSONPointer

    func value(at location: InputProfile.Source.Location, for type: DocumentedField.ValueType) -> MappedJSON? {
        switch location {
        case .pointer(let pointer):
            return pointer.resolve(in: tape).map { MappedJSON(tape, node: $0) }
        case .header(let name):
            return header(name).map { MappedJSON(tape, node: $0) }
        case .column:
            return nil
        }
    }

    /// A header's value node: a member of the headers object, or the `value` of
    /// the `{name, value}` element of the headers list (HAR), names compared case-insensitively.
    private func header(_ name: String) -> Int? {
        guard let node = headers.resolve(in: tape) else { return nil }
        let wanted = name.lowercased()
        switch tape.kind(node) {
        case .object:
            return tape.members(of: node).first { tape.string($0.key).lowercased() == wanted }?.value
        case .array:
            for element in tape.elements(of: node) where tape.kind(element) == .object {
                let members = tape.members(of: element)
                guard let nameNode = members.first(where: { tape.string($0.key) == "name" })?.value,
                      tape.kind(nameNode) == .string, tape.string(nameNode).lowercased() == wanted else { continue }
                return members.first { tape.string($0.key) == "value" }?.value
            }
            return nil
        default:
            return nil
        }
    }
}

/// A CSV record, already redacted: an empty cell is an absent value.
struct CSVLineSource: ProfileLineSource {
    let columns: [String]
    let values: [ArraySlice<UInt8>]

    func value(at location: InputProfile.Source.Location, for type: DocumentedField.ValueType) -> MappedJSON? {
        guard case .column(let name) = location, let index = columns.firstIndex(of: name), index < values.count,
              !values[index].isEmpty else { return nil }
        let text = String(decoding: values[index], as: UTF8.self)
        switch type {
        case .integer:
            switch FieldRules.decimal(values[index]) {
            case .value(let value): return .number(String(value))
            case .notInteger: return .string(text)
            case .outOfIntRange:
                let negative = text.hasPrefix("-")
                let digits = text.drop { $0 == "-" || $0 == "0" }
                return .number((negative ? "-" : "") + (digits.isEmpty ? "0" : String(digits)))
            }
        case .bool where text == "true" || text == "false":
            return .bool(text == "true")
        default:
            return .string(text)
        }
    }
}
