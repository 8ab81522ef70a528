import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// `axis-ledger close`: renders a month's report exactly as `report` does
/// and records it as issued, in one transaction, then writes the report
/// folder from what was stored.
///
/// Crash safety: everything is rendered in memory inside the write
/// transaction and stored with it, so a process killed before the commit
/// leaves the month open and nothing of it stored; killed after the commit,
/// the month is closed and `report --month M` writes the issued files.
public struct MonthCloser {
    /// What a close stored and wrote.
    public struct Result: Sendable {
        public var closed: ClosedMonth
        /// The report as rendered at close (its statements are the issued ones).
        public var report: MonthReport
        /// The paths written, in the set's order.
        public var files: [String]
    }

    /// Set in the environment by the crash-safety tests only: `before-commit:PATH`
    /// or `after-commit:PATH` makes the close create the file PATH at that
    /// moment and then wait two minutes, so a test can SIGKILL it there.
    static let holdVariable = "AXIS_LEDGER_TEST_HOLD_CLOSE"

    let ledger: LedgerDatabase

    public init(ledger: LedgerDatabase) {
        self.ledger = ledger
    }

    /// Who closes: `$USER`, else `$LOGNAME`, else the uid.
    public static func currentUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for name in ["USER", "LOGNAME"] {
            if let value = environment[name], !value.isEmpty { return SecretTextRedactor.redact(value) }
        }
        return "uid \(getuid())"
    }

    /// The first instant after `month`, as `YYYY-MM-01T00:00:00Z`.
    static func end(of month: String) -> String? {
        guard let (year, number) = MonthText.parse(month) else { return nil }
        let next = number == 12 ? (year + 1, 1) : (year, number + 1)
        return String(format: "%04d-%02d-01T00:00:00Z", next.0, next.1)
    }

    /// Closes `month` under `rules`, whose file's text is `pricingText`.
    ///
    /// - Parameters:
    ///   - now: the time of the close: the month must have ended by then in
    ///     every org's zone (UTC for an org without one).
    ///   - outputFolder: receives `MONTH/` with the issued files.
    /// - Throws: ``ClosingError`` (already closed, not ended), ``ReportError``,
    ///   ``PricingError``; nothing is stored then.
    public func close(month: String, rules: PricingRules, pricingText: String, note: String?, closedBy: String,
                      now: Date = Date(), outputFolder: String) throws -> Result {
        guard Self.end(of: month) != nil, let (end, zone) = rules.monthEndInEveryZone(month) else { throw ReportError.badMonth(month) }
        let nowText = Self.timeText(now)
        guard nowText >= end.replacingOccurrences(of: "Z", with: ".000Z") else {
            if zone == "UTC" { throw ClosingError.notEnded(month: month, endsAt: end) }
            throw ClosingError.notEndedInEveryZone(month: month, endsAt: end, zone: zone)
        }
        let (closed, report) = try ledger.queue.writeWithoutTransaction { db -> (ClosedMonth, MonthReport) in
            var stored: (ClosedMonth, MonthReport)?
            try db.inTransaction(.immediate) {
                if let existing = try ClosedMonthStore.load(db, month: month) {
                    throw ClosingError.alreadyClosed(month: month, closedAt: existing.closedAt, closedBy: existing.closedBy)
                }
                // The zones the month is issued in, so that billed_generations_local and
                // changes_since_close count each org's month as it was issued.
                try LocalMonthTables.record(db, rules: rules, at: nowText)
                let report = try MonthReportBuilder(ledger: ledger).build(db, month: month, rules: rules)
                let files = ReportWriter().render(report)
                try store(db, report: report, files: files, pricingText: pricingText, note: note, closedBy: closedBy, at: nowText)
                stored = (try ClosedMonthStore.load(db, month: month)!, report)
                Self.hold("before-commit")
                return .commit
            }
            return stored!
        }
        Self.hold("after-commit")
        let written = try ClosedMonthReportWriter.write(closed: closed, changes: nil, to: outputFolder)
        return Result(closed: closed, report: report, files: written)
    }

    private func store(_ db: Database, report: MonthReport, files: [(name: String, text: String)], pricingText: String,
                       note: String?, closedBy: String, at closedAt: String) throws {
        let month = report.month
        guard let pricing = report.pricing else { throw ReportError.badMonth(month) }
        let rules = pricing.rules
        try db.execute(sql: """
            INSERT INTO month_closes (month, closed_at, closed_by, note, pricing_file, pricing_text, pricing_sha256, currency)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [month, closedAt, closedBy, note.map(SecretTextRedactor.redact), rules.fileName, pricingText,
                             pricing.sha256, rules.currency.code])
        for file in files {
            let bytes = Data(file.text.utf8)
            try db.execute(sql: "INSERT INTO issued_files (month, name, content, sha256) VALUES (?, ?, ?, ?)",
                           arguments: [month, file.name, bytes, SHA256.hex(SHA256.hash(bytes))])
        }
        let money = MoneyFormatter()
        for statement in pricing.statements {
            for (index, line) in statement.lines.enumerated() {
                try db.execute(sql: """
                    INSERT INTO issued_lines (month, org_id, position, plan, line, version, description, quantity, unit_price, amount, currency, adjusts_month, dimension)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [month, statement.orgId, index + 1, statement.planName, line.kind.rawValue, line.version?.rawValue,
                                     line.description, line.quantity, line.unitPrice.map { money.formatUnitPrice($0, currency: rules.currency) },
                                     money.format(line.amount, currency: rules.currency), rules.currency.code, line.adjustsMonth, line.dimension])
            }
        }
        for adjustment in pricing.adjustments {
            for (version, count) in adjustment.generations {
                try db.execute(sql: """
                    INSERT INTO issued_adjustment_counts (month, org_id, adjusts_month, version, generations) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [month, adjustment.orgId, adjustment.adjustsMonth, version.rawValue, count])
            }
        }
        // Each org's generations of its local month (its UTC month without a zone),
        // as billed_generations_local counts them: the zones were recorded above.
        let (before, after) = (LocalMonth.neighbour(of: month, by: -1), LocalMonth.neighbour(of: month, by: 1))
        try db.execute(sql: """
            INSERT INTO issued_generations (month, generation_id, org_id, version, record_id, file_id)
            SELECT b.month, b.generation_id, b.org_id, b.version, bf.record_id, r.file_id
            FROM billed_generations_local AS b
            JOIN billed_generation_firsts AS bf ON bf.generation_id = b.generation_id
            JOIN response_records AS r ON r.id = bf.record_id
            WHERE b.utc_month IN (?1, ?2, ?3) AND b.month = ?1
            """, arguments: [month, before, after])
        // The files holding the month's records: of its UTC month, and of each zoned org's local month.
        try db.execute(sql: """
            INSERT INTO issued_sources (month, file_id, sha256)
            SELECT ?1, f.id, f.sha256 FROM ingested_files AS f
            WHERE f.id IN (SELECT file_id FROM response_records WHERE month = ?1 UNION SELECT file_id FROM request_attempts WHERE month = ?1
                           UNION
                           SELECT x.file_id FROM org_time_zones AS z
                           JOIN month_bounds AS mb ON mb.time_zone = z.time_zone AND mb.month = ?1
                           JOIN response_records AS x ON x.month IN (?1, ?2, ?3) AND x.org_id = z.org_id
                                AND x.occurred_at >= mb.starts_at AND x.occurred_at < mb.ends_at
                           UNION
                           SELECT x.file_id FROM org_time_zones AS z
                           JOIN month_bounds AS mb ON mb.time_zone = z.time_zone AND mb.month = ?1
                           JOIN request_attempts AS x ON x.month IN (?1, ?2, ?3) AND x.org_id = z.org_id
                                AND x.occurred_at >= mb.starts_at AND x.occurred_at < mb.ends_at)
              AND f.id NOT IN (SELECT file_id FROM voided_files)
            """, arguments: [month, before, after])
    }

    /// `now` as the ledger writes times: UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`.
    static func timeText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        return formatter.string(from: date)
    }

    private static func hold(_ moment: String) {
        guard let value = ProcessInfo.processInfo.environment[holdVariable], value.hasPrefix(moment + ":") else { return }
        FileManager.default.createFile(atPath: String(value.dropFirst(moment.count + 1)), contents: Data())
        sleep(120)
    }
}
