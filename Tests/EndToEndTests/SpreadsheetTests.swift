import Foundation
import Testing

/// Issue 15, item 10: `report --excel` differs from `report` only by the
/// UTF-8 byte-order mark of each CSV, and LibreOffice (headless, when
/// installed: `.ci/run` installs Debian's libreoffice-calc-nogui) reads
/// usage.csv and invoice_lines.csv back with every amount and text unchanged,
/// `units 1–1000` included.
struct SpreadsheetTests {
    static let soffice: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/soffice" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var pricingExample: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/provider-pricing.example.yaml").path
    }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-excel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// A sample month reported twice, plainly and with `--excel`.
    private func reports() throws -> (plain: String, excel: String) {
        let sample = folder.appendingPathComponent("sample").path
        let db = folder.appendingPathComponent("ledger.sqlite").path
        #expect(try CommandRunner.run(["sample", "--records", "3000", "--orgs", "4", "--out", sample]).status == 0)
        #expect(try CommandRunner.run(["ingest", "--db", db, sample + "/responses.jsonl"]).status == 0)
        let plain = folder.appendingPathComponent("plain").path, excel = folder.appendingPathComponent("excel").path
        let a = try CommandRunner.run(["report", "--db", db, "--month", "2026-10", "--pricing", Self.pricingExample, "--out", plain])
        let b = try CommandRunner.run(["report", "--db", db, "--month", "2026-10", "--pricing", Self.pricingExample, "--out", excel, "--excel"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        return (plain + "/2026-10", excel + "/2026-10")
    }

    @Test func excelAddsTheByteOrderMarkAndNothingElse() throws {
        let (plain, excel) = try reports()
        for name in ["usage.csv", "invoice_lines.csv", "flags_402.csv"] {
            let without = try Data(contentsOf: URL(fileURLWithPath: plain + "/" + name))
            let with = try Data(contentsOf: URL(fileURLWithPath: excel + "/" + name))
            #expect(with == Data([0xEF, 0xBB, 0xBF]) + without, "\(name)")
            #expect(without.prefix(3) != Data([0xEF, 0xBB, 0xBF]), "not the default")
        }
        let markdown = try Data(contentsOf: URL(fileURLWithPath: plain + "/report.md"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: excel + "/report.md")) == markdown, "report.md is the same")
    }

    @Test(.enabled(if: soffice != nil, "LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui"))
    func libreOfficeReadsEveryCellBackUnchanged() throws {
        let (_, excel) = try reports()
        let invoice = try String(contentsOfFile: excel + "/invoice_lines.csv", encoding: .utf8)
        #expect(invoice.contains("units 1–"), "the sample has a tier line with an en dash to survive")
        let converted = folder.appendingPathComponent("converted").path
        // Every column read as text (amounts such as 0.00 stay as written), the charset left to LibreOffice,
        // which must find UTF-8 by the mark; written back as UTF-8 CSV.
        let textColumns = (1...12).map { "\($0)/2" }.joined(separator: "/")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.soffice))
        process.arguments = ["--headless", "--norestore", "-env:UserInstallation=file://\(folder.path)/lo-profile",
                             "--infilter=CSV:44,34,,1,\(textColumns)",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false",
                             "--outdir", converted, excel + "/usage.csv", excel + "/invoice_lines.csv"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for name in ["usage.csv", "invoice_lines.csv"] {
            let original = try Self.cells(String(contentsOfFile: excel + "/" + name, encoding: .utf8))
            let back = try Self.cells(String(contentsOfFile: converted + "/" + name, encoding: .utf8))
            #expect(original.first?.first == "month", "the mark is not part of the first header as read here")
            #expect(back == original, "\(name): LibreOffice changed a cell")
            #expect(original.count > 3)
        }
    }

    /// The cells of a CSV (RFC 4180 quoting), a leading byte-order mark dropped.
    static func cells(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        if characters.last != "\n", characters.last != "\r\n" { characters.append("\n") }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" { field.append("\""); index += 1 } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field); field = ""
            } else if character == "\n" || character == "\r\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else if character != "\r" {
                field.append(character)
            }
            index += 1
        }
        return rows
    }
}
