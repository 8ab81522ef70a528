import Foundation
import Testing

/// A log ingested, grown, and ingested again, as a cron job would: read from
/// where the last ingest stopped when it only grew, read whole (and saying
/// why) when it changed, was truncated, is gzip or standard input.
struct GrownLogIngestTests: LedgerFolderTest {
    let folder: URL

    init() throws {
        folder = try Self.makeFolder("axis-e2e-grown")
    }

    private static func line(_ n: Int, org: String = "org_acme") -> String {
        #"{"timestamp":"2026-10-03T10:15:\#(String(format: "%02d", n % 60)).120Z","orgId":"\#(org)","endpoint":"/v1/generate-image","httpStatus":200,"idempotencyKey":"k\#(n)","response":{"success":true,"generationId":"gen_\#(n)"}}"#
    }

    private static func lines(_ range: ClosedRange<Int>) -> String {
        range.map { line($0) + "\n" }.joined()
    }

    private func append(_ path: String, _ text: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }

    private func ingest(_ arguments: [String], stdin: Data? = nil) throws -> CommandRunner.Result {
        let result = try CommandRunner.run(["ingest", "--db", db] + arguments, stdin: stdin)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    private func sql(_ query: String) throws -> String {
        let result = try CommandRunner.run(["sql", "--db", db, "--format", "csv", query])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
    }

    private func verifyRereadingFiles() throws -> CommandRunner.Result {
        try CommandRunner.run(["verify", "--db", db, "--reread-files"])
    }

    @Test func aGrownLogIsReadFromWhereItStoppedWithItsTrueLineNumbers() throws {
        let path = try write("app.jsonl", Self.lines(1...3))
        _ = try ingest([path])
        try append(path, Self.lines(4...5))
        let second = try ingest([path])
        #expect(second.stdout.contains("\(path): 2 lines, 2 accepted, 0 duplicates, 0 rejected\n"))
        #expect(second.stdout.contains("  grew since file 1 was ingested (its first \(Self.lines(1...3).utf8.count) bytes are unchanged): read from line 4\n"))
        #expect(try sql("SELECT file_id, line_number FROM response_records ORDER BY id") == "file_id,line_number\n1,1\n1,2\n1,3\n2,4\n2,5\n")
        #expect(try sql("SELECT id, continues_file_id, start_offset, first_line, last_line, size_bytes FROM ingested_files ORDER BY id")
                == "id,continues_file_id,start_offset,first_line,last_line,size_bytes\n1,,0,1,3,\(Self.lines(1...3).utf8.count)\n2,1,\(Self.lines(1...3).utf8.count),4,5,\(Self.lines(1...5).utf8.count)\n")
        // Provenance of the new records is the file's own line.
        #expect(try sql("SELECT f.path || ':' || r.line_number AS provenance FROM response_records AS r JOIN ingested_files AS f ON f.id = r.file_id WHERE r.generation_id = 'gen_5'") == "provenance\napp.jsonl:5\n")
        let third = try ingest([path])
        #expect(third.stdout.contains("already ingested"), "the same grown bytes again add nothing")
        #expect(try verifyRereadingFiles().status == 0)
    }

    @Test func aLogChangedInTheMiddleIsReadWholeAndSaysSo() throws {
        let path = try write("app.jsonl", Self.lines(1...3))
        _ = try ingest([path])
        _ = try write("app.jsonl", Self.line(1) + "\n" + Self.line(2, org: "org_beta") + "\n" + Self.lines(3...4))
        let second = try ingest([path])
        #expect(second.stdout.contains("\(path): 4 lines, 2 accepted, 2 duplicates, 0 rejected\n"))
        #expect(second.stdout.contains("  changed since file 1 was ingested (its first \(Self.lines(1...3).utf8.count) bytes are not the bytes read then): read whole from line 1\n"))
        #expect(try sql("SELECT continues_file_id, start_offset, first_line FROM ingested_files WHERE id = 2") == "continues_file_id,start_offset,first_line\n,0,1\n")
    }

