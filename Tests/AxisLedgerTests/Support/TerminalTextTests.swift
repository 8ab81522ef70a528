import Testing
@testable import AxisLedger

/// What axis-ledger prints for people shows every control character and
/// bidirectional override as an escape, so a value from customers' traffic
/// or a file's name cannot drive the terminal (CSI, OSC, cursor moves) or
/// reorder what is shown (Trojan Source).
struct TerminalTextTests {
    @Test(arguments: [
        ("\u{9B}31mred", "\\u{9b}31mred"),
        ("\u{1B}[2J", "\\u{1b}[2J"),
        ("\u{1B}]8;;http://evil.example\u{7}link", "\\u{1b}]8;;http://evil.example\\u{7}link"),
        ("del\u{7F}", "del\\u{7f}"),
        ("\u{80}\u{85}\u{9F}", "\\u{80}\\u{85}\\u{9f}"),
        ("nul\u{0}", "nul\\u{0}"),
        ("two\nlines", "two\\nlines"),
        ("cr\rback", "cr\\rback"),
        ("tab\there", "tab\\there"),
        ("invoice\u{202E}fdp.exe", "invoice\\u{202e}fdp.exe"),
        ("\u{202A}\u{202B}\u{202C}\u{202D}", "\\u{202a}\\u{202b}\\u{202c}\\u{202d}"),
        ("\u{2066}\u{2067}\u{2068}\u{2069}", "\\u{2066}\\u{2067}\\u{2068}\\u{2069}"),
        ("\u{200E}\u{200F}\u{61C}", "\\u{200e}\\u{200f}\\u{61c}"),
        ("org_acme né 🎨 日本 e\u{301}", "org_acme né 🎨 日本 e\u{301}"),
    ])
    func controlCharactersAndBidiOverridesAreShownAsEscapes(_ text: String, _ expected: String) {
        #expect(TerminalText.escaped(text) == expected)
    }

    @Test func aMessageKeepsItsOwnLineBreaksAndEscapesEverythingElse() {
        #expect(TerminalText.escapedKeepingLineBreaks("file \u{9B}1m.jsonl: 3 lines\n  line 2: bad \u{202E}x\r\n")
            == "file \\u{9b}1m.jsonl: 3 lines\n  line 2: bad \\u{202e}x\\r\n")
    }
}
