/// Why a line is not valid JSON, and where: `offset` is the 0-based index of
/// the byte where parsing stopped; the message counts bytes from 1 because it
/// is read by a person.
struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
    var offset: Int
    var problem: String

    var description: String { "not valid JSON at byte \(offset + 1): \(problem)" }
}
