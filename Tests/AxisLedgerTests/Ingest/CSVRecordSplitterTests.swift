import Testing
@testable import AxisLedger

/// The CSV record splitter: records rejoined with their own line breaks, and capped.
struct CSVRecordSplitterTests {
    @Test(arguments: [
        ([("\"a", LineEnding.carriageReturnLineFeed), ("b\"", .carriageReturnLineFeed)], "\"a\r\nb\""),
        ([("\"a", .lineFeed), ("b\"", .carriageReturnLineFeed)], "\"a\nb\""),
        ([("\"a", .carriageReturnLineFeed), ("", .lineFeed), ("b\",c", .endOfInput)], "\"a\r\n\nb\",c"),
    ])
    func linesAreRejoinedWithTheLineBreaksTheyHad(lines: [(String, LineEnding)], text: String) {
        var splitter = CSVRecordSplitter()
        for (index, (line, ending)) in lines.enumerated() {
            let complete = splitter.append(Array(line.utf8), endedBy: ending)
            #expect(complete == (index == lines.count - 1))
        }
        #expect(splitter.text == Array(text.utf8))
        #expect(splitter.length == text.utf8.count)
    }

    @Test func aRecordOverTheLimitKeepsItsPrefixAndStillFindsItsClosingQuote() {
        var splitter = CSVRecordSplitter()
        let line = [UInt8](repeating: UInt8(ascii: "x"), count: 6 * 1024 * 1024)
        let first = splitter.append(Array("a,\"b".utf8) + line)
        #expect(!first)
        let second = splitter.append(line)
        #expect(!second)
        #expect(!splitter.isCut)
        let third = splitter.append(line)
        #expect(!third)
        #expect(splitter.isCut)
        #expect(splitter.text.count == CSVRecordSplitter.keptPrefix)
        let closing = splitter.append(Array("\",c".utf8))
        #expect(closing)
        #expect(splitter.length == 4 + 3 * line.count + 3 + 3)
        #expect(splitter.fieldCount == 3)
        // The fields in the prefix: the first whole, the second cut at the prefix's end.
        #expect(splitter.keptFields(includingOpen: false) == [0..<1, 2..<CSVRecordSplitter.keptPrefix])
    }

    @Test func aRecordWithTooManyFieldsKeepsItsPrefixAndCountsThemAll() {
        var splitter = CSVRecordSplitter()
        let commas = splitter.append([UInt8](repeating: UInt8(ascii: ","), count: 20_000))
        #expect(commas)
        #expect(splitter.hasTooManyFields && splitter.isCut)
        #expect(splitter.fieldCount == 20_001)
        #expect(splitter.fields.count == CSVRecordSplitter.maximumFields)
        #expect(splitter.text.count == CSVRecordSplitter.keptPrefix)
    }

    @Test func theRecordLimitIsTheLineLimit() {
        #expect(CSVRecordSplitter.maximumLength == LineReader.maximumLineLength)
        #expect(CSVRecordSplitter.keptPrefix == LineReader.keptPrefixOfLongLine)
    }
}
