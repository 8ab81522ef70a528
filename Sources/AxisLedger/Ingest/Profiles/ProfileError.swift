/// One thing wrong with an input profile: where (file:line, key path), what
/// is wrong and what to write instead, e.g.
/// `acme.yaml:7: fields.orgId: `org_id` is not a JSON Pointer: a pointer starts with `/`, e.g. `/org_id``.
public struct ProfileProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var keyPath: String
    public var message: String

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !keyPath.isEmpty { text += "\(keyPath): " }
        return text + message
    }
}

/// A profile that cannot be used, with every problem found, in line order,
/// or a profile that cannot be found or read.
public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ProfileProblem]

    public init(problems: [ProfileProblem]) { self.problems = problems }

    public init(file: String, _ message: String) {
        problems = [ProfileProblem(file: file, line: nil, keyPath: "", message: message)]
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
