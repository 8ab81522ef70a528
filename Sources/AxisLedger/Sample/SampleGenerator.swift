import Foundation

/// Writes a deterministic, realistic month of StudioAxis API traffic:
/// `responses.jsonl` (one response record per attempt) and `requests.csv`
/// (one request-log row per attempt), both in time order (docs/sample-data.md),
/// and the provider's `provider-usage.csv` and `provider-invoice.csv` for the
/// month, with a few known departures from the truth (``SampleProviderFiles``).
///
/// The same configuration gives byte-identical files: all randomness comes
/// from ``SampleRandom`` seeded by the configuration, nothing reads the clock,
/// and ties in time are broken by org order, then planning order.
///
/// ```swift
/// let summary = try SampleGenerator(configuration: SampleConfiguration(month: "2026-10", orgs: 12, records: 50_000, seed: 7, withBadLines: false))
///     .write(to: URL(fileURLWithPath: "sample"))
/// ```
public struct SampleGenerator: Sendable {
    public let configuration: SampleConfiguration

    public static let responsesFileName = "responses.jsonl"
    public static let requestsFileName = "requests.csv"
    public static let providerInvoiceFileName = SampleProviderFiles.invoiceFileName
    public static let providerUsageFileName = SampleProviderFiles.usageFileName

    /// Bytes gathered before each write to disk.
    private static let chunkSize = 1 << 20

    public init(configuration: SampleConfiguration) {
        self.configuration = configuration
    }

    /// Creates `directory` if needed and writes (replacing) the two files in it.
    /// - Throws: ``SampleConfigurationError`` for a configuration out of range,
    ///   ``SampleWriteError`` when a file cannot be written.
    public func write(to directory: URL) throws -> SampleSummary {
        try configuration.validate()
        let month = try configuration.monthBounds()
        let profiles = SampleOrgProfile.profiles(count: configuration.orgs)
        let shares = SampleOrgProfile.allocate(records: configuration.records, among: profiles)
        let seed = configuration.streamSeed
        var identifierRandom = SampleRandom(seed: seed, stream: UInt64.max)
        let identifiers = SampleIdentifiers(random: &identifierRandom)
        let formatter = SampleLineFormatter(identifiers: identifiers, profiles: profiles)
        var streams = profiles.map { profile in
            SampleOrgStream(profile: profile, records: shares[profile.index], month: month, seed: seed, identifiers: identifiers)
        }

        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SampleWriteError(path: directory.path, reason: PathProblem.words(for: error))
        }
        let responsesURL = directory.appendingPathComponent(SampleGenerator.responsesFileName)
        let requestsURL = directory.appendingPathComponent(SampleGenerator.requestsFileName)
        let responsesFile = try SampleOutputFile(url: responsesURL)
        let requestsFile = try SampleOutputFile(url: requestsURL)
        var provider = try SampleProviderFiles(directory: directory, month: configuration.month, identifiers: identifiers, profiles: profiles)

        var responses = SampleLineBuffer(capacity: SampleGenerator.chunkSize + 4096)
        var requests = SampleLineBuffer(capacity: SampleGenerator.chunkSize + 4096)
        requests.append(SampleLineFormatter.csvHeader)
        var responseLines = 0, requestLines = 1
        var badLineWriter = SampleBadLineWriter(records: configuration.records, month: configuration.month, enabled: configuration.withBadLines)
        var badLines: [SampleBadLine] = []
        var billed = Array(repeating: [0, 0], count: profiles.count)
        var statuses: [Int: Int] = [:]

        var heads = SampleMinHeap<Head>()
        for index in streams.indices {
            if let attempt = streams[index].next() { heads.insert(Head(attempt: attempt)) }
        }
        var written = 0
        while let head = heads.popFirst() {
            let attempt = head.attempt
            if let next = streams[attempt.orgIndex].next() { heads.insert(Head(attempt: next)) }
            formatter.appendResponse(attempt, to: &responses)
            formatter.appendRequest(attempt, to: &requests)
            written += 1
            responseLines += 1
            requestLines += 1
            if attempt.isBilled {
                billed[attempt.orgIndex][attempt.version == .v1 ? 0 : 1] += 1
                try provider.recordBilled(attempt)
            }
            statuses[attempt.httpStatus, default: 0] += 1
            badLines += badLineWriter.appendLines(
                afterRecord: written, previous: attempt, formatter: formatter,
                responses: &responses, requests: &requests, responseLines: &responseLines, requestLines: &requestLines)
            if responses.count >= SampleGenerator.chunkSize { try responsesFile.write(&responses) }
            if requests.count >= SampleGenerator.chunkSize { try requestsFile.write(&requests) }
        }
        try responsesFile.write(&responses)
        try requestsFile.write(&requests)
        try responsesFile.close()
        try requestsFile.close()
        try provider.finish(billed: billed)

        let wellFormedExtra = badLines.filter { !$0.kind.isMalformed }.count
        return SampleSummary(
            responsesFile: responsesURL,
            requestsFile: requestsURL,
            responseRecords: written + wellFormedExtra,
            requestLogRows: written + wellFormedExtra,
            badLines: badLines.sorted { ($0.file.rawValue, $0.lineNumber) < ($1.file.rawValue, $1.lineNumber) },
            billedGenerations: profiles.flatMap { profile in
                APIVersion.allCases.enumerated().compactMap { slot, version in
                    let count = billed[profile.index][slot]
                    return count == 0 ? nil : SampleBilledCount(orgId: profile.orgId, version: version, generations: count)
                }
            },
            statusCounts: statuses.keys.sorted().map { SampleStatusCount(httpStatus: $0, records: statuses[$0]!) },
            providerInvoiceFile: directory.appendingPathComponent(SampleProviderFiles.invoiceFileName),
            providerUsageFile: directory.appendingPathComponent(SampleProviderFiles.usageFileName),
            providerDiscrepancies: provider.discrepancies)
    }

    /// The next attempt of one org in the merge; ties in time go to the earlier org.
    private struct Head: Comparable {
        var attempt: SampleAttempt

        static func < (lhs: Head, rhs: Head) -> Bool {
            (lhs.attempt.time, lhs.attempt.orgIndex) < (rhs.attempt.time, rhs.attempt.orgIndex)
        }
        static func == (lhs: Head, rhs: Head) -> Bool {
            lhs.attempt.time == rhs.attempt.time && lhs.attempt.orgIndex == rhs.attempt.orgIndex
        }
    }
}
