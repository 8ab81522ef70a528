/// The words the sample's bodies are made of, pre-encoded as JSON string
/// contents (none needs escaping) so formatting only copies bytes.
enum SampleVocabulary {
    static let prompts: [[UInt8]] = encode([
        "a team celebrating a product launch",
        "a minimalist smartwatch on a marble table",
        "a cozy coffee shop on a rainy morning",
        "a mountain lake at sunrise with mist",
        "a confident founder presenting on stage",
        "a summer sale banner with bright citrus colors",
        "an electric car driving along a coastal road",
        "a friendly robot helping in a warehouse",
        "a modern office with plants and natural light",
        "a chef plating a dessert in a busy kitchen",
        "a city skyline at night after the rain",
        "a family picnic in an autumn park",
        "a runner tying her shoes before dawn",
        "a bottle of olive oil with fresh herbs",
        "a cyclist crossing a bridge in the fog",
        "a portrait of a designer in her studio",
        "a cozy reading nook with a cat",
        "an invitation card for a spring gala",
    ])

    static let categories: [[UInt8]] = encode([
        "category_product_launch",
        "category_social_post",
        "category_ad_banner",
        "category_portrait",
        "category_landscape",
        "category_event_invite",
        "category_blog_header",
        "category_presentation",
    ])

    static let aspectRatios: [[UInt8]] = encode(["1:1", "16:9", "9:16", "4:3"])
    /// How often each aspect ratio is asked for, in the order above.
    static let aspectRatioWeights = [35, 35, 20, 10]

    static let resolutions: [[UInt8]] = encode(["1K", "2K", "4K"])
    static let resolutionWeights = [30, 55, 15]

    static let visualMetaphors: [[UInt8]] = encode([
        "confetti as a burst of shared momentum",
        "a rising sun as a fresh beginning",
        "an open door as an invitation to explore",
        "a bridge as a connection between teams",
        "a compass as clear direction",
        "a lighthouse as guidance through uncertainty",
        "a seedling as growth from small effort",
        "a key as access to something new",
        "a mosaic as many voices forming one picture",
        "a paper plane as an idea taking flight",
        "a spotlight as a moment of recognition",
        "a winding road as the journey ahead",
    ])

    /// The error code and message the API sends with each error status.
    static func error(forStatus status: Int) -> (code: [UInt8], message: [UInt8]) {
        switch status {
        case 400: return (bytes("invalid_request"), bytes("The request body failed validation"))
        case 401: return (bytes("unauthorized"), bytes("Missing or invalid API key"))
        case 402: return (bytes("insufficient_balance"), bytes("Generation quota or prepaid balance insufficient"))
        case 403: return (bytes("forbidden"), bytes("This API key may not use this endpoint"))
        case 409: return (bytes("idempotency_conflict"), bytes("Idempotency-Key was reused with a different request body while the first request is in flight"))
        case 429: return (bytes("rate_limited"), bytes("Rate limit of 60 requests per minute exceeded; retry after the time in Retry-After"))
        case 500: return (bytes("internal_error"), bytes("The image provider failed; retry with the same Idempotency-Key"))
        default: return (bytes("service_unavailable"), bytes("The service is temporarily overloaded; retry with the same Idempotency-Key"))
        }
    }

    private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private static func encode(_ texts: [String]) -> [[UInt8]] {
        texts.map { text in
            precondition(!text.utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 },
                         "sample vocabulary must not need JSON escaping: \(text)")
            return Array(text.utf8)
        }
    }
}
