/// One bad row of a provider file, with where it is and what is wrong.
public struct ProviderFileProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as given on the command line.
    public var file: String
    /// 1-based physical line; nil for a problem with the whole file.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `invoice.csv:7: amount "12,5" is not a decimal number`.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// A provider file that cannot be compared: it is unreadable or has bad rows.
/// Nothing in it is guessed, so one bad row stops the reconciliation
/// (exit status 2); every problem found is listed, up to ``maximumListed``.
public struct ProviderFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Problems listed before the rest are only counted.
    public static let maximumListed = 20

    public var problems: [ProviderFileProblem]
    /// Problems found beyond the listed ones.
    public var unlisted: Int

    public init(problems: [ProviderFileProblem], unlisted: Int = 0) {
        self.problems = problems
        self.unlisted = unlisted
    }

    public init(_ problem: ProviderFileProblem) {
        self.init(problems: [problem])
    }

    public var description: String {
        var lines = problems.map(\.description)
        if unlisted > 0 { lines.append("… and \(unlisted) more problems in the same file") }
        lines.append("Fix the provider file (docs/reconciliation.md describes its columns) and run reconcile again.")
        return lines.joined(separator: "\n")
    }
}

/// Gathers a file's problems while it is read, keeping the first few.
struct ProviderProblemList {
    let file: String
    private(set) var problems: [ProviderFileProblem] = []
    private(set) var unlisted = 0

    init(file: String) { self.file = file }

    var isEmpty: Bool { problems.isEmpty }

    mutating func add(line: Int?, _ message: String) {
        if problems.count < ProviderFileError.maximumListed {
            problems.append(ProviderFileProblem(file: file, line: line, message: message))
        } else {
            unlisted += 1
        }
    }

    /// Throws the problems found, if any.
    func throwIfAny() throws {
        if !problems.isEmpty { throw ProviderFileError(problems: problems, unlisted: unlisted) }
    }
}
