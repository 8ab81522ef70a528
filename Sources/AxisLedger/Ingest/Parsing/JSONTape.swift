/// One JSON text parsed into a flat list of nodes that point into the line's
/// bytes, in document order (a "tape").
///
/// Why a tape and not a tree of values: an ingest reads hundreds of thousands
/// of lines a second, and most of a line (prompts, URLs, unknown members) is
/// never looked at. The tape allocates one array per line, decodes a string
/// only when a field is read, and keeps integers as their exact digits.
///
/// The parser is strict RFC 8259 and never recurses: nesting is tracked on an
/// explicit stack limited to ``maximumDepth``. It rejects invalid UTF-8,
/// control characters and `\u0000` in strings, unpaired surrogate escapes,
/// leading zeros and trailing text. Duplicate keys are found separately by
/// ``firstDuplicateKey()``.
struct JSONTape {
    enum Kind: UInt8 {
        case object, array, string, number, `true`, `false`, null
    }

    struct Node {
        var kind: Kind
        /// For a string: it contains escapes, so its raw bytes are not its value.
        /// For a number: it has no fraction and no exponent.
        var flag: Bool
        /// The node's literal text is `bytes[start..<end]`, quotes and brackets included.
        var start: UInt32
        var end: UInt32
        /// The index of the first node after this node's subtree.
        var next: UInt32
    }

    /// Deeper nesting is rejected: no record of the contract needs more than 3 levels.
    static let maximumDepth = 64

    let bytes: [UInt8]
    private(set) var nodes: [Node]

    init(parsing bytes: [UInt8]) throws(JSONSyntaxError) {
        self.bytes = bytes
        guard bytes.count < Int(UInt32.max) else {
            throw JSONSyntaxError(offset: 0, problem: "the line is longer than 4 GiB")
        }
        let outcome: Result<[Node], JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(input: buffer)
            do throws(JSONSyntaxError) {
                try scanner.scanDocument()
                return .success(scanner.nodes)
            } catch {
                return .failure(error)
            }
        }
        nodes = try outcome.get()
    }

    var root: Int { 0 }

    func kind(_ node: Int) -> Kind { nodes[node].kind }

    /// The node's literal bytes as written in the line.
    func literal(_ node: Int) -> ArraySlice<UInt8> {
        bytes[Int(nodes[node].start)..<Int(nodes[node].end)]
    }
}

