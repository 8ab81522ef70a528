/// One planned HTTP attempt: it becomes one response record and one
/// request-log row. Identifiers are kept as serial numbers and spelled out
/// only when the lines are written.
struct SampleAttempt {
    /// When the attempt was sent, in milliseconds since the epoch (UTC).
    var time: Int64
    /// Minutes east of UTC the timestamp is written in; nil writes `Z`.
    /// Attempts with an offset are on whole seconds.
    var offsetMinutes: Int?
    var orgIndex: Int
    var version: APIVersion
    var httpStatus: Int
    var body: SampleRequestBody
    /// The Idempotency-Key's serial number and random high bits; retries and replays share them.
    var keySerial: UInt64
    var keyHigh: UInt64
    var requestSerial: UInt64
    var durationMs: Int
    /// The generation a 200 returns, shared by its idempotent replays.
    var generation: SampleGeneration?
    /// Whether this is the first 200 of its generation, which is what is billed.
    var isBilled: Bool = false
    /// Retry-After seconds, sent with 429.
    var retryAfterSeconds: Int?
    /// Set when the attempt is emitted (it depends on the org's other attempts in the same minute); nil for 401.
    var rateLimitRemaining: Int?
}

/// What the integration asked for.
struct SampleRequestBody {
    var prompt: Int
    var category: Int
    var aspectRatio: Int
    var resolution: Int
    /// Sent to v2 only.
    var cinematicMode: Bool

    static func random(_ random: inout SampleRandom) -> SampleRequestBody {
        SampleRequestBody(
            prompt: random.int(0...(SampleVocabulary.prompts.count - 1)),
            category: random.int(0...(SampleVocabulary.categories.count - 1)),
            aspectRatio: random.pick(weights: SampleVocabulary.aspectRatioWeights),
            resolution: random.pick(weights: SampleVocabulary.resolutionWeights),
            cinematicMode: random.chance(0.7))
    }
}

/// A generated image as the API describes it in a 200 body.
struct SampleGeneration {
    var serial: UInt64
    var visualMetaphor: Int
    var semanticTranslationMs: Int
    var providerLatencyMs: Int
}
