/// The `schema` command's output: every table and view with its columns.
public enum SchemaDescription {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown
    }

    public static func render(_ objects: [SchemaObject], format: Format) -> String {
        switch format {
        case .text: return text(objects)
        case .markdown: return markdown(objects)
        }
    }

    /// ```
    /// view billed_generations (stable)
    ///   generation_id  TEXT
    /// ```
    static func text(_ objects: [SchemaObject]) -> String {
        objects.map { object in
            let width = object.columns.map(\.name.count).max() ?? 0
            let lines = object.columns.map { column in
                var line = "  " + column.name
                let type = column.type.isEmpty ? "(any)" : column.type
                line += String(repeating: " ", count: width - column.name.count + 2) + type
                if object.isStable && !column.isStable { line += "  (internal)" }
                return line + "\n"
            }
            return "\(object.kind.rawValue) \(object.name) (\(stability(object.isStable)))\n" + lines.joined()
        }.joined(separator: "\n")
    }

    static func markdown(_ objects: [SchemaObject]) -> String {
        objects.map { object in
            "### \(object.name)\n\n\(object.kind.rawValue.capitalized), \(stability(object.isStable)).\n\n" + MarkdownTable.render(
                header: ["Column", "Type", "Stability"],
                rows: object.columns.map { column in
                    [column.name, column.type, stability(column.isStable)]
                },
                alignments: [.left, .left, .left])
        }.joined(separator: "\n")
    }

    static func stability(_ isStable: Bool) -> String { isStable ? "stable" : "internal" }
}
