/// Applies an input profile to one line: finds each documented field where
/// the profile says, builds the record in the documented shape, and reads it
/// with the documented parser, so that a mapped line meets exactly the
/// checks of the input contract (docs/input-formats.md).
///
/// The line is redacted before anything is read from it, whatever the
/// profile maps: a field mapped onto an `Authorization` header reads
/// `[redacted]`. The stored line is the user's own line (redacted), never
/// the documented record built from it, so its hash is the hash of what the
/// user wrote. Reject reasons name the user's pointer:
/// `"/status" (httpStatus) must be an integer, found a string`.
public struct ProfileMapper: Sendable {
    public let profile: InputProfile
    private let documented: JSONLineParser

    public init(profile: InputProfile) {
        self.profile = profile
        documented = JSONLineParser(forcedKind: profile.kind)
    }

    /// One JSON line, without its line ending.
    public func parse(jsonLine line: [UInt8]) -> ParsedLine {
        let (stored, tape) = JSONLineParser.redactedTape(line)
        switch tape {
        case .failure(let reason):
            return ParsedLine(storedLine: stored, result: .failure(reason))
        case .success(let tape):
            if let duplicate = tape.firstDuplicateKey() { return ParsedLine(storedLine: stored, result: .failure(.duplicateKey(duplicate))) }
            guard tape.kind(tape.root) == .object else {
                return ParsedLine(storedLine: stored, result: .failure(.notAnObject(found: tape.typeDescription(tape.root))))
            }
            return ParsedLine(storedLine: stored, result: map(TapeLineSource(tape: tape, headers: profile.headers)))
        }
    }

    /// One CSV record's cells (already redacted) under the header's column names.
    func parse(columns: [String], values: [ArraySlice<UInt8>]) -> Result<ParsedRecord, RejectReason> {
        map(CSVLineSource(columns: columns, values: values))
    }

    /// For a CSV file: the header must have a column for each required field the profile does not give as a constant.
    func checkHeader(_ columns: [String]) throws(RejectReason) {
        for field in profile.documentedFields.prefix(4) where profile.constants[field.name] == nil {
            guard case .column(let name) = source(of: field)?.location, !columns.contains(name) else { continue }
            let list = columns.prefix(12).map { RejectReason.quoted(SecretTextRedactor.redact($0)) }.joined(separator: ", ")
            throw .short("the header has no column \(RejectReason.quoted(name)) for \(field.name) (profile \(profile.name)); the columns are \(list)")
        }
    }

    // MARK: - Mapping

    /// Where a field is read when the profile does not map it: under its documented name.
    private func source(of field: DocumentedField) -> InputProfile.Source? {
        if let mapped = profile.fields[field.name] { return mapped }
        guard field.parent == nil else { return nil }
        switch profile.format {
        case .jsonl: return InputProfile.Source(location: .pointer(try! JSONPointer("/" + field.name.replacingSlash())))
        case .csv: return InputProfile.Source(location: .column(field.name))
        }
    }

    private func map(_ line: some ProfileLineSource) -> Result<ParsedRecord, RejectReason> {
        var record: [(String, MappedJSON)] = []
        do throws(RejectReason) {
            for field in profile.documentedFields where field.parent == nil {
                var value = try read(field, from: line)
                if field.type == .object {
                    value = try object(field, value, from: line)
                }
                if let value { record.append((field.name, value)) }
            }
        } catch {
            return .failure(error)
        }
        let parsed = documented.parse(MappedJSON.object(record).bytes)
        return parsed.result.mapError { rewrite($0) }
    }

    /// A top-level field's value, or a member's, as the documented record holds it.
    private func read(_ field: DocumentedField, from line: some ProfileLineSource) throws(RejectReason) -> MappedJSON? {
        if let constant = profile.constants[field.name] { return constant }
        guard let source = source(of: field), var value = line.value(at: source.location, for: field.type) else { return nil }
        if source.json, case .string(let text) = value {
            value = try parsedJSON(text, field: field, source: source)
        }
        if source.round, case .number(let text) = value, let rounded = Self.rounded(text) {
            value = .number(rounded)
        }
        if field.type == .timestamp {
            return try timestamp(value, source: source)
        }
        return value
    }

    /// `response` or `request`: the object as mapped, with each mapped member set or removed.
    private func object(_ field: DocumentedField, _ value: MappedJSON?, from line: some ProfileLineSource) throws(RejectReason) -> MappedJSON? {
        let members = profile.documentedFields.filter { $0.parent == field.name && (profile.fields[$0.name] != nil || profile.constants[$0.name] != nil) }
        guard !members.isEmpty else { return value }
        var object = value ?? .object([])
        guard case .object = object else { return value }  // the documented parser says it is not an object
        var found = value != nil
        for member in members {
            if let memberValue = try read(member, from: line) {
                object.set(member.member, memberValue)
                found = true
            } else {
                object.remove(member.member)
            }
        }
        return found ? object : nil
    }

    /// A value held as JSON text, parsed and redacted like a line of its own.
    private func parsedJSON(_ text: String, field: DocumentedField, source: InputProfile.Source) throws(RejectReason) -> MappedJSON {
        let (_, tape) = JSONLineParser.redactedTape(Array(text.utf8))
        switch tape {
        case .success(let tape): return MappedJSON(tape, node: tape.root)
        case .failure(let reason):
            throw .short("\(source.shown) (\(field.name)) must hold JSON text: \(reason.message)")
        }
    }

