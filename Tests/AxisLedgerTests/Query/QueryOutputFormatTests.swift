import Testing
@testable import AxisLedger

struct QueryOutputFormatTests {
    /// One value of every kind, plus text that needs care in each format.
    static let mixed = QueryResult(
        columns: ["org_id", "generations", "ratio", "note", "hash"],
        rows: [
            [.text("org_acme"), .integer(12), .real(0.5), .text("-x, \"y\""), .blob([0x00, 0xff])],
            [.text("org_beta"), .integer(-3), .null, .text(""), .null],
        ])

    @Test func csvHasAHeaderTypedNumbersAndGuardedText() {
        let expected = [
            "org_id,generations,ratio,note,hash",
            "org_acme,12,0.5,\"'-x, \"\"y\"\"\",00ff",
            "org_beta,-3,,\"\",",
        ].map { $0 + "\r\n" }.joined()
        #expect(QueryOutputFormat.csv.render(Self.mixed) == expected)
    }

    @Test func jsonIsOneArrayOfObjectsInColumnOrder() {
        #expect(QueryOutputFormat.json.render(Self.mixed) == """
            [
              {"org_id": "org_acme", "generations": 12, "ratio": 0.5, "note": "-x, \\"y\\"", "hash": "00ff"},
              {"org_id": "org_beta", "generations": -3, "ratio": null, "note": "", "hash": null}
            ]

            """)
    }

    @Test func jsonEscapesControlCharactersAndMakesRepeatedKeysUnique() {
        let result = QueryResult(columns: ["a", "a", "a"], rows: [[.text("line\nnext\u{1}"), .text("\\"), .real(-.infinity)]])
        #expect(QueryOutputFormat.json.render(result) == """
            [
              {"a": "line\\nnext\\u0001", "a_2": "\\\\", "a_3": "-Infinity"}
            ]

            """)
    }

    @Test func jsonOfNoRowsIsAnEmptyArray() {
        #expect(QueryOutputFormat.json.render(QueryResult(columns: ["a"], rows: [])) == "[]\n")
        #expect(QueryOutputFormat.json.render(.empty) == "[]\n")
    }

    @Test func tableAlignsColumnsRightAlignsNumbersAndCountsRows() {
        #expect(QueryOutputFormat.table.render(Self.mixed) == """
            org_id    generations  ratio  note     hash
            --------  -----------  -----  -------  ----
            org_acme           12    0.5  -x, "y"  00ff
            org_beta           -3      ∅           ∅
            (2 rows)

            """)
    }

    @Test func tableKeepsEachValueOnOneLine() {
        let result = QueryResult(columns: ["prompt"], rows: [[.text("a\tb\r\nc")]])
        #expect(QueryOutputFormat.table.render(result) == """
            prompt
            ---------
            a\\tb\\r\\nc
            (1 row)

            """)
    }

    @Test func tableShowsC1ControlsAndBidiOverridesAsEscapes() {
        let result = QueryResult(columns: ["org\u{202E}"], rows: [[.text("\u{9B}31mred\u{1B}[0m \u{2066}x\u{2069}")]])
        let table = QueryOutputFormat.table.render(result)
        #expect(table.hasPrefix("org\\u{202e}\n"))
        #expect(table.contains("\\u{9b}31mred\\u{1b}[0m \\u{2066}x\\u{2069}"))
        #expect(!table.unicodeScalars.contains { $0 == "\u{9B}" || $0 == "\u{202E}" || $0 == "\u{1B}" || $0 == "\u{2066}" })
    }

    @Test func markdownShowsControlsAndBidiOverridesAsEscapesAndCSVAndJSONKeepThem() {
        let result = QueryResult(columns: ["v"], rows: [[.text("a\u{9B}b\u{202E}c")]])
        #expect(QueryOutputFormat.markdown.render(result).contains("a\\u{9b}b\\u{202e}c"))
        #expect(QueryOutputFormat.csv.render(result) == "v\r\na\u{9B}b\u{202E}c\r\n")
        #expect(QueryOutputFormat.json.render(result).contains("a\u{9B}b\u{202E}c"))
    }

    @Test func tableOfNoColumnsStillCountsRows() {
        #expect(QueryOutputFormat.table.render(.empty) == "(0 rows)\n")
    }

    @Test func decimalTextSuchAsMoneyIsRightAligned() {
        let result = QueryResult(columns: ["amount"], rows: [[.text("12.50")], [.text("3.00")], [.null]])
        #expect(result.isNumericColumn(0))
        #expect(!QueryResult(columns: ["x"], rows: [[.text("12.50")], [.text("n/a")]]).isNumericColumn(0))
        #expect(!QueryResult(columns: ["x"], rows: [[.null]]).isNumericColumn(0))
    }

    @Test func markdownIsATableWithNumbersRightAligned() {
        #expect(QueryOutputFormat.markdown.render(Self.mixed) == """
            | org_id   | generations | ratio | note     | hash |
            | -------- | ----------: | ----: | -------- | ---- |
            | org_acme |          12 |   0.5 | \\-x, "y" | 00ff |
            | org_beta |          -3 |     ∅ |          | ∅    |

            """)
    }

    @Test(arguments: [(true, QueryOutputFormat.table), (false, .csv)])
    func theDefaultIsATableOnATerminalElseCSV(_ isTerminal: Bool, _ expected: QueryOutputFormat) {
        #expect(QueryOutputFormat.standard(outputIsTerminal: isTerminal) == expected)
    }
}
