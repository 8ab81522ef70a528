import Foundation

/// A sample month written once per test run by `axis-ledger sample`, cut
/// into several files so an ingest of them commits several times: four JSON
/// Lines files of response records and two CSV request logs (each with the
/// header).
struct SampleInput: Sendable {
    /// Response records in the sample (plus as many request-log rows).
    static let records = 3000

    let folder: String
    let responseFiles: [String]
    let requestFiles: [String]

    /// Every file, in the order the tests ingest them.
    var files: [String] { responseFiles + requestFiles }

    /// The sample, written on first use and removed when the test process ends.
    static func shared() throws -> SampleInput { try written.get() }

    private static let written = Result { try SampleInput() }
    private static let folderPath = FileManager.default.temporaryDirectory
        .appendingPathComponent("axis-reliability-sample-\(ProcessInfo.processInfo.processIdentifier)").path

    private init() throws {
        folder = Self.folderPath
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: SampleInput.folderPath) }
        let sample = try LedgerBinary.run(["sample", "--records", "\(Self.records)", "--seed", "11", "--out", folder])
        guard sample.status == 0 else { throw SampleInputError(message: "axis-ledger sample failed: \(sample.stderr)") }

        let responses = try Self.lines(of: folder + "/responses.jsonl")
        responseFiles = try Self.write(chunks(responses, into: 4), header: nil, name: "responses-part", ext: "jsonl", in: folder)
        var requests = try Self.lines(of: folder + "/requests.csv")
        let header = requests.removeFirst()
        requestFiles = try Self.write(chunks(requests, into: 2), header: header, name: "requests-part", ext: "csv", in: folder)
    }

    private static func lines(of path: String) throws -> [Substring] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    }

    private static func write(_ chunks: [ArraySlice<Substring>], header: Substring?, name: String, ext: String, in folder: String) throws -> [String] {
        try chunks.enumerated().map { index, lines in
            let path = "\(folder)/\(name)\(index + 1).\(ext)"
            let text = ((header.map { [$0] } ?? []) + lines).joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }
}

private func chunks(_ lines: [Substring], into count: Int) -> [ArraySlice<Substring>] {
    let size = (lines.count + count - 1) / count
    return stride(from: 0, to: lines.count, by: size).map { lines[$0..<min($0 + size, lines.count)] }
}

struct SampleInputError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
