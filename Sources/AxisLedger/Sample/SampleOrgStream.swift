/// One org's traffic for the month, produced in time order one attempt at a
/// time: a small discrete-event simulation. Each *episode* (a plain request,
/// a request with its idempotent replays, a 5xx and its retries, a 409, a
/// 429 burst, a 402 streak) is planned whole when the org's clock reaches it,
/// and its attempts wait in a heap until their time comes. Planning whole
/// episodes is what keeps replays and retries consistent between the two
/// files, and the heap only ever holds attempts planned for the next day.
struct SampleOrgStream {
    let profile: SampleOrgProfile
    private var random: SampleRandom
    private let identifiers: SampleIdentifiers
    private let monthStart: Int64
    private let monthEnd: Int64
    private let calendar: SampleActivityCalendar
    /// Records not yet planned; every episode takes its attempts from it, so the org ends on its share exactly.
    private var budget: Int
    /// When the next fresh episode starts.
    private var clock: Int64
    private var pending = SampleMinHeap<Pending>()
    private var sequence: UInt64 = 0
    private var keyCounter: UInt64 = 0
    private var requestCounter: UInt64 = 0
    private var generationCounter: UInt64 = 0
    private var planned = 0
    /// When the 429 bursts should happen; each waits until the org is quiet around it.
    private var burstTimes: [Int64] = []
    private var nextBurst = 0
    /// The hours when the org is out of prepaid balance; nothing else of the org falls in them.
    private var streak: ClosedRange<Int64>?
    /// The UTC minute whose requests are being counted against the 60-per-minute limit.
    private var rateMinute: Int64 = .min
    private var rateCount = 0

    static let rateLimitPerMinute = 60
    /// Average attempts per fresh episode, to spread the budget over the month.
    private static let attemptsPerEpisode = 1.06

    init(profile: SampleOrgProfile, records: Int, month: (start: Timestamp, end: Timestamp), seed: UInt64, identifiers: SampleIdentifiers) {
        self.profile = profile
        self.random = SampleRandom(seed: seed, stream: UInt64(profile.index))
        self.identifiers = identifiers
        self.monthStart = month.start.millisecondsSinceEpoch
        self.monthEnd = month.end.millisecondsSinceEpoch
        self.calendar = SampleActivityCalendar(start: monthStart, end: monthEnd)
        self.budget = records
        let length = monthEnd - monthStart
        let days = Int(length / 86_400_000)

        let firstGap = Double(length) / max(1, Double(records))
        clock = monthStart + random.millis(0...Int64(min(firstGap, 3_600_000)))

        let bursts = min(3, records / 1500)
        burstTimes = (0..<bursts).map { index in
            monthStart + length * Int64(index) / Int64(bursts) + random.millis(length / Int64(bursts) / 5...length / Int64(bursts) * 4 / 5)
        }
        if profile.runsOutOfBalance, records >= 40 {
            let day = random.int(8...(days - 7))
            let start = monthStart + Int64(day - 1) * 86_400_000 + random.millis(7 * 3_600_000...15 * 3_600_000)
            streak = start...(start + random.millis(3 * 3_600_000...9 * 3_600_000))
        }
    }

    /// The org's next attempt in time order, or nil when its share is written.
    mutating func next() -> SampleAttempt? {
        while true {
            if let first = pending.first, first.attempt.time <= clock || budget == 0 {
                var attempt = pending.popFirst()!.attempt
                countAgainstRateLimit(&attempt)
                return attempt
            }
            if budget == 0 { return nil }
            planEpisode()
        }
    }

    // MARK: - Episodes

    private mutating func planEpisode() {
        let start = clock
        if let streak, start >= streak.lowerBound {
            self.streak = nil
            planBalanceStreak(streak)
            return
        }
        if nextBurst < burstTimes.count, start >= burstTimes[nextBurst], planRateLimitBurst() {
            nextBurst += 1
            return
        }
        let version = pickVersion()
        let roll = random.unit()
        var attempts: [SampleAttempt]
        if planned == 0 && profile.index == 0 && start < monthStart + 5 * 3_600_000 {
            // A -05:00 timestamp whose local date is in the previous month, though its UTC instant is not.
            attempts = [withOffset(success(at: start, version: version), -300)]
        } else if roll < 0.030 {
            attempts = successWithReplays(at: start, version: version)
        } else if roll < 0.040 {
            attempts = serverErrorsThenSuccess(at: start, version: version)
        } else if roll < 0.044 {
            attempts = conflictWhileInFlight(at: start, version: version)
        } else if roll < 0.0465 {
            attempts = [clientError([400, 401, 403][random.int(0...2)], at: start, version: version)]
        } else {
            var plain = success(at: start, version: version)
            if random.chance(0.01) { plain = withOffset(plain, SampleOrgStream.randomOffset(&random)) }
            attempts = [plain]
        }
        if !fits(attempts) {
            attempts = [success(at: start, version: version)]
        }
        schedule(attempts)
        advanceClock()
    }

