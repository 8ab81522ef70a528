/// A request attribute a version can be priced by (`by:` in the pricing
/// file), taken from the billed generation's earliest record: the one billing
/// rule 2 chose.
public enum Dimension: String, Sendable, CaseIterable, Equatable {
    case resolution
    case category
    case aspectRatio

    /// The column of `billed_generations` that holds it.
    public var column: String {
        switch self {
        case .resolution: return "resolution"
        case .category: return "category"
        case .aspectRatio: return "aspect_ratio"
        }
    }

    /// The dimension value of generations whose value is not listed under
    /// `prices`, or who have none: they are pooled and priced by `default:`.
    public static let defaultValue = "default"
}

/// The request attributes of billed generations, as `billed_generations`
/// has them (nil when the request did not carry one).
public struct GenerationAttributes: Sendable, Hashable {
    public var resolution: String?
    public var category: String?
    public var aspectRatio: String?

    public init(resolution: String? = nil, category: String? = nil, aspectRatio: String? = nil) {
        self.resolution = resolution
        self.category = category
        self.aspectRatio = aspectRatio
    }

    /// No attributes: how a count without a breakdown is priced (under `default:`).
    public static let none = GenerationAttributes()

    public subscript(dimension: Dimension) -> String? {
        switch dimension {
        case .resolution: return resolution
        case .category: return category
        case .aspectRatio: return aspectRatio
        }
    }
}

/// One org's billed generations in a month, per version, counted by the
/// request attributes a version can be priced by. A version's counts add up
/// to its billed generations.
public struct BilledUsage: Sendable, Equatable {
    public var counts: [APIVersion: [GenerationAttributes: Int]]

    public init(counts: [APIVersion: [GenerationAttributes: Int]] = [:]) {
        self.counts = counts
    }

    /// Counts without a breakdown: every generation as one without attributes
    /// (priced by `default:` where a version has a dimension).
    public init(_ quantities: [APIVersion: Int]) {
        counts = quantities.mapValues { [GenerationAttributes.none: $0] }
    }

    /// The version's billed generations.
    public func total(_ version: APIVersion) -> Int {
        counts[version]?.values.reduce(0, +) ?? 0
    }
}

extension Dimension {
    /// How a statement line names it: `v2 aspect ratio 16:9`.
    public var words: String {
        switch self {
        case .resolution: return "resolution"
        case .category: return "category"
        case .aspectRatio: return "aspect ratio"
        }
    }
}

extension PricingRules {
    /// Whether any plan prices a version by a dimension: only then does a
    /// report count billed generations by their request attributes.
    public var pricesByDimension: Bool {
        plans.values.contains { plan in plan.versions.values.contains { $0.dimension != nil } }
    }
}
