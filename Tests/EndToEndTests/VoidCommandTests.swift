import Foundation
import GRDB
import Testing

/// `axis-ledger files` and `axis-ledger void [--undo]` as a person runs them.
struct VoidCommandTests: LedgerFolderTest {
    let folder: URL

    init() throws {
        folder = try Self.makeFolder("axis-e2e-void")
    }

    private static let success = #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_acme","endpoint":"/v1/generate-image","httpStatus":200,"idempotencyKey":"k1","response":{"success":true,"generationId":"gen_1"}}"#
    private static let other = #"{"timestamp":"2026-10-04T10:15:22.120Z","orgId":"org_beta","endpoint":"/v2/cinematic-image","httpStatus":200,"idempotencyKey":"k2","response":{"success":true,"generationId":"gen_2"}}"#
    private static let csv = "timestamp,orgId,endpoint,httpStatus,method,idempotencyKey,requestId,durationMs,retryAfter,rateLimitRemaining\n"
        + "2026-10-03T10:15:20.000Z,org_acme,/v1/generate-image,200,POST,k1,req_1,120,,59\n"

    /// A ledger of two files, the second voided, with fixed ingest times so the listing is exact.
    private func smallLedger() throws -> (responses: String, requests: String) {
        let responses = try write("responses.jsonl", Self.success + "\n{bad\n" + Self.success + "\n")
        let requests = try write("requests.csv", Self.csv)
        #expect(try CommandRunner.run(["ingest", "--db", db, responses, requests]).status == 0)
        let void = try CommandRunner.run(["void", "--db", db, "2", "--reason", "a test log"], environment: ["USER": "ana"])
        #expect(void.status == 0, "\(void.stderr)")
        let queue = try DatabaseQueue(path: db)
        try queue.write { db in
            try db.execute(sql: "UPDATE ingested_files SET ingested_at = '2026-11-02T08:00:0' || id || '.000Z'")
        }
        try queue.close()
        return (responses, requests)
    }

