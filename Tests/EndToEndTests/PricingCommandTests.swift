import Foundation
import Testing

struct PricingCommandTests {
    static var exampleFile: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/provider-pricing.example.yaml").path
    }

    private func withFile<T>(_ name: String, _ text: String, _ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    @Test func checkAcceptsTheExampleAndDescribesItsPlans() throws {
        let result = try CommandRunner.run(["pricing", "check", Self.exampleFile])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(Self.exampleFile): valid pricing rules")
        #expect(lines.contains("currency: USD (2 minor digits; each invoice line is rounded half up to 0.01)"))
        #expect(lines.contains("default plan: standard"))
        #expect(lines.contains("  growth:") && lines.contains("  standard:"))
        #expect(lines.contains("    monthly minimum: 250.00"))
        #expect(lines.contains("      units 1–1000 at 0.12"))
        #expect(lines.contains("  org_initech: standard from 2026-01, growth from 2026-11"))
        // Plans are sorted: growth before standard, whatever the file's order.
        let growth = try #require(lines.firstIndex(of: "  growth:"))
        let standard = try #require(lines.firstIndex(of: "  standard:"))
        #expect(growth < standard)
    }

    @Test func checkOutputIsTheSameOnEveryRun() throws {
        let first = try CommandRunner.run(["pricing", "check", Self.exampleFile])
        let second = try CommandRunner.run(["pricing", "check", Self.exampleFile])
        #expect(first.stdout == second.stdout)
    }

    @Test func checkListsEveryProblemWithItsLineAndExitsOne() throws {
        let bad = """
            currency: USD
            defaultPlan: premium
            plans:
              growth:
                v2:
                  tiers:
                    - upTo: 5000
                      unitPrice: 0.11
                    - upTo: 9000
                      unitPrice: 0.09
            """
        let result = try withFile("pricing.yaml", bad) { try CommandRunner.run(["pricing", "check", $0]) }
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix("pricing.yaml:2: defaultPlan: unknown plan `premium`; the plans defined under plans are growth"))
        #expect(lines[1].hasSuffix("pricing.yaml:9: plans.growth.v2.tiers[1].upTo: the last tier must not have upTo; it covers every unit above the previous tier"))
        #expect(lines[2].contains("2 problems found"))
    }

    @Test func checkReportsYAMLSyntaxErrorsWithTheLine() throws {
        let result = try withFile("broken.yaml", "currency: USD\nplans:\n  p: [\n") { try CommandRunner.run(["pricing", "check", $0]) }
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.yaml:4: YAML syntax error"))
    }

    @Test func checkOfAMissingFileExitsOne() throws {
        let result = try CommandRunner.run(["pricing", "check", "/nonexistent/pricing.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/pricing.yaml: the folder /nonexistent does not exist; check the path"))
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func checkWithoutAFileIsAUsageError() throws {
        let result = try CommandRunner.run(["pricing", "check"])
        #expect(result.status == 64)
    }
}
