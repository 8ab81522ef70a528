/// One left-to-right pass of ``SecretTextRedactor``'s rules over a text: where each
/// secret is, as ``SecretTextRedactor/Edit``s in order, none overlapping.
///
/// Each rule starts at a byte that triggers it (a letter starting a word, `//`, `=`
/// or `:`, a comma) and resumes the scan after what it consumed; look-backs for a
/// name stop at the previous edit and at ``longestQuotedName`` bytes, so the pass
/// stays linear in the length of the text.
struct SecretTextScanner {
    let text: UnsafeBufferPointer<UInt8>
    private var found: [SecretTextRedactor.Edit] = []
    /// Nothing before this index may be read as a name: it was redacted or consumed.
    private var floor = 0

    /// A quoted name (`"API Key"`) is looked for at most this far back.
    static let longestQuotedName = 64
    private static let schemes: [StaticString] = ["bearer", "basic", "digest", "token", "negotiate", "apikey"]

    init(text: UnsafeBufferPointer<UInt8>) {
        self.text = text
    }

    consuming func edits() -> [SecretTextRedactor.Edit] {
        var index = 0
        let count = text.count
        while index < count {
            let byte = text[index]
            if byte.isASCIILetter {
                if let end = SecretTokenFormat.tokenEnd(in: text, at: index) {
                    add(index..<end)
                    index = end
                } else if byte | 0x20 == UInt8(ascii: "b"), let resume = bearer(at: index) {
                    index = resume
                } else {
                    // No rule starts inside a word: skip the rest of it.
                    index += 1
                    while index < count, SecretTokenFormat.isLetterOrDigit(text[index]) { index += 1 }
                }
            } else if byte == .openBracket, SecretTextRedactor.isRedacted(text, at: index) {
                // Redacted before: nothing before it may be read as a name, as when it was redacted.
                index = markDone(index + SecretTextRedactor.marker.count)
            } else if byte == .slash, index + 1 < count, text[index + 1] == .slash {
                index = userInformation(at: index) ?? index + 2
            } else if byte == .equals || byte == .colon {
                index = assignment(at: index) ?? index + 1
            } else if byte == .comma {
                index = headerPair(at: index) ?? index + 1
            } else {
                index += 1
            }
        }
        return found
    }

    // MARK: Rules

    /// `Bearer` and blanks at `index` (a word of its own), then the token, bare or quoted.
    private mutating func bearer(at index: Int) -> Int? {
        guard index == 0 || !isNameByte(text[index - 1]), matches("bearer", at: index) else { return nil }
        var cursor = index + 6
        guard cursor < text.count, text[cursor] == .space || text[cursor] == .tab else { return nil }
        cursor = skipBlanks(from: cursor)
        guard let credential = credential(at: cursor) else { return nil }
        redact(credential.range)
        return credential.resume
    }

    /// A sensitive `name=value` or `name: value` whose `=` or `:` is at `index`.
    private mutating func assignment(at index: Int) -> Int? {
        guard let name = nameBefore(index) else { return nil }
        let nameBytes = UnsafeBufferPointer(rebasing: text[name])
        guard SecretNames.isSensitive(nameBytes) || (text[index] == .equals && SecretNames.isBareKey(nameBytes)) else { return nil }
        return value(after: index)
    }

    /// `"X-Api-Key","…"` (a pair or Node's rawHeaders) and `"name":"X-Api-Key","value":"…"`
    /// written as text: a quoted sensitive name before the comma at `index`, its value after it.
    private mutating func headerPair(at index: Int) -> Int? {
        guard let name = quotedTextBefore(index), SecretNames.isSensitive(UnsafeBufferPointer(rebasing: text[name])) else { return nil }
        let open = skipBlanks(from: index + 1)
        guard open < text.count, text[open] == .quote, let close = closingQuote(after: open, stoppingAtBrackets: true) else { return nil }
        let afterString = skipBlanks(from: close + 1)
        // The string ends as a JSON string does; a quote followed by anything else is not its end.
        guard afterString == text.count || [UInt8.colon, .comma, .closeBracket, .closeBrace].contains(text[afterString]) else { return nil }
        if afterString < text.count, text[afterString] == .colon {
            // A member name: only `"value"` (any letter case) holds the header's value.
            guard close - open - 1 == 5, matches("value", at: open + 1) else { return nil }
            return value(after: afterString)
        }
        redact(open + 1..<close)
        return close + 1
    }

