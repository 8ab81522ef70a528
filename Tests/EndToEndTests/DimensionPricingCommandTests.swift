import Foundation
import Testing

/// Pricing by resolution, with a tier's flat fee and a package, through the
/// command line: `pricing check` in words, then `report` on an ingested file.
struct DimensionPricingCommandTests {
    static let pricing = """
        currency: USD
        defaultPlan: studio
        plans:
          studio:
            v1:
              package: {size: 100, price: 5.00}
            v2:
              by: resolution
              prices:
                4K:
                  tiers:
                    - {upTo: 1, unitPrice: 0.50, flatFee: 1.00}
                    - {unitPrice: 0.40, flatFee: 2.00}
              default:
                unitPrice: 0.10

        """

    private func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("axis-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lines = [("g1", "v2", "4K"), ("g2", "v2", "4K"), ("g3", "v2", "1K"), ("g4", "v2", nil), ("g5", "v1", "2K")].map { id, version, resolution in
            let endpoint = version == "v1" ? "/v1/generate-image" : "/v2/cinematic-image"
            let request = resolution.map { #","request":{"prompt":"p","resolution":"\#($0)"}"# } ?? ""
            return #"{"timestamp":"2026-10-03T10:15:22.120Z","orgId":"org_a","endpoint":"\#(endpoint)","httpStatus":200,"idempotencyKey":"k-\#(id)","requestId":"r-\#(id)"\#(request),"response":{"success":true,"generationId":"\#(id)"}}"#
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("responses.jsonl"))
        try Data(Self.pricing.utf8).write(to: folder.appendingPathComponent("pricing.yaml"))
        let ingest = try CommandRunner.run(["ingest", "--db", "ledger.sqlite", "responses.jsonl"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return folder
    }

    @Test func pricingCheckPutsTheDimensionFeesAndPackagesInWords() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let check = try CommandRunner.run(["pricing", "check", "pricing.yaml"], in: folder)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("""
                v1: packages of 100 units at 5.00 each; every started package is charged in full
                v2: priced by the request's resolution (from each generation's earliest record); each value's units are counted and tiered on their own
                  4K: graduated tiers (each tier prices the billable units that fall in it)
                    unit 1 at 0.50 plus a flat fee of 1.00 once when any billable unit falls in this tier
                    units 2 and above at 0.40 plus a flat fee of 2.00 once when any billable unit falls in this tier
                    (no flat fee when every unit is included or there is no usage)

            """), "\(check.stdout)")
        #expect(check.stdout.contains("      default (any other value, or none; counted together): every unit at 0.10\n"), "\(check.stdout)")
    }

    @Test func theReportPricesByResolutionAndNamesTheDimension() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try CommandRunner.run(["report", "--db", "ledger.sqlite", "--month", "2026-10", "--pricing", "pricing.yaml"], in: folder)
        #expect(report.status == 0, "\(report.stderr)")
        let lines = try String(contentsOf: folder.appendingPathComponent("reports/2026-10/invoice_lines.csv"), encoding: .utf8)
            .replacingOccurrences(of: "\r\n", with: "\n")
        // v1: 1 unit is 1 package, 5.00. v2 4K: 1 at 0.50 + 1.00 and 1 at 0.40 + 2.00; the 1K and the one without a resolution: 2 at 0.10.
        #expect(lines == """
            month,org_id,plan,line,version,description,quantity,unit_price,amount,currency,dimension
            2026-10,org_a,studio,usage,v1,v1 1 unit in 1 package of 100 at 5.00,1,5.00,5.00,USD,
            2026-10,org_a,studio,usage,v2,v2 resolution 4K unit 1 at 0.50,1,0.50,0.50,USD,4K
            2026-10,org_a,studio,usage,v2,v2 resolution 4K flat fee of the tier unit 1: 1.00,0,,1.00,USD,4K
            2026-10,org_a,studio,usage,v2,v2 resolution 4K unit 2 at 0.40,1,0.40,0.40,USD,4K
            2026-10,org_a,studio,usage,v2,v2 resolution 4K flat fee of the tier units 2 and above: 2.00,0,,2.00,USD,4K
            2026-10,org_a,studio,usage,v2,v2 resolution default 2 units at 0.10,2,0.10,0.20,USD,default
            2026-10,org_a,studio,total,,total,5,,9.10,USD,

            """, "\(lines)")
        let usage = try String(contentsOf: folder.appendingPathComponent("reports/2026-10/usage.csv"), encoding: .utf8)
            .replacingOccurrences(of: "\r\n", with: "\n")
        #expect(usage.hasSuffix("2026-10,org_a,studio,v2,2,0,2,3.90,USD,4K\n2026-10,org_a,studio,v2,2,0,2,0.20,USD,default\n"), "\(usage)")
    }
}
