import Foundation
import Testing
@testable import AxisLedger

/// The demo's reports are pinned: a fresh run must give the committed bytes
/// of reports/example/ (same database and pricing, same bytes).
struct DemoGoldenTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func demoReportsAreByteIdenticalToTheCommittedExample() throws {
        let folder = try TemporaryDirectory()
        let result = try Demo(folder: folder.path("demo")).run()
        var expectedNames: [String] = []
        for month in [Demo.sample.month, Demo.nextMonth] {
            // Every file below the month folder, statements/ included.
            let expectedFolder = Self.packageRoot.appendingPathComponent("reports/example/\(month)")
            expectedNames += try Self.files(below: expectedFolder).map { "reports/\(month)/\($0)" }
        }
        expectedNames.sort()
        let october = "reports/\(Demo.sample.month)/"
        #expect(expectedNames.contains(october + "report.json") && expectedNames.contains(october + "reconciliation.json"))
        #expect(expectedNames.contains { $0.hasPrefix(october + "statements/") && $0.hasSuffix(".html") })
        #expect(result.reportFiles.sorted() == expectedNames, "the demo writes other files than reports/example holds")
        for name in expectedNames {
            let produced = try String(contentsOfFile: folder.path("demo/" + name), encoding: .utf8)
            let expected = try String(contentsOf: Self.packageRoot.appendingPathComponent("reports/example/" + name.dropFirst("reports/".count)), encoding: .utf8)
            if produced != expected {
                Issue.record("\(name) differs from reports/example: \(Self.firstDifference(produced, expected)). Regenerate as reports/example/README.md says if the change is intended.")
            }
        }
    }

    /// The files issued when October was closed stay as issued after the late file.
    @Test func theClosedMonthsIssuedFilesAreTheOnesWrittenAtClose() throws {
        let folder = try TemporaryDirectory()
        let result = try Demo(folder: folder.path("demo")).run()
        for name in ["usage.csv", "invoice_lines.csv", "flags_402.csv"] {
            let written = try Data(contentsOf: URL(fileURLWithPath: folder.path("demo/reports/\(Demo.sample.month)/\(name)")))
            #expect(result.closed.closed.file(named: name)?.content == written, "\(name)")
        }
        #expect(result.closed.changes.changes.map(\.generationId) == ["gen_late_000000000001", "gen_late_000000000002"])
        #expect(result.nextReport.pricing?.adjustments.map(\.orgId) == ["org_stark"])
    }

    @Test func demoReportsAreTheSameOnEveryRun() throws {
        let first = try TemporaryDirectory(), second = try TemporaryDirectory()
        let a = try Demo(folder: first.path("d")).run()
        let b = try Demo(folder: second.path("d")).run()
        for (x, y) in zip(a.reportFiles, b.reportFiles) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: first.path("d/" + x))) == Data(contentsOf: URL(fileURLWithPath: second.path("d/" + y))))
        }
    }

    @Test func embeddedExamplePricingIsTheDocumentedFile() throws {
        let documented = try String(contentsOf: Self.packageRoot.appendingPathComponent("docs/pricing.example.yaml"), encoding: .utf8)
        #expect(PricingExample.yaml == documented)
        #expect(try String(contentsOf: Self.packageRoot.appendingPathComponent("reports/example/pricing.yaml"), encoding: .utf8) == documented)
    }

    @Test func embeddedProviderPricingIsTheDocumentedFile() throws {
        let documented = try String(contentsOf: Self.packageRoot.appendingPathComponent("docs/provider-pricing.example.yaml"), encoding: .utf8)
        #expect(ProviderPricingExample.yaml == documented)
        #expect(try String(contentsOf: Self.packageRoot.appendingPathComponent("reports/example/provider-pricing.yaml"), encoding: .utf8) == documented)
    }

    /// The regular files below `folder`, as paths relative to it, sorted.
    static func files(below folder: URL) throws -> [String] {
        var names: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            if isFolder.boolValue {
                names += try files(below: folder.appendingPathComponent(name)).map { name + "/" + $0 }
            } else {
                names.append(name)
            }
        }
        return names.sorted()
    }

    /// The first line where two texts differ, both sides shown.
    static func firstDifference(_ produced: String, _ expected: String) -> String {
        let a = produced.components(separatedBy: "\n"), b = expected.components(separatedBy: "\n")
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : "<end>", y = index < b.count ? b[index] : "<end>"
            if x != y { return "line \(index + 1): produced «\(x)», expected «\(y)»" }
        }
        return "same lines, different bytes"
    }
}