    @Test func filesListsEveryFileByIdInEachFormat() throws {
        _ = try smallLedger()
        // The SHA-256 prefixes are of the fixed bytes written above.
        let expected = [
            "csv": """
                id,path,kind,sha256,lines,accepted,duplicates,rejected,ingested_at,status,void_reason,first_line,continues\r
                1,responses.jsonl,jsonl,a8c5868f580c,3,1,1,1,2026-11-02T08:00:01.000Z,ingested,,1,\r
                2,requests.csv,csv,557b04078b81,1,1,0,0,2026-11-02T08:00:02.000Z,voided,a test log,1,\r

                """,
            "json": """
                [
                  {"id": 1, "path": "responses.jsonl", "kind": "jsonl", "sha256": "a8c5868f580c", "lines": 3, "accepted": 1, "duplicates": 1, "rejected": 1, "ingested_at": "2026-11-02T08:00:01.000Z", "status": "ingested", "void_reason": null, "first_line": 1, "continues": null},
                  {"id": 2, "path": "requests.csv", "kind": "csv", "sha256": "557b04078b81", "lines": 1, "accepted": 1, "duplicates": 0, "rejected": 0, "ingested_at": "2026-11-02T08:00:02.000Z", "status": "voided", "void_reason": "a test log", "first_line": 1, "continues": null}
                ]

                """,
            "markdown": """
                |  id | path            | kind  | sha256       | lines | accepted | duplicates | rejected | ingested_at              | status   | void_reason | first_line | continues |
                | --: | --------------- | ----- | ------------ | ----: | -------: | ---------: | -------: | ------------------------ | -------- | ----------- | ---------: | --------- |
                |   1 | responses.jsonl | jsonl | a8c5868f580c |     3 |        1 |          1 |        1 | 2026-11-02T08:00:01.000Z | ingested | ∅           |          1 | ∅         |
                |   2 | requests.csv    | csv   | 557b04078b81 |     1 |        1 |          0 |        0 | 2026-11-02T08:00:02.000Z | voided   | a test log  |          1 | ∅         |

                """,
            "table": """
                id  path             kind   sha256        lines  accepted  duplicates  rejected  ingested_at               status    void_reason  first_line  continues
                --  ---------------  -----  ------------  -----  --------  ----------  --------  ------------------------  --------  -----------  ----------  ---------
                 1  responses.jsonl  jsonl  a8c5868f580c      3         1           1         1  2026-11-02T08:00:01.000Z  ingested  ∅                     1  ∅
                 2  requests.csv     csv    557b04078b81      1         1           0         0  2026-11-02T08:00:02.000Z  voided    a test log            1  ∅
                (2 rows)

                """,
        ]
        for (format, text) in expected.sorted(by: { $0.key < $1.key }) {
            let result = try CommandRunner.run(["files", "--db", db, "--format", format])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stdout == text, "\(format)")
        }
        // Without --format, into a pipe: CSV.
        #expect(try CommandRunner.run(["files", "--db", db]).stdout == expected["csv"])
        #expect(try CommandRunner.run(["files", "--db", db, "--format", "yaml"]).status == 64)
    }

    @Test func voidAndUndoSayWhatTheyDidAndRefuseWhatCannotBeDone() throws {
        let path = try write("responses.jsonl", Self.success + "\n" + Self.other + "\n")
        #expect(try CommandRunner.run(["ingest", "--db", db, path]).status == 0)

        let noReason = try CommandRunner.run(["void", "--db", db, "1"])
        #expect(noReason.status == 64)
        #expect(noReason.stderr.contains("--reason"))

        let unknown = try CommandRunner.run(["void", "--db", db, "7", "--reason", "x"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no ingested file has id 7") && unknown.stderr.contains("axis-ledger files"))

        let liveUndo = try CommandRunner.run(["void", "--db", db, "--undo", "1"])
        #expect(liveUndo.status == 1)
        #expect(liveUndo.stderr.contains("is not voided"))

        let void = try CommandRunner.run(["void", "--db", db, "1", "--reason", "wrong customer"], environment: ["USER": "ana"])
        #expect(void.status == 0, "\(void.stderr)")
        #expect(void.stdout.contains("voided file 1 (responses.jsonl)") && void.stdout.contains("by ana: wrong customer"))
        #expect(void.stdout.contains("2 stored lines no longer count"))
        #expect(void.stdout.contains("2 billed before, 0 now"))
        #expect(try CommandRunner.run(["verify", "--db", db]).status == 0)
        let usage = try CommandRunner.run(["sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM monthly_usage"])
        #expect(usage.stdout == "n\r\n0\r\n")

        let again = try CommandRunner.run(["void", "--db", db, "1", "--reason", "twice"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already voided") && again.stderr.contains("axis-ledger void --undo 1"))

        let undo = try CommandRunner.run(["void", "--db", db, "--undo", "1", "--reason", "it was ours"], environment: ["USER": "bob"])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("undid the void of file 1") && undo.stdout.contains("by bob: it was ours"))
        #expect(try CommandRunner.run(["verify", "--db", db]).status == 0)
        let history = try CommandRunner.run(["sql", "--db", db, "--format", "csv", "SELECT action, reason, acted_by FROM file_voids ORDER BY id"])
        #expect(history.stdout == "action,reason,acted_by\r\nvoid,wrong customer,ana\r\nundo,it was ours,bob\r\n")
    }

    @Test func ingestingAVoidedFilesBytesAgainAddsNothingAndSaysHowToUndo() throws {
        let path = try write("responses.jsonl", Self.success + "\n")
        #expect(try CommandRunner.run(["ingest", "--db", db, path]).status == 0)
        #expect(try CommandRunner.run(["void", "--db", db, "1", "--reason", "test log"]).status == 0)
        let copy = try write("copy.jsonl", Self.success + "\n")
        for file in [path, copy] {
            let again = try CommandRunner.run(["ingest", "--db", db, file])
            #expect(again.status == 0)
            #expect(again.stdout.contains("voided") && again.stdout.contains("test log"), "\(again.stdout)")
            #expect(again.stdout.contains("axis-ledger void --undo 1"))
            #expect(again.stdout.contains("nothing added"))
        }
        let files = try CommandRunner.run(["sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM ingested_files"])
        #expect(files.stdout == "n\r\n1\r\n")
    }
}
