/// The reject reasons of the input contract (docs/input-formats.md), worded once
/// here so that JSON Lines and CSV say the same thing about the same mistake.
///
/// Reasons are short (at most ``maximumLength`` characters): quoted values are
/// cut at ``maximumQuotedLength``. They are built from values already redacted,
/// so they never carry a secret.
extension RejectReason {
    static let maximumLength = 200
    static let maximumQuotedLength = 60

    /// A reason cut to ``maximumLength`` characters.
    static func short(_ message: String) -> RejectReason {
        let scalars = message.unicodeScalars
        guard scalars.count > maximumLength else { return RejectReason(message) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix(maximumLength - 1))
        view.append("…")
        return RejectReason(String(view))
    }

    static func missingField(_ field: String, wasNull: Bool = false) -> RejectReason {
        short("missing required field \(quoted(field))" + (wasNull ? " (it is null)" : ""))
    }

    /// A required field missing from a line that has a member named nearly like it: the
    /// line is in a shape of its own, which an input profile maps.
    static func missingField(_ field: String, nearName: String) -> RejectReason {
        short("missing required field \(quoted(field)) (found \(quoted(nearName)): map it with an input profile, see docs/input-formats.md)")
    }

    static func wrongType(_ field: String, expected: String, found: String) -> RejectReason {
        short("\(quoted(field)) must be \(expected), found \(found)")
    }

    static func emptyString(_ field: String) -> RejectReason {
        short("\(quoted(field)) must not be empty")
    }

    static func httpStatusOutOfRange(_ found: String) -> RejectReason {
        short("\"httpStatus\" must be between 100 and 599, found \(found)")
    }

    static func notWholeNumber(_ field: String, found: String) -> RejectReason {
        short("\(quoted(field)) must be a whole number ≥ 0, found \(found)")
    }

    static func unknownEndpoint(_ endpoint: String) -> RejectReason {
        short("unknown endpoint \(quoted(endpoint)): expected a path ending in /v1/generate-image or /v2/cinematic-image")
    }

    static func badTimestamp(_ field: String, _ error: TimestampSyntaxError, value: String) -> RejectReason {
        short("\(quoted(field)) \(error.problem): \(quoted(value))")
    }

    static func duplicateKey(_ path: String) -> RejectReason {
        short("duplicate key \(quoted(path)): each key may appear once per object")
    }

    static func notAnObject(found: String) -> RejectReason {
        short("the line must be a JSON object, found \(found)")
    }

    /// A value in double quotes for a reason: control characters, quotes and
    /// backslashes escaped, cut to ``maximumQuotedLength`` characters with `…`.
    static func quoted(_ value: String) -> String {
        var out = "\""
        var length = 0
        for scalar in value.unicodeScalars {
            if length >= maximumQuotedLength {
                out += "…"
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
            length += 1
        }
        return out + "\""
    }
}
