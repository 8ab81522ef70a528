import Foundation

/// What `profile check` prints: the profile in words, field by field.
public enum ProfileSummary {
    public static func render(_ profile: InputProfile, argument: String) -> String {
        var out = "\(argument): valid input profile \(profile.name) (\(profile.kind.rawValue), \(profile.format.rawValue)), SHA-256 \(profile.sha256)\n"
        switch profile.timestampFormat {
        case .rfc3339: out += "  times: RFC 3339"
        case .epochSeconds: out += "  times: seconds since the Unix epoch"
        case .epochMillis: out += "  times: milliseconds since the Unix epoch"
        case .epochMicros: out += "  times: microseconds since the Unix epoch"
        case .pattern(let pattern): out += "  times: \"\(pattern.text)\""
        }
        if let zone = profile.timeZone { out += ", without an offset in \(zone.identifier) (DST-correct; a repeated or skipped local hour is rejected)" }
        out += "\n"
        if profile.format == .jsonl, profile.fields.values.contains(where: { if case .header = $0.location { return true } else { return false } }) {
            out += "  headers: at \(profile.headers.text)\(profile.headersAsList ? " (a list of {name, value})" : "")\n"
        }
        let width = profile.documentedFields.map(\.name.count).max() ?? 0
        var unmapped: [String] = []
        for field in profile.documentedFields {
            let padded = field.name.padding(toLength: width, withPad: " ", startingAt: 0)
            if let source = profile.fields[field.name] {
                out += "  \(padded)  <- \(source.written)\n"
            } else if let constant = profile.constantTexts.first(where: { $0.field == field.name }) {
                out += "  \(padded)  =  \(constant.value) (constant)\n"
            } else {
                unmapped.append(field.name)
            }
        }
        if !unmapped.isEmpty {
            out += "  read under their documented names: \(unmapped.joined(separator: ", "))\n"
        }
        return out
    }
}
