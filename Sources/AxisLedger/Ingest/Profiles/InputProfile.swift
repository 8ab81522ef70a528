/// An input profile: how one integration's own log lines map onto the
/// documented fields (docs/input-formats.md, *Input profiles*).
///
/// Read from YAML by ``InputProfileParser``, which refuses a bad profile
/// before any line is read; applied to each line by ``ProfileMapper``.
public struct InputProfile: Sendable {
    /// How each line is laid out.
    public enum LineFormat: String, Sendable, CaseIterable {
        case jsonl, csv
    }

    /// Where a documented field's value is in the user's line.
    public struct Source: Sendable, Equatable {
        public enum Location: Sendable, Equatable {
            /// A JSON Pointer into a JSON line.
            case pointer(JSONPointer)
            /// An HTTP header by name (case-insensitive), in the profile's `headers`.
            case header(String)
            /// A CSV column by its header name.
            case column(String)
        }

        public var location: Location
        /// The value is JSON written as text (a HAR body): it is parsed, then read.
        public var json = false
        /// A number with a fraction is rounded to the nearest whole number (HAR's `time`).
        public var round = false

        /// How reasons name it: `"/status"`, `header "X-External-Org-Id"`, `column "status"`.
        public var shown: String {
            switch location {
            case .pointer(let pointer): return RejectReason.quoted(pointer.text)
            case .header(let name): return "header \(RejectReason.quoted(name))"
            case .column(let name): return "column \(RejectReason.quoted(name))"
            }
        }

        /// As a profile writes it.
        public var written: String {
            let place: String
            switch location {
            case .pointer(let pointer): place = pointer.text
            case .header(let name): place = "header:" + name
            case .column(let name): place = name
            }
            var options: [String] = []
            if json { options.append("json: true") }
            if round { options.append("round: true") }
            return options.isEmpty ? place : "{path: \(place), \(options.joined(separator: ", "))}"
        }
    }

    /// `name:`, shown in summaries and stored with each file (`ingested_files.profile_name`).
    public var name: String
    public var kind: RecordKind
    public var format: LineFormat
    /// Documented field name (`httpStatus`, `response.generationId`) to where it is.
    public var fields: [String: Source]
    /// Documented field name to the value every line gets.
    var constants: [String: MappedJSON]
    public var timestampFormat: TimestampFormat
    public var timeZone: ProfileTimeZone?
    /// Where the HTTP headers are (`headers:`); `/headers` when the profile does not say.
    public var headers: JSONPointer
    /// The headers are a list of `{name, value}` (HAR), for lines written in the profile's shape; reading takes either.
    public var headersAsList: Bool
    /// The SHA-256 of the profile's bytes, in hex (`ingested_files.profile_sha256`).
    public var sha256: String

    /// The documented fields of the profile's kind, in the documented order.
    var documentedFields: [DocumentedField] { DocumentedField.all(of: kind) }

    /// The constants as a profile writes them, for `profile check`.
    public var constantTexts: [(field: String, value: String)] {
        constants.keys.sorted().map { key in
            let value = constants[key]!
            if case .string(let text) = value { return (key, text) }
            return (key, String(decoding: value.bytes, as: UTF8.self))
        }
    }
}
