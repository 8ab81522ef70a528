import Foundation
import Testing

/// Issue 15, items 5, 7 and 11: the command line says what was wrong, where,
/// and what to do, in its own words; each message is checked on its exact text.
struct CommandLineMessageTests: LedgerFolderTest {
    let folder: URL

    init() throws {
        folder = try Self.makeFolder("axis-cli")
    }

    static let october = #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"idempotencyKey":"k1","response":{"success":true,"generationId":"gen_1"}}"#

    /// Foundation's own sentences and codes, which must never reach a user.
    static let foundationTexts = ["NSCocoaErrorDomain", "Error Domain=", "couldn’t be", "The file doesn’t exist", "The operation could not be completed"]

    private func expectNoFoundationText(_ text: String) {
        for leak in Self.foundationTexts { #expect(!text.contains(leak), "Foundation's text reached the user: \(text)") }
    }

    // MARK: item 5, the month

    @Test func reportWithoutMonthSaysFirstWhichMonthItTook() throws {
        _ = try CommandRunner.run(["ingest", "--db", db, try write("r.jsonl", Self.october + "\n")])
        let out = folder.appendingPathComponent("reports").path
        let result = try CommandRunner.run(["report", "--db", db, "--out", out], environment: ["AXIS_LEDGER_NOW": "2026-11-15T08:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("report: month 2026-10 (the last complete month; use --month to choose)\n"), "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/2026-10/usage.csv"))
    }

    @Test func monthLastAndThisFollowTheClock() throws {
        _ = try CommandRunner.run(["ingest", "--db", db, try write("r.jsonl", Self.october + "\n")])
        let out = folder.appendingPathComponent("reports").path
        let january = ["AXIS_LEDGER_NOW": "2027-01-01T00:00:00Z"]
        let last = try CommandRunner.run(["report", "--db", db, "--out", out, "--month", "last"], environment: january)
        #expect(last.stderr.hasPrefix("report: month 2026-12 (the last complete month)\n"), "\(last.stderr)")
        let this = try CommandRunner.run(["report", "--db", db, "--out", out, "--month", "this"], environment: january)
        #expect(this.stderr.hasPrefix("report: month 2027-01 (this month, not complete yet)\n"), "\(this.stderr)")
        #expect(FileManager.default.fileExists(atPath: out + "/2027-01/report.md"))
        let named = try CommandRunner.run(["report", "--db", db, "--out", out, "--month", "2026-10"], environment: january)
        #expect(named.stderr.isEmpty, "a named month needs no notice: \(named.stderr)")
    }

    @Test func reconcileWithoutMonthSaysItToo() throws {
        _ = try CommandRunner.run(["ingest", "--db", db, try write("r.jsonl", Self.october + "\n")])
        let result = try CommandRunner.run(["reconcile", "--db", db, "--out", folder.appendingPathComponent("reports").path],
                                           environment: ["AXIS_LEDGER_NOW": "2026-11-01T00:00:00Z"])
        #expect(result.stderr.hasPrefix("reconcile: month 2026-10 (the last complete month; use --month to choose)\n"), "\(result.stderr)")
    }

    @Test func aMonthThatIsNotOneSaysTheThreeForms() throws {
        let result = try CommandRunner.run(["report", "--db", db, "--month", "2026-13"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--month 2026-13 is not a month; write it as YYYY-MM (e.g. 2026-10), last (the last complete month) or this (the current month)."), "\(result.stderr)")
        let reconcile = try CommandRunner.run(["reconcile", "--db", db, "--month", "soon"])
        #expect(reconcile.status == 2, "reconcile keeps its one status for bad input")
    }

    // MARK: item 7, messages

    @Test func aPricingFileThatIsAFolderIsSaidSo() throws {
        let logs = folder.appendingPathComponent("logs").path
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let result = try CommandRunner.run(["pricing", "check", logs])
        #expect(result.status == 1)
        #expect(result.stderr == "axis-ledger: pricing check: \(logs) is a folder, not a pricing file; give the path of the file\n")
        _ = try CommandRunner.run(["ingest", "--db", db, try write("r.jsonl", Self.october + "\n")])
        let report = try CommandRunner.run(["report", "--db", db, "--month", "2026-10", "--pricing", logs, "--out", folder.path + "/reports"])
        #expect(report.status == 1)
        #expect(report.stderr.contains("\(logs): a folder, not a pricing file; give the path of the file"), "\(report.stderr)")
        expectNoFoundationText(result.stderr + report.stderr)
    }

    @Test func anOutThatIsAFileIsSaidSo() throws {
        let file = try write("reports.txt", "")
        _ = try CommandRunner.run(["ingest", "--db", db, try write("r.jsonl", Self.october + "\n")])
        let result = try CommandRunner.run(["report", "--db", db, "--month", "2026-10", "--out", file])
        #expect(result.status == 1)
        #expect(result.stderr == "axis-ledger: report: --out \(file) is a file; give a folder (it receives MONTH/ with the files)\n")
        let reconcile = try CommandRunner.run(["reconcile", "--db", db, "--month", "2026-10", "--out", file])
        #expect(reconcile.status == 2)
        #expect(reconcile.stderr == "axis-ledger: reconcile: --out \(file) is a file; give a folder (it receives MONTH/ with the files)\n")
        // The demo once printed Foundation's `Error Domain=NSCocoaErrorDomain Code=516 "A file with the same name already exists."`.
        let demo = try CommandRunner.run(["demo", "--out", file])
        #expect(demo.status == 1)
        #expect(demo.stderr == "axis-ledger: demo: --out \(file) is a file; give a folder (it receives the demo's files)\n")
        expectNoFoundationText(result.stderr + reconcile.stderr + demo.stderr)
    }

    @Test func aDatabaseThatIsNotOneAFolderOrInAMissingFolderIsSaidSo() throws {
        let notDB = try write("notdb.sqlite", "hello, not a database\n")
        let a = try CommandRunner.run(["schema", "--db", notDB])
        #expect(a.stderr == "axis-ledger: \(notDB) is not an SQLite database, so not an axis-ledger ledger either; give --db the ledger's path, or a new path to create one.\n")
        let logs = folder.appendingPathComponent("logs").path
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let b = try CommandRunner.run(["init", "--db", logs])
        #expect(b.stderr == "axis-ledger: \(logs) is a folder (a directory), not a regular file, so not a ledger; give --db the ledger's file, e.g. --db \(logs)/ledger.sqlite.\n")
        let missing = folder.appendingPathComponent("nofolder").path
        let c = try CommandRunner.run(["init", "--db", missing + "/ledger.sqlite"])
        #expect(c.stderr == "axis-ledger: \(missing)/ledger.sqlite: the folder \(missing) does not exist; create it (mkdir -p \(missing)) or give --db another path.\n")
        let d = try CommandRunner.run(["verify", "--db", missing + "/ledger.sqlite"])
        #expect(d.stderr == c.stderr, "read-only commands say the same")
        for result in [a, b, c, d] { #expect(result.status == 1) }
        expectNoFoundationText(a.stderr + b.stderr + c.stderr + d.stderr)
    }

    @Test func aMistypedCommandSuggestsTheNearest() throws {
        let result = try CommandRunner.run(["reprot", "--month", "2026-10"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "axis-ledger: unknown command 'reprot'; did you mean 'report'?\n")
        let help = try CommandRunner.run(["help", "reprot"])
        #expect(help.status == 64, "not the top-level help with exit 0")
        #expect(help.stdout.isEmpty)
        #expect(help.stderr == "axis-ledger help: unknown command 'reprot'; did you mean 'report'?\n")
        let nested = try CommandRunner.run(["pricing", "chek", "p.yaml"])
        #expect(nested.stderr == "axis-ledger pricing: unknown command 'chek'; did you mean 'check'?\n")
        let far = try CommandRunner.run(["frobnicate"])
        #expect(far.stderr.hasPrefix("axis-ledger: unknown command 'frobnicate'; the commands are: init, ingest,"), "\(far.stderr)")
        let good = try CommandRunner.run(["help", "report"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("USAGE: axis-ledger report"))
    }

    @Test func negativeNumbersAreRefusedAsNegativeNotAsMissing() throws {
        let tolerance = try CommandRunner.run(["reconcile", "--db", db, "--month", "2026-10", "--tolerance", "-1"])
        #expect(tolerance.status == 2)
        #expect(tolerance.stderr.hasPrefix("axis-ledger reconcile: --tolerance must be 0 or more; got -1.\nUsage: axis-ledger reconcile "), "\(tolerance.stderr)")
        let records = try CommandRunner.run(["sample", "--records", "-5", "--out", folder.path + "/s"])
        #expect(records.status == 64)
        #expect(records.stderr.hasPrefix("Error: --records must be between 1 and 100000000; got -5.\n"), "\(records.stderr)")
        let seed = try CommandRunner.run(["sample", "--seed", "-3", "--out", folder.path + "/s"])
        #expect(seed.stderr.hasPrefix("Error: --seed must be 0 or more; got -3.\n"), "\(seed.stderr)")
        for result in [tolerance, records, seed] { #expect(!result.stderr.contains("Missing value")) }
    }

    static let subcommands = [["init"], ["ingest"], ["sample"], ["pricing"], ["pricing", "check"], ["report"], ["demo"],
                              ["reconcile"], ["sql"], ["schema"], ["verify"], ["close"], ["files"], ["void"], ["find"],
                              ["profile"], ["profile", "check"], ["profile", "try"], ["profile", "list"]]

    @Test(arguments: subcommands)
    func helpPrintsEachDefaultOnceAndEndsWithExamples(_ command: [String]) throws {
        let result = try CommandRunner.run(command + ["--help"])
        #expect(result.status == 0)
        let help = result.stdout
        #expect(help.contains("USAGE: axis-ledger \(command.joined(separator: " "))"), "the usage line names the program")
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.components(separatedBy: "(default").count <= 2, "a default printed twice: \(line)")
        }
        #expect(!help.contains("(default: 0.01). (default: 0.01)"))
        // The help ends with an Examples paragraph of two or three commands.
        let paragraphs = help.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n\n")
        let last = try #require(paragraphs.last)
        let lines = last.split(separator: "\n")
        #expect(lines.first == "Examples:", "\(last)")
        let examples = lines.dropFirst()
        #expect((2...3).contains(examples.count), "\(last)")
        for example in examples { #expect(example.contains("axis-ledger \(command[0])"), "\(example)") }
    }

    @Test func reconcileHelpPrintsTheToleranceDefaultOnce() throws {
        let help = try CommandRunner.run(["reconcile", "--help"]).stdout
        #expect(help.components(separatedBy: "(default: 0.01)").count == 2, "\(help)")
    }

    @Test func aMonthWithoutRecordsWarnsAndStillBillsListedMinimums() throws {
        _ = try CommandRunner.run(["ingest", "--db", db, try write("r.jsonl", Self.october + "\n")])
        let pricing = try write("pricing.yaml", """
            currency: USD
            plans:
              growth:
                monthlyMinimum: 250.00
                v1:
                  unitPrice: 0.035
                v2:
                  unitPrice: 0.10
            orgs:
              org_acme: growth
            """)
        let out = folder.appendingPathComponent("reports").path
        let result = try CommandRunner.run(["report", "--db", db, "--month", "2026-03", "--pricing", pricing, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "report: no records in 2026-03: is that the month you meant? (orgs listed in the pricing file are still billed their minimums)\n")
        let invoice = try String(contentsOfFile: out + "/2026-03/invoice_lines.csv", encoding: .utf8)
        #expect(invoice.contains("org_acme"), "the listed org's minimum is billed: \(invoice)")
        #expect(invoice.contains("250.00"), "\(invoice)")
        #expect(result.stdout.contains("2026-03: 0 billed generations, 0 events with status 402, 250.00 USD due over 1 statement\n"), "\(result.stdout)")
        let october = try CommandRunner.run(["report", "--db", db, "--month", "2026-10", "--pricing", pricing, "--out", out])
        #expect(october.stderr.isEmpty, "a month with records has no warning: \(october.stderr)")
        #expect(october.stdout.contains("2026-10: 1 billed generation, 0 events with status 402, 250.00 USD due over 1 statement\n"), "\(october.stdout)")
    }

    @Test func kindResponsesOnACSVAndAnOrgIdHeaderEachSayTheirOwnFix() throws {
        let csv = try write("requests.csv", "timestamp,orgId,endpoint,httpStatus\n2026-10-03T10:15:22.120Z,org_acme,/v1/generate-image,200\n")
        let kind = try CommandRunner.run(["ingest", "--db", db, "--kind", "responses", csv])
        #expect(kind.status == 1)
        #expect(kind.stderr == "axis-ledger: \(csv):1: this file is CSV, and CSV files hold request logs, but --kind responses takes JSON Lines response records; ingest it with --kind requests, or without --kind; nothing of it was ingested\n")
        let snake = try write("snake.csv", "timestamp,org_id,endpoint,httpStatus\n2026-10-03T10:15:22.120Z,org_acme,/v1/generate-image,200\n")
        let header = try CommandRunner.run(["ingest", "--db", db, snake])
        #expect(header.status == 1)
        #expect(header.stderr == #"axis-ledger: \#(snake):1: not a request-log CSV header: the CSV header has no "orgId" column (found "org_id": rename the column, or map it with an input profile (--profile, see docs/input-formats.md)); nothing of it was ingested"# + "\n")
        #expect(!header.stderr.contains("--kind"), "a header in another spelling is not fixed by --kind")
    }

    // MARK: item 11, standard input's name

    @Test func standardInputIsRecordedAndShownUnderItsName() throws {
        let result = try CommandRunner.run(["ingest", "--db", db, "--name", "october.jsonl", "-"], stdin: Data((Self.october + "\n").utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "october.jsonl: 1 line, 1 accepted, 0 duplicates, 0 rejected\n")
        let recorded = try CommandRunner.run(["sql", "--db", db, "--format", "csv", "SELECT path FROM ingested_files"])
        #expect(recorded.stdout == "path\r\noctober.jsonl\r\n")
        let secret = try CommandRunner.run(["ingest", "--db", db, "--name", "feed?api_key=sk-live-0123456789abcdef0123", "-"],
                                           stdin: Data((Self.october.replacingOccurrences(of: "k1", with: "k2") + "\n").utf8))
        #expect(!secret.stdout.contains("0123456789abcdef0123"), "\(secret.stdout)")
        #expect(secret.stdout.hasPrefix("feed?api_key=[redacted]: 1 line"), "\(secret.stdout)")
        let names = try CommandRunner.run(["sql", "--db", db, "--format", "csv", "SELECT path FROM ingested_files ORDER BY id"])
        #expect(!names.stdout.contains("0123456789abcdef0123"), "redacted before storage")
        let noDash = try CommandRunner.run(["ingest", "--db", db, "--name", "x.jsonl", folder.path + "/r.jsonl"])
        #expect(noDash.status == 64)
        #expect(noDash.stderr.contains("--name x.jsonl names standard input; give `-` among the files, e.g. `ingest --name x.jsonl -`."))
    }

    @Test func standardInputFromAPipeSaysNothingAboutWaiting() throws {
        let result = try CommandRunner.run(["ingest", "--db", db, "-"], stdin: Data((Self.october + "\n").utf8))
        #expect(!result.stderr.contains("waiting"), "only a terminal gets the notice: \(result.stderr)")
    }
}
