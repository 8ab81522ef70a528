/// Everything wrong with a pricing file (all problems found in one pass, in
/// line order), or why usage could not be rated against valid rules.
public struct PricingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [PricingProblem]

    public init(problems: [PricingProblem]) { self.problems = problems }

    public init(_ problem: PricingProblem) { self.problems = [problem] }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
