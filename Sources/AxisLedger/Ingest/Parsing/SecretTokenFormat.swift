/// Well-known credential formats, recognised in any text by their prefix and shape,
/// whatever name (if any) they are written under: a key pasted into a prompt or
/// echoed in a provider's error message is redacted as surely as a header.
///
/// | Format | Shape |
/// |---|---|
/// | OpenAI, Anthropic | `sk-` and 20 or more of `A-Z a-z 0-9 _ -` |
/// | Stripe secret, restricted | `sk_live_`, `sk_test_`, `rk_live_`, `rk_test_` and 10 or more of `A-Z a-z 0-9 _` |
/// | GitHub | `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` and 20 or more of `A-Z a-z 0-9`; `github_pat_` and 20 or more of `A-Z a-z 0-9 _` |
/// | Google API key | `AIza` and 30 or more of `A-Z a-z 0-9 _ -` |
/// | Slack | `xoxa-`, `xoxb-`, `xoxp-`, `xoxr-`, `xoxs-` and 10 or more of `A-Z a-z 0-9 -` |
/// | AWS access key id | `AKIA` or `ASIA` and exactly 16 of `A-Z 0-9` |
/// | JSON Web Token | `eyJ…` `.` `eyJ…` `.` signature, in base64url (header and payload 8 or more characters) |
///
/// A token must start a word (the byte before it is not a letter or digit), so
/// `ask-…`, `task_live_…` and `risk-free` are not tokens; the lengths keep short
/// words (`sk-short`, `AKIAS`) out. The sample's and the contract's identifiers
/// (`gen_…`, `req_…`, UUIDs) match no prefix.
enum SecretTokenFormat {
    /// One past the end of the token that starts at `index`, or nil when none does.
    static func tokenEnd(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index == 0 || !isLetterOrDigit(text[index - 1]) else { return nil }
        switch text[index] {
        case UInt8(ascii: "s"), UInt8(ascii: "r"):
            if text[index] == UInt8(ascii: "s"), has("sk-", in: text, at: index) {
                return run(in: text, from: index + 3, minimum: 20, allowed: isBase64URL)
            }
            if has("k_live_", in: text, at: index + 1) || has("k_test_", in: text, at: index + 1) {
                return run(in: text, from: index + 8, minimum: 10, allowed: isWordByte)
            }
            return nil
        case UInt8(ascii: "g"):
            if has("github_pat_", in: text, at: index) {
                return run(in: text, from: index + 11, minimum: 20, allowed: isWordByte)
            }
            guard index + 4 <= text.count, text[index + 1] == UInt8(ascii: "h"), text[index + 3] == .underscore else { return nil }
            switch text[index + 2] {
            case UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "s"), UInt8(ascii: "r"):
                return run(in: text, from: index + 4, minimum: 20, allowed: isLetterOrDigit)
            default:
                return nil
            }
        case UInt8(ascii: "A"):
            if has("AIza", in: text, at: index) {
                return run(in: text, from: index + 4, minimum: 30, allowed: isBase64URL)
            }
            guard has("AKIA", in: text, at: index) || has("ASIA", in: text, at: index),
                  let end = run(in: text, from: index + 4, minimum: 16, allowed: isUpperOrDigit), end == index + 20,
                  end == text.count || !isLetterOrDigit(text[end]) else { return nil }
            return end
        case UInt8(ascii: "x"):
            guard has("xox", in: text, at: index), index + 5 <= text.count, text[index + 4] == .minus else { return nil }
            switch text[index + 3] {
            case UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "s"):
                return run(in: text, from: index + 5, minimum: 10, allowed: { isLetterOrDigit($0) || $0 == .minus })
            default:
                return nil
            }
        case UInt8(ascii: "e"):
            guard has("eyJ", in: text, at: index),
                  let header = run(in: text, from: index + 3, minimum: 5, allowed: isBase64URL),
                  header < text.count, text[header] == .dot, has("eyJ", in: text, at: header + 1),
                  let payload = run(in: text, from: header + 4, minimum: 5, allowed: isBase64URL),
                  payload < text.count, text[payload] == .dot else { return nil }
            return run(in: text, from: payload + 1, minimum: 0, allowed: isBase64URL)
        default:
            return nil
        }
    }

    /// Whether a token could start at `index`: its prefix is there (lengths unchecked).
    /// The whole-line screen (``SecretNames/mayContainSecret(_:)``) uses it.
    static func mayStart(in text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index == 0 || !isLetterOrDigit(text[index - 1]) else { return false }
        switch text[index] {
        case UInt8(ascii: "s"): return has("sk-", in: text, at: index) || has("sk_", in: text, at: index)
        case UInt8(ascii: "r"): return has("rk_", in: text, at: index)
        case UInt8(ascii: "g"): return has("gh", in: text, at: index) || has("github_pat_", in: text, at: index)
        case UInt8(ascii: "A"): return has("AIza", in: text, at: index) || has("AKIA", in: text, at: index) || has("ASIA", in: text, at: index)
        case UInt8(ascii: "x"): return has("xox", in: text, at: index)
        case UInt8(ascii: "e"): return has("eyJ", in: text, at: index)
        default: return false
        }
    }

    /// The end of the run of `allowed` bytes from `start`, when it is at least `minimum` long.
    @inline(__always)
    private static func run(in text: UnsafeBufferPointer<UInt8>, from start: Int, minimum: Int, allowed: (UInt8) -> Bool) -> Int? {
        var cursor = start
        while cursor < text.count, allowed(text[cursor]) { cursor += 1 }
        return cursor - start >= minimum ? cursor : nil
    }

    @inline(__always)
    private static func has(_ prefix: StaticString, in text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index >= 0, index + count <= text.count else { return false }
        let expected = prefix.utf8Start
        for offset in 0..<count where text[index + offset] != expected[offset] { return false }
        return true
    }

    @inline(__always)
    static func isLetterOrDigit(_ byte: UInt8) -> Bool { byte.isASCIILetter || byte.isDigit }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool { byte.isASCIILetter || byte.isDigit || byte == .underscore }

    @inline(__always)
    private static func isBase64URL(_ byte: UInt8) -> Bool { byte.isASCIILetter || byte.isDigit || byte == .underscore || byte == .minus }

    @inline(__always)
    private static func isUpperOrDigit(_ byte: UInt8) -> Bool { (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte.isDigit }
}