    @Test func aTruncatedOrRotatedLogIsReadWholeAndSaysSo() throws {
        let path = try write("app.jsonl", Self.lines(1...3))
        _ = try ingest([path])
        _ = try write("app.jsonl", Self.lines(7...7))
        let second = try ingest([path])
        #expect(second.stdout.contains("\(path): 1 line, 1 accepted, 0 duplicates, 0 rejected\n"))
        #expect(second.stdout.contains("  is \(Self.lines(7...7).utf8.count) bytes now, shorter than the \(Self.lines(1...3).utf8.count) bytes ingested as file 1: rotated or truncated, so read whole from line 1\n"))
        // The rotated file grows in turn: read on from its own last ingest.
        try append(path, Self.lines(8...8))
        #expect(try ingest([path]).stdout.contains("grew since file 2 was ingested"))
    }

    @Test func aCutLastLineIsReadAgainWholeAndALineOnlyMissingItsEndingIsNot() throws {
        let whole = Self.line(3)
        let path = try write("app.jsonl", Self.lines(1...2) + String(whole.prefix(40)))
        let first = try ingest([path])
        #expect(first.stdout.contains("3 lines, 2 accepted, 0 duplicates, 1 rejected"), "the cut line is a reject of the first part")
        try append(path, String(whole.dropFirst(40)) + "\n" + Self.line(4))
        let second = try ingest([path])
        #expect(second.stdout.contains("\(path): 2 lines, 2 accepted, 0 duplicates, 0 rejected\n"))
        #expect(second.stdout.contains("read from line 3, which had no line ending then and has grown since: it is read again whole (file 1 keeps what it read of it then)"))
        // Line 4 had no line ending either, but was whole: a line ending and a new line later, it is not read again.
        try append(path, "\n" + Self.line(5) + "\n")
        let third = try ingest([path])
        #expect(third.stdout.contains("\(path): 1 line, 1 accepted, 0 duplicates, 0 rejected\n"))
        #expect(third.stdout.contains("read from line 5 (line 4 had no line ending then; it has one now and is unchanged)"))
        #expect(try sql("SELECT line_number, file_id FROM response_records ORDER BY line_number") == "line_number,file_id\n1,1\n2,1\n3,2\n4,2\n5,3\n")
        #expect(try sql("SELECT count(*) AS billed FROM billed_generations") == "billed\n5\n", "every generation once, none lost")
        let verify = try verifyRereadingFiles()
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func aLineRepeatedInTheNewPartIsADuplicate() throws {
        let path = try write("app.jsonl", Self.lines(1...2))
        _ = try ingest([path])
        try append(path, Self.lines(1...1) + Self.lines(3...3))
        let second = try ingest([path])
        #expect(second.stdout.contains("\(path): 2 lines, 1 accepted, 1 duplicate, 0 rejected\n"))
        #expect(try sql("SELECT file_id, line_number FROM line_occurrences") == "file_id,line_number\n2,3\n")
    }

    @Test func gzipIsReadWholeAndSaysSo() throws {
        let plain = try write("app.jsonl", Self.lines(1...2))
        let gzip = folder.appendingPathComponent("app.jsonl.gz").path
        try Self.gzip(plain, to: gzip)
        _ = try ingest([gzip])
        _ = try write("app.jsonl", Self.lines(1...3))
        try Self.gzip(plain, to: gzip)
        let second = try ingest([gzip])
        #expect(second.stdout.contains("\(gzip): 3 lines, 1 accepted, 2 duplicates, 0 rejected\n"))
        #expect(second.stdout.contains("  gzip-compressed, so read whole from line 1 (only a plain file that grew since file 1 is read from where that ingest stopped)\n"))
    }

    private static func gzip(_ path: String, to out: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c -n \"$0\" > \"$1\"", path, out]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func standardInputIsReadWholeAndSaysSoWhenItsNameWasIngestedBefore() throws {
        _ = try ingest(["--name", "app.jsonl", "-"], stdin: Data(Self.lines(1...2).utf8))
        let second = try ingest(["--name", "app.jsonl", "-"], stdin: Data(Self.lines(1...3).utf8))
        #expect(second.stdout.contains("app.jsonl: 3 lines, 1 accepted, 2 duplicates, 0 rejected\n"))
        #expect(second.stdout.contains("  standard input is read whole from line 1: it cannot be checked against the \(Self.lines(1...2).utf8.count) bytes ingested as file 1 under the same name\n"))
    }

    @Test func aDryRunSaysWhereItWouldReadFromAndKeepsNothing() throws {
        let path = try write("app.jsonl", Self.lines(1...3))
        _ = try ingest([path])
        try append(path, Self.lines(4...4))
        let dry = try ingest(["--dry-run", path])
        #expect(dry.stdout.contains("\(path): 1 line, 1 accepted, 0 duplicates, 0 rejected\n  grew since file 1 was ingested"))
        #expect(dry.stdout.contains("read from line 4"))
        #expect(try sql("SELECT count(*) AS files FROM ingested_files") == "files\n1\n")
        #expect(try ingest([path]).stdout.contains("read from line 4"), "the real ingest reads from the same place")
    }

    @Test func jsonOutputSaysHowEachFileWasRead() throws {
        let path = try write("app.jsonl", Self.lines(1...3))
        let first = try ingest(["--format", "json", path])
        #expect(first.stdout.contains(#""first_line":1,"#))
        #expect(first.stdout.contains(#""read":"whole""#))
        #expect(!first.stdout.contains("read_note"), "nothing to say about a first ingest")
        #expect(!first.stdout.contains("continues_file_id"))
        try append(path, Self.lines(4...5))
        let second = try ingest(["--format", "json", path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        #expect(object["read"] as? String == "from_last_stop")
        #expect(object["first_line"] as? Int == 4)
        #expect(object["start_offset"] as? Int == Self.lines(1...3).utf8.count)
        #expect(object["continues_file_id"] as? Int == 1)
        #expect((object["read_note"] as? String)?.hasPrefix("grew since file 1 was ingested") == true)
        #expect(object["accepted"] as? Int == 2)
    }

    @Test func filesListsEachPartWithItsFirstLineAndThePartItContinues() throws {
        let path = try write("app.jsonl", Self.lines(1...3))
        _ = try ingest([path])
        try append(path, Self.lines(4...5))
        _ = try ingest([path])
        let files = try CommandRunner.run(["files", "--db", db, "--format", "csv"])
        let rows = files.stdout.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).suffix(2).joined(separator: ",") }
        #expect(rows == ["first_line,continues", "1,", "4,1"])
    }

    @Test func voidingOnePartSaysWhichLinesAndWhatStillCountsAndUndoesExactly() throws {
        let path = try write("app.jsonl", Self.lines(1...3))
        _ = try ingest([path])
        try append(path, Self.lines(4...5))
        _ = try ingest([path])
        try append(path, Self.lines(6...6))
        _ = try ingest([path])
        let void = try CommandRunner.run(["void", "--db", db, "2", "--reason", "lines 4 and 5 were a test"])
        #expect(void.status == 0, "\(void.stderr)")
        #expect(void.stdout.contains("  2 stored lines no longer count\n"))
        #expect(void.stdout.contains("  file 2 is part 2 of 3 of app.jsonl as it grew (lines 4–5); only this part is voided: file(s) 1, 3 still count; void each with `axis-ledger void ID --reason TEXT` to take the whole log out\n"))
        #expect(try sql("SELECT count(*) AS billed FROM billed_generations") == "billed\n4\n")
        let undo = try CommandRunner.run(["void", "--db", db, "--undo", "2"])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("  file 2 is part 2 of 3 of app.jsonl as it grew (lines 4–5); this part counts again\n"))
        #expect(try sql("SELECT count(*) AS billed FROM billed_generations") == "billed\n6\n")
        #expect(try sql("SELECT log_id, part, file_id, first_line, last_line FROM file_parts ORDER BY part") == "log_id,part,file_id,first_line,last_line\n1,1,1,1,3\n1,2,2,4,5\n1,3,3,6,6\n")
    }

