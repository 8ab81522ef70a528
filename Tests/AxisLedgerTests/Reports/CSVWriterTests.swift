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

    /// Swift compares `Character`s, whole graphemes: `=` followed by a
    /// combining mark, a joiner or a variation selector is one Character that
    /// is not `=`, and CRLF is one Character that is not CR. A spreadsheet
    /// reads the first code point, so the guard must too.
    @Test(arguments: [
        ("=\u{301}1+1", "'=\u{301}1+1"),
        ("=\u{200D}SUM(A1)", "'=\u{200D}SUM(A1)"),
        ("=\u{FE0F}cmd", "'=\u{FE0F}cmd"),
        ("=\u{20DD}x", "'=\u{20DD}x"),
        ("+\u{301}1", "'+\u{301}1"),
        ("-\u{301}2", "'-\u{301}2"),
        ("@\u{301}SUM(A1)", "'@\u{301}SUM(A1)"),
        ("\t\u{301}x", "'\t\u{301}x"),
        ("\r\n=cmd", "\"'\r\n=cmd\""),
        ("\r\u{301}x", "\"'\r\u{301}x\""),
        ("e\u{301}=", "e\u{301}="),
    ])
    func theFormulaGuardLooksAtTheFirstUnicodeScalarNotTheFirstGrapheme(_ text: String, _ expected: String) {
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
