import Foundation

/// The pricing file, validated: the currency, the plans, and which plan each
/// org is on in each month. Build it with ``load(path:)`` or ``parse(yaml:fileName:)``;
/// the format is described in docs/pricing.md.
public struct PricingRules: Sendable {
    public var currency: Currency
    public var plans: [String: Plan]
    /// The plan of every org not listed under `orgs` (or listed only from a later month).
    public var defaultPlan: [PlanAssignment]
    /// Orgs with their own plan assignments, by org id.
    public var orgs: [String: [PlanAssignment]]
    /// What the file says about an org besides its plan, for orgs written as a
    /// mapping (`org_acme: {plan: growth, timezone: Europe/Berlin}`), by org id.
    public var orgTerms: [String: OrgTerms] = [:]
    /// The file name used in error messages.
    public var fileName: String
    /// The SHA-256 of the file's bytes, recorded by whoever loads it for a report; the parser leaves it nil.
    public var sourceSHA256: String?

    public init(currency: Currency, plans: [String: Plan], defaultPlan: [PlanAssignment] = [], orgs: [String: [PlanAssignment]] = [:], fileName: String = "pricing.yaml") {
        self.currency = currency
        self.plans = plans
        self.defaultPlan = defaultPlan
        self.orgs = orgs
        self.fileName = fileName
    }

    /// Reads and validates the pricing file at `path`.
    /// - Throws: ``PricingError`` listing every problem in the file, or why it cannot be read.
    public static func load(path: String) throws -> PricingRules {
        let data: Data
        do {
            if let problem = PathProblem.unreadableFile(path) {
                throw PricingError(PricingProblem(file: path, line: nil, keyPath: "", message: problem.afterPath(what: "a pricing file")))
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as PricingError {
            throw error
        } catch {
            throw PricingError(PricingProblem(file: path, line: nil, keyPath: "",
                message: "cannot read the pricing file (\(PathProblem.words(for: error))); check the path"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PricingError(PricingProblem(file: path, line: nil, keyPath: "",
                message: "the pricing file is not UTF-8 text; save it as UTF-8"))
        }
        return try parse(yaml: text, fileName: path)
    }

    /// Validates pricing rules written as YAML. `fileName` is only used in messages.
    /// - Throws: ``PricingError`` listing every problem found, in line order.
    public static func parse(yaml: String, fileName: String) throws -> PricingRules {
        var parser = PricingRulesParser(fileName: fileName)
        return try parser.parse(yaml)
    }

    /// The name of the plan in force for `orgId` in `month` (`YYYY-MM`): the
    /// org's own assignment in force that month, else the default plan's; nil
    /// when neither is in force.
    public func planName(forOrg orgId: String, month: String) -> String? {
        if let assignments = orgs[orgId], let plan = PlanAssignment.plan(in: assignments, inForceIn: month) {
            return plan
        }
        return PlanAssignment.plan(in: defaultPlan, inForceIn: month)
    }

    /// The orgs listed under `orgs` with one of their own assignments in force in `month`, sorted.
    /// These get a statement even without usage, so that a monthly minimum is billed.
    public func listedOrgs(inForceIn month: String) -> [String] {
        orgs.filter { PlanAssignment.plan(in: $0.value, inForceIn: month) != nil }.keys.sorted()
    }

    /// The org's own time zone, or nil when its billing months are UTC months.
    public func timeZone(forOrg orgId: String) -> TimeZone? { orgTerms[orgId]?.timeZone }
}