    /// A 200 with a new generation, then one or two idempotent replays of it within 24 hours.
    private mutating func successWithReplays(at start: Int64, version: APIVersion) -> [SampleAttempt] {
        let first = success(at: start, version: version)
        var attempts = [first]
        var time = start
        let lastReplay = start + 23 * 3_600_000 + 30 * 60_000
        for _ in 0..<(random.chance(0.2) ? 2 : 1) {
            time = random.millis((time + 20_000)...max(time + 20_000, lastReplay))
            var replay = first
            replay.time = time
            replay.requestSerial = nextRequest()
            replay.durationMs = random.int(25...240)
            replay.isBilled = false
            if random.chance(0.05) { replay = withOffset(replay, SampleOrgStream.randomOffset(&random)) }
            attempts.append(replay)
            time = replay.time
        }
        return attempts
    }

    /// One or two 500/503 answers, each retried with the same key after a backoff, then a 200.
    private mutating func serverErrorsThenSuccess(at start: Int64, version: APIVersion) -> [SampleAttempt] {
        let final = success(at: start, version: version)
        var attempts: [SampleAttempt] = []
        var time = start
        for failure in 0..<(random.chance(0.25) ? 2 : 1) {
            var attempt = final
            attempt.time = time
            attempt.requestSerial = nextRequest()
            attempt.httpStatus = random.chance(0.6) ? 500 : 503
            attempt.durationMs = attempt.httpStatus == 500 ? random.int(1500...8000) : random.int(15...180)
            attempt.generation = nil
            attempt.isBilled = false
            attempts.append(attempt)
            time += Int64(attempt.durationMs) + random.millis(1000...4000) << Int64(failure)
        }
        var retried = final
        retried.time = time
        attempts.append(retried)
        return attempts
    }

    /// A 200, and while it is in flight a second request with the same key but another body, answered 409.
    private mutating func conflictWhileInFlight(at start: Int64, version: APIVersion) -> [SampleAttempt] {
        var first = success(at: start, version: version)
        first.durationMs = max(first.durationMs, 2500)
        var conflict = first
        conflict.time = start + random.millis(300...Int64(first.durationMs - 200))
        conflict.requestSerial = nextRequest()
        conflict.httpStatus = 409
        conflict.durationMs = random.int(12...80)
        conflict.body.prompt = (first.body.prompt + random.int(1...(SampleVocabulary.prompts.count - 1))) % SampleVocabulary.prompts.count
        conflict.generation = nil
        conflict.isBilled = false
        return [first, conflict]
    }

    /// More than 60 requests in one UTC minute: the first 60 succeed while
    /// `rateLimitRemaining` counts down to 0, the rest get 429 with Retry-After
    /// and are retried with the same key once the next minute starts.
    /// Returns false, planning nothing, when other attempts of the org fall in those minutes.
    private mutating func planRateLimitBurst() -> Bool {
        let limit = SampleOrgStream.rateLimitPerMinute
        let extra = random.int(3...8)
        let minuteStart = (clock + 59_999) / 60_000 * 60_000
        let first = minuteStart + random.millis(500...4000)
        let spacing = (minuteStart + 58_500 - first) / Int64(limit + extra)
        let version = pickVersion()
        var attempts: [SampleAttempt] = []
        var retries: [SampleAttempt] = []
        for index in 0..<(limit + extra) {
            var attempt = success(at: first + Int64(index) * spacing + random.millis(0...spacing / 3), version: version)
            if index >= limit {
                var retry = attempt
                attempt.httpStatus = 429
                attempt.durationMs = random.int(3...20)
                attempt.generation = nil
                attempt.isBilled = false
                let retryAfter = Int((minuteStart + 60_000 - attempt.time + 999) / 1000)
                attempt.retryAfterSeconds = retryAfter
                retry.time = attempt.time + Int64(retryAfter) * 1000 + random.millis(100...1500)
                retry.requestSerial = nextRequest()
                retries.append(retry)
            }
            attempts.append(attempt)
        }
        attempts += retries
        let end = attempts.map(\.time).max()!
        let quiet = !pending.elements.contains { (minuteStart...end).contains($0.attempt.time) }
        guard quiet, end + 120_000 < monthEnd, fits(attempts) else {
            return false
        }
        schedule(attempts)
        clock = end + 1
        advanceClock()
        return true
    }

    /// Several 402s over hours while the prepaid balance is empty (each a new
    /// request), then a 200 after the top-up.
    private mutating func planBalanceStreak(_ window: ClosedRange<Int64>) {
        let refused = min(budget - 1, random.int(5...9))
        guard refused >= 3 else { return advanceClock() }
        let step = (window.upperBound - window.lowerBound) / Int64(refused)
        var attempts: [SampleAttempt] = []
        for index in 0..<refused {
            let time = window.lowerBound + Int64(index) * step + (index == 0 ? 0 : random.millis(0...step / 4))
            attempts.append(clientError(402, at: time, version: pickVersion()))
        }
        attempts.append(success(at: window.upperBound + random.millis(60_000...1_200_000), version: pickVersion()))
        schedule(attempts)
        clock = attempts.last!.time + 1
        advanceClock()
    }

