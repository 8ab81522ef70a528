import Foundation

/// The provider's monthly invoice, summed the way it is compared: per org and
/// version (its tier lines added up), and per org for the org-level charges
/// (rows with an empty `version`: a minimum top-up, a fee).
public struct ProviderInvoice: Sendable, Equatable {
    /// One org and version's rows summed.
    public struct VersionCharge: Sendable, Equatable {
        public var orgId: String
        public var version: APIVersion
        /// Generations invoiced: the sum of the rows' quantities.
        public var quantity: Int
        public var amount: Decimal
        /// The first row's line, for messages.
        public var firstLine: Int
    }

    /// The file as given, for messages.
    public var path: String
    /// The SHA-256 of the file's bytes.
    public var sha256: String
    /// Ordered by org, then version.
    public var versionCharges: [VersionCharge]
    /// Org-level amounts by org (rows with an empty version).
    public var orgCharges: [String: Decimal]
    /// Data rows read (blank lines not counted).
    public var rows: Int

    /// Every org on the invoice, sorted.
    public var orgs: [String] {
        Set(versionCharges.map(\.orgId)).union(orgCharges.keys).sorted()
    }

    /// Everything the invoice asks for from `orgId`.
    public func total(orgId: String) -> Decimal {
        versionCharges.filter { $0.orgId == orgId }.reduce(orgCharges[orgId] ?? 0) { $0 + $1.amount }
    }
}

/// Reads a provider invoice CSV (docs/reconciliation.md).
public enum ProviderInvoiceReader {
    public static let requiredColumns = ["org_id", "version", "quantity", "amount"]
    public static let optionalColumns = ["month", "unit_price", "currency", "description"]

    /// Reads and checks the invoice at `path` for `month`, whose amounts must be in `currency`.
    /// - Throws: ``ProviderFileError`` listing every bad row with its line number.
    public static func read(path: String, month: String, currency: Currency?) throws -> ProviderInvoice {
        var reader = try ProviderCSVReader(path: path, required: requiredColumns, optional: optionalColumns)
        var problems = ProviderProblemList(file: path)
        var byVersion: [String: [APIVersion: ProviderInvoice.VersionCharge]] = [:]
        var orgCharges: [String: Decimal] = [:]
        var rows = 0
        while let next = try reader.next() {
            rows += 1
            let record: ProviderCSVReader.Record
            switch next {
            case .failure(let problem):
                problems.add(line: problem.line, problem.message)
                continue
            case .success(let value):
                record = value
            }
            let line = record.line
            var rowProblems: [String] = []
            let orgId = record["org_id"]
            if orgId.isEmpty { rowProblems.append("org_id is empty") }
            var version: APIVersion?
            if !record["version"].isEmpty {
                version = APIVersion(rawValue: record["version"])
                if version == nil {
                    rowProblems.append("version \"\(record["version"])\" is unknown; write \(APIVersion.allCases.map(\.rawValue).joined(separator: " or ")), or leave it empty for an org-level charge")
                }
            }
            let amount: Decimal?
            switch ProviderNumberText.amount(record["amount"], column: "amount") {
            case .success(let value): amount = value
            case .failure(let problem): amount = nil; rowProblems.append(problem.message)
            }
            var quantity = 0
            if !record["version"].isEmpty {  // an org-level row's quantity is ignored
                switch ProviderNumberText.count(record["quantity"], column: "quantity") {
                case .success(let value): quantity = value
                case .failure(let problem): rowProblems.append(problem.message)
                }
            }
            let rowMonth = record["month"], code = record["currency"], price = record["unit_price"]
            if !rowMonth.isEmpty, rowMonth != month {
                rowProblems.append("month \"\(rowMonth)\" is not the month being reconciled, \(month)")
            }
            if !code.isEmpty, let currency, code != currency.code {
                rowProblems.append("currency \"\(code)\" differs from the pricing file's \(currency.code); convert the invoice or use matching pricing")
            }
            if !price.isEmpty,
               case .failure(let problem) = ProviderNumberText.amount(price, column: "unit_price") {
                rowProblems.append(problem.message)
            }
            guard rowProblems.isEmpty, let amount else {
                for message in rowProblems { problems.add(line: line, message) }
                continue
            }
            if let version {
                var charge = byVersion[orgId]?[version]
                    ?? ProviderInvoice.VersionCharge(orgId: orgId, version: version, quantity: 0, amount: 0, firstLine: line)
                charge.quantity += quantity
                charge.amount += amount
                byVersion[orgId, default: [:]][version] = charge
            } else {
                orgCharges[orgId, default: 0] += amount
            }
        }
        try problems.throwIfAny()
        let charges = byVersion.keys.sorted().flatMap { org in
            byVersion[org]!.keys.sorted().map { byVersion[org]![$0]! }
        }
        return ProviderInvoice(path: path, sha256: reader.lines.sha256, versionCharges: charges, orgCharges: orgCharges, rows: rows)
    }
}
