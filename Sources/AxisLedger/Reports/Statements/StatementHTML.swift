/// `statements/ORG.html`: one org's statement as a page to open, print or
/// send. One self-contained file: the style is inline, the chart is inline
/// SVG, and nothing is loaded from anywhere (no scripts, no `src`, `url()`,
/// `@import` or `<link>`), so it shows the same offline, in a mail client's
/// preview or years later. It prints to A4 and Letter alike (margins only,
/// no fixed page size; rows and sections never split across pages).
/// Every value is escaped for HTML (``HTMLText``). The bytes depend only on
/// the statement.
enum StatementHTML {
    static func render(_ s: OrgStatement) -> String {
        let org = HTMLText.escape(s.orgId)
        let code = HTMLText.escape(s.currency.code)
        let total = HTMLText.escape(s.money(s.statement.total))
        let generations = s.statement.lines.last { $0.kind == .total }?.quantity ?? s.totalGenerations
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Statement for \(org), \(s.month)</title>
            <style>
            \(style)</style>
            </head>
            <body>
            <main>
            <header>
            <p class="kind">Usage statement</p>
            <h1>\(org)</h1>
            <dl>
            <dt>Month</dt><dd>\(s.month)</dd>
            <dt>Period (UTC)</dt><dd>\(s.bounds.start) to \(s.bounds.end)\(s.localMonth.map { " (month \(HTMLText.escape($0.month)) in \(HTMLText.escape($0.timeZone)))" } ?? "")</dd>
            <dt>Plan</dt><dd>\(HTMLText.escape(s.statement.planName))</dd>
            <dt>Billed generations</dt><dd>\(generations)</dd>
            </dl>
            </header>
            <section class="due">
            <p>Total due</p>
            <p class="amount">\(total) \(code)</p>
            </section>
            <section>
            <h2>Lines</h2>
            <table class="lines">
            <thead><tr><th>Line</th><th>Version</th><th>Description</th><th class="num">Quantity</th><th class="num">Unit price (\(code))</th><th class="num">Amount (\(code))</th></tr></thead>
            <tbody>

            """
        for line in s.chargeLines {
            out += "<tr><td>\(HTMLText.escape(line.kind.rawValue))</td><td class=\"version\">\(HTMLText.escape(line.version?.rawValue ?? ""))</td>"
                + "<td>\(HTMLText.escape(line.description))</td><td class=\"num\">\(line.quantity)</td>"
                + "<td class=\"num\">\(HTMLText.escape(s.unitPrice(line.unitPrice)))</td><td class=\"num\">\(HTMLText.escape(s.money(line.amount)))</td></tr>\n"
        }
        out += """
            </tbody>
            <tfoot><tr><th colspan="5">Total due</th><td class="num">\(total)</td></tr></tfoot>
            </table>
            </section>

            """
        if let credits = s.credits, let table = Optional(CreditTable(credits, currency: s.currency)), !table.isEmpty {
            out += "<section>\n<h2>Prepaid credits</h2>\n"
            if table.rows.isEmpty {
                out += "<p>No grant pays for this month.</p>\n"
            } else {
                out += "<table>\n<thead><tr>" + table.header.enumerated().map { index, name in
                    "<th\(index == 0 || index == 4 ? "" : " class=\"num\"")>\(HTMLText.escape(name))</th>"
                }.joined() + "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    out += "<tr>" + row.enumerated().map { index, cell in
                        "<td\(index == 0 || index == 4 ? "" : " class=\"num\"")>\(HTMLText.escape(cell))</td>"
                    }.joined() + "</tr>\n"
                }
                out += "</tbody>\n</table>\n"
            }
            for sentence in table.lapses { out += "<p class=\"note\">\(HTMLText.escape(sentence))</p>\n" }
            out += "</section>\n"
        }
        out += """
            <section>
            <h2>402 insufficient_balance events</h2>

            """
        if let events = s.events402 {
            let recovered = events.recoveredAt.map { "yes, billed again at \(HTMLText.escape($0))" } ?? "no, not in this month"
            out += """
                <table>
                <thead><tr><th class="num">Events</th><th>First</th><th>Last</th><th class="num">Longest streak</th><th>Recovered</th></tr></thead>
                <tbody><tr><td class="num">\(events.events)</td><td class="time">\(HTMLText.escape(events.first))</td><td class="time">\(HTMLText.escape(events.last))</td><td class="num">\(events.longestStreak)</td><td>\(recovered)</td></tr></tbody>
                </table>
                <p class="note">A streak is a run of 402s with no billed generation of the org between them.</p>

                """
        } else {
            out += "<p>None this month.</p>\n"
        }
        out += """
            </section>
            <section>
            <h2>Billed generations per day (\(HTMLText.escape(s.zoneName)))</h2>
            \(StatementChart.svg(s.daily, month: s.month))
            </section>
            <footer>
            <p>Ledger files: \(s.files.isEmpty ? "none" : s.files.map { "\(HTMLText.escape($0.path)) (SHA-256 \(HTMLText.escape(OrgStatement.short($0.sha256))))" }.joined(separator: ", ")).</p>
            <p>Pricing: \(HTMLText.escape(s.pricingFile)) (SHA-256 \(HTMLText.escape(OrgStatement.short(s.pricingSHA256)))). Amounts are rounded half up to the currency's minor unit on each line.</p>
            </footer>
            </main>
            </body>
            </html>

            """
        return out
    }

    static let style = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f4f5f7; color: #1d2330; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 52rem; margin: 2rem auto; padding: 2rem 2.5rem; background: #fff; border: 1px solid #dde1e8; border-radius: 6px; }
        header { border-bottom: 2px solid #1d2330; padding-bottom: 1rem; }
        .kind { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; color: #5b6475; }
        h1 { margin: .2rem 0 .8rem; font-size: 1.7rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.1rem; margin: 1.6rem 0 .6rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.2rem; margin: 0; }
        dt { color: #5b6475; }
        dd { margin: 0; overflow-wrap: anywhere; }
        .due { display: flex; justify-content: space-between; align-items: baseline; margin-top: 1.2rem; padding: .8rem 1rem; background: #eef2f8; border-radius: 4px; }
        .due p { margin: 0; font-weight: 600; }
        .due .amount { font-size: 1.5rem; font-variant-numeric: tabular-nums; }
        table { width: 100%; border-collapse: collapse; font-size: .9rem; }
        th, td { padding: .35rem .5rem; border-bottom: 1px solid #dde1e8; text-align: left; vertical-align: top; }
        th { white-space: nowrap; }
        td { overflow-wrap: anywhere; }
        td:first-child, td.version, td.time { white-space: nowrap; }
        thead th { border-bottom: 2px solid #aab1bf; font-weight: 600; }
        tfoot th, tfoot td { border-top: 2px solid #1d2330; border-bottom: none; font-weight: 700; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .note { color: #5b6475; font-size: .85rem; }
        svg { display: block; width: 100%; height: auto; }
        svg .bar { fill: #3d6fb6; }
        svg .axis { stroke: #aab1bf; stroke-width: 1; }
        svg text { fill: #5b6475; font-size: 10px; font-family: inherit; }
        footer { margin-top: 2rem; padding-top: .8rem; border-top: 1px solid #dde1e8; color: #5b6475; font-size: .8rem; overflow-wrap: anywhere; }
        footer p { margin: .2rem 0; }
        @page { margin: 14mm; }
        @media print {
          body { background: #fff; font-size: 10pt; }
          main { max-width: none; margin: 0; padding: 0; border: none; }
          .due { background: none; border: 1px solid #1d2330; }
          section, tr, .due, svg, footer { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          svg { height: 45mm; }
        }

        """
}

/// Text made safe inside HTML elements and quoted attributes: `&`, `<`,
/// `>`, `"` and `'` as entities, and control characters and bidirectional
/// overrides shown as `\u{…}` (``TerminalText``), so an org id such as
/// `<script>` is shown as text and cannot reorder what is around it.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if TerminalText.isUnsafe(scalar) || scalar == "\n" || scalar == "\r" {
                    out += TerminalText.escape(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
