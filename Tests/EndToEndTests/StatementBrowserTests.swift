import Foundation
import Testing

/// The demo's statements opened in a real browser: headless Chromium renders
/// each one to PNG and prints it to PDF, and the PDF's first page, read back
/// by pdftotext, holds the org and its total due. The statements are the
/// committed reports/example/2026-10/statements/, which DemoGoldenTests pins
/// to the demo's output byte for byte. Runs when Chromium and poppler-utils
/// are installed (`.ci/run` installs Debian's `chromium` and `poppler-utils`).
struct StatementBrowserTests {
    static let chromium = ["chromium", "chromium-browser"].first(where: CommandRunner.hasTool)
    static var available: Bool { chromium != nil && CommandRunner.hasTool("pdftotext") }

    /// Chromium refuses to run as root inside its sandbox; the page is our own file.
    static func browser(_ arguments: [String], profile: String) throws -> CommandRunner.Result {
        let sandbox = getuid() == 0 ? ["--no-sandbox"] : []
        return try CommandRunner.runTool(chromium!, ["--headless", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                                                      "--no-first-run", "--user-data-dir=\(profile)"] + sandbox + arguments)
    }

    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("reports/example/2026-10")

    @Test(.enabled(if: available, "needs chromium and pdftotext"), .timeLimit(.minutes(20)))
    func everyDemoStatementRendersToPNGAndPrintsToPDFWithItsTotalOnPageOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let month = Self.example
        let statements = month.appendingPathComponent("statements")
        let pages = try FileManager.default.contentsOfDirectory(atPath: statements.path).filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count >= 10)
        let invoiceLines = try String(contentsOf: month.appendingPathComponent("invoice_lines.csv"), encoding: .utf8)
        for page in pages {
            let stem = String(page.dropLast(".html".count))
            let url = statements.appendingPathComponent(page).absoluteString
            let pdf = folder.appendingPathComponent(stem + ".pdf").path, png = folder.appendingPathComponent(stem + ".png").path
            let printed = try Self.browser(["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", url], profile: folder.appendingPathComponent("profile").path)
            #expect(printed.status == 0, "\(printed.stderr)")
            let shot = try Self.browser(["--window-size=900,1400", "--screenshot=\(png)", url], profile: folder.appendingPathComponent("profile").path)
            #expect(shot.status == 0, "\(shot.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: png)).prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(stem).png is a PNG")
            #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(5) == Data("%PDF-".utf8), "\(stem).pdf is a PDF")
            // The org's total line of invoice_lines.csv (org ids of the demo are plain, so the stem is the id).
            let totalLine = try #require(invoiceLines.components(separatedBy: "\r\n").first { $0.hasPrefix("2026-10,\(stem),") && $0.contains(",total,") })
            let total = try #require(totalLine.split(separator: ",").dropLast().last)
            let text = try CommandRunner.runTool("pdftotext", ["-f", "1", "-l", "1", "-layout", pdf, "-"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("Total due"), "\(stem): page 1 has no total")
            #expect(text.stdout.contains("\(total) USD"), "\(stem): page 1 lacks \(total) USD:\n\(text.stdout)")
            #expect(text.stdout.contains(stem), "\(stem): page 1 does not name the org")
        }
    }
}
