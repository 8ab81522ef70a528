/// Finds secrets written inside free text and replaces them with `[redacted]`.
///
/// It is applied to every JSON string value, every CSV cell, every CSV header cell
/// quoted in a message and, when a line is not valid JSON, to the whole line
/// (docs/input-formats.md lists the rules with examples):
/// - a well-known token format anywhere (``SecretTokenFormat``: `sk-…`, `ghp_…`, `AIza…`, JWTs…);
/// - `Bearer <token>` (any letter case), the token bare or quoted → `Bearer [redacted]`;
/// - `name=value` and `name: value` where the name is sensitive (``SecretNames``; `key`
///   too before `=`), as in a query string `?api_key=…&x=1` or a header `X-Api-Key: …`;
///   the name and the value may be quoted, an auth scheme before the value is kept
///   (`Authorization: Basic [redacted]`, `Basic '[redacted]'`);
/// - a header pair written as JSON text: `"X-Api-Key","…"` and `"name":"X-Api-Key","value":"…"`;
/// - a URL's user information: the password (`https://user:[redacted]@host`, also with an
///   empty user) and a user that is a token or 20 characters or more (`https://[redacted]@host`).
///
/// Text holding a backslash is read through its JSON escapes (``JSONEscapedText``), so
/// `Author\u0069zation: …` and `Bearer\u0020…` in a line that is not valid JSON are found too.
///
/// Redaction is idempotent: a value that already reads `[redacted]` is left alone, and
/// `[redacted]` matches no rule, so a stored line ingested again comes back byte-identical.
/// The scan is one pass over the text (look-backs are bounded) and allocates only when
/// it redacts something or the text has escapes.
enum SecretTextRedactor {
    static let marker = Array("[redacted]".utf8)
    static let quotedMarker = [UInt8.quote] + marker + [.quote]

    /// A range of the text to replace, by `[redacted]` or, for a bracketed value, by `"[redacted]"`.
    struct Edit {
        var range: Range<Int>
        var quoted = false
    }

    /// The text with its secrets redacted, or nil when it has none (the caller keeps its bytes).
    static func redact(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        text.withUnsafeBufferPointer { bytes in
            let edits = bytes.contains(.backslash) ? JSONEscapedText(bytes).edits() : SecretTextScanner(text: bytes).edits()
            return edits.isEmpty ? nil : apply(edits, to: bytes)
        }
    }

    /// The text with its secrets redacted, for messages that quote input (a CSV header cell, a path).
    static func redact(_ text: String) -> String {
        guard let redacted = redact(Array(text.utf8)[...]) else { return text }
        return String(decoding: redacted, as: UTF8.self)
    }

    /// Whether `[redacted]` is written at `index`: the value was redacted before.
    static func isRedacted(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index >= 0, text.count - index >= marker.count else { return false }
        for offset in 0..<marker.count where text[index + offset] != marker[offset] { return false }
        return true
    }

    private static func apply(_ edits: [Edit], to text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var copied = 0
        for edit in edits {
            out += UnsafeBufferPointer(rebasing: text[copied..<edit.range.lowerBound])
            out += edit.quoted ? quotedMarker : marker
            copied = edit.range.upperBound
        }
        out += UnsafeBufferPointer(rebasing: text[copied...])
        return out
    }
}