    /// Rounds a JSON number to the nearest whole number, halves away from zero; nil when it is one already.
    static func rounded(_ text: String) -> String? {
        guard text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let value = Double(text), value.isFinite,
              abs(value) < 9e15 else { return nil }
        return String(Int64(value.rounded(.toNearestOrAwayFromZero)))
    }

    // MARK: - Time

    /// The earliest and latest instants the ledger stores (years 0001 to 9999).
    private static let instantRange: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    private func timestamp(_ value: MappedJSON, source: InputProfile.Source) throws(RejectReason) -> MappedJSON {
        let field = "\(source.shown) (timestamp)"
        let format = profile.timestampFormat
        switch format {
        case .epochSeconds, .epochMillis, .epochMicros:
            let unit = format == .epochSeconds ? "seconds" : format == .epochMillis ? "milliseconds" : "microseconds"
            let text: String
            switch value {
            case .number(let digits), .string(let digits): text = digits
            default: throw .short("\(field) must be a count of \(unit) since the Unix epoch, found \(value.typeDescription)")
            }
            guard let ms = format.epochMilliseconds(text), Self.instantRange.contains(ms) else {
                throw .short("\(field) must be a count of \(unit) since the Unix epoch (a number of digits, a fraction allowed), found \(RejectReason.quoted(text))")
            }
            return .string(Timestamp(millisecondsSinceEpoch: ms).iso8601)
        case .rfc3339:
            guard let zone = profile.timeZone, case .string(let text) = value, (try? Timestamp(rfc3339: text)) == nil,
                  let local = try? Timestamp(rfc3339: text + "Z") else {
                // With its offset, or not a time at all: the documented parser reads it and says what is wrong.
                return value
            }
            return .string(try resolve(local.millisecondsSinceEpoch, zone: zone, text: text, field: field).iso8601)
        case .pattern(let pattern):
            guard case .string(let text) = value else {
                throw .short("\(field) must be a string in the form \"\(pattern.text)\", found \(value.typeDescription)")
            }
            let fields: TimestampPattern.Fields
            do throws(TimestampPatternError) {
                fields = try pattern.read(text)
            } catch {
                throw .short("\(field) \(error.message): \(RejectReason.quoted(text))")
            }
            let instant: Timestamp
            if let offset = fields.offsetSeconds {
                instant = Timestamp(millisecondsSinceEpoch: fields.localMilliseconds - Int64(offset) * 1000)
            } else if let zone = profile.timeZone {
                instant = try resolve(fields.localMilliseconds, zone: zone, text: text, field: field)
            } else {
                throw .short("\(field) has no offset and the profile gives no timezone: \(RejectReason.quoted(text))")
            }
            guard Self.instantRange.contains(instant.millisecondsSinceEpoch) else {
                throw .short("\(field) is outside the years 0001 to 9999: \(RejectReason.quoted(text))")
            }
            return .string(instant.iso8601)
        }
    }

    /// A local time in the profile's zone, refused in the hour that happens twice or never.
    private func resolve(_ local: Int64, zone: ProfileTimeZone, text: String, field: String) throws(RejectReason) -> Timestamp {
        switch zone.resolve(localMilliseconds: local) {
        case .instant(let instant):
            return instant
        case .repeated(let first, let second):
            throw .short("\(field) \(RejectReason.quoted(text)) happens twice in \(zone.identifier) (clocks go back: \(first.iso8601) or \(second.iso8601)); the line must carry its offset")
        case .skipped:
            throw .short("\(field) \(RejectReason.quoted(text)) does not exist in \(zone.identifier) (clocks go forward over it)")
        }
    }

    // MARK: - Reasons

    /// The documented parser's reason, naming the user's place of each mapped field.
    private func rewrite(_ reason: RejectReason) -> RejectReason {
        let message = reason.message
        for (name, shown) in mappedPlaces {
            let quoted = "\"\(name)\""
            if message.hasPrefix(quoted) {
                return .short("\(shown) (\(name))" + message.dropFirst(quoted.count))
            }
            if message.hasPrefix("missing required field \(quoted)") {
                return .short(message + " (looked for at \(shown))")
            }
            if name == "endpoint", message.hasPrefix("unknown endpoint ") {
                return .short(message + " (from \(shown))")
            }
        }
        return reason
    }

    /// Each mapped field (longest names first, so `response.code` wins over `response`) and how reasons name its place.
    private var mappedPlaces: [(String, String)] {
        var places: [(String, String)] = []
        for field in profile.documentedFields {
            if let source = profile.fields[field.name] {
                places.append((field.name, source.shown))
            } else if let parent = field.parent, let source = profile.fields[parent], !source.json,
                      case .pointer(let pointer) = source.location {
                places.append((field.name, RejectReason.quoted(pointer.appending(field.member).text)))
            }
        }
        return places.sorted { $0.0.count > $1.0.count }
    }
}

private extension String {
    /// A documented name as a pointer token (none holds `/` or `~`, so this is only for safety).
    func replacingSlash() -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
