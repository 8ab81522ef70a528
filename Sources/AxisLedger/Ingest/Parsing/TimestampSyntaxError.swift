/// Why a text is not an RFC 3339 date-time the ledger accepts.
/// `problem` continues a sentence whose subject is the field, e.g.
/// `"timestamp" has no UTC offset (add Z or ±hh:mm)`.
public struct TimestampSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problem: String

    public init(_ problem: String) { self.problem = problem }

    public var description: String { "the timestamp \(problem)" }

    static let notRFC3339 = TimestampSyntaxError("is not an RFC 3339 date-time (expected YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±hh:mm)")
    static let missingOffset = TimestampSyntaxError("has no UTC offset (add Z or ±hh:mm)")
    static let malformedOffset = TimestampSyntaxError("has a malformed UTC offset (expected Z or ±hh:mm)")
    static let spaceSeparator = TimestampSyntaxError("separates date and time with a space (use T)")
    static let outOfRange = TimestampSyntaxError("is out of range (years 1970 to 9999 at UTC)")
}
