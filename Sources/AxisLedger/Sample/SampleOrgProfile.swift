/// One org of the sample and the habits of its integration.
struct SampleOrgProfile: Sendable {
    var index: Int
    var orgId: String
    /// Share of traffic, relative to the other orgs.
    var weight: Int
    /// Percent of requests sent to v1; 0 and 100 make single-version orgs.
    var v1Percent: Int
    /// Whether the integration logs the full URL instead of the path.
    var logsFullURL: Bool
    /// Whether the org runs out of prepaid balance once in the month.
    var runsOutOfBalance: Bool

    /// The named orgs come first; weights are uneven on purpose: org_acme is
    /// big (>1000 v1 and several thousand v2 generations at the defaults) and
    /// org_vandelay small enough that a 250.00 monthly minimum at ~0.11 per
    /// generation tops it up (docs/sample-data.md).
    private static let named: [(id: String, weight: Int, v1Percent: Int)] = [
        ("org_acme", 300, 25),
        ("org_initech", 150, 50),
        ("org_globex", 120, 15),
        ("org_umbrella", 90, 0),
        ("org_hooli", 80, 65),
        ("org_stark", 70, 35),
        ("org_wayne", 60, 100),
        ("org_wonka", 40, 40),
        ("org_soylent", 35, 20),
        ("org_tyrell", 25, 55),
        ("org_cyberdyne", 20, 30),
        ("org_vandelay", 10, 45),
    ]

    /// The first `count` orgs: the named ones, then `org_013`, `org_014`, ….
    static func profiles(count: Int) -> [SampleOrgProfile] {
        (0..<count).map { index in
            let id: String, weight: Int, v1Percent: Int
            if index < named.count {
                (id, weight, v1Percent) = named[index]
            } else {
                let number = String(index + 1)
                id = "org_" + String(repeating: "0", count: max(0, 3 - number.count)) + number
                weight = 4 + index * 37 % 23
                v1Percent = 10 + index * 29 % 80
            }
            return SampleOrgProfile(
                index: index, orgId: id, weight: weight, v1Percent: v1Percent,
                logsFullURL: index % 5 == 2,
                runsOutOfBalance: index % 4 == 1 || count == 1)
        }
    }

    /// Splits `records` among `orgs` in proportion to their weights, by largest
    /// remainder (ties to the earlier org), so the parts add up exactly.
    static func allocate(records: Int, among orgs: [SampleOrgProfile]) -> [Int] {
        let total = orgs.reduce(0) { $0 + $1.weight }
        var shares = orgs.map { records * $0.weight / total }
        let remainders = orgs.map { records * $0.weight % total }
        let missing = records - shares.reduce(0, +)
        let order = orgs.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in order.prefix(missing) { shares[index] += 1 }
        return shares
    }

    /// The endpoint text the integration logs for `version`.
    func endpoint(_ version: APIVersion) -> [UInt8] {
        switch (version, logsFullURL) {
        case (.v1, false): return Array("/v1/generate-image".utf8)
        case (.v2, false): return Array("/v2/cinematic-image".utf8)
        case (.v1, true): return Array("https://studioaxis.io/api/external/v1/generate-image".utf8)
        case (.v2, true): return Array("https://studioaxis.io/api/external/v2/cinematic-image".utf8)
        }
    }
}