    @Test func aLogWhoseLastPartIsVoidedIsReadWholeWhenItGrowsAndSaysSo() throws {
        let path = try write("app.jsonl", Self.lines(1...2))
        _ = try ingest([path])
        #expect(try CommandRunner.run(["void", "--db", db, "1", "--reason", "wrong customer"]).status == 0)
        try append(path, Self.lines(3...3))
        let second = try ingest([path])
        #expect(second.stdout.contains("\(path): 3 lines, 1 accepted, 2 duplicates, 0 rejected\n"))
        #expect(second.stdout.contains("  file 1, the last ingest of this path, is voided: read whole from line 1, so the lines it held count again through this file (void this file too to keep them out)\n"))
    }

    @Test func aGrownCSVRequestLogIsReadOnWithItsHeader() throws {
        let header = "timestamp,orgId,endpoint,httpStatus,method,idempotencyKey,requestId,durationMs,retryAfter,rateLimitRemaining\n"
        let row = { (n: Int) in "2026-10-03T10:15:\(String(format: "%02d", n)).000Z,org_acme,/v1/generate-image,200,POST,k\(n),req_\(n),120,,59\n" }
        let path = try write("requests.csv", header + row(1) + row(2))
        _ = try ingest([path])
        try append(path, row(3))
        let second = try ingest([path])
        #expect(second.stdout.contains("\(path): 1 line, 1 accepted, 0 duplicates, 0 rejected\n  grew since file 1 was ingested"))
        #expect(second.stdout.contains("read from line 4"))
        #expect(try sql("SELECT line_number FROM request_attempts ORDER BY id") == "line_number\n2\n3\n4\n")
        let verify = try verifyRereadingFiles()
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func aLogReadWithAProfileOrAKindIsReadOnWithTheSameAndWholeWithAnother() throws {
        let snake = { (n: Int) in #"{"timestamp":"2026-10-01T00:00:0\#(n)Z","org_id":"org_a","endpoint":"/v1/generate-image","http_status":200,"response":{"success":true,"generation_id":"j\#(n)"}}"# + "\n" }
        let path = try write("snake.jsonl", snake(1))
        _ = try ingest(["--profile", "snake_case", path])
        try append(path, snake(2))
        let same = try ingest(["--profile", "snake_case", path])
        #expect(same.stdout.contains("\(path): 1 line, 1 accepted, 0 duplicates, 0 rejected, profile snake_case\n  grew since file 1 was ingested"), "\(same.stdout)")
        let kinded = try write("kinded.jsonl", Self.lines(1...1))
        _ = try ingest(["--kind", "responses", kinded])
        try append(kinded, Self.lines(2...2))
        #expect(try ingest(["--kind", "responses", kinded]).stdout.contains("read from line 2"))
        try append(kinded, Self.lines(3...3))
        let other = try ingest([kinded])
        #expect(other.stdout.contains("  file 4, the last ingest of this path, was read with another --kind or --profile: read whole from line 1\n"), "\(other.stdout)")
    }

    @Test func aPartRefusedUnderStrictCommitsNothingAndTheNextIngestReadsFromTheSamePlace() throws {
        let path = try write("app.jsonl", Self.lines(1...2))
        _ = try ingest([path])
        try append(path, "{bad\n" + Self.lines(3...3))
        let strict = try CommandRunner.run(["ingest", "--db", db, "--strict", path])
        #expect(strict.status == 1)
        #expect(try sql("SELECT count(*) AS files FROM ingested_files") == "files\n1\n")
        let again = try ingest([path])
        #expect(again.stdout.contains("\(path): 2 lines, 1 accepted, 0 duplicates, 1 rejected\n  grew since file 1 was ingested"))
        #expect(again.stdout.contains("read from line 3"))
    }
}
