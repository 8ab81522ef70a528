/// Input lines for tests, written out in full so each test shows its data.
enum SampleLines {
    static func success(
        _ time: String = "2026-10-03T10:15:22.120Z", org: String = "org_acme", endpoint: String = "/v2/cinematic-image",
        key: String = "key-1", request: String = "req_1", generation: String = "gen_1"
    ) -> String {
        #"{"timestamp":"\#(time)","orgId":"\#(org)","endpoint":"\#(endpoint)","httpStatus":200,"idempotencyKey":"\#(key)","requestId":"\#(request)","durationMs":3990,"request":{"prompt":"a team celebrating","category":"category_product_launch","aspectRatio":"16:9","resolution":"2K","cinematicMode":true},"response":{"success":true,"generationId":"\#(generation)","imageUrl":"https://cdn.studioaxis.io/outputs/\#(generation).png","visualMetaphor":"x","semanticTranslationMs":842,"providerLatencyMs":3120}}"#
    }

    static func insufficientBalance(
        _ time: String = "2026-10-03T10:16:01+02:00", org: String = "org_acme", endpoint: String = "/v1/generate-image",
        key: String = "key-402", request: String = "req_77ab"
    ) -> String {
        #"{"timestamp":"\#(time)","orgId":"\#(org)","endpoint":"\#(endpoint)","httpStatus":402,"idempotencyKey":"\#(key)","response":{"success":false,"code":"insufficient_balance","message":"Generation quota or prepaid balance insufficient","requestId":"\#(request)"}}"#
    }

    static func attempt(_ time: String = "2026-10-03T10:15:20.000Z", org: String = "org_acme", status: Int = 200, request: String = "req_1") -> String {
        #"{"timestamp":"\#(time)","orgId":"\#(org)","endpoint":"/v2/cinematic-image","httpStatus":\#(status),"method":"POST","idempotencyKey":"key-1","requestId":"\#(request)","durationMs":4000}"#
    }

    static let csvHeader = "timestamp,orgId,endpoint,httpStatus,method,idempotencyKey,requestId,durationMs,retryAfter,rateLimitRemaining"

    static func csvAttempt(_ time: String = "2026-10-03T10:15:20.000Z", org: String = "org_acme", status: Int = 200, request: String = "req_1", retryAfter: String = "") -> String {
        "\(time),\(org),/v1/generate-image,\(status),POST,key-1,\(request),120,\(retryAfter),59"
    }
}
