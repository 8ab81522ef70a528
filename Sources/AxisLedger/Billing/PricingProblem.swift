/// One thing wrong with a pricing file, or with rating usage against it:
/// where (file, line, key path) and what is wrong and what to do, in one line
/// such as `pricing.yaml:12: plans.growth.v2.tiers[1].upTo: the last tier must not have upTo; …`.
public struct PricingProblem: Sendable, Equatable, CustomStringConvertible {
    /// The pricing file as the user named it.
    public var file: String
    /// The 1-based line in the file, when the problem has one.
    public var line: Int?
    /// Where in the document, e.g. `plans.growth.v2.tiers[1].upTo` (tier indexes count from 0); empty for the whole file.
    public var keyPath: String
    /// What is wrong and what to do about it.
    public var message: String

    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !keyPath.isEmpty { text += "\(keyPath): " }
        return text + message
    }
}