    /// `//user:password@` and `//token@`: the password, and a user that is a token or long.
    private mutating func userInformation(at index: Int) -> Int? {
        var cursor = index + 2
        var colon: Int?
        while cursor < text.count, text[cursor] != UInt8(ascii: "@") {
            if SecretTextRedactor.isRedacted(text, at: cursor) {
                cursor += SecretTextRedactor.marker.count
                continue
            }
            let byte = text[cursor]
            if byte == .slash || byte == .questionMark || byte == .hash || endsValue(byte) { return nil }
            if byte == .colon && colon == nil { colon = cursor }
            cursor += 1
        }
        guard cursor < text.count else { return nil }
        let user = index + 2..<(colon ?? cursor)
        if user.count >= 20 || SecretTokenFormat.tokenEnd(in: text, at: user.lowerBound).map({ $0 <= user.upperBound }) == true {
            redact(user)
        }
        if let colon { redact(colon + 1..<cursor) }
        floor = cursor + 1
        return cursor + 1
    }

    // MARK: Values

    /// Redacts the value after a sensitive name's `=` or `:` at `delimiter`; returns where scanning resumes.
    private mutating func value(after delimiter: Int) -> Int? {
        let start = skipBlanks(from: delimiter + 1)
        guard start < text.count else { return nil }
        if SecretTextRedactor.isRedacted(text, at: start) { return markDone(start + SecretTextRedactor.marker.count) }
        let first = text[start]
        if first == .openBrace || first == .openBracket {
            let end = matchingBracket(from: start)
            add(start..<end, quoted: true)
            return end
        }
        if isQuoteStart(start), let credential = credential(at: start) {
            redact(credential.range)
            return credential.resume
        }
        var end = start
        while end < text.count, !endsValue(text[end]) { end += 1 }
        guard start < end else { return nil }
        // `Basic dXNlcjpwYXNz`, `Bearer "…"`: keep the scheme, redact the credentials after it.
        if Self.schemes.contains(where: { $0.utf8CodeUnitCount == end - start && matches($0, at: start) }) {
            let next = skipBlanks(from: end)
            if next > end, let credential = credential(at: next) {
                redact(credential.range)
                return credential.resume
            }
        }
        redact(start..<end)
        return end
    }

    /// The credential at `start`: the content of a quoted one (`"…"`, `'…'`, `\"…\"`), or a bare run; and where its text ends.
    private func credential(at start: Int) -> (range: Range<Int>, resume: Int)? {
        guard start < text.count else { return nil }
        if isQuoteStart(start) {
            let escaped = text[start] == .backslash
            let quote = text[escaped ? start + 1 : start]
            let contentStart = start + (escaped ? 2 : 1)
            var end = contentStart
            while end < text.count, text[end] != quote {
                if text[end] == .backslash {
                    if escaped, end + 1 < text.count, text[end + 1] == quote { break }
                    end += 2
                } else {
                    end += 1
                }
            }
            end = min(end, text.count)
            let resume = min(end + (escaped ? 2 : 1), text.count)
            return (contentStart..<end, resume)
        }
        var end = start
        while end < text.count, !endsValue(text[end]) { end += 1 }
        return start < end ? (start..<end, end) : nil
    }

    private func isQuoteStart(_ index: Int) -> Bool {
        let byte = text[index]
        if byte == .quote || byte == .apostrophe { return true }
        return byte == .backslash && index + 1 < text.count && (text[index + 1] == .quote || text[index + 1] == .apostrophe)
    }

