import Foundation

/// A suite whose tests each get a fresh folder for a ledger and its input
/// files, as a person would have one working directory.
protocol LedgerFolderTest {
    var folder: URL { get }
}

extension LedgerFolderTest {
    /// A new, empty folder under the temporary directory, named `prefix-UUID`.
    static func makeFolder(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The ledger's path in the folder.
    var db: String { folder.appendingPathComponent("ledger.sqlite").path }

    /// Writes `text` as the file `name` in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