/// The byte-level state machine behind ``JSONTape``.
private struct JSONScanner {
    let input: UnsafeBufferPointer<UInt8>
    var position = 0
    var nodes: [JSONTape.Node] = []
    /// Node indices of the containers still open.
    var open: [Int] = []

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
        nodes.reserveCapacity(32)
        open.reserveCapacity(8)
    }

    mutating func scanDocument() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < input.count else { throw fail("the line has no JSON value") }
        try scanValue()
        while let container = open.last {
            skipWhitespace()
            let isObject = nodes[container].kind == .object
            let closing: UInt8 = isObject ? .closeBrace : .closeBracket
            let expectation = isObject ? "expected ',' or '}'" : "expected ',' or ']'"
            guard position < input.count else { throw fail("unexpected end of line (\(expectation))") }
            let byte = input[position]
            let isFirstMember = nodes.count == container + 1
            if byte == closing {
                position += 1
                nodes[container].end = UInt32(position)
                nodes[container].next = UInt32(nodes.count)
                open.removeLast()
                continue
            }
            if !isFirstMember {
                guard byte == .comma else { throw fail(expectation) }
                position += 1
                skipWhitespace()
            }
            if isObject { try scanMember() } else { try scanValue() }
        }
        skipWhitespace()
        guard position == input.count else { throw fail("unexpected text after the JSON value") }
    }

    private mutating func scanMember() throws(JSONSyntaxError) {
        guard position < input.count else { throw fail("unexpected end of line (expected a key in double quotes)") }
        guard input[position] == .quote else { throw fail("expected a key in double quotes") }
        try scanString()
        skipWhitespace()
        guard position < input.count, input[position] == .colon else { throw fail("expected ':' after the key") }
        position += 1
        skipWhitespace()
        try scanValue()
    }

    private mutating func scanValue() throws(JSONSyntaxError) {
        guard position < input.count else { throw fail("unexpected end of line (expected a value)") }
        switch input[position] {
        case .openBrace, .openBracket:
            guard open.count < JSONTape.maximumDepth else {
                throw fail("nested deeper than \(JSONTape.maximumDepth) levels")
            }
            let kind: JSONTape.Kind = input[position] == .openBrace ? .object : .array
            open.append(nodes.count)
            nodes.append(.init(kind: kind, flag: false, start: UInt32(position), end: 0, next: 0))
            position += 1
        case .quote:
            try scanString()
        case .minus, .zero ... .nine:
            try scanNumber()
        case UInt8(ascii: "t"):
            try scanLiteral("true", .true)
        case UInt8(ascii: "f"):
            try scanLiteral("false", .false)
        case UInt8(ascii: "n"):
            try scanLiteral("null", .null)
        default:
            throw fail("expected a value")
        }
    }

    private mutating func scanLiteral(_ word: StaticString, _ kind: JSONTape.Kind) throws(JSONSyntaxError) {
        let start = position
        let count = word.utf8CodeUnitCount
        guard input.count - position >= count else { throw fail("expected a value") }
        let text = word.utf8Start
        for offset in 0..<count where input[position + offset] != text[offset] {
            throw fail("expected a value")
        }
        position += count
        append(kind, flag: false, start: start)
    }

    private mutating func scanNumber() throws(JSONSyntaxError) {
        let start = position
        var isInteger = true
        if input[position] == .minus { position += 1 }
        guard position < input.count, input[position].isDigit else { throw fail("invalid number: expected a digit") }
        if input[position] == .zero {
            position += 1
            if position < input.count, input[position].isDigit {
                throw fail("invalid number: leading zero")
            }
        } else {
            skipDigits()
        }
        if position < input.count, input[position] == .dot {
            isInteger = false
            position += 1
            guard position < input.count, input[position].isDigit else {
                throw fail("invalid number: expected a digit after '.'")
            }
            skipDigits()
        }
        if position < input.count, input[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < input.count, input[position] == .plus || input[position] == .minus { position += 1 }
            guard position < input.count, input[position].isDigit else {
                throw fail("invalid number: expected a digit in the exponent")
            }
            skipDigits()
        }
        append(.number, flag: isInteger, start: start)
    }

    private mutating func skipDigits() {
        while position < input.count, input[position].isDigit { position += 1 }
    }

    private mutating func scanString() throws(JSONSyntaxError) {
        let start = position
        position += 1
        var hasEscapes = false
        while true {
            guard position < input.count else {
                throw JSONSyntaxError(offset: start, problem: "string is not closed before the end of the line")
            }
            let byte = input[position]
            if byte == .quote {
                position += 1
                break
            } else if byte == .backslash {
                hasEscapes = true
                try scanEscape()
            } else if byte < 0x20 {
                throw fail("control character U+\(hex2(byte)) inside a string (escape it)")
            } else if byte < 0x80 {
                position += 1
            } else {
                try scanUTF8Sequence()
            }
        }
        append(.string, flag: hasEscapes, start: start)
    }

    private mutating func scanEscape() throws(JSONSyntaxError) {
        guard position + 1 < input.count else { throw fail("string is not closed before the end of the line") }
        switch input[position + 1] {
        case .quote, .backslash, .slash, UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
             UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: position + 2)
            if unit == 0 { throw fail("NUL character (\\u0000) inside a string") }
            if (0xDC00..<0xE000).contains(unit) { throw fail("unpaired surrogate escape \\u\(hex4String(unit))") }
            position += 6
            if (0xD800..<0xDC00).contains(unit) {
                let highStart = position - 6
                guard position + 1 < input.count, input[position] == .backslash, input[position + 1] == UInt8(ascii: "u"),
                      (0xDC00..<0xE000).contains(try hex4(at: position + 2))
                else {
                    throw JSONSyntaxError(offset: highStart, problem: "unpaired surrogate escape \\u\(hex4String(unit))")
                }
                position += 6
            }
        default:
            throw fail("invalid escape sequence in a string")
        }
    }

    private func hex4(at index: Int) throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= input.count else { throw JSONSyntaxError(offset: index, problem: "\\u must be followed by 4 hex digits") }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = input[index + offset].hexValue else {
                throw JSONSyntaxError(offset: index + offset, problem: "\\u must be followed by 4 hex digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence (no overlongs, surrogates or values above U+10FFFF).
    private mutating func scanUTF8Sequence() throws(JSONSyntaxError) {
        let lead = input[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw fail("invalid UTF-8 byte 0x\(hex2(lead)) inside a string")
        }
        guard position + length <= input.count else { throw fail("truncated UTF-8 sequence inside a string") }
        let second = input[position + 1]
        guard second >= low, second <= high else { throw fail("invalid UTF-8 sequence inside a string") }
        for offset in 2..<max(length, 2) where input[position + offset] & 0xC0 != 0x80 {
            throw fail("invalid UTF-8 sequence inside a string")
        }
        position += length
    }

    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case .space, .tab, .lineFeed, .carriageReturn: position += 1
            default: return
            }
        }
    }

    private mutating func append(_ kind: JSONTape.Kind, flag: Bool, start: Int) {
        nodes.append(.init(kind: kind, flag: flag, start: UInt32(start), end: UInt32(position), next: UInt32(nodes.count + 1)))
    }

    private func fail(_ problem: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, problem: problem)
    }
}

private func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

private func hex4String(_ unit: UInt32) -> String {
    hex2(UInt8(unit >> 8)) + hex2(UInt8(unit & 0xFF))
}
