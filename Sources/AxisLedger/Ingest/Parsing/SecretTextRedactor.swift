/// Finds secrets written inside free text and replaces them with `[redacted]`.
///
/// It is applied to every JSON string value, every CSV cell and, when a line is
/// not valid JSON, to the whole line. Three forms are recognised:
/// - `Bearer <token>` (any letter case) → `Bearer [redacted]`;
/// - `name=value` and `name: value` where the name is sensitive (``SecretNames``),
///   as in a query string `?api_key=…&x=1` or a header `X-Api-Key: …`; the value
///   may be quoted, and an auth scheme before it is kept (`Authorization: Basic [redacted]`);
/// - a password in a URL's user information (`https://user:[redacted]@host`).
///
/// Redaction is idempotent: a value that already reads `[redacted]` is left alone,
/// so a stored line ingested again comes back byte-identical.
enum SecretTextRedactor {
    static let marker = Array("[redacted]".utf8)
    private static let bearer = Array("bearer".utf8)
    private static let schemes: [[UInt8]] = ["bearer", "basic", "digest", "token", "negotiate", "apikey"].map { Array($0.utf8) }

    /// The text with its secrets redacted, or nil when it has none (the caller keeps its bytes).
    static func redact(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        var edits: [(range: Range<Int>, replacement: [UInt8])] = []
        var index = text.startIndex
        var lastEditEnd = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte | 0x20 == UInt8(ascii: "b"), let token = bearerToken(in: text, at: index) {
                if isRedacted(text, at: token.lowerBound) {
                    index = token.lowerBound + marker.count
                } else {
                    edits.append((token, marker))
                    index = max(token.upperBound, index + 1)
                }
                lastEditEnd = index
            } else if byte == .equals || byte == .colon,
                      let name = nameBefore(index, in: text, notBefore: lastEditEnd) {
                if byte == .colon, let password = userInfoPassword(after: index, nameStart: name.lowerBound, in: text) {
                    if !isRedacted(text, at: password.lowerBound) { edits.append((password, marker)) }
                    index = password.upperBound
                    lastEditEnd = index
                } else if SecretNames.isSensitive(text[name]), let value = valueEdit(after: index, in: text) {
                    if let edit = value.edit { edits.append(edit) }
                    index = max(value.end, index + 1)
                    lastEditEnd = index
                } else {
                    index += 1
                }
            } else {
                index += 1
            }
        }
        guard !edits.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var copied = text.startIndex
        for edit in edits {
            out += text[copied..<edit.range.lowerBound]
            out += edit.replacement
            copied = edit.range.upperBound
        }
        out += text[copied...]
        return out
    }

    /// Whether `[redacted]` is written at `index`: the value was redacted before.
    private static func isRedacted(_ text: ArraySlice<UInt8>, at index: Int) -> Bool {
        text[index...].starts(with: marker)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte.isDigit || byte == .minus || byte == .underscore || byte == .dot
    }

    /// Bytes that end an unquoted value or token.
    private static func endsValue(_ byte: UInt8) -> Bool {
        switch byte {
        case .space, .tab, .lineFeed, .carriageReturn, .quote, .apostrophe, .comma, UInt8(ascii: ";"),
             UInt8(ascii: "&"), .hash, UInt8(ascii: "<"), UInt8(ascii: ">"), .closeBrace, .closeBracket, UInt8(ascii: ")"):
            return true
        default:
            return byte < 0x20
        }
    }

    /// The token after `Bearer` + blanks at `index`, when the word starts there.
    private static func bearerToken(in text: ArraySlice<UInt8>, at index: Int) -> Range<Int>? {
        guard text.endIndex - index > bearer.count,
              index == text.startIndex || !isNameByte(text[index - 1]) else { return nil }
        for offset in 0..<bearer.count where text[index + offset].asciiLowercased != bearer[offset] { return nil }
        var cursor = index + bearer.count
        guard text[cursor] == .space || text[cursor] == .tab else { return nil }
        while cursor < text.endIndex, text[cursor] == .space || text[cursor] == .tab { cursor += 1 }
        let start = cursor
        while cursor < text.endIndex, !endsValue(text[cursor]) { cursor += 1 }
        return start < cursor ? start..<cursor : nil
    }

    /// The name just before a `=` or `:` at `index`: blanks and one quote may sit between.
    private static func nameBefore(_ index: Int, in text: ArraySlice<UInt8>, notBefore floor: Int) -> Range<Int>? {
        var cursor = index
        while cursor > floor, text[cursor - 1] == .space || text[cursor - 1] == .tab { cursor -= 1 }
        if cursor > floor, text[cursor - 1] == .quote || text[cursor - 1] == .apostrophe { cursor -= 1 }
        let end = cursor
        while cursor > floor, isNameByte(text[cursor - 1]) { cursor -= 1 }
        return cursor < end ? cursor..<end : nil
    }

    /// `//user:password@`: the password, when the name before the colon follows `//`.
    private static func userInfoPassword(after colon: Int, nameStart: Int, in text: ArraySlice<UInt8>) -> Range<Int>? {
        guard nameStart - text.startIndex >= 2, text[nameStart - 1] == .slash, text[nameStart - 2] == .slash else { return nil }
        var cursor = colon + 1
        while cursor < text.endIndex {
            let byte = text[cursor]
            if byte == UInt8(ascii: "@") { return colon + 1 < cursor ? colon + 1..<cursor : nil }
            if byte == .slash || byte == .questionMark || endsValue(byte) { return nil }
            cursor += 1
        }
        return nil
    }

    /// What to replace after a sensitive `name=` or `name:`, and where scanning resumes.
    private static func valueEdit(after delimiter: Int, in text: ArraySlice<UInt8>) -> (edit: (range: Range<Int>, replacement: [UInt8])?, end: Int)? {
        var cursor = delimiter + 1
        while cursor < text.endIndex, text[cursor] == .space || text[cursor] == .tab { cursor += 1 }
        guard cursor < text.endIndex else { return nil }
        if isRedacted(text, at: cursor) { return (nil, cursor + marker.count) }
        let first = text[cursor]
        if first == .quote || first == .apostrophe {
            let start = cursor + 1
            var end = start
            while end < text.endIndex, text[end] != first {
                end += text[end] == .backslash ? 2 : 1
            }
            end = min(end, text.endIndex)
            let content = start..<end
            let resume = min(end + 1, text.endIndex)
            if content.isEmpty || isRedacted(text, at: start) { return (nil, resume) }
            return ((content, marker), resume)
        }
        if first == .openBrace || first == .openBracket {
            let end = matchingBracket(from: cursor, in: text)
            return ((cursor..<end, [.quote] + marker + [.quote]), end)
        }
        let start = cursor
        while cursor < text.endIndex, !endsValue(text[cursor]) { cursor += 1 }
        guard start < cursor else { return nil }
        // `Basic dXNlcjpwYXNz`: keep the scheme, redact the credentials after it.
        let word = text[start..<cursor]
        if schemes.contains(where: { $0.count == word.count && zip($0, word).allSatisfy { $0 == $1.asciiLowercased } }) {
            var next = cursor
            while next < text.endIndex, text[next] == .space || text[next] == .tab { next += 1 }
            let credentialStart = next
            while next < text.endIndex, !endsValue(text[next]) { next += 1 }
            if credentialStart < next, next > cursor {
                if isRedacted(text, at: credentialStart) { return (nil, credentialStart + marker.count) }
                return ((credentialStart..<next, marker), next)
            }
        }
        return ((start..<cursor, marker), cursor)
    }

    /// One past the bracket closing the one at `open` (strings skipped), or the end of the text.
    private static func matchingBracket(from open: Int, in text: ArraySlice<UInt8>) -> Int {
        var depth = 0
        var cursor = open
        var inString = false
        while cursor < text.endIndex {
            let byte = text[cursor]
            if inString {
                if byte == .backslash { cursor += 1 } else if byte == .quote { inString = false }
            } else if byte == .quote {
                inString = true
            } else if byte == .openBrace || byte == .openBracket {
                depth += 1
            } else if byte == .closeBrace || byte == .closeBracket {
                depth -= 1
                if depth == 0 { return cursor + 1 }
            }
            cursor += 1
        }
        return text.endIndex
    }
}
