/// The checks of the input contract that do not depend on the line's format:
/// JSON Lines and CSV read a value their own way, then hand it here.
enum FieldRules {
    /// An integer as read from the input, before its range is checked.
    enum IntegerCandidate: Equatable {
        case value(Int)
        /// Integer digits that do not fit in a 64-bit integer.
        case outOfIntRange
        /// A number with a fraction or an exponent, or text that is no number.
        case notInteger
    }

    /// Reads `-?[0-9]+` exactly; anything else is ``IntegerCandidate/notInteger``.
    static func decimal(_ bytes: ArraySlice<UInt8>) -> IntegerCandidate {
        var index = bytes.startIndex
        let negative = index < bytes.endIndex && bytes[index] == .minus
        if negative { index += 1 }
        guard index < bytes.endIndex else { return .notInteger }
        var value = 0
        var overflow = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte.isDigit else { return .notInteger }
            if !overflow {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.subtractingReportingOverflow(Int(byte - .zero))
                overflow = o1 || o2
                value = sum
            }
            index += 1
        }
        if overflow { return .outOfIntRange }
        if negative { return .value(value) }
        return value == Int.min ? .outOfIntRange : .value(-value)
    }

    /// `httpStatus`: an integer from 100 to 599. `found` describes the value for the reason.
    static func httpStatus(_ candidate: IntegerCandidate, found: @autoclosure () -> String) throws(RejectReason) -> Int {
        switch candidate {
        case .value(let status) where (100...599).contains(status): return status
        case .value, .outOfIntRange: throw .httpStatusOutOfRange(found())
        case .notInteger: throw .wrongType("httpStatus", expected: "an integer", found: found())
        }
    }

    /// `durationMs`, `retryAfter`, `rateLimitRemaining`, latencies: integers ≥ 0.
    static func wholeNumber(_ field: String, _ candidate: IntegerCandidate, found: @autoclosure () -> String) throws(RejectReason) -> Int {
        if case .value(let value) = candidate, value >= 0 { return value }
        throw .notWholeNumber(field, found: found())
    }

    static func orgId(_ value: String) throws(RejectReason) -> String {
        guard !value.isEmpty else { throw .emptyString("orgId") }
        return value
    }

    static func timestamp(_ value: String, field: String = "timestamp") throws(RejectReason) -> Timestamp {
        do {
            return try Timestamp(rfc3339: value)
        } catch {
            throw .badTimestamp(field, error, value: value)
        }
    }

    private static let v1Suffix = Array("/v1/generate-image".utf8)
    private static let v2Suffix = Array("/v2/cinematic-image".utf8)

    /// The API version an endpoint belongs to: a path or full URL ending in
    /// `/v1/generate-image` or `/v2/cinematic-image`, a trailing slash, query
    /// string or fragment allowed.
    static func version(ofEndpoint endpoint: String) throws(RejectReason) -> APIVersion {
        var path = Array(endpoint.utf8)[...]
        if let cut = path.firstIndex(where: { $0 == .questionMark || $0 == .hash }) { path = path[..<cut] }
        if path.last == .slash { path = path.dropLast() }
        if path.count >= v1Suffix.count, path.suffix(v1Suffix.count).elementsEqual(v1Suffix) { return .v1 }
        if path.count >= v2Suffix.count, path.suffix(v2Suffix.count).elementsEqual(v2Suffix) { return .v2 }
        throw .unknownEndpoint(endpoint)
    }
}
