import Foundation

/// Writes a month's report files into `OUT/MONTH/`.
///
/// Each file is written to a temporary name and renamed into place, so a
/// reader never sees half a report and a failed run leaves the previous one.
public struct ReportWriter {
    public static let fileNames = ["usage.csv", "invoice_lines.csv", "flags_402.csv", "report.md"]

    public init() {}

    /// Writes the four files and returns their paths, in ``fileNames`` order.
    @discardableResult
    public func write(_ report: MonthReport, to outputFolder: String) throws -> [String] {
        let folder = URL(fileURLWithPath: outputFolder).appendingPathComponent(report.month)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: folder.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        let contents = [ReportCSV.usage(report), ReportCSV.invoiceLines(report), ReportCSV.flags402(report), ReportMarkdown.render(report)]
        var written: [String] = []
        for (name, text) in zip(Self.fileNames, contents) {
            let target = folder.appendingPathComponent(name)
            try Self.replace(target, with: Data(text.utf8))
            written.append(target.path)
        }
        return written
    }

    /// Writes `data` beside `target` and renames it over `target`.
    static func replace(_ target: URL, with data: Data) throws {
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                throw ReportError.cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
            }
        } catch let error as ReportError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ReportError.cannotWrite(path: target.path, reason: error.localizedDescription)
        }
    }
}
