import Yams

/// Reads an input profile from its YAML node tree, so that every problem
/// names its line and key path; it reports all problems in one pass, as
/// `pricing check` does, and refuses the profile before any line is read.
struct InputProfileParser {
    let fileName: String
    private var problems: [ProfileProblem] = []

    static let topKeys = ["name", "kind", "format", "fields", "timestamp", "constants", "headers"]
    static let timestampKeys = ["format", "timezone"]
    static let sourceKeys = ["path", "json", "round"]
    static let headersKeys = ["path", "list"]

    init(fileName: String) { self.fileName = fileName }

    /// - Parameters:
    ///   - defaultName: the name when the profile has no `name:` (its file name without `.yaml`).
    ///   - sha256: the hex SHA-256 of the profile's bytes.
    mutating func parse(_ yaml: String, defaultName: String, sha256: String) throws(ProfileError) -> InputProfile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ProfileError(problems: [syntaxProblem(error)])
        }
        guard let root else {
            throw ProfileError(problems: [ProfileProblem(file: fileName, line: 1, keyPath: "", message: "the profile is empty; it needs at least `kind:` and `fields:` (see docs/input-formats.md, Input profiles)")])
        }
        let profile = readRoot(root, defaultName: defaultName, sha256: sha256)
        guard let profile, problems.isEmpty else {
            let ordered = problems.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            throw ProfileError(problems: ordered.map(\.element))
        }
        return profile
    }

    private mutating func readRoot(_ root: Node, defaultName: String, sha256: String) -> InputProfile? {
        guard let top = fields(of: root, at: "", allowed: Self.topKeys) else { return nil }
        var name = defaultName
        if let entry = top["name"] {
            if let text = scalarText(entry.value), !text.isEmpty, !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                name = text
            } else {
                report(entry.value, "name", "must be a name on one line, e.g. `name: acme-gateway`")
            }
        }
        var kind: RecordKind?
        if let entry = top["kind"] {
            let text = scalarText(entry.value) ?? ""
            kind = RecordKind(rawValue: text)
            if kind == nil { report(entry.value, "kind", "unknown kind `\(text)`; write `kind: responses` (response records, one API response per line) or `kind: requests` (request-log lines, one HTTP attempt per line)") }
        } else {
            report(line: line(root), "kind", "missing; add `kind: responses` (response records) or `kind: requests` (request-log lines)")
        }
        var format = InputProfile.LineFormat.jsonl
        if let entry = top["format"] {
            let text = scalarText(entry.value) ?? ""
            if let known = InputProfile.LineFormat(rawValue: text) {
                format = known
            } else {
                report(entry.value, "format", "unknown format `\(text)`; write `format: jsonl` (JSON Lines) or `format: csv` (CSV with a header row)")
            }
        }
        var headers = try! JSONPointer("/headers")
        var headersAsList = false
        if let entry = top["headers"] {
            var pointerNode: Node? = entry.value
            if case .mapping = entry.value {
                pointerNode = nil
                if let options = fields(of: entry.value, at: "headers", allowed: Self.headersKeys) {
                    pointerNode = options["path"]?.value
                    if pointerNode == nil { report(entry.value, "headers", "missing `path`; write e.g. `{path: /request/headers, list: true}`") }
                    if let list = options["list"] { headersAsList = readBool(list.value, at: "headers.list") ?? false }
                }
            }
            if format == .csv {
                report(entry.keyNode, "headers", "a CSV line has no headers object; map each field to its column instead")
            } else if let pointerNode {
                if let text = scalarText(pointerNode) {
                    do throws(JSONPointerSyntaxError) {
                        headers = try JSONPointer(text)
                    } catch {
                        report(pointerNode, "headers", error.message)
                    }
                } else {
                    report(pointerNode, "headers", "must be a JSON Pointer to the headers object or {name, value} list, e.g. `headers: /request/headers`")
                }
            }
        }
        var timestampFormat = TimestampFormat.rfc3339
        var zone: ProfileTimeZone?
        if let entry = top["timestamp"], let section = fields(of: entry.value, at: "timestamp", allowed: Self.timestampKeys) {
            if let formatEntry = section["format"] {
                let text = scalarText(formatEntry.value) ?? ""
                do throws(TimestampPatternError) {
                    timestampFormat = try TimestampFormat(text)
                } catch {
                    report(formatEntry.value, "timestamp.format", error.message)
                }
            }
            if let zoneEntry = section["timezone"] {
                let text = scalarText(zoneEntry.value) ?? ""
                zone = ProfileTimeZone(identifier: text)
                if zone == nil {
                    report(zoneEntry.value, "timestamp.timezone", "unknown time zone `\(text)`; write an IANA zone name such as Europe/Paris, America/New_York or UTC (abbreviations such as CET have no daylight-saving rules)")
                } else if timestampFormat.isEpoch {
                    report(zoneEntry.keyNode, "timestamp.timezone", "an epoch count has no local time; remove `timezone` or use a format that writes local times")
                }
            }
            if case .pattern(let pattern) = timestampFormat, !pattern.hasOffset, zone == nil, section["timezone"] == nil {
                report(entry.keyNode, "timestamp", "the pattern \"\(pattern.text)\" has no %z, so its times carry no offset; add `timezone:` with the zone they are written in (e.g. `timezone: UTC` or `timezone: Europe/Paris`)")
            }
        }
        guard let kind else {
            // The fields cannot be checked without knowing the kind; the kind's problem is reported.
            return nil
        }
        var sources: [String: InputProfile.Source] = [:]
        if let entry = top["fields"], let mapped = fields(of: entry.value, at: "fields", allowed: nil) {
            for field in mapped.all {
                guard let documented = knownField(field, at: "fields", kind: kind) else { continue }
                if let source = readSource(field.value, at: "fields.\(field.key)", field: documented, format: format) {
                    sources[documented.name] = source
                }
            }
        }
        var constants: [String: MappedJSON] = [:]
        if let entry = top["constants"], let given = fields(of: entry.value, at: "constants", allowed: nil) {
            for field in given.all {
                guard let documented = knownField(field, at: "constants", kind: kind) else { continue }
                if sources[documented.name] != nil {
                    report(field.keyNode, "constants.\(field.key)", "`\(field.key)` is both mapped in `fields` and given here; keep one")
                    continue
                }
                if let value = readConstant(field.value, at: "constants.\(field.key)", field: documented) {
                    constants[documented.name] = value
                }
            }
        }
        return InputProfile(name: name, kind: kind, format: format, fields: sources, constants: constants,
                            timestampFormat: timestampFormat, timeZone: zone, headers: headers, headersAsList: headersAsList, sha256: sha256)
    }

    private mutating func knownField(_ field: Field, at section: String, kind: RecordKind) -> DocumentedField? {
        if let documented = DocumentedField.named(field.key, kind: kind) { return documented }
        let names = DocumentedField.all(of: kind).map(\.name)
        var hint = ""
        if let near = names.first(where: { NearName.same($0, field.key) }) { hint = " (did you mean `\(near)`?)" }
        report(field.keyNode, "\(section).\(field.key)", "unknown field `\(field.key)`\(hint); the keys are the documented field names, the fields of a \(kind.rawValue) profile are \(names.joined(separator: ", ")), and the value is where the field is in your line")
        return nil
    }

    private mutating func readSource(_ node: Node, at path: String, field: DocumentedField, format: InputProfile.LineFormat) -> InputProfile.Source? {
        var json = false, round = false
        var placeNode = node
        if case .mapping = node {
            guard let options = fields(of: node, at: path, allowed: Self.sourceKeys) else { return nil }
            guard let pathEntry = options["path"] else {
                report(node, path, "missing `path`; write e.g. `{path: /response/content/text, json: true}`")
                return nil
            }
            placeNode = pathEntry.value
            if let entry = options["json"] { json = readBool(entry.value, at: "\(path).json") ?? false }
            if let entry = options["round"] {
                round = readBool(entry.value, at: "\(path).round") ?? false
                if round, field.type != .integer {
                    report(entry.keyNode, "\(path).round", "`round` applies to whole-number fields only; \(field.name) is \(field.type.expected)")
                }
            }
        }
        guard let text = scalarText(placeNode) else {
            report(placeNode, path, "must be where the field is: a JSON Pointer such as `/status`, `header:Name`, a CSV column name, or `{path: …, json: true}`")
            return nil
        }
        switch format {
        case .csv:
            if text.hasPrefix("header:") {
                report(placeNode, path, "a CSV line has no headers; write the name of the column that holds \(field.name)")
                return nil
            }
            if text.hasPrefix("/") {
                report(placeNode, path, "a CSV profile names columns, not JSON Pointers; write the column's header name, e.g. `\(text.dropFirst())`")
                return nil
            }
            guard !text.isEmpty else {
                report(placeNode, path, "the column name is empty; write the header name of the column that holds \(field.name)")
                return nil
            }
            return InputProfile.Source(location: .column(text), json: json, round: round)
        case .jsonl:
            if text.hasPrefix("header:") {
                let name = String(text.dropFirst("header:".count)).trimmingASCIIWhitespace()
                guard !name.isEmpty else {
                    report(placeNode, path, "`header:` needs the header's name, e.g. `header:X-External-Org-Id`")
                    return nil
                }
                return InputProfile.Source(location: .header(name), json: json, round: round)
            }
            do throws(JSONPointerSyntaxError) {
                return InputProfile.Source(location: .pointer(try JSONPointer(text)), json: json, round: round)
            } catch {
                report(placeNode, path, error.message + " (or `header:\(text)` for an HTTP header)")
                return nil
            }
        }
    }

    private mutating func readConstant(_ node: Node, at path: String, field: DocumentedField) -> MappedJSON? {
        guard case .scalar(let scalar) = node else {
            report(node, path, "must be a single value (\(field.type.expected))")
            return nil
        }
        let text = scalar.string
        switch field.type {
        case .string:
            guard !text.isEmpty else {
                report(node, path, "must not be empty")
                return nil
            }
            return .string(text)
        case .integer:
            if case .value = FieldRules.decimal(Array(text.utf8)[...]), scalar.style == .plain { return .number(text) }
            report(node, path, "must be an integer, found `\(text)`")
        case .bool:
            if scalar.style == .plain, text == "true" || text == "false" { return .bool(text == "true") }
            report(node, path, "must be true or false, found `\(text)`")
        case .object, .timestamp:
            report(node, path, "\(field.name) cannot be a constant: every line must carry its own; map it in `fields`")
        }
        return nil
    }

    private mutating func readBool(_ node: Node, at path: String) -> Bool? {
        if let text = scalarText(node), text == "true" || text == "false" { return text == "true" }
        report(node, path, "must be true or false")
        return nil
    }

    // MARK: - YAML

    private struct Field {
        var key: String
        var keyNode: Node
        var value: Node
    }

    private struct Fields {
        var all: [Field]
        subscript(key: String) -> Field? { all.first { $0.key == key } }
    }

    private func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    private mutating func fields(of node: Node, at path: String, allowed: [String]?) -> Fields? {
        guard case .mapping(let mapping) = node else {
            let expected = allowed.map { "a mapping with the keys \($0.joined(separator: ", "))" } ?? "a mapping"
            report(node, path, "must be \(expected)")
            return nil
        }
        var fields: [Field] = []
        for (keyNode, value) in mapping {
            guard let key = scalarText(keyNode) else {
                report(keyNode, path, "a key must be a plain name, not a list or mapping")
                continue
            }
            if let allowed, !allowed.contains(key) {
                let place = path.isEmpty ? "at the top level" : "here"
                let joined = path.isEmpty ? key : "\(path).\(key)"
                report(keyNode, joined, "unknown key `\(key)`; the keys allowed \(place) are \(allowed.joined(separator: ", "))")
                continue
            }
            fields.append(Field(key: key, keyNode: keyNode, value: value))
        }
        return Fields(all: fields)
    }

    private func line(_ node: Node) -> Int? { node.mark?.line }

    private mutating func report(_ node: Node, _ path: String, _ message: String) {
        report(line: line(node), path, message)
    }

    private mutating func report(line: Int?, _ path: String, _ message: String) {
        problems.append(ProfileProblem(file: fileName, line: line, keyPath: path, message: message))
    }

    private func syntaxProblem(_ error: Error) -> ProfileProblem {
        let fix = "fix the YAML syntax (indentation, colons, quotes)"
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
             YamlError.parser(let context, let problem, let mark, _),
             YamlError.composer(let context, let problem, let mark, _):
            let during = context.map { ", \($0.text) at line \($0.mark.line)" } ?? ""
            return ProfileProblem(file: fileName, line: mark.line, keyPath: "", message: "YAML syntax error: \(problem)\(during); \(fix)")
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return ProfileProblem(file: fileName, line: context.mark.line, keyPath: "",
                                  message: "the key \(keys) is written more than once in the mapping that starts here; keep one")
        default:
            return ProfileProblem(file: fileName, line: nil, keyPath: "", message: "the file cannot be read as YAML; \(fix)")
        }
    }
}

/// Names that differ only in case or `_`/`-` (`org_id`, `OrgId`, `org-id` for `orgId`).
enum NearName {
    static func folded(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }

    static func same(_ a: String, _ b: String) -> Bool {
        a != b && folded(a) == folded(b)
    }
}
