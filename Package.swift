// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "axis-ledger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "axis-ledger", targets: ["axis-ledger"]),
        .library(name: "AxisLedger", targets: ["AxisLedger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // The schema: numbered SQL files embedded in the binary, so a copied
        // `axis-ledger` works with no source tree beside it.
        .target(
            name: "LedgerMigrations",
            path: "migrations",
            resources: [
                .embedInCode("0001_ledger.sql"),
                .embedInCode("0002_billing_views.sql"),
                .embedInCode("0003_report_speed.sql"),
                .embedInCode("0004_file_provenance.sql"),
                .embedInCode("0005_voided_files.sql"),
                .embedInCode("0006_closed_months.sql"),
                .embedInCode("0007_profile_provenance.sql"),
                .embedInCode("0008_generation_attributes.sql"),
                .embedInCode("0009_local_months.sql"),
                .embedInCode("0010_grown_logs.sql"),
                .embedInCode("0011_id_lookup.sql"),
                .embedInCode("0012_month_led_keys.sql"),
            ]
        ),
        // The shipped input profiles, embedded like the migrations, so that
        // `--profile snake_case` works with no source tree beside the binary.
        .target(
            name: "ShippedProfiles",
            path: "profiles",
            exclude: ["README.md"],
            resources: [
                .embedInCode("snake_case.yaml"),
                .embedInCode("snake_case_requests.yaml"),
                .embedInCode("nginx_json.yaml"),
                .embedInCode("har.yaml"),
            ]
        ),
        // The system zlib, for gzip input.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // SHA-256 block compression in C, on the CPU's SHA instructions where
        // present (chosen at run time), else portable C.
        .target(name: "CSHA256"),
        // renameat2 (RENAME_EXCHANGE, RENAME_NOREPLACE), which Swift's Glibc
        // does not expose: a report set is switched in with one rename.
        .target(name: "CFileSwap"),
        .target(
            name: "AxisLedger",
            dependencies: [
                "LedgerMigrations",
                "ShippedProfiles",
                "CZlib",
                "CSHA256",
                "CFileSwap",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "axis-ledger",
            dependencies: [
                "AxisLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AxisLedgerTests",
            dependencies: ["AxisLedger"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["AxisLedger", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Issue 7: crash safety, concurrency, hostile input, secrets, injection,
        // disk and permissions, proven through the built binary (docs/reliability.md).
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["AxisLedger", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Corpus")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
