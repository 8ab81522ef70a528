import Foundation
import Testing
@testable import AxisLedger

/// report.md, report.json, invoice_lines.csv and statements/ORG.md|html show
/// the cap, fee and discount lines with their descriptions, in the fixed order.
struct MonthLinesRenderingTests {
    /// org_a: 150.00 of usage capped at 100.00, a 20.00 fee, 10% off 120.00, then 8.00 off: total 100.00.
    static func report() throws -> MonthReport {
        let rules = try MonthLinesTests.rules(plan: "    monthlyMaximum: 100.00\n    monthlyFee: 20.00\n",
                                              discounts: "      - percent: 10\n        from: 2026-10\n      - amount: 8.00\n        from: 2026-10\n")
        let statement = try MonthLinesTests.rate(rules, [.v1: 150])
        return MonthReport(data: ReportJSONTests.emptyMonth("2026-10"),
                           pricing: MonthReport.Pricing(rules: rules, statements: [statement], sha256: String(repeating: "0", count: 64)))
    }

    static let descriptions = [
        "v1 150 units at 1.00", "monthly maximum 100.00: usage of 150.00 capped", "monthly fee of plan p",
        "discount 10% (from 2026-10 on) of 120.00", "discount 8.00 (from 2026-10 on)",
    ]

    /// Each of `parts` appears in `text`, in that order.
    static func inOrder(_ parts: [String], in text: String) -> Bool {
        var rest = text[...]
        for part in parts {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    @Test func invoiceLinesHaveEveryLineInTheFixedOrder() throws {
        let rows = try CSVTestReader.records(ReportCSV.invoiceLines(try Self.report()))
        #expect(rows.map { $0["line"] ?? "" } == ["usage", "cap", "fee", "discount", "discount", "total"])
        #expect(rows.map { $0["description"] ?? "" } == Self.descriptions + ["total"])
        #expect(rows.map { $0["amount"] ?? "" } == ["150.00", "-50.00", "20.00", "-12.00", "-8.00", "100.00"])
        #expect(rows.dropLast().allSatisfy { $0["line"] == "usage" || ($0["version"] == "" && $0["quantity"] == "0" && $0["unit_price"] == "") })
    }

    @Test func reportMarkdownShowsTheLinesInOrder() throws {
        let markdown = ReportMarkdown.render(try Self.report())
        #expect(Self.inOrder(Self.descriptions + ["| total"], in: markdown))
        #expect(Self.inOrder(["| cap ", "-50.00", "| fee ", "20.00", "| discount ", "-12.00", "| discount ", "-8.00"], in: markdown))
        #expect(!markdown.contains("Credit due"), "a discounted month is never a credit")
    }

    @Test func reportJSONShowsTheLinesWithTheirKinds() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ReportJSON.render(try Self.report()).utf8)) as? [String: Any])
        let statements = try #require(json["statements"] as? [[String: Any]])
        let lines = try #require(statements.first?["lines"] as? [[String: Any]])
        #expect(lines.map { $0["line"] as? String } == ["usage", "cap", "fee", "discount", "discount", "total"])
        #expect(lines.map { $0["description"] as? String } == Self.descriptions + ["total"])
        #expect(lines.map { $0["amount"] as? String } == ["150.00", "-50.00", "20.00", "-12.00", "-8.00", "100.00"])
        // subtotal stays the usage lines' sum and minimum_top_up the minimum line, as before; the total has every line.
        #expect(statements.first?["subtotal"] as? String == "150.00")
        #expect(statements.first?["minimum_top_up"] as? String == "0.00")
        #expect(statements.first?["total"] as? String == "100.00")
    }

    @Test func theOrgsStatementFilesShowTheLinesInOrder() throws {
        let statement = try #require(OrgStatement.all(in: try Self.report()).first)
        let markdown = StatementMarkdown.render(statement)
        #expect(Self.inOrder(Self.descriptions + ["Total due"], in: markdown))
        #expect(markdown.contains("**Total due: 100.00 USD**"))
        let html = StatementHTML.render(statement)
        #expect(html.contains("<tr><td>cap</td><td class=\"version\"></td><td>monthly maximum 100.00: usage of 150.00 capped</td><td class=\"num\">0</td><td class=\"num\"></td><td class=\"num\">-50.00</td></tr>"))
        #expect(html.contains("<tr><td>fee</td><td class=\"version\"></td><td>monthly fee of plan p</td><td class=\"num\">0</td><td class=\"num\"></td><td class=\"num\">20.00</td></tr>"))
        #expect(Self.inOrder(["<td>cap</td>", "<td>fee</td>", "<td>discount</td>", "<td>discount</td>", "Total due"], in: html))
    }
}
