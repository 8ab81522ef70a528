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
        #expect(result.stdout.contains("schema version 6"))
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
