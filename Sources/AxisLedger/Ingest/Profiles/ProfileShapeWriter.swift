import Foundation

/// Writes a documented record in a profile's shape: the inverse of
/// ``ProfileMapper``, for `sample --profile`, so that the same month can be
/// ingested in several shapes and every figure compared.
///
/// Each documented value is put where the profile reads it: at its pointer
/// (objects made on the way), in the headers (an object, or a `{name, value}`
/// list with `headers: {…, list: true}`), as JSON text for `json: true`, in
/// the timestamp format and zone. A field given by a constant is left out.
/// Members the documented shape does not know are kept under their names.
public struct ProfileShapeWriter: Sendable {
    public let profile: InputProfile

    public init(profile: InputProfile) { self.profile = profile }

    /// The CSV header row, for a profile of `format: csv`.
    public var csvHeader: String {
        csvFields.map { CSVText.cell(column(of: $0)) }.joined(separator: ",")
    }

    /// A documented JSON line in the profile's shape (one JSON line, or one CSV row); nil when
    /// the line is not a JSON object, which the caller copies as it is.
    public func write(documentedLine line: [UInt8]) -> String? {
        guard let tape = try? JSONTape(parsing: line), tape.kind(tape.root) == .object else { return nil }
        return write(MappedJSON(tape, node: tape.root))
    }

    /// A record in the profile's shape.
    public func write(_ record: ParsedRecord) -> String {
        write(DocumentedShape.json(record))
    }

    func write(_ documented: MappedJSON) -> String {
        switch profile.format {
        case .csv: return csvRow(documented)
        case .jsonl: return String(decoding: jsonLine(documented).bytes, as: UTF8.self)
        }
    }

    // MARK: - JSON Lines

    private func jsonLine(_ documented: MappedJSON) -> MappedJSON {
        var out = MappedJSON.object([])
        let fields = profile.documentedFields
        for field in fields where field.parent == nil {
            guard var value = documented[member: field.name], profile.constants[field.name] == nil else { continue }
            guard let source = source(of: field) else { continue }
            if field.type == .timestamp {
                value = timestampValue(value)
            }
            if field.type == .object {
                let members = fields.filter { $0.parent == field.name && profile.fields[$0.name] != nil }
                var rest = value
                for member in members { rest.remove(member.member) }
                place(rest, source, in: &out)
                for member in members {
                    if let memberValue = value[member: member.member], let memberSource = profile.fields[member.name] {
                        place(memberValue, memberSource, in: &out)
                    }
                }
                continue
            }
            place(value, source, in: &out)
        }
        // Members the documented shape does not know stay as they were.
        if case .object(let members) = documented {
            for (name, value) in members where !fields.contains(where: { $0.name == name }) && out[member: name] == nil {
                out.set(name, value)
            }
        }
        return out
    }

    private func source(of field: DocumentedField) -> InputProfile.Source? {
        if let mapped = profile.fields[field.name] { return mapped }
        guard field.parent == nil else { return nil }
        switch profile.format {
        case .jsonl: return InputProfile.Source(location: .pointer((try? JSONPointer("/" + field.name))!))
        case .csv: return InputProfile.Source(location: .column(field.name))
        }
    }

    private func timestampValue(_ value: MappedJSON) -> MappedJSON {
        guard case .string(let text) = value, let instant = try? Timestamp(rfc3339: text) else { return value }
        let written = profile.timestampFormat.text(instant, zone: profile.timeZone)
        return profile.timestampFormat.isEpoch ? .number(written) : .string(written)
    }

    private func place(_ value: MappedJSON, _ source: InputProfile.Source, in out: inout MappedJSON) {
        let written: MappedJSON = source.json ? .string(String(decoding: value.bytes, as: UTF8.self)) : value
        switch source.location {
        case .pointer(let pointer):
            Self.set(written, at: pointer.tokens[...], in: &out)
        case .header(let name):
            var headers = Self.get(profile.headers.tokens[...], in: out) ?? (profile.headersAsList ? .array([]) : .object([]))
            if case .array(var list) = headers {
                list.append(.object([("name", .string(name)), ("value", written)]))
                headers = .array(list)
            } else {
                headers.set(name, written)
            }
            Self.set(headers, at: profile.headers.tokens[...], in: &out)
        case .column:
            break
        }
    }

    private static func get(_ tokens: ArraySlice<String>, in value: MappedJSON) -> MappedJSON? {
        guard let first = tokens.first else { return value }
        switch value {
        case .object: return value[member: first].flatMap { get(tokens.dropFirst(), in: $0) }
        case .array(let elements):
            guard let index = JSONPointer.arrayIndex(first), index < elements.count else { return nil }
            return get(tokens.dropFirst(), in: elements[index])
        default: return nil
        }
    }

    private static func set(_ new: MappedJSON, at tokens: ArraySlice<String>, in value: inout MappedJSON) {
        guard let first = tokens.first else {
            value = new
            return
        }
        if case .array(var elements) = value, let index = JSONPointer.arrayIndex(first), index <= elements.count {
            var child = index < elements.count ? elements[index] : .object([])
            set(new, at: tokens.dropFirst(), in: &child)
            if index < elements.count { elements[index] = child } else { elements.append(child) }
            value = .array(elements)
            return
        }
        if case .object = value {} else { value = .object([]) }
        var child = value[member: first] ?? .object([])
        set(new, at: tokens.dropFirst(), in: &child)
        value.set(first, child)
    }

    // MARK: - CSV

    /// The fields a CSV line carries: every top-level field but objects and constants.
    private var csvFields: [DocumentedField] {
        profile.documentedFields.filter { $0.parent == nil && profile.constants[$0.name] == nil && $0.type != .object }
    }

    private func column(of field: DocumentedField) -> String {
        if case .column(let name) = profile.fields[field.name]?.location { return name }
        return field.name
    }

    private func csvRow(_ documented: MappedJSON) -> String {
        csvFields.map { field -> String in
            guard var value = documented[member: field.name] else { return "" }
            if field.type == .timestamp { value = timestampValue(value) }
            switch value {
            case .string(let text), .number(let text): return CSVText.cell(text)
            case .bool(let flag): return flag ? "true" : "false"
            default: return CSVText.cell(String(decoding: value.bytes, as: UTF8.self))
            }
        }.joined(separator: ",")
    }
}

/// A CSV cell, quoted when it holds a comma, quote or line break (RFC 4180).
enum CSVText {
    static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
