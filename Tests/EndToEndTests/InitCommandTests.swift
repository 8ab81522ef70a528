import Foundation
import Testing

struct InitCommandTests {
    @Test func initCreatesTheDatabaseAndPrintsTheSchemaVersion() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("ledger.sqlite").path
        let result = try CommandRunner.run(["init", "--db", db])
        #expect(result.status == 0)
        // The latest migration's number, read from migrations/, so that a new migration does not need this test edited.
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("migrations")
        let latest = try FileManager.default.contentsOfDirectory(atPath: migrations.path)
            .filter { $0.hasSuffix(".sql") }.compactMap { Int($0.prefix(4)) }.max()
        #expect(latest == 7 || (latest ?? 0) > 7)
        #expect(result.stdout.contains("schema version \(latest ?? -1)"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: db))
    }

    @Test func dbDefaultsToTheEnvironmentVariable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("from-env.sqlite").path
        let result = try CommandRunner.run(["init"], environment: ["AXIS_LEDGER_DB": db], in: folder)
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ledger.sqlite").path))
    }
}
