import Foundation

/// The provider's side of the sample month: `provider-usage.csv` (its usage
/// export) and `provider-invoice.csv` (its invoice), made from the true billed
/// generations with three known departures from the truth, so that
/// `axis-ledger reconcile` has exactly these to find (docs/reconciliation.md):
///
/// - **double billing:** the first billed generation of the org at index 1
///   (`org_initech`) on its main version is listed twice in the export;
/// - **a generation never received:** the export lists, right after the first
///   billed generation of the org at index 2 (`org_globex`) on its main version,
///   a generation id the integration never saw;
/// - **an overcharge:** the invoice's last line for the org at index 3
///   (`org_umbrella`) on its main version is 2.00 higher than its price.
///
/// The invoice prices what the export lists (so the two extra listings are
/// invoiced too, each at the price of one more unit) with the example pricing
/// of `ProviderPricingExample`. An org's main version is v2, or v1 for an org that only
/// uses v1. With fewer orgs the indexes wrap around.
struct SampleProviderFiles {
    static let invoiceFileName = "provider-invoice.csv"
    static let usageFileName = "provider-usage.csv"
    static let doubleBilledOrgIndex = 1
    static let neverReceivedOrgIndex = 2
    static let overchargedOrgIndex = 3
    static let overcharge = Decimal(string: "2.00")!
    static let usageHeader: StaticString = "generation_id,org_id,version,timestamp\n"
    /// The counter of the never-received id's serial, in the bad lines' serial domain and far above their counters.
    static let neverReceivedCounter: UInt64 = 1 << 39

    private let directory: URL
    private let month: String
    private let identifiers: SampleIdentifiers
    private let profiles: [SampleOrgProfile]
    private let usageFile: SampleOutputFile
    private var usage = SampleLineBuffer(capacity: 1 << 20)
    /// Generations the export lists beyond the true ones, by org and version slot.
    private var extra: [[Int]]
    private(set) var discrepancies = SampleProviderDiscrepancies()

    init(directory: URL, month: String, identifiers: SampleIdentifiers, profiles: [SampleOrgProfile]) throws {
        self.directory = directory
        self.month = month
        self.identifiers = identifiers
        self.profiles = profiles
        extra = Array(repeating: [0, 0], count: profiles.count)
        usageFile = try SampleOutputFile(url: directory.appendingPathComponent(Self.usageFileName))
        usage.append(Self.usageHeader)
    }

    private func role(_ index: Int) -> Int { index % profiles.count }

    private static func mainVersion(_ profile: SampleOrgProfile) -> APIVersion { profile.v1Percent == 100 ? .v1 : .v2 }

    /// Lists one billed generation (the first 200 of its id) in the export, with any departure due after it.
    mutating func recordBilled(_ attempt: SampleAttempt) throws {
        guard let generation = attempt.generation else { return }
        appendUsage(generation: generation.serial, attempt: attempt)
        let profile = profiles[attempt.orgIndex]
        let isMain = attempt.version == Self.mainVersion(profile)
        if isMain, attempt.orgIndex == role(Self.doubleBilledOrgIndex), discrepancies.doubleBilled == nil {
            appendUsage(generation: generation.serial, attempt: attempt)
            discrepancies.doubleBilled = SampleProviderGeneration(generationId: text(generation.serial), orgId: profile.orgId, version: attempt.version)
            extra[attempt.orgIndex][slot(attempt.version)] += 1
        }
        if isMain, attempt.orgIndex == role(Self.neverReceivedOrgIndex), discrepancies.neverReceived == nil {
            let serial = SampleIdentifiers.serial(orgIndex: SampleBadLineWriter.serialDomain, counter: Self.neverReceivedCounter)
            appendUsage(generation: serial, attempt: attempt)
            discrepancies.neverReceived = SampleProviderGeneration(generationId: text(serial), orgId: profile.orgId, version: attempt.version)
            extra[attempt.orgIndex][slot(attempt.version)] += 1
        }
        if usage.count >= 1 << 20 { try usageFile.write(&usage) }
    }

