import Foundation

/// A JSON Pointer (RFC 6901): `/headers/X-External-Org-Id`, `/items/0/id`,
/// with `~1` for a `/` and `~0` for a `~` inside a member name.
///
/// Why not a dotted path: member names in real logs hold dots and slashes
/// (`"http.status"`, `"X-Org/Id"`), and JSON Pointer is the one notation with
/// an escape for each, the one lnav and JSON Schema use.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The pointer as written in the profile.
    public let text: String
    /// The reference tokens, unescaped.
    public let tokens: [String]

    /// - Throws: a message saying what to write instead, when `text` is not a pointer.
    public init(_ text: String) throws(JSONPointerSyntaxError) {
        self.text = text
        guard !text.isEmpty else {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw JSONPointerSyntaxError(message: "`\(text)` is not a JSON Pointer: a pointer starts with `/`, e.g. `/\(text.replacingSlashesForExample())`")
        }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var scalars = raw.unicodeScalars.makeIterator()
            while let scalar = scalars.next() {
                guard scalar == "~" else {
                    token.unicodeScalars.append(scalar)
                    continue
                }
                switch scalars.next() {
                case "0": token += "~"
                case "1": token += "/"
                default:
                    throw JSONPointerSyntaxError(message: "`\(text)` has a `~` that is not `~0` (a ~) or `~1` (a /); write a ~ in a member name as ~0")
                }
            }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// The pointer one member further down (`/resp` + `id` = `/resp/id`).
    public func appending(_ token: String) -> JSONPointer {
        let escaped = token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        // Cannot fail: the text is built from escaped tokens.
        return (try? JSONPointer(text + "/" + escaped)) ?? self
    }

    public var description: String { text }

    /// The node the pointer designates in `tape`, from `node`, or nil when the line does not have it.
    /// A token reads an array element when it is an index without leading zeros.
    func resolve(in tape: JSONTape, from node: Int? = nil) -> Int? {
        var current = node ?? tape.root
        for token in tokens {
            switch tape.kind(current) {
            case .object:
                let name = Array(token.utf8)
                guard let member = tape.members(of: current).first(where: { tape.stringEquals($0.key, name) }) else { return nil }
                current = member.value
            case .array:
                guard let index = Self.arrayIndex(token) else { return nil }
                let elements = tape.elements(of: current)
                guard index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), token == "0" || !token.hasPrefix("0") else { return nil }
        return Int(token)
    }
}

/// Why a profile's pointer is not a JSON Pointer, and what to write instead.
public struct JSONPointerSyntaxError: Error, Sendable, Equatable {
    public var message: String
}

private extension String {
    /// `headers.orgId` as an example pointer: `headers/orgId`.
    func replacingSlashesForExample() -> String {
        replacingOccurrences(of: ".", with: "/")
    }
}
