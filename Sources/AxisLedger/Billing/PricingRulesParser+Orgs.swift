import Foundation
import Yams

/// Which plan the default and each listed org is on, month by month, and what else the file says about an org.
extension PricingRulesParser {
    // MARK: - Plan assignments

    /// Each listed org in either form: the short form (a plan name or a list of
    /// assignments) or a mapping with `plan` (either of those) and the org's
    /// other terms, `timezone` among them.
    mutating func readOrgs(_ entry: Field?, planNames: Set<String>?) -> (assignments: [String: [PlanAssignment]], terms: [String: OrgTerms]) {
        guard let entry else { return ([:], [:]) }
        if entry.value.null != nil { return ([:], [:]) }  // `orgs:` with nothing under it
        guard let orgFields = fields(of: entry.value, at: "orgs", allowed: nil) else { return ([:], [:]) }
        var assignments: [String: [PlanAssignment]] = [:]
        var terms: [String: OrgTerms] = [:]
        for field in orgFields.all {
            let path = "orgs.\(field.key)"
            guard case .mapping = field.value else {
                assignments[field.key] = readAssignments(field.value, at: path, planNames: planNames)
                continue
            }
            guard let orgFields = fields(of: field.value, at: path, allowed: OrgTerms.keys) else { continue }
            if let plan = orgFields["plan"] {
                assignments[field.key] = readAssignments(plan.value, at: "\(path).plan", planNames: planNames)
            } else {
                report(field.keyNode, path, "missing plan; an org written as a mapping names its plan with `plan: NAME` (or a list of `- from: YYYY-MM` with `plan: NAME`)")
            }
            terms[field.key] = readOrgTerms(orgFields, at: path)
        }
        return (assignments, terms)
    }

    /// The keys of an org's mapping other than `plan`.
    mutating func readOrgTerms(_ orgFields: Fields, at path: String) -> OrgTerms {
        var terms = OrgTerms()
        if let entry = orgFields["timezone"] {
            terms.timeZone = readTimeZone(entry.value, at: "\(path).timezone")
        }
        if let entry = orgFields["discounts"] {
            terms.discounts = readDiscounts(entry.value, at: "\(path).discounts")
        }
        if let entry = orgFields["credits"] {
            terms.credits = readCredits(entry.value, at: "\(path).credits")
        }
        return terms
    }

    /// An IANA time zone name such as Europe/Berlin.
    mutating func readTimeZone(_ node: Node, at path: String) -> TimeZone? {
        guard let name = scalarText(node), !name.isEmpty else {
            report(node, path, "must be an IANA time zone name such as Europe/Berlin or America/New_York")
            return nil
        }
        // Foundation's list of known names lags the IANA database (it has Asia/Calcutta, not
        // Asia/Kolkata): a Region/City name the system's zone files know is accepted too.
        let known = TimeZone.knownTimeZoneIdentifiers.contains(name) || name.contains("/")
        guard known, let zone = TimeZone(identifier: name), zone.identifier == name else {
            let hint = TimeZone.knownTimeZoneIdentifiers.first { $0.caseInsensitiveCompare(name) == .orderedSame }
                .map { "; did you mean \($0)?" } ?? "; write an IANA name such as Europe/Berlin (a region and a city, not an abbreviation like CET or an offset like +01:00)"
            report(node, path, "unknown time zone `\(name)`\(hint)")
            return nil
        }
        return zone
    }

    /// A plan name (in force every month) or a list of `{from, plan}` in strictly increasing month order.
    mutating func readAssignments(_ node: Node, at path: String, planNames: Set<String>?) -> [PlanAssignment] {
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

    mutating func readPlanReference(_ node: Node, at path: String, planNames: Set<String>?) -> String? {
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
}