    /// Closes the export and writes the invoice for `billed` (true billed generations by org and version slot).
    mutating func finish(billed: [[Int]]) throws {
        try usageFile.write(&usage)
        try usageFile.close()
        let rules = try PricingRules.parse(yaml: ProviderPricingExample.yaml, fileName: "provider-pricing.yaml")
        var quantities: [String: [APIVersion: Int]] = [:]
        for profile in profiles {
            for version in APIVersion.allCases {
                let count = billed[profile.index][slot(version)] + extra[profile.index][slot(version)]
                if count > 0 { quantities[profile.orgId, default: [:]][version] = count }
            }
        }
        let overcharged = profiles[role(Self.overchargedOrgIndex)]
        let overchargedVersion = Self.mainVersion(overcharged)
        let money = MoneyFormatter()
        let currency = rules.currency
        var rows: [[CSVCell]] = []
        for statement in try Rater(rules: rules).statements(month: month, usageByOrg: quantities) {
            let plan = rules.plans[statement.planName]
            for version in APIVersion.allCases.sorted() {
                let lines = statement.lines.filter { $0.kind == .usage && $0.version == version && $0.unitPrice != nil }
                let quantity = quantities[statement.orgId]?[version] ?? 0
                let included = min(quantity, plan?.versions[version]?.included ?? 0)
                if included > 0 {
                    rows.append(row(statement.orgId, version.rawValue, included, 0, unitPrice: "0.00", currency, "\(version.rawValue) \(included) included units"))
                }
                for (index, line) in lines.enumerated() {
                    var amount = line.amount
                    if statement.orgId == overcharged.orgId, version == overchargedVersion, index == lines.count - 1 {
                        amount += Self.overcharge
                        discrepancies.overcharged = SampleProviderOvercharge(orgId: overcharged.orgId, version: version, amount: Self.overcharge)
                    }
                    rows.append(row(statement.orgId, version.rawValue, line.quantity, amount,
                                    unitPrice: line.unitPrice.map { money.formatUnitPrice($0, currency: currency) } ?? "", currency, line.description))
                }
            }
            // Org-level lines (minimum, cap, fee, discounts) as rows without a version, as a provider invoices them.
            for line in statement.lines where line.kind != .usage && line.kind != .total && line.kind != .adjustment {
                rows.append(row(statement.orgId, "", 0, line.amount, unitPrice: "", currency, line.description))
            }
        }
        let header = CSVWriter.row(["org_id", "version", "quantity", "amount", "month", "unit_price", "currency", "description"])
        let url = directory.appendingPathComponent(Self.invoiceFileName)
        do {
            try Data((header + CSVWriter.document(rows)).utf8).write(to: url)
        } catch {
            throw SampleWriteError(path: url.path, reason: PathProblem.words(for: error))
        }
    }

    private func row(_ org: String, _ version: String, _ quantity: Int, _ amount: Decimal, unitPrice: String, _ currency: Currency, _ description: String) -> [CSVCell] {
        [.text(org), version.isEmpty ? .null : .text(version), .number(String(quantity)),
         .number(MoneyFormatter().format(amount, currency: currency)), .text(month),
         unitPrice.isEmpty ? .null : .number(unitPrice), .text(currency.code), .text(description)]
    }

    private func slot(_ version: APIVersion) -> Int { version == .v1 ? 0 : 1 }

    private func text(_ serial: UInt64) -> String {
        var buffer = SampleLineBuffer()
        identifiers.appendGenerationId(serial, to: &buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    private mutating func appendUsage(generation serial: UInt64, attempt: SampleAttempt) {
        identifiers.appendGenerationId(serial, to: &usage)
        usage.append(byte: UInt8(ascii: ","))
        usage.append(bytes: Array(profiles[attempt.orgIndex].orgId.utf8))
        usage.append(attempt.version == .v1 ? ",v1," : ",v2,")
        Timestamp(millisecondsSinceEpoch: attempt.time).appendSampleText(offsetMinutes: nil, to: &usage)
        usage.append(byte: UInt8(ascii: "\n"))
    }
}

/// The departures from the truth written into the sample's provider files.
public struct SampleProviderDiscrepancies: Sendable, Equatable {
    /// Listed twice in the export (and invoiced twice).
    public var doubleBilled: SampleProviderGeneration?
    /// In the export and on the invoice, never received by the integration.
    public var neverReceived: SampleProviderGeneration?
    /// An invoice amount above its price.
    public var overcharged: SampleProviderOvercharge?
}

/// A generation of the provider's files.
public struct SampleProviderGeneration: Sendable, Equatable {
    public var generationId: String
    public var orgId: String
    public var version: APIVersion
}

/// An org and version invoiced `amount` above its price.
public struct SampleProviderOvercharge: Sendable, Equatable {
    public var orgId: String
    public var version: APIVersion
    public var amount: Decimal
}
