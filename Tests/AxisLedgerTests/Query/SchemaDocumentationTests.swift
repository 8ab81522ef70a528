import Foundation
import Testing
@testable import AxisLedger

/// docs/schema.md must describe every table, view and column a fresh ledger
/// has: a new migration fails here until its views are documented.
struct SchemaDocumentationTests {
    /// The package root: the nearest folder above this file holding Package.swift.
    static func packageRoot(from file: String = #filePath) throws -> URL {
        var folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }

    /// Column names by `### name` section: the backticked first cell of each table row.
    static func documentedColumns() throws -> [String: [String]] {
        let text = try String(contentsOf: packageRoot().appendingPathComponent("docs/schema.md"), encoding: .utf8)
        var sections: [String: [String]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                current = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
                sections[current!] = []
            } else if line.hasPrefix("#") {
                current = nil
            } else if let name = current, line.hasPrefix("| `") {
                let cell = line.dropFirst(3).prefix { $0 != "`" }
                sections[name, default: []].append(String(cell))
            }
        }
        return sections
    }

    static func ledgerObjects() throws -> [SchemaObject] {
        let directory = try TemporaryDirectory()
        return try SchemaCatalog.objects(in: try LedgerDatabase(path: directory.path("ledger.sqlite")))
    }

    @Test func everyTableAndViewIsDocumented() throws {
        let documented = try Self.documentedColumns()
        for object in try Self.ledgerObjects() {
            #expect(documented[object.name] != nil, "docs/schema.md has no `### \(object.name)` section")
        }
    }

    @Test func everyColumnIsDocumentedInOrder() throws {
        let documented = try Self.documentedColumns()
        for object in try Self.ledgerObjects() {
            guard let columns = documented[object.name] else { continue }
            #expect(columns == object.columns.map(\.name), "docs/schema.md: columns of \(object.name)")
        }
    }

    @Test func everyDocumentedSectionExistsInTheLedger() throws {
        let names = Set(try Self.ledgerObjects().map(\.name))
        for section in try Self.documentedColumns().keys {
            #expect(names.contains(section), "docs/schema.md documents \(section), which the ledger does not have")
        }
    }
}
