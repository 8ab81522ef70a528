import Foundation
import Yams

/// Reads a pricing file from its YAML node tree (not Codable), so every
/// problem can name its line and key path and every number keeps the exact
/// text written. It reports all problems in one pass rather than stopping at
/// the first, so a person fixes the file in one go.
struct PricingRulesParser {
    let fileName: String
    private var problems: [PricingProblem] = []

    init(fileName: String) { self.fileName = fileName }

    /// - Throws: ``PricingError`` with every problem, in line order.
    mutating func parse(_ yaml: String) throws -> PricingRules {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw PricingError(syntaxProblem(error))
        }
        let rules = readRoot(root)
        guard let rules, problems.isEmpty else {
            let ordered = problems.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            throw PricingError(problems: ordered.map(\.element))
        }
        return rules
    }

    // MARK: - The document

    private mutating func readRoot(_ root: Node?) -> PricingRules? {
        guard let root else {
            report(line: 1, "", "the file is empty; it needs at least `currency` and `plans` (see docs/pricing.md)")
            return nil
        }
        guard let fields = fields(of: root, at: "", allowed: ["currency", "defaultPlan", "orgs", "plans"]) else { return nil }
        let rootLine = line(root)
        let currency = readCurrency(fields["currency"], parentLine: rootLine)
        let plans = readPlans(fields["plans"], parentLine: rootLine, currency: currency)
        let planNames = plans.map { Set($0.keys) }
        var defaultPlan: [PlanAssignment] = []
        if let entry = fields["defaultPlan"] {
            defaultPlan = readAssignments(entry.value, at: "defaultPlan", planNames: planNames)
        }
        let orgs = readOrgs(fields["orgs"], planNames: planNames)
        guard let currency, let plans else { return nil }
        return PricingRules(currency: currency, plans: plans, defaultPlan: defaultPlan, orgs: orgs, fileName: fileName)
    }

    private mutating func readCurrency(_ entry: Field?, parentLine: Int?) -> Currency? {
        guard let entry else {
            report(line: parentLine, "currency", "missing; add the ISO 4217 code the invoices are in, e.g. `currency: USD`")
            return nil
        }
        guard let code = scalarText(entry.value), !code.isEmpty else {
            report(entry.value, "currency", "must be an ISO 4217 code such as USD, EUR or JPY")
            return nil
        }
        if let currency = Currency(isoCode: code) { return currency }
        if Currency(isoCode: code.uppercased()) != nil {
            report(entry.value, "currency", "`\(code)` must be written in capitals: \(code.uppercased())")
        } else {
            report(entry.value, "currency", "unknown currency `\(code)`; use an ISO 4217 code, one of \(Currency.knownCodes.joined(separator: ", "))")
        }
        return nil
    }

    private mutating func readPlans(_ entry: Field?, parentLine: Int?, currency: Currency?) -> [String: Plan]? {
        guard let entry else {
            report(line: parentLine, "plans", "missing; add `plans:` with at least one plan (see docs/pricing.md)")
            return nil
        }
        guard let planFields = fields(of: entry.value, at: "plans", allowed: nil) else { return nil }
        if planFields.all.isEmpty {
            report(entry.keyNode, "plans", "no plans are defined; add at least one")
            return nil
        }
        var plans: [String: Plan] = [:]
        for field in planFields.all {
            plans[field.key] = readPlan(field, currency: currency)
        }
        return plans
    }

    private mutating func readPlan(_ field: Field, currency: Currency?) -> Plan {
        let path = "plans.\(field.key)"
        var plan = Plan(name: field.key, versions: [:], line: line(field.keyNode))
        guard let planFields = fields(of: field.value, at: path, allowed: ["monthlyMinimum"] + APIVersion.allCases.map(\.rawValue)) else {
            return plan
        }
        if !APIVersion.allCases.contains(where: { planFields[$0.rawValue] != nil }) {
            report(field.keyNode, path, "the plan prices neither v1 nor v2; add a `v1:` or `v2:` section")
        }
        if let minimum = planFields["monthlyMinimum"] {
            let digits = currency?.minorUnitDigits ?? 6
            let unit = currency.map { "an amount in \($0.code)" } ?? "an amount"
            plan.monthlyMinimum = readDecimal(minimum.value, at: "\(path).monthlyMinimum", maximumDecimals: digits,
                                              example: "250.00", decimalsRule: "\(unit) has at most \(digits) decimals")
        }
        for version in APIVersion.allCases {
            if let section = planFields[version.rawValue] {
                plan.versions[version] = readVersion(section, at: "\(path).\(version.rawValue)")
            }
        }
        return plan
    }

    private mutating func readVersion(_ field: Field, at path: String) -> VersionPricing? {
        guard let section = fields(of: field.value, at: path, allowed: ["included", "mode", "tiers", "unitPrice"]) else { return nil }
        var included = 0
        if let entry = section["included"] {
            included = readWholeNumber(entry.value, at: "\(path).included", what: "included units") ?? 0
        }
        var mode = VersionPricing.Mode.graduated
        if let entry = section["mode"] {
            let text = scalarText(entry.value) ?? ""
            if text == "graduated" || text == "volume", let parsed = VersionPricing.Mode(rawValue: text) {
                mode = parsed
            } else {
                report(entry.value, "\(path).mode", "unknown mode `\(text)`; use graduated (each tier prices the units that fall in it; the default) or volume (every unit at the price of the tier the month's quantity falls in)")
            }
        }
        switch (section["unitPrice"], section["tiers"]) {
        case (let price?, nil):
            let unitPrice = readPrice(price.value, at: "\(path).unitPrice")
            return unitPrice.map { VersionPricing(included: included, mode: .flat, tiers: [PriceTier(upTo: nil, unitPrice: $0)]) }
        case (nil, let tiers?):
            let parsed = readTiers(tiers, at: "\(path).tiers")
            return parsed.map { VersionPricing(included: included, mode: mode, tiers: $0) }
        case (.some, .some):
            report(field.keyNode, path, "has both unitPrice and tiers; keep unitPrice for one price per unit, or tiers for prices by quantity")
        case (nil, nil):
            report(field.keyNode, path, "has no price; add `unitPrice:` (one price per unit) or `tiers:`")
        }
        return nil
    }

    private mutating func readTiers(_ field: Field, at path: String) -> [PriceTier]? {
        guard case .sequence(let sequence) = field.value else {
            report(field.value, path, "must be a list of tiers, each `- upTo: N` and `unitPrice: P` (the last without upTo)")
            return nil
        }
        let nodes = Array(sequence)
        if nodes.isEmpty {
            report(field.keyNode, path, "has no tiers; add at least one `- unitPrice: P`")
            return nil
        }
        var tiers: [PriceTier] = []
        var valid = true
        var previousUpTo: Int?
        for (index, node) in nodes.enumerated() {
            let tierPath = "\(path)[\(index)]"
            let isLast = index == nodes.count - 1
            guard let tier = fields(of: node, at: tierPath, allowed: ["unitPrice", "upTo"]) else { valid = false; continue }
            var upTo: Int?
            if let entry = tier["upTo"] {
                if isLast {
                    report(entry.keyNode, "\(tierPath).upTo", "the last tier must not have upTo; it covers every unit above the previous tier")
                    valid = false
                } else if let bound = readWholeNumber(entry.value, at: "\(tierPath).upTo", what: "an upper bound") {
                    if bound < 1 {
                        report(entry.value, "\(tierPath).upTo", "must be at least 1; it is the last unit (inclusive) the tier prices")
                        valid = false
                    } else if let previousUpTo, bound <= previousUpTo {
                        report(entry.value, "\(tierPath).upTo", "\(bound) is not above the previous tier's upTo \(previousUpTo); list tiers in increasing upTo order")
                        valid = false
                    }
                    upTo = bound
                    previousUpTo = max(previousUpTo ?? 0, bound)
                } else {
                    valid = false
                }
            } else if !isLast {
                report(node, tierPath, "missing upTo; every tier but the last needs the inclusive upper bound of the units it prices")
                valid = false
            }
            guard let priceField = tier["unitPrice"] else {
                report(node, tierPath, "missing unitPrice; every tier needs one")
                valid = false
                continue
            }
            if let price = readPrice(priceField.value, at: "\(tierPath).unitPrice") {
                tiers.append(PriceTier(upTo: upTo, unitPrice: price))
            } else {
                valid = false
            }
        }
        return valid ? tiers : nil
    }

    // MARK: - Plan assignments

    private mutating func readOrgs(_ entry: Field?, planNames: Set<String>?) -> [String: [PlanAssignment]] {
        guard let entry else { return [:] }
        if entry.value.null != nil { return [:] }  // `orgs:` with nothing under it
        guard let orgFields = fields(of: entry.value, at: "orgs", allowed: nil) else { return [:] }
        var orgs: [String: [PlanAssignment]] = [:]
        for field in orgFields.all {
            orgs[field.key] = readAssignments(field.value, at: "orgs.\(field.key)", planNames: planNames)
        }
        return orgs
    }

    /// A plan name (in force every month) or a list of `{from, plan}` in strictly increasing month order.
    private mutating func readAssignments(_ node: Node, at path: String, planNames: Set<String>?) -> [PlanAssignment] {
        switch node {
        case .scalar:
            guard let plan = readPlanReference(node, at: path, planNames: planNames) else { return [] }
            return [PlanAssignment(from: nil, plan: plan)]
        case .sequence(let sequence):
            let items = Array(sequence)
            if items.isEmpty {
                report(node, path, "the list of plan assignments is empty; add `- from: YYYY-MM` with `plan: NAME`")
            }
            var assignments: [PlanAssignment] = []
            var previousFrom: String?
            for (index, item) in items.enumerated() {
                let itemPath = "\(path)[\(index)]"
                guard let fields = fields(of: item, at: itemPath, allowed: ["from", "plan"]) else { continue }
                var from: String?
                if let entry = fields["from"] {
                    let text = scalarText(entry.value) ?? ""
                    if !DecimalText.isMonth(text) {
                        report(entry.value, "\(itemPath).from", "`\(text)` is not a month; write YYYY-MM with a month from 01 to 12, e.g. 2026-01")
                    } else if let previousFrom, text <= previousFrom {
                        report(entry.value, "\(itemPath).from", "\(text) is not after the previous assignment's \(previousFrom); list assignments in increasing month order, each month once")
                    } else {
                        from = text
                        previousFrom = text
                    }
                } else {
                    report(item, itemPath, "missing from; add the first month (YYYY-MM) the plan is in force")
                }
                var plan: String?
                if let entry = fields["plan"] {
                    plan = readPlanReference(entry.value, at: "\(itemPath).plan", planNames: planNames)
                } else {
                    report(item, itemPath, "missing plan; add the name of a plan defined under plans")
                }
                if let from, let plan { assignments.append(PlanAssignment(from: from, plan: plan)) }
            }
            return assignments
        default:
            report(node, path, "must be a plan name, or a list of `- from: YYYY-MM` with `plan: NAME`")
            return []
        }
    }

    private mutating func readPlanReference(_ node: Node, at path: String, planNames: Set<String>?) -> String? {
        guard let name = scalarText(node), !name.isEmpty else {
            report(node, path, "must be the name of a plan defined under plans")
            return nil
        }
        if let planNames, !planNames.contains(name) {
            report(node, path, "unknown plan `\(name)`; the plans defined under plans are \(planNames.sorted().joined(separator: ", "))")
            return nil
        }
        return name
    }

    // MARK: - Scalars

    private mutating func readPrice(_ node: Node, at path: String) -> Decimal? {
        readDecimal(node, at: path, maximumDecimals: 6, example: "0.04", decimalsRule: "a unit price has at most 6 decimals")
    }

    private mutating func readDecimal(_ node: Node, at path: String, maximumDecimals: Int, example: String, decimalsRule: String) -> Decimal? {
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

    private mutating func readWholeNumber(_ node: Node, at path: String, what: String) -> Int? {
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

    private func numberMessage(_ problem: DecimalText.Problem, text: String, example: String) -> String {
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
    private func scalarText(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    // MARK: - Mappings

    /// A key and its value in a mapping.
    private struct Field {
        var key: String
        var keyNode: Node
        var value: Node
    }

    /// A mapping's fields in document order, with lookup by key.
    private struct Fields {
        var all: [Field]
        subscript(key: String) -> Field? { all.first { $0.key == key } }
    }

    /// The fields of a mapping, reporting a node that is not a mapping and
    /// every key not in `allowed` (nil allows any key, as for plan names and org ids).
    private mutating func fields(of node: Node, at path: String, allowed: [String]?) -> Fields? {
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

    private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func line(_ node: Node) -> Int? { node.mark?.line }

    private mutating func report(_ node: Node, _ path: String, _ message: String) {
        report(line: line(node), path, message)
    }

    private mutating func report(line: Int?, _ path: String, _ message: String) {
        problems.append(PricingProblem(file: fileName, line: line, keyPath: path, message: message))
    }

    /// A YAML syntax error as a problem with Yams' line.
    private func syntaxProblem(_ error: Error) -> PricingProblem {
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
