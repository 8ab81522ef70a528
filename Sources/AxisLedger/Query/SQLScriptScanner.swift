/// Splits a person's SQL script into statements of tokens, the way SQLite's
/// tokenizer reads it, without asking SQLite: some pragmas act while SQLite
/// merely prepares them (`PRAGMA hard_heap_limit=1` set the process's heap
/// limit and crashed `sql`), so what a script names must be known before any
/// of it is prepared.
///
/// It knows comments (`--`, `/* */`), string literals (`'…'` with `''`),
/// quoted identifiers (`"…"`, `` `…` ``, `[…]`), parameters (`:name`,
/// `@name`, `$name`, `#name`, `?NNN`) and `;` between statements. It does
/// not parse: a `;` inside `CREATE TRIGGER … BEGIN … END` splits that
/// statement in two, which only matters to statements refused anyway.
struct SQLScriptScanner {
    enum Token: Equatable {
        /// A bare identifier or keyword, lowercased.
        case word(String)
        /// A quoted identifier (`"x"`, `` `x` ``, `[x]`), lowercased, quotes removed.
        case quotedWord(String)
        /// A string or blob literal's text, quotes removed, lowercased.
        case string(String)
        /// A parameter such as `:org`; never a name SQLite resolves.
        case parameter
        /// A number, or any other character but `;`.
        case symbol(Unicode.Scalar)

        /// The identifier this token can stand for where SQLite expects a
        /// name: bare and quoted identifiers, and string literals (SQLite
        /// accepts `PRAGMA 'name'` and `FROM 'table'`).
        var name: String? {
            switch self {
            case .word(let text), .quotedWord(let text), .string(let text): return text
            case .parameter, .symbol: return nil
            }
        }
    }

    /// One statement: its tokens and its text as written, trimmed.
    struct Statement: Equatable {
        var tokens: [Token]
        var text: String
    }

    /// The script's statements, empty ones (`;;`, comments only) left out.
    static func statements(of sql: String) -> [Statement] {
        var scanner = SQLScriptScanner(sql)
        return scanner.scanAll()
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0

    private init(_ sql: String) { scalars = Array(sql.unicodeScalars) }

    private mutating func scanAll() -> [Statement] {
        var statements: [Statement] = []
        var tokens: [Token] = []
        var start: Int?
        var end = 0
        func finish() {
            if let first = start, !tokens.isEmpty {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: scalars[first..<end])
                statements.append(Statement(tokens: tokens, text: String(text)))
            }
            tokens = []
            start = nil
        }
        while true {
            skipSpaceAndComments()
            guard position < scalars.count else { break }
            if scalars[position] == ";" {
                position += 1
                finish()
                continue
            }
            if start == nil { start = position }
            tokens.append(nextToken())
            end = position
        }
        finish()
        return statements
    }

    private mutating func nextToken() -> Token {
        let first = scalars[position]
        switch first {
        case "'":
            return .string(quoted(until: "'", doubling: true))
        case "\"", "`":
            return .quotedWord(quoted(until: first, doubling: true))
        case "[":
            return .quotedWord(quoted(until: "]", doubling: false))
        case "x" where next == "'", "X" where next == "'":
            position += 1
            return .string(quoted(until: "'", doubling: true))
        case ":", "@", "$", "#", "?":
            position += 1
            while position < scalars.count, Self.isIdentifierPart(scalars[position]) { position += 1 }
            return .parameter
        default:
            if Self.isIdentifierStart(first) {
                var word = String.UnicodeScalarView()
                while position < scalars.count, Self.isIdentifierPart(scalars[position]) {
                    word.append(scalars[position]); position += 1
                }
                return .word(String(word).lowercased())
            }
            position += 1
            return .symbol(first)
        }
    }

    /// Reads a quoted token from its opening character; a doubled closing
    /// character stands for itself when `doubling`. An unclosed quote runs
    /// to the end, as SQLite would refuse it anyway.
    private mutating func quoted(until closing: Unicode.Scalar, doubling: Bool) -> String {
        var text = String.UnicodeScalarView()
        position += 1
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if scalar == closing {
                guard doubling, position < scalars.count, scalars[position] == closing else { break }
                position += 1
            }
            text.append(scalar)
        }
        return String(text).lowercased()
    }

    private mutating func skipSpaceAndComments() {
        while position < scalars.count {
            let scalar = scalars[position]
            if Self.isSpace(scalar) {
                position += 1
            } else if scalar == "-", next == "-" {
                while position < scalars.count, scalars[position] != "\n" { position += 1 }
            } else if scalar == "/", next == "*" {
                position += 2
                while position < scalars.count, !(scalars[position] == "*" && next == "/") { position += 1 }
                position = min(scalars.count, position + 2)
            } else {
                return
            }
        }
    }

    private var next: Unicode.Scalar? { position + 1 < scalars.count ? scalars[position + 1] : nil }

    /// SQLite's white space: tab, line feed, vertical tab, form feed,
    /// carriage return and space. Other Unicode spaces are identifier
    /// characters to SQLite, so they are here too.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || (0x09...0x0D).contains(scalar.value)
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.value >= 0x80
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar) || scalar == "$"
    }
}
