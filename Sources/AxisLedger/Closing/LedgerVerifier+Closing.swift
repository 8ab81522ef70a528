import Foundation
import GRDB

extension LedgerVerifier {
    /// Each issued file still has the SHA-256 recorded when its month was closed.
    func issuedFilesIntact(_ db: Database) throws -> Check {
        var problems: [String] = []
        for row in try Row.fetchAll(db, sql: "SELECT month, name, content, sha256 FROM issued_files ORDER BY month, name") {
            let content: [UInt8] = Array((row["content"] as Data?) ?? Data())
            let actual = SHA256.hex(SHA256.hash(content))
            if actual != (row["sha256"] as String) {
                problems.append("\(row["month"] as String)/\(row["name"] as String): issued bytes have SHA-256 \(actual.prefix(16))…, "
                    + "\((row["sha256"] as String).prefix(16))… recorded at close; the issued copy was changed outside axis-ledger")
            }
        }
        return Check(name: "every issued file of a closed month matches its SHA-256", problems: Self.capped(problems))
    }

    /// Changes since close are expected (late files, voided files): counted, never a failure.
    func changesSinceCloseCounted(_ db: Database) throws -> Check {
        let closed = try Int.fetchOne(db, sql: "SELECT count(*) FROM month_closes") ?? 0
        let changes = try Int.fetchOne(db, sql: "SELECT count(*) FROM changes_since_close") ?? 0
        return Check(name: "closed months: \(closed), changes since close: \(changes)"
                     + (changes > 0 ? " (expected after late or voided files; each is in changes_since_close)" : ""),
                     problems: [])
    }
}
