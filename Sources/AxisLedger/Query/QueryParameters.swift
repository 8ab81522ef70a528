/// Values for a query's named parameters (`:org`, `@org`, `$org`), from
/// `--param` arguments. They are bound to the prepared statement, never
/// pasted into the SQL text.
///
/// - `NAME=VALUE` binds VALUE as TEXT. SQLite converts it when it is compared
///   with a column of INTEGER or REAL affinity (`http_status = :status` with
///   `status=402` matches), so text is right almost everywhere.
/// - `NAME:=INTEGER` binds an INTEGER, for places without affinity:
///   `LIMIT :n`, `count(*) > :n`, arithmetic on expressions.
///
/// NAME may be written with its prefix (`:org=…`) or without (`org=…`); the
/// three prefixes name the same parameter.
public struct QueryParameters: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        case text(String)
        case integer(Int64)
    }

    /// The values by bare name (without `:`, `@` or `$`), in the order given.
    public private(set) var values: [(name: String, value: Value)] = []

    public init() {}

    /// Parses `--param` arguments.
    ///
    /// - Throws: ``QueryError/badParameter(argument:reason:)`` for a missing
    ///   `=`, an empty name, a non-integer after `:=`, or a name given twice.
    public init(arguments: [String]) throws {
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else {
                throw QueryError.badParameter(argument: argument, reason: "expected NAME=VALUE (text) or NAME:=INTEGER")
            }
            var name = String(argument[..<equals])
            let text = String(argument[argument.index(after: equals)...])
            var value = Value.text(text)
            if name.hasSuffix(":") {
                name.removeLast()
                guard let number = Int64(text) else {
                    throw QueryError.badParameter(argument: argument, reason: "NAME:=VALUE binds an integer and '\(text)' is not one; use NAME=VALUE to bind text")
                }
                value = .integer(number)
            }
            if let first = name.first, ":@$".contains(first) { name.removeFirst() }
            guard !name.isEmpty else {
                throw QueryError.badParameter(argument: argument, reason: "the parameter name is empty")
            }
            guard self[name] == nil else {
                throw QueryError.badParameter(argument: argument, reason: "parameter '\(name)' is given twice")
            }
            values.append((name, value))
        }
    }

    /// The value of the parameter named `name` (without prefix).
    public subscript(name: String) -> Value? {
        values.first { $0.name == name }?.value
    }

    public var names: [String] { values.map(\.name) }

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.values.map(\.name) == rhs.values.map(\.name) && lhs.values.map(\.value) == rhs.values.map(\.value)
    }
}
