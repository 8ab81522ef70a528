/// A plan in force for whole months from `from` (a `YYYY-MM` month) until the
/// next assignment's `from`. `from` is nil for a plan written without months,
/// which is in force for every month.
public struct PlanAssignment: Sendable, Equatable {
    public var from: String?
    public var plan: String

    public init(from: String?, plan: String) {
        self.from = from
        self.plan = plan
    }

    /// The plan in force in `month` (`YYYY-MM`): the last assignment whose
    /// `from` is not after it. `assignments` are in strictly increasing `from`
    /// order, which the parser guarantees; `YYYY-MM` text sorts as months do.
    static func plan(in assignments: [PlanAssignment], inForceIn month: String) -> String? {
        assignments.last { ($0.from ?? "") <= month }?.plan
    }
}
