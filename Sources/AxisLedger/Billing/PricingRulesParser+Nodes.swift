import Foundation
import Yams

/// Scalars, mappings and problem reporting shared by every part of the pricing file.
extension PricingRulesParser {
    // MARK: - Scalars

    mutating func readPrice(_ node: Node, at path: String) -> Decimal? {
        readDecimal(node, at: path, maximumDecimals: 6, example: "0.04", decimalsRule: "a unit price has at most 6 decimals")
    }

    mutating func readDecimal(_ node: Node, at path: String, maximumDecimals: Int, example: String, decimalsRule: String) -> Decimal? {
        guard let text = scalarText(node) else {
            report(node, path, "must be a number such as \(example)")
            return nil
        }
        switch DecimalText.decimal(text, maximumDecimals: maximumDecimals) {
        case .success(let value):
            return value
        case .failure(.tooManyDecimals(let found)):
            report(node, path, "\(text) has \(found) decimals; \(decimalsRule)")
        case .failure(let problem):
            report(node, path, numberMessage(problem, text: text, example: example))
        }
        return nil
    }

    mutating func readWholeNumber(_ node: Node, at path: String, what: String) -> Int? {
        guard let text = scalarText(node) else {
            report(node, path, "must be a whole number of units such as 1000")
            return nil
        }
        switch DecimalText.wholeNumber(text) {
        case .success(let value):
            return value
        case .failure(.notANumber):
            report(node, path, "`\(text)` is not a whole number; \(what) are counted in whole units, written as digits such as 1000")
        case .failure(let problem):
            report(node, path, numberMessage(problem, text: text, example: "1000"))
        }
        return nil
    }

    func numberMessage(_ problem: DecimalText.Problem, text: String, example: String) -> String {
        switch problem {
        case .empty:
            return "has no value; write a number such as \(example)"
        case .negative:
            return "\(text) is negative; it must be zero or more"
        case .notANumber:
            return "`\(text)` is not a number; write a plain decimal such as \(example) (digits and at most one point; no sign, exponent or separators; quotes are allowed)"
        case .tooManyDecimals(let found):
            return "\(text) has \(found) decimals"
        case .tooLarge:
            return "\(text) is too large; at most \(DecimalText.maximumIntegerDigits) digits before the point"
        }
    }

    /// The text of a scalar exactly as written (so `2026-01` and `0.10` stay
    /// themselves), or nil for a mapping or list.
    func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    // MARK: - Mappings

    /// A key and its value in a mapping.
    struct Field {
        var key: String
        var keyNode: Node
        var value: Node
    }

    /// A mapping's fields in document order, with lookup by key.
    struct Fields {
        var all: [Field]
        subscript(key: String) -> Field? { all.first { $0.key == key } }
    }

    /// The fields of a mapping, reporting a node that is not a mapping and
    /// every key not in `allowed` (nil allows any key, as for plan names and org ids).
    mutating func fields(of node: Node, at path: String, allowed: [String]?) -> Fields? {
        guard case .mapping(let mapping) = node else {
            let expected = allowed.map { "a mapping with the keys \($0.joined(separator: ", "))" } ?? "a mapping"
            report(node, path, "must be \(expected)")
            return nil
        }
        var fields: [Field] = []
        for (keyNode, value) in mapping {
            guard let key = scalarText(keyNode) else {
                report(keyNode, path, "a key must be a plain name, not a list or mapping")
                continue
            }
            if let allowed, !allowed.contains(key) {
                let place = path.isEmpty ? "at the top level" : "here"
                report(keyNode, join(path, key), "unknown key `\(key)`; the keys allowed \(place) are \(allowed.joined(separator: ", "))")
                continue
            }
            fields.append(Field(key: key, keyNode: keyNode, value: value))
        }
        return Fields(all: fields)
    }

    // MARK: - Reporting

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func line(_ node: Node) -> Int? { node.mark?.line }

    mutating func report(_ node: Node, _ path: String, _ message: String) {
        report(line: line(node), path, message)
    }

    mutating func report(line: Int?, _ path: String, _ message: String) {
        problems.append(PricingProblem(file: fileName, line: line, keyPath: path, message: message))
    }

    /// A YAML syntax error as a problem with Yams' line.
    func syntaxProblem(_ error: Error) -> PricingProblem {
        let fix = "fix the YAML syntax (indentation, colons, quotes)"
        switch error {
        case YamlError.scanner(let context, let problem, let mark, _),
             YamlError.parser(let context, let problem, let mark, _),
             YamlError.composer(let context, let problem, let mark, _):
            let during = context.map { ", \($0.text) at line \($0.mark.line)" } ?? ""
            return PricingProblem(file: fileName, line: mark.line, keyPath: "", message: "YAML syntax error: \(problem)\(during); \(fix)")
        case YamlError.duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return PricingProblem(file: fileName, line: context.mark.line, keyPath: "",
                                  message: "the key \(keys) is written more than once in the mapping that starts here; keep one")
        case YamlError.reader(let problem, _, _, _):
            return PricingProblem(file: fileName, line: nil, keyPath: "", message: "the file cannot be read as YAML: \(problem)")
        default:
            return PricingProblem(file: fileName, line: nil, keyPath: "", message: "YAML error: \(error); \(fix)")
        }
    }
}
