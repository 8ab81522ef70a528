/// Text for a person to read, usually in a terminal, with every character
/// that could drive or deceive the terminal written as a visible escape.
///
/// Values come from customers' traffic and file names from wherever the
/// files came from: a C1 control such as CSI (U+009B) or an ESC sequence
/// can move the cursor, rewrite the screen or set a link's target, and a
/// bidirectional override (U+202E) can make `invoice‮fdp.jsonl` read as
/// something else (Trojan Source). So everything printed for people
/// (`ingest`, `verify`, `report`, error messages, `sql --format table`, and
/// report.md and `sql --format markdown`, which people read too) shows these
/// as `\u{9b}`, `\u{202e}` (lowercase hex, as Swift writes them), and LF, CR
/// and tab as `\n`, `\r`, `\t`. Outputs for programs (CSV, JSON) keep the
/// exact values.
///
/// Escaped: C0 controls U+0000–U+001F, DEL U+007F, C1 controls
/// U+0080–U+009F, the bidirectional embeddings and overrides U+202A–U+202E,
/// isolates U+2066–U+2069, and the marks U+200E, U+200F and U+061C.
public enum TerminalText {
    /// `text` on one line: every unsafe character, line breaks included, escaped.
    public static func escaped(_ text: String) -> String {
        escape(text, keepingLineBreaks: false)
    }

    /// `text` with its line feeds kept (a message of several lines) and every
    /// other unsafe character escaped; a CR is escaped too, so no line can be
    /// overwritten.
    public static func escapedKeepingLineBreaks(_ text: String) -> String {
        escape(text, keepingLineBreaks: true)
    }

    /// Whether `scalar` is shown as an escape.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    /// The visible form of an unsafe scalar: `\n`, `\r`, `\t`, else `\u{hex}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{\(String(scalar.value, radix: 16))}"
        }
    }

    private static func escape(_ text: String, keepingLineBreaks: Bool) -> String {
        // Most text holds nothing to escape: return it as it is.
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var shown = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar), !(keepingLineBreaks && scalar == "\n") {
                shown.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                shown.append(scalar)
            }
        }
        return String(shown)
    }
}
