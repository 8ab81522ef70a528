import Foundation
@testable import AxisLedger

/// Shared inputs for the billing tests.
enum BillingFixtures {
    /// An exact decimal from its text (never through Double).
    static func decimal(_ text: String) -> Decimal {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            fatalError("not a decimal: \(text)")
        }
        return value
    }

    /// docs/provider-pricing.example.yaml: the provider's price list of the demo, the first example file.
    static var exampleFilePath: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/provider-pricing.example.yaml").path
    }

    static func exampleRules() throws -> PricingRules {
        try PricingRules.load(path: exampleFilePath)
    }

    static func rules(_ yaml: String) throws -> PricingRules {
        try PricingRules.parse(yaml: yaml, fileName: "pricing.yaml")
    }

    /// The problems `yaml` is refused with; empty when it is accepted.
    static func problems(_ yaml: String) -> [PricingProblem] {
        do {
            _ = try rules(yaml)
            return []
        } catch let error as PricingError {
            return error.problems
        } catch {
            return [PricingProblem(file: "?", line: nil, keyPath: "", message: "unexpected error \(error)")]
        }
    }
}
