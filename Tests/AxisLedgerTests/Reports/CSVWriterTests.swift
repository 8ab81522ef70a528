import Testing
@testable import AxisLedger

struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("crlf\r\nline", "\"crlf\r\nline\""),
        ("né 🎨", "né 🎨"),
    ])
    func fieldsWithSeparatorsQuotesOrLineBreaksAreQuoted(_ text: String, _ expected: String) {
        #expect(CSVWriter.row([CSVCell.text(text)]) == expected + "\r\n")
    }

    @Test(arguments: [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "\"'\rreturn\""),
        ("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""),
        ("a=b", "a=b"),
    ])
    func textThatASpreadsheetWouldEvaluateIsPrefixedWithAQuote(_ text: String, _ expected: String) {
        #expect(CSVWriter.row([CSVCell.text(text)]) == expected + "\r\n")
    }

    @Test(arguments: ["-3", "-0.50", "+7", "12"])
    func numbersAreNeverGuarded(_ number: String) {
        #expect(CSVWriter.row([CSVCell.number(number)]) == number + "\r\n")
    }

    @Test func nullIsAnEmptyFieldAndEmptyTextIsQuoted() {
        #expect(CSVWriter.row([.null, .text(""), .number("1")]) == ",\"\",1\r\n")
    }

    @Test func allTextRowsWriteEmptyStringsAsEmptyFieldsAndGuardText() {
        #expect(CSVWriter.row(["org_acme", "", "-x", "2025-01"]) == "org_acme,,'-x,2025-01\r\n")
    }

    @Test func aDocumentIsItsRecordsEachEndingWithCRLF() {
        #expect(CSVWriter.document([[.text("a")], [.number("1")]]) == "a\r\n1\r\n")
        #expect(CSVWriter.row([CSVCell]()) == "\r\n")
    }
}