    // MARK: - Attempts

    private mutating func success(at time: Int64, version: APIVersion) -> SampleAttempt {
        let body = SampleRequestBody.random(&random)
        var provider = random.int(1400...4200)
        if body.resolution == 2 { provider += random.int(800...2500) }
        if body.resolution == 0 { provider -= 400 }
        let semantic = random.int(350...1400)
        let generation = SampleGeneration(
            serial: SampleIdentifiers.serial(orgIndex: profile.index, counter: nextGeneration()),
            visualMetaphor: random.int(0...(SampleVocabulary.visualMetaphors.count - 1)),
            semanticTranslationMs: semantic, providerLatencyMs: provider)
        return SampleAttempt(
            time: time, orgIndex: profile.index, version: version, httpStatus: 200, body: body,
            keySerial: SampleIdentifiers.serial(orgIndex: profile.index, counter: nextKey()), keyHigh: random.next(),
            requestSerial: nextRequest(),
            durationMs: provider + (version == .v2 ? semantic : 0) + random.int(60...400),
            generation: generation, isBilled: true)
    }

    private mutating func clientError(_ status: Int, at time: Int64, version: APIVersion) -> SampleAttempt {
        var attempt = success(at: time, version: version)
        attempt.httpStatus = status
        attempt.durationMs = random.int(8...90)
        attempt.generation = nil
        attempt.isBilled = false
        return attempt
    }

    /// The attempt written at a UTC offset, moved up to the next whole second (offset lines carry no milliseconds).
    private func withOffset(_ attempt: SampleAttempt, _ minutes: Int) -> SampleAttempt {
        var moved = attempt
        moved.time = (attempt.time + 999) / 1000 * 1000
        moved.offsetMinutes = minutes
        return moved
    }

    private static func randomOffset(_ random: inout SampleRandom) -> Int {
        [120, -300, 330][random.pick(weights: [5, 4, 1])]
    }

    private mutating func pickVersion() -> APIVersion {
        random.int(0...99) < profile.v1Percent ? .v1 : .v2
    }

    // MARK: - Bookkeeping

    /// Whether an episode's attempts fit the budget, the month, and stay out of the 402 streak.
    private func fits(_ attempts: [SampleAttempt]) -> Bool {
        guard attempts.count <= budget else { return false }
        return attempts.allSatisfy { attempt in
            attempt.time < monthEnd && !(streak?.contains(attempt.time) ?? false)
        }
    }

    private mutating func schedule(_ attempts: [SampleAttempt]) {
        for attempt in attempts {
            pending.insert(Pending(attempt: attempt, sequence: sequence))
            sequence += 1
        }
        budget -= attempts.count
        planned += attempts.count
    }

    /// Moves the clock to the next fresh episode: the remaining activity of
    /// the month (``SampleActivityCalendar``) shared by the episodes left,
    /// times a random factor with mean 1.
    private mutating func advanceClock() {
        let now = calendar.activity(at: clock)
        let remaining = calendar.total - now
        let episodesLeft = max(1, Double(budget) / SampleOrgStream.attemptsPerEpisode)
        let gap = min(Double(remaining) / episodesLeft * 2 * random.unit(), Double(remaining) * 0.9)
        clock = min(max(clock, calendar.time(atActivity: now + Int64(gap))), monthEnd - 1)
        // The clock never passes the start of a streak still to come; planEpisode starts it there.
        if let streak, clock > streak.lowerBound { clock = streak.lowerBound }
    }

    /// Counts the attempt against the org's 60 requests per UTC minute; a 401
    /// is refused before the org is known and carries no count.
    private mutating func countAgainstRateLimit(_ attempt: inout SampleAttempt) {
        guard attempt.httpStatus != 401 else { return }
        let minute = attempt.time / 60_000
        if minute != rateMinute {
            rateMinute = minute
            rateCount = 0
        }
        rateCount += 1
        attempt.rateLimitRemaining = max(0, SampleOrgStream.rateLimitPerMinute - rateCount)
    }

    private mutating func nextKey() -> UInt64 { defer { keyCounter += 1 }; return keyCounter }
    private mutating func nextRequest() -> UInt64 {
        defer { requestCounter += 1 }
        return SampleIdentifiers.serial(orgIndex: profile.index, counter: requestCounter)
    }
    private mutating func nextGeneration() -> UInt64 { defer { generationCounter += 1 }; return generationCounter }

    /// A planned attempt; the sequence number breaks ties of time in planning order.
    struct Pending: Comparable {
        var attempt: SampleAttempt
        var sequence: UInt64

        static func < (lhs: Pending, rhs: Pending) -> Bool {
            (lhs.attempt.time, lhs.sequence) < (rhs.attempt.time, rhs.sequence)
        }
        static func == (lhs: Pending, rhs: Pending) -> Bool {
            lhs.attempt.time == rhs.attempt.time && lhs.sequence == rhs.sequence
        }
    }
}
