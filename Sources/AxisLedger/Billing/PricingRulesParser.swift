import Foundation
import Yams

/// Reads a pricing file from its YAML node tree (not Codable), so every
/// problem can name its line and key path and every number keeps the exact
/// text written. It reports all problems in one pass rather than stopping at
/// the first, so a person fixes the file in one go.
struct PricingRulesParser {
    let fileName: String
    var problems: [PricingProblem] = []
    /// The file's currency once read (nil before, or when it is wrong), for
    /// amounts under `orgs` whose decimals it fixes.
    var currency: Currency?

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

    mutating func readRoot(_ root: Node?) -> PricingRules? {
        guard let root else {
            report(line: 1, "", "the file is empty; it needs at least `currency` and `plans` (see docs/pricing.md)")
            return nil
        }
        guard let fields = fields(of: root, at: "", allowed: ["currency", "defaultPlan", "orgs", "plans"]) else { return nil }
        let rootLine = line(root)
        let currency = readCurrency(fields["currency"], parentLine: rootLine)
        self.currency = currency
        let plans = readPlans(fields["plans"], parentLine: rootLine, currency: currency)
        let planNames = plans.map { Set($0.keys) }
        var defaultPlan: [PlanAssignment] = []
        if let entry = fields["defaultPlan"] {
            defaultPlan = readAssignments(entry.value, at: "defaultPlan", planNames: planNames)
        }
        let orgs = readOrgs(fields["orgs"], planNames: planNames)
        checkCreditAmounts(orgs.terms, currency: currency)
        guard let currency, let plans else { return nil }
        var rules = PricingRules(currency: currency, plans: plans, defaultPlan: defaultPlan, orgs: orgs.assignments, fileName: fileName)
        rules.orgTerms = orgs.terms
        return rules
    }

    mutating func readCurrency(_ entry: Field?, parentLine: Int?) -> Currency? {
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

    mutating func readPlans(_ entry: Field?, parentLine: Int?, currency: Currency?) -> [String: Plan]? {
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

    mutating func readPlan(_ field: Field, currency: Currency?) -> Plan {
        let path = "plans.\(field.key)"
        var plan = Plan(name: field.key, versions: [:], line: line(field.keyNode))
        let monthKeys = ["monthlyFee", "monthlyMaximum", "monthlyMinimum"]
        guard let planFields = fields(of: field.value, at: path, allowed: monthKeys + APIVersion.allCases.map(\.rawValue)) else {
            return plan
        }
        if !APIVersion.allCases.contains(where: { planFields[$0.rawValue] != nil }) {
            report(field.keyNode, path, "the plan prices neither v1 nor v2; add a `v1:` or `v2:` section")
        }
        let examples = ["monthlyMinimum": "250.00", "monthlyMaximum": "2000.00", "monthlyFee": "49.00"]
        var amounts: [String: Decimal] = [:]
        for key in monthKeys {
            guard let entry = planFields[key] else { continue }
            amounts[key] = readAmount(entry.value, at: "\(path).\(key)", currency: currency, example: examples[key] ?? "250.00")
        }
        plan.monthlyMinimum = amounts["monthlyMinimum"]
        plan.monthlyMaximum = amounts["monthlyMaximum"]
        plan.monthlyFee = amounts["monthlyFee"]
        if let maximum = plan.monthlyMaximum, let minimum = plan.monthlyMinimum, maximum < minimum, let entry = planFields["monthlyMaximum"] {
            let money = { (amount: Decimal) in currency.map { MoneyFormatter().format(amount, currency: $0) } ?? "\(amount)" }
            report(entry.value, "\(path).monthlyMaximum",
                   "\(money(maximum)) is below the plan's monthlyMinimum \(money(minimum)); a month's usage cannot be topped up to the minimum and capped below it, so raise the maximum to at least \(money(minimum)) or lower the minimum")
        }
        for version in APIVersion.allCases {
            if let section = planFields[version.rawValue] {
                plan.versions[version] = readVersion(section, at: "\(path).\(version.rawValue)")
            }
        }
        return plan
    }

    /// An amount of money in the file's currency: at most its minor digits.
    mutating func readAmount(_ node: Node, at path: String, currency: Currency?, example: String) -> Decimal? {
        let digits = currency?.minorUnitDigits ?? 6
        let unit = currency.map { "an amount in \($0.code)" } ?? "an amount"
        return readDecimal(node, at: path, maximumDecimals: digits, example: example, decimalsRule: "\(unit) has at most \(digits) decimals")
    }
}
