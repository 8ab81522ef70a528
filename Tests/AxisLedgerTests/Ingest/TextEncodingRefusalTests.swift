import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// Issue 11 item 7: a file in UTF-16 or UTF-32 (Windows PowerShell 5.1
/// writes UTF-16LE by default) is refused before anything of it is stored,
/// with a message that names the file, the encoding it looks like, and how
/// to convert it to UTF-8; plain or gzip, with a byte-order mark or without.
/// A UTF-8 file with NUL bytes in a bad line is still read as UTF-8.
struct TextEncodingRefusalTests {
    let folder: TemporaryDirectory
    let ledger: LedgerDatabase

    init() throws {
        folder = try TemporaryDirectory()
        ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
    }

    static let secret = "sk_live_51HpowershellToken"
    static let text = [
        SampleLines.success(generation: "gen_1"),
        #"{"timestamp":"2026-10-03T10:15:22Z","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"headers":{"Authorization":"Bearer \#(secret)"}}"#,
    ].joined(separator: "\r\n") + "\r\n"

    enum Encoding: String, CaseIterable, Sendable {
        case utf16LE = "UTF-16LE", utf16BE = "UTF-16BE", utf32LE = "UTF-32LE", utf32BE = "UTF-32BE"

        func encode(_ text: String, byteOrderMark: Bool) -> [UInt8] {
            let body = byteOrderMark ? "\u{FEFF}" + text : text
            switch self {
            case .utf16LE: return body.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            case .utf16BE: return body.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            case .utf32LE: return body.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * $0)) & 0xFF) } }
            case .utf32BE: return body.unicodeScalars.flatMap { s in (0..<4).reversed().map { UInt8((s.value >> (8 * $0)) & 0xFF) } }
            }
        }
    }

    static let refusals: [(Encoding, byteOrderMark: Bool, gzip: Bool)] = Encoding.allCases.flatMap { encoding in
        [true, false].flatMap { mark in [false, true].map { (encoding, mark, $0) } }
    }

    @Test(arguments: refusals)
    func aUTF16OrUTF32FileIsRefusedWithHowToConvertItAndNothingIsStored(_ encoding: Encoding, byteOrderMark: Bool, gzip: Bool) throws {
        var path = try folder.write("powershell.jsonl", bytes: encoding.encode(Self.text, byteOrderMark: byteOrderMark))
        if gzip { path = try Self.gzip(path) }
        let report = Ingestor(ledger: ledger).ingest(path: path)
        guard case .refused(let error) = report.outcome else {
            Issue.record("expected a refusal, got \(report.outcome) with \(report.rejected) rejects")
            return
        }
        let message = error.description
        #expect(message.hasPrefix("\(path): "), "\(message)")
        #expect(message.contains("looks like \(encoding.rawValue) text, not UTF-8"), "\(message)")
        #expect(message.contains("iconv -f \(encoding.rawValue) -t UTF-8"), "\(message)")
        #expect(message.contains(gzip ? "gunzip -c" : "-Encoding utf8"), "\(message)")
        #expect(message.hasSuffix("nothing of it was ingested"), "\(message)")
        for table in ["ingested_files", "rejected_lines", "response_records", "request_attempts"] {
            let rows = try ledger.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") }
            #expect(rows == 0, "\(table)")
        }
    }

    /// UTF-8 files whose bad line holds NUL bytes, first or later: read as UTF-8, the line quarantined.
    static let nulLines: [(name: String, bytes: [UInt8])] = [
        ("NUL bytes between tokens, first line", Array(#"{"timestamp":"2026-10-05T08:00:00Z","#.utf8) + [0] + Array(#""orgId":"o"}"#.utf8) + [0x0A]
            + Array((SampleLines.success() + "\n").utf8)),
        ("only NUL bytes, first line", [UInt8](repeating: 0, count: 32) + [0x0A] + Array((SampleLines.success() + "\n").utf8)),
        ("NUL after every byte, second line", Array((SampleLines.success() + "\n").utf8)
            + Array(#"{"a":1}"#.utf8).flatMap { [$0, 0] } + [0x0A]),
    ]

    @Test(arguments: nulLines)
    func aUTF8FileWithNULBytesInABadLineIsNotTakenForUTF16(name: String, bytes: [UInt8]) throws {
        let path = try folder.write("nul.jsonl", bytes: bytes)
        let report = Ingestor(ledger: ledger).ingest(path: path)
        #expect(report.outcome == .ingested)
        #expect((report.accepted, report.rejected) == (1, 1))
    }

    private static func gzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kf", path]
        try process.run()
        process.waitUntilExit()
        return path + ".gz"
    }
}
