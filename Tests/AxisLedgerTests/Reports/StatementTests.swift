import Foundation
import Testing
@testable import AxisLedger

/// One statement per org: safe file names, every value escaped, a page that
/// loads nothing from outside, and every line and the total shown.
struct StatementTests {
    static func statement(org: String, plan: String = "growth", lines extra: [InvoiceLine] = []) -> OrgStatement {
        let usage = InvoiceLine(kind: .usage, version: .v2, description: "v2 units 1–3 at 0.10", quantity: 3,
                                unitPrice: Decimal(string: "0.10")!, amount: Decimal(string: "0.30")!)
        let total = Decimal(string: "0.30")! + extra.reduce(Decimal(0)) { $0 + $1.amount }
        let lines = [usage] + extra + [InvoiceLine(kind: .total, version: nil, description: "total", quantity: 3, unitPrice: nil, amount: total)]
        let month = "2026-02"
        let daily = (1...28).map { (day: String(format: "2026-02-%02d", $0), generations: $0 == 3 ? 3 : 0) }
        return OrgStatement(
            statement: Statement(month: month, orgId: org, planName: plan, lines: lines, subtotal: total, minimumTopUp: 0, total: total),
            currency: Currency(isoCode: "USD")!, bounds: MonthText.bounds(month)!, events402: nil, daily: daily,
            files: [MonthData.SourceFile(path: "logs/<b>.jsonl", sha256: String(repeating: "ab", count: 32), linesRead: 3, accepted: 3, duplicates: 0, rejected: 0)],
            pricingFile: "pricing.yaml", pricingSHA256: String(repeating: "cd", count: 32))
    }

    @Test(arguments: [
        ("org_acme", "org_acme"), ("A-Z.09_x", "A-Z.09_x"), ("org/a", "org%2Fa"), ("<script>", "%3Cscript%3E"),
        (".hidden", "%2Ehidden"), ("..", "%2E."), ("a b%", "a%20b%25"), ("é", "%C3%A9"), ("", ""),
    ])
    func fileNamesEncodeEveryByteOutsideTheSafeSet(org: String, stem: String) {
        #expect(StatementFileName.stem(for: org) == stem)
    }

    @Test func aVeryLongOrgIdGetsAShortNameEndingInItsHash() {
        let long = String(repeating: "é", count: 300)
        let stem = StatementFileName.stem(for: long)
        #expect(stem.utf8.count <= StatementFileName.longestStem)
        #expect(stem.hasSuffix("~" + SHA256.hex(SHA256.hash(Data(long.utf8))).prefix(16)))
        #expect(!stem.dropLast(17).hasSuffix("%") && !stem.dropLast(17).dropLast().hasSuffix("%"), "no %XX cut in two")
        #expect(StatementFileName.stem(for: long + "x") != stem)
    }

    @Test func anOrgIdLikeScriptStaysTextInTheHTML() {
        let html = StatementHTML.render(Self.statement(org: "<script>alert('x')</script>", plan: "\"><img src=x>"))
        #expect(!html.localizedCaseInsensitiveContains("<script"))
        #expect(!html.localizedCaseInsensitiveContains("<img"))
        #expect(html.contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>"))
        #expect(html.contains("&quot;&gt;&lt;img src=x&gt;"))
        #expect(html.contains("logs/&lt;b&gt;.jsonl"))
    }

    @Test func controlCharactersAndBidiOverridesAreShownNotObeyed() {
        let html = StatementHTML.render(Self.statement(org: "org\u{202E}evil\u{1B}[2J"))
        #expect(!html.unicodeScalars.contains("\u{202E}"))
        #expect(!html.unicodeScalars.contains("\u{1B}"))
        #expect(html.contains("org\\u{202e}evil"))
    }

