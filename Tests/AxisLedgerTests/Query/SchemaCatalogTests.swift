import Foundation
import GRDB
import Testing
@testable import AxisLedger

struct SchemaCatalogTests {
    @Test func listsEveryTableAndViewOfAFreshLedgerStableViewsFirst() throws {
        let directory = try TemporaryDirectory()
        let ledger = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        let objects = try SchemaCatalog.objects(in: ledger)
        #expect(objects.map(\.name) == [
            "billed_generations", "billed_generations_local", "billing_anomalies", "changes_since_close", "closed_months", "events_402",
            "file_parts", "issued_statement_lines", "live_rejected_lines", "live_request_attempts", "live_response_records",
            "monthly_usage", "monthly_usage_local", "record_ids", "relocated_lines", "voided_files",
            "file_voids", "ingested_files", "issued_adjustment_counts", "issued_files", "issued_generations", "issued_lines",
            "issued_sources", "line_occurrences", "month_bounds", "month_closes", "org_time_zones", "rejected_lines", "request_attempts", "response_records",
            "billed_generation_firsts", "billing_recompute", "generation_placements", "id_lookup", "id_lookup_segments", "schema_migrations",
        ])
        #expect(objects.filter { $0.kind == .view }.map(\.name) == [
            "billed_generations", "billed_generations_local", "billing_anomalies", "changes_since_close", "closed_months", "events_402",
            "file_parts", "issued_statement_lines", "live_rejected_lines", "live_request_attempts", "live_response_records",
            "monthly_usage", "monthly_usage_local", "record_ids", "relocated_lines", "voided_files",
        ])
        #expect(objects.filter { !$0.isStable }.map(\.name) == ["billed_generation_firsts", "billing_recompute", "generation_placements", "id_lookup", "id_lookup_segments", "schema_migrations"])
    }

    @Test func columnsComeWithTheirDeclaredTypesAndLineHashIsInternal() throws {
        let directory = try TemporaryDirectory()
        let ledger = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        let objects = try SchemaCatalog.objects(in: ledger)
        let rejected = try #require(objects.first { $0.name == "rejected_lines" })
        #expect(rejected.columns.map(\.name) == ["id", "file_id", "line_number", "line_hash", "reason", "raw_line"])
        #expect(rejected.columns.map(\.type) == ["INTEGER", "INTEGER", "INTEGER", "BLOB", "TEXT", "BLOB"])
        #expect(rejected.columns.filter { !$0.isStable }.map(\.name) == ["line_hash"])
        let usage = try #require(objects.first { $0.name == "monthly_usage" })
        #expect(usage.columns.map(\.name) == ["month", "org_id", "version", "generations"])
    }

    @Test func sqlitesOwnTablesAreSkipped() throws {
        let directory = try TemporaryDirectory()
        let ledger = try LedgerDatabase(path: directory.path("ledger.sqlite"))
        // ANALYZE creates sqlite_stat1.
        try ledger.queue.write { db in try db.execute(sql: "ANALYZE") }
        let internalTables = try ledger.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE name LIKE 'sqlite_%'")
        }
        #expect(internalTables.contains("sqlite_stat1"))
        #expect(try SchemaCatalog.objects(in: ledger).allSatisfy { !$0.name.hasPrefix("sqlite_") })
    }

    @Test func markdownHasOneSectionPerObjectWithItsColumns() {
        let objects = [
            SchemaObject(name: "monthly_usage", kind: .view, isStable: true, columns: [
                .init(name: "month", type: "TEXT", isStable: true),
                .init(name: "generations", type: "", isStable: true),
            ]),
        ]
        #expect(SchemaDescription.render(objects, format: .markdown) == """
            ### monthly_usage

            View, stable.

            | Column      | Type | Stability |
            | ----------- | ---- | --------- |
            | month       | TEXT | stable    |
            | generations |      | stable    |

            """)
        #expect(SchemaDescription.render(objects, format: .text) == """
            view monthly_usage (stable)
              month        TEXT
              generations  (any)

            """)
    }
}
