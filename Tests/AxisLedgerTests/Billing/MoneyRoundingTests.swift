import Foundation
import Testing
@testable import AxisLedger

struct MoneyRoundingTests {
    @Test(arguments: [
        ("0.005", 2, "0.01"),
        ("0.015", 2, "0.02"),
        ("0.025", 2, "0.03"),
        ("0.0049999", 2, "0"),
        ("0.105", 2, "0.11"),
        ("0.104999", 2, "0.1"),
        ("2.5", 0, "3"),
        ("2.4999", 0, "2"),
        ("0.0005", 3, "0.001"),
        ("-0.005", 2, "-0.01"),
        ("12.3", 2, "12.3"),
        ("123456789012.995", 2, "123456789013"),
    ])
    func halvesRoundAwayFromZeroToTheMinorUnit(value: String, digits: Int, expected: String) {
        #expect(MoneyRounding.halfUp(BillingFixtures.decimal(value), digits: digits) == BillingFixtures.decimal(expected))
    }

    @Test(arguments: [
        ("12.3", "USD", "12.30"),
        ("0", "USD", "0.00"),
        ("-0", "USD", "0.00"),
        ("0.004", "USD", "0.00"),
        ("0.005", "USD", "0.01"),
        ("-0.5", "USD", "-0.50"),
        ("1250", "JPY", "1250"),
        ("1249.5", "JPY", "1250"),
        ("1.2", "KWD", "1.200"),
        ("1000000000", "EUR", "1000000000.00"),
    ])
    func amountsPrintWithExactlyTheMinorDigits(value: String, code: String, expected: String) throws {
        let currency = try #require(Currency(isoCode: code))
        #expect(MoneyFormatter().format(BillingFixtures.decimal(value), currency: currency) == expected)
    }

    @Test(arguments: [
        ("0.035", "USD", "0.035"),
        ("0.10", "USD", "0.10"),
        ("0.1", "USD", "0.10"),
        ("7", "USD", "7.00"),
        ("6.5", "USD", "6.50"),
        ("0.000001", "USD", "0.000001"),
        ("0.120000", "USD", "0.12"),
        ("3", "JPY", "3"),
        ("0.5", "JPY", "0.5"),
        ("0.5", "KWD", "0.500"),
    ])
    func unitPricesPrintAsWrittenWithAtLeastTheMinorDigits(value: String, code: String, expected: String) throws {
        let currency = try #require(Currency(isoCode: code))
        #expect(MoneyFormatter().formatUnitPrice(BillingFixtures.decimal(value), currency: currency) == expected)
    }

    @Test(arguments: [("USD", 2), ("EUR", 2), ("JPY", 0), ("KWD", 3), ("BHD", 3), ("KRW", 0), ("GBP", 2)])
    func currenciesHaveTheirISOMinorDigits(code: String, digits: Int) throws {
        #expect(try #require(Currency(isoCode: code)).minorUnitDigits == digits)
    }

    @Test(arguments: ["XYZ", "usd", "", "DOLLAR"])
    func unknownCurrencyCodesAreRefused(code: String) {
        #expect(Currency(isoCode: code) == nil)
    }
}