    @Test func everyLineKindIsShownWithQuantityUnitPriceAndAmount() {
        let fee = InvoiceLine(kind: .minimum, version: nil, description: "monthly minimum 25.00 top-up", quantity: 0, unitPrice: nil,
                              amount: Decimal(string: "24.70")!)
        let s = Self.statement(org: "org_a", lines: [fee])
        let html = StatementHTML.render(s)
        #expect(html.contains("<tr><td>usage</td><td class=\"version\">v2</td><td>v2 units 1–3 at 0.10</td><td class=\"num\">3</td><td class=\"num\">0.10</td><td class=\"num\">0.30</td></tr>"))
        #expect(html.contains("<tr><td>minimum</td><td class=\"version\"></td><td>monthly minimum 25.00 top-up</td><td class=\"num\">0</td><td class=\"num\"></td><td class=\"num\">24.70</td></tr>"))
        #expect(html.contains("<p class=\"amount\">25.00 USD</p>"))
        #expect(html.contains("2026-02-01T00:00:00Z to 2026-03-01T00:00:00Z"))
        let markdown = StatementMarkdown.render(s)
        #expect(markdown.contains("**Total due: 25.00 USD**"))
        #expect(markdown.contains("| minimum |"))
        #expect(markdown.contains("(UTC, from 2026-02-01T00:00:00Z to 2026-03-01T00:00:00Z)"))
    }

    @Test func thePageLoadsNothingAndPrintsWithoutSplittingRows() {
        let html = StatementHTML.render(Self.statement(org: "org_a"))
        for banned in ["<script", "src=", "url(", "@import", "<link", "http:", "https:", "<iframe", "<object", "<embed"] {
            #expect(!html.localizedCaseInsensitiveContains(banned), "\(banned)")
        }
        #expect(html.contains("@page {"))
        #expect(html.contains("@media print"))
        #expect(html.contains("break-inside: avoid"))
        #expect(html.contains("<svg viewBox="))
    }

    @Test func theChartHasABarPerDayScaledInWholeNumbers() {
        let daily = [(day: "2026-02-01", generations: 10), (day: "2026-02-02", generations: 5), (day: "2026-02-03", generations: 0)]
        let svg = StatementChart.svg(daily, month: "2026-02")
        #expect(svg.components(separatedBy: "<rect ").count == 4)
        let plot = StatementChart.height - StatementChart.top - StatementChart.bottom
        #expect(svg.contains("height=\"\(plot)\"><title>2026-02-01: 10 billed generations</title>"))
        #expect(svg.contains("height=\"\(plot / 2)\"><title>2026-02-02: 5 billed generations</title>"))
        #expect(svg.contains("height=\"0\"><title>2026-02-03: 0 billed generations</title>"))
        #expect(!svg.contains("."), "no fractional coordinate")
    }

    @Test func theDemoWritesOneStatementPairPerOrgWithItsTotal() throws {
        let demo = try DemoOutput.shared.get()
        let report = try JSONSerialization.jsonObject(with: Data(demo.text("report.json").utf8)) as? [String: Any]
        let statementsJSON = try #require(report?["statements"] as? [[String: Any]])
        let statements = demo.month.appendingPathComponent("statements").path
        let names = try FileManager.default.contentsOfDirectory(atPath: statements).sorted()
        let orgs = statementsJSON.map { $0["org_id"] as? String ?? "" }
        #expect(orgs.count >= 10)
        #expect(names == orgs.flatMap { [StatementFileName.stem(for: $0) + ".html", StatementFileName.stem(for: $0) + ".md"] }.sorted())
        let lines = try demo.csv("invoice_lines.csv")
        for org in orgs {
            let stem = StatementFileName.stem(for: org)
            let html = try String(contentsOfFile: statements + "/" + stem + ".html", encoding: .utf8)
            let total = try #require(lines.first { $0["org_id"] == org && $0["line"] == "total" }?["amount"])
            #expect(html.contains("<p class=\"amount\">\(total) USD</p>"))
            for banned in ["<script", "src=", "url(", "@import", "<link", "http:", "https:"] {
                #expect(!html.localizedCaseInsensitiveContains(banned), "\(banned) in \(stem).html")
            }
            for line in lines where line["org_id"] == org && line["line"] != "total" {
                #expect(html.contains("<td>\(HTMLText.escape(line["description"]!))</td><td class=\"num\">\(line["quantity"]!)</td><td class=\"num\">\(line["unit_price"]!)</td><td class=\"num\">\(line["amount"]!)</td>"))
            }
            let markdown = try String(contentsOfFile: statements + "/" + stem + ".md", encoding: .utf8)
            #expect(markdown.contains("**Total due: \(total) USD**"))
        }
    }
}