    /// One past the bracket closing the one at `open` (strings skipped), or the end of the text.
    private func matchingBracket(from open: Int) -> Int {
        var depth = 0
        var cursor = open
        var inString = false
        while cursor < text.count {
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
        return text.count
    }

    // MARK: Names

    /// The name just before a `=` or `:` at `index`: quoted (any text, `"API Key"`) or
    /// bare name bytes, blanks allowed between; a bare `Key` takes the word before it (`API Key: …`).
    private func nameBefore(_ index: Int) -> Range<Int>? {
        var cursor = index
        while cursor > floor, text[cursor - 1] == .space || text[cursor - 1] == .tab { cursor -= 1 }
        if cursor > floor, text[cursor - 1] == .quote || text[cursor - 1] == .apostrophe {
            if let quoted = quotedTextBefore(cursor) { return quoted }
            cursor -= 1
        }
        let end = cursor
        while cursor > floor, isNameByte(text[cursor - 1]) { cursor -= 1 }
        guard cursor < end else { return nil }
        if SecretNames.isBareKey(UnsafeBufferPointer(rebasing: text[cursor..<end])), cursor - 2 >= floor,
           text[cursor - 1] == .space, isNameByte(text[cursor - 2]) {
            var start = cursor - 1
            while start > floor, isNameByte(text[start - 1]) { start -= 1 }
            return start..<end
        }
        return cursor..<end
    }

    /// The content of the quoted name that ends (blanks allowed) just before `index`:
    /// name bytes and spaces only (`"API Key"`, not prose or a URL), at most ``longestQuotedName`` bytes.
    private func quotedTextBefore(_ index: Int) -> Range<Int>? {
        var cursor = index
        while cursor > floor, text[cursor - 1] == .space || text[cursor - 1] == .tab { cursor -= 1 }
        guard cursor > floor, text[cursor - 1] == .quote || text[cursor - 1] == .apostrophe else { return nil }
        let quote = text[cursor - 1]
        let end = cursor - 1
        var start = end
        while start > floor, text[start - 1] != quote, end - start < Self.longestQuotedName {
            guard isNameByte(text[start - 1]) || text[start - 1] == .space else { return nil }
            start -= 1
        }
        guard start > floor, text[start - 1] == quote, start < end else { return nil }
        return start..<end
    }

    /// The quote closing the string opened at `open`, backslash escapes skipped.
    ///
    /// With `stoppingAtBrackets`, none when a `{` or `[` comes first: a rule that reads
    /// ahead and then lets the scan go on must not read across text a later rule may
    /// redact, or its second pass, which sees `"[redacted]"` there, would decide
    /// otherwise (found by fuzz/run). Every redaction starts with `[` or holds one.
    private func closingQuote(after open: Int, stoppingAtBrackets: Bool = false) -> Int? {
        var cursor = open + 1
        while cursor < text.count {
            if text[cursor] == .quote { return cursor }
            if stoppingAtBrackets, text[cursor] == .openBrace || text[cursor] == .openBracket { return nil }
            cursor += text[cursor] == .backslash ? 2 : 1
        }
        return nil
    }

    // MARK: Bytes

    /// Records a redaction of `range` unless it is empty or was redacted before.
    private mutating func redact(_ range: Range<Int>) {
        guard !range.isEmpty, !SecretTextRedactor.isRedacted(text, at: range.lowerBound) else {
            floor = max(floor, range.upperBound)
            return
        }
        add(range)
    }

    private mutating func add(_ range: Range<Int>, quoted: Bool = false) {
        found.append(SecretTextRedactor.Edit(range: range, quoted: quoted))
        floor = range.upperBound
    }

    private mutating func markDone(_ index: Int) -> Int {
        floor = max(floor, index)
        return index
    }

    private func skipBlanks(from start: Int) -> Int {
        var cursor = start
        while cursor < text.count, text[cursor] == .space || text[cursor] == .tab { cursor += 1 }
        return cursor
    }

    /// Whether `word` (lowercase ASCII) is written at `index`, any letter case.
    private func matches(_ word: StaticString, at index: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= text.count else { return false }
        let letters = word.utf8Start
        for offset in 0..<count where text[index + offset].asciiLowercased != letters[offset] { return false }
        return true
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte.isDigit || byte == .minus || byte == .underscore || byte == .dot
    }

    /// Bytes that end an unquoted value or token.
    private func endsValue(_ byte: UInt8) -> Bool {
        switch byte {
        case .space, .tab, .lineFeed, .carriageReturn, .quote, .apostrophe, .comma, UInt8(ascii: ";"),
             UInt8(ascii: "&"), .hash, UInt8(ascii: "<"), UInt8(ascii: ">"), .closeBrace, .closeBracket, UInt8(ascii: ")"):
            return true
        default:
            return byte < 0x20
        }
    }
}
