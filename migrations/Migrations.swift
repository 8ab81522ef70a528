/// The schema's numbered SQL files, embedded in the binary at build time.
///
/// A new migration is a new `NNNN_name.sql` file in this folder, listed here
/// (SwiftPM names its bytes `PackageResources._NNN_name_sql`: one leading zero dropped)
/// and in `Package.swift`'s resources; a shipped file is never edited.
public enum EmbeddedMigrations {
    /// Every migration in the order it must be applied: (version, file name, SQL text).
    public static let all: [(version: Int, name: String, sql: String)] = [
        (1, "0001_ledger.sql", String(decoding: PackageResources._001_ledger_sql, as: UTF8.self)),
        (2, "0002_billing_views.sql", String(decoding: PackageResources._002_billing_views_sql, as: UTF8.self)),
        (3, "0003_report_speed.sql", String(decoding: PackageResources._003_report_speed_sql, as: UTF8.self)),
        (4, "0004_file_provenance.sql", String(decoding: PackageResources._004_file_provenance_sql, as: UTF8.self)),
        (5, "0005_voided_files.sql", String(decoding: PackageResources._005_voided_files_sql, as: UTF8.self)),
        (6, "0006_closed_months.sql", String(decoding: PackageResources._006_closed_months_sql, as: UTF8.self)),
        (7, "0007_profile_provenance.sql", String(decoding: PackageResources._007_profile_provenance_sql, as: UTF8.self)),
        (8, "0008_generation_attributes.sql", String(decoding: PackageResources._008_generation_attributes_sql, as: UTF8.self)),
        (9, "0009_local_months.sql", String(decoding: PackageResources._009_local_months_sql, as: UTF8.self)),
        (10, "0010_grown_logs.sql", String(decoding: PackageResources._010_grown_logs_sql, as: UTF8.self)),
        (11, "0011_id_lookup.sql", String(decoding: PackageResources._011_id_lookup_sql, as: UTF8.self)),
        (12, "0012_month_led_keys.sql", String(decoding: PackageResources._012_month_led_keys_sql, as: UTF8.self)),
    ]
}
