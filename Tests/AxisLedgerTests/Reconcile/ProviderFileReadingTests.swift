import Foundation
import Testing
@testable import AxisLedger

/// Bad provider rows are refused with their line numbers; nothing is guessed.
struct ProviderFileReadingTests {
    @Test(arguments: [
        ("org_a,v2,3,\"12,5\"", #"invoice.csv:2: amount "12,5" is not a decimal number"#),
        ("org_a,v2,3,1e2", #"invoice.csv:2: amount "1e2" is not a decimal number"#),
        ("org_a,v2,3,", "invoice.csv:2: amount is empty"),
        ("org_a,v2,3,0.1234567", #"invoice.csv:2: amount "0.1234567" has 7 decimals"#),
        ("org_a,v3,3,0.30", #"invoice.csv:2: version "v3" is unknown"#),
        ("org_a,v2,three,0.30", #"invoice.csv:2: quantity "three" is not a whole number"#),
        ("org_a,v2,-3,0.30", #"invoice.csv:2: quantity "-3" is negative"#),
        (",v2,3,0.30", "invoice.csv:2: org_id is empty"),
        ("org_a,v2,3", "invoice.csv:2: has 3 cells but the header has 4 columns"),
    ])
    func aBadInvoiceRowIsReportedWithItsLine(row: String, message: String) throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("invoice.csv", "org_id,version,quantity,amount\n\(row)\n")
        let error = try #require(throws: ProviderFileError.self) {
            try ProviderInvoiceReader.read(path: path, month: "2026-10", currency: Currency(isoCode: "USD"))
        }
        #expect(error.problems.count == 1)
        // The message starts with the file as given, the line and the problem; advice may follow.
        #expect(error.problems[0].description.hasPrefix(folder.path("invoice.csv") + message.dropFirst("invoice.csv".count)))
    }

    @Test func everyBadRowIsListedWithItsOwnLineAndBlankLinesCount() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("invoice.csv", "org_id,version,quantity,amount,currency,month\r\norg_a,v1,1,0.04,USD,2026-10\r\n\r\norg_a,v2,1,0.1O,USD,2026-10\r\norg_b,v1,1,0.04,EUR,2026-10\r\norg_b,v2,1,0.10,USD,2026-11\r\n")
        let error = try #require(throws: ProviderFileError.self) {
            try ProviderInvoiceReader.read(path: path, month: "2026-10", currency: Currency(isoCode: "USD"))
        }
        #expect(error.problems.map(\.line) == [4, 5, 6])
        #expect(error.problems[1].message.contains("currency \"EUR\" differs from the pricing file's USD"))
        #expect(error.problems[2].message.contains("month \"2026-11\" is not the month being reconciled"))
    }

    @Test func aMissingColumnIsReportedOnTheHeaderLine() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("invoice.csv", "org_id,version,quantity\norg_a,v1,1\n")
        let error = try #require(throws: ProviderFileError.self) {
            try ProviderInvoiceReader.read(path: path, month: "2026-10", currency: nil)
        }
        #expect(error.problems.map(\.line) == [1])
        #expect(error.problems[0].message.contains("lacks the column amount"))
    }

    @Test func invoiceAmountsAreExactDecimalsSummedPerOrgAndVersion() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("invoice.csv", """
            description,org_id,version,quantity,amount,unit_price
            "tier 1, first 1000",org_a,v2,1000,120.00,0.12
            tier 2,org_a,v2,3,0.30,0.10
            credit,org_a,v2,0,-0.1,
            minimum,org_a,,,5.05,

            """)
        let invoice = try ProviderInvoiceReader.read(path: path, month: "2026-10", currency: nil)
        #expect(invoice.versionCharges.count == 1)
        #expect(invoice.versionCharges[0].quantity == 1003)
        #expect(invoice.versionCharges[0].amount == Decimal(string: "120.2")!)
        #expect(invoice.orgCharges["org_a"] == Decimal(string: "5.05")!)
        #expect(invoice.total(orgId: "org_a") == Decimal(string: "125.25")!)
    }

    @Test(arguments: [
        ("g1,org_a,v2,2026-10-03 10:15:22Z", "usage.csv:2: timestamp \"2026-10-03 10:15:22Z\" separates date and time with a space"),
        ("g1,org_a,v2,2026-10-03T10:15:22", "usage.csv:2: timestamp \"2026-10-03T10:15:22\" has no UTC offset"),
        ("g1,org_a,v4,2026-10-03T10:15:22Z", "usage.csv:2: version \"v4\" is unknown"),
        (",org_a,v2,2026-10-03T10:15:22Z", "usage.csv:2: generation_id is empty"),
    ])
    func aBadUsageExportRowIsReportedWithItsLine(row: String, message: String) throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("usage.csv", "generation_id,org_id,version,timestamp\n\(row)\n")
        let error = try #require(throws: ProviderFileError.self) {
            try ProviderUsageExportReader(path: path).forEachRow { _ in }
        }
        #expect(error.problems.count == 1)
        #expect(error.problems[0].description.hasPrefix(folder.path("usage.csv") + message.dropFirst("usage.csv".count)))
    }

    @Test(arguments: [
        (#"{"generation_id":"g1","org_id":"org_a","version":"v2"}"#, "lacks timestamp"),
        (#"{"generation_id":"g1","generationId":"g1","org_id":"org_a","version":"v2","timestamp":"2026-10-03T10:15:22Z"}"#, "generation_id is given twice"),
        (#"{"generation_id":7,"org_id":"org_a","version":"v2","timestamp":"2026-10-03T10:15:22Z"}"#, "generation_id is a number, not a string"),
        (#"{"generation_id":"g1","#, "not valid JSON"),
    ])
    func aBadJSONLineIsReportedWithItsLine(line: String, message: String) throws {
        let folder = try TemporaryDirectory()
        let good = #"{"generation_id":"g0","org_id":"org_a","version":"v2","timestamp":"2026-10-03T10:15:22Z"}"#
        let path = try folder.write("usage.jsonl", good + "\n" + line + "\n")
        let error = try #require(throws: ProviderFileError.self) {
            try ProviderUsageExportReader(path: path).forEachRow { _ in }
        }
        #expect(error.problems.map(\.line) == [2])
        #expect(error.problems[0].message.contains(message))
    }
}
