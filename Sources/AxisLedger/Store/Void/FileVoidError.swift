/// Why a void or undo was refused; nothing was recorded. Each message says
/// what to do instead.
public enum FileVoidError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No ingested file has this id.
    case unknownFile(id: Int64)
    /// The file is voided already (an undo is what would change it).
    case alreadyVoided(id: Int64, path: String, at: String, by: String, reason: String)
    /// `void --undo` of a file that is live.
    case notVoided(id: Int64, path: String)
    /// A void needs a reason, recorded with it.
    case missingReason

    public var description: String {
        switch self {
        case .unknownFile(let id):
            return "no ingested file has id \(id); list the files and their ids with `axis-ledger files`"
        case .alreadyVoided(let id, let path, let at, let by, let reason):
            return "file \(id) (\(path)) is already voided (\(at) by \(by): \(reason)); nothing changed. "
                + "To count it again: `axis-ledger void --undo \(id)`"
        case .notVoided(let id, let path):
            return "file \(id) (\(path)) is not voided, so there is nothing to undo; nothing changed. "
                + "`axis-ledger files` shows which files are voided"
        case .missingReason:
            return "a void needs a reason, recorded with it: `axis-ledger void FILE_ID --reason TEXT`"
        }
    }
}
