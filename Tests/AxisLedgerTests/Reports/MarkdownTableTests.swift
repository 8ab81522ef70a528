import Testing
@testable import AxisLedger

struct MarkdownTableTests {
    @Test func rendersAHeaderADelimiterRowAndPaddedCells() {
        let table = MarkdownTable.render(
            header: ["org", "generations", "note"],
            rows: [["org_acme", "12", "ok"], ["b", "3", "centred"]],
            alignments: [.left, .right, .center])
        #expect(table == """
            | org      | generations |  note   |
            | -------- | ----------: | :-----: |
            | org_acme |          12 |   ok    |
            | b        |           3 | centred |

            """)
    }

    @Test func shortRowsArePaddedAndMissingAlignmentsAreLeft() {
        #expect(MarkdownTable.render(header: ["a", "b"], rows: [["x"]], alignments: []) == """
            | a   | b   |
            | --- | --- |
            | x   |     |

            """)
    }

    @Test func noColumnsIsNoTable() {
        #expect(MarkdownTable.render(header: [], rows: [], alignments: []) == "")
    }

    @Test(arguments: [
        ("a|b", "a\\|b"),
        ("a\\|b", "a\\\\\\|b"),
        ("one\ntwo", "one<br>two"),
        ("one\r\ntwo\rthree", "one<br>two<br>three"),
        ("<script>", "\\<script\\>"),
        ("*bold* `code` [link] ~x~", "\\*bold\\* \\`code\\` \\[link\\] \\~x\\~"),
        ("org_acme", "org_acme"),
        ("_italic_", "\\_italic\\_"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("=== rule", "\\=== rule"),
        (": colon", "\\: colon"),
        ("-3", "-3"),
        ("-0.50", "-0.50"),
        ("a - b", "a - b"),
    ])
    func cellsShowTheirTextLiterally(_ text: String, _ expected: String) {
        #expect(MarkdownTable.escape(text) == expected)
    }

    /// report.md and `sql --format markdown` are read by people, often in a
    /// terminal (`cat`, `less -R`, a diff): controls and bidi overrides show as escapes.
    @Test(arguments: [
        ("logs\u{9B}31m.jsonl", "logs\\u{9b}31m.jsonl"),
        ("\u{1B}[2Jx", "\\u{1b}\\[2Jx"),
        ("a\u{7F}b\u{0}", "a\\u{7f}b\\u{0}"),
        ("tab\tx", "tab\\tx"),
        ("invoice\u{202E}fdp.jsonl", "invoice\\u{202e}fdp.jsonl"),
        ("\u{2066}org\u{2069}", "\\u{2066}org\\u{2069}"),
        ("\u{85}next", "\\u{85}next"),
    ])
    func controlCharactersAndBidiOverridesShowAsEscapes(_ text: String, _ expected: String) {
        #expect(MarkdownTable.escape(text) == expected)
    }

    @Test func aPipeInACellDoesNotAddAColumn() {
        let table = MarkdownTable.render(header: ["a|b"], rows: [["x|y"]], alignments: [.left])
        for line in table.split(separator: "\n") {
            let unescapedPipes = line.indices.filter { index in
                line[index] == "|" && (index == line.startIndex || line[line.index(before: index)] != "\\")
            }
            #expect(unescapedPipes.count == 2)
        }
    }
}
