import Testing
@testable import AxisLedger

/// A bad header's message quotes what it found, redacted (issue 11, item 8).
struct CSVHeaderErrorTests {
    @Test(arguments: [
        ("timestamp,Bearer opaque1,endpoint,httpStatus", #"(found: "timestamp", "Bearer [redacted]", "endpoint", "httpStatus")"#),
        ("Authorization: Basic opaque2", #"(found: "Authorization: Basic [redacted]")"#),
        ("timestamp,sk-proj-0123456789abcdefghijKL,endpoint", #"(found: "timestamp", "[redacted]", "endpoint")"#),
        ("timestamp,orgId,endpoint,httpStatus,token=opaque3,token=opaque3", #"names the column "token=[redacted]" twice"#),
    ])
    func theCellsQuotedInTheMessageAreRedacted(header: String, expected: String) {
        #expect {
            _ = try CSVRequestLogParser(headerLine: Array(header.utf8))
        } throws: { error in
            let message = "\(error)"
            return message.contains(expected) && !message.contains("opaque")
        }
    }
}
