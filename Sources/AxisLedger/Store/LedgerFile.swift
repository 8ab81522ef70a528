import Foundation

/// What is at a ledger's path, found out before SQLite is let near it.
///
/// SQLite opens whatever it is given: a FIFO blocks it for ever, a folder or
/// a device gives a cryptic error, and a file of another application's is
/// taken for a database and written to. So the path is looked at with
/// `lstat`/`stat` first, which never block, and a regular file's first bytes
/// are read with `O_NONBLOCK`. Symbolic links are followed (a link to a
/// ledger is a ledger); files are created and adopted where the links lead.
struct LedgerFile {
    enum State: Equatable {
        /// Nothing there yet: a new ledger is made.
        case missing
        /// A regular file of 0 bytes (`touch ledger.sqlite`): adopted as a new ledger.
        case empty
        /// A regular file that begins like an SQLite database.
        case database
    }

    /// The path as given.
    let path: String
    /// The path with the symbolic links of its last component resolved:
    /// where the ledger is, or will be, and where SQLite puts `-wal` and `-shm`.
    let resolvedPath: String
    let state: State

    /// The files SQLite keeps beside a ledger.
    static let companionSuffixes = ["-wal", "-shm", "-journal"]

    /// The first 16 bytes of every SQLite database file.
    static let sqliteMagic = Array("SQLite format 3\u{0}".utf8)

    /// Looks at `path` without opening anything that could block.
    ///
    /// - Throws: ``LedgerError/notARegularFile(path:kind:)`` for a FIFO,
    ///   folder, device or socket (at the path or as its `-wal`, `-shm` or
    ///   `-journal`); ``LedgerError/notSQLite(path:)`` for a file that does
    ///   not begin as an SQLite database does.
    static func inspect(_ path: String) throws -> LedgerFile {
        let resolved = resolvingLinks(path)
        for companion in companionSuffixes.map({ resolved + $0 }) {
            if let status = fileStatus(companion), let kind = kindIfNotRegular(status.st_mode) {
                throw LedgerError.notARegularFile(path: companion, kind: kind)
            }
        }
        var status = stat()
        guard stat(resolved, &status) == 0 else {
            // Nothing there: a new ledger. Anything else (a folder that cannot be searched): SQLite says what.
            let missing = errno == ENOENT || errno == ENOTDIR
            return LedgerFile(path: path, resolvedPath: resolved, state: missing ? .missing : .database)
        }
        if let kind = kindIfNotRegular(status.st_mode) {
            throw LedgerError.notARegularFile(path: path, kind: kind)
        }
        if status.st_size == 0 {
            return LedgerFile(path: path, resolvedPath: resolved, state: .empty)
        }
        if let header = firstBytes(of: resolved, count: 100), header.count < 100 || Array(header.prefix(16)) != sqliteMagic {
            throw LedgerError.notSQLite(path: path)
        }
        return LedgerFile(path: path, resolvedPath: resolved, state: .database)
    }

    /// The `application_id` in the file's header (bytes 68-71, big-endian),
    /// or nil when it cannot be read. The header in the file may lag behind
    /// a WAL not yet copied into it, so this is only a hint; SQLite's own
    /// answer decides (``LedgerIdentity``).
    func headerApplicationID() -> Int32? {
        guard let header = Self.firstBytes(of: resolvedPath, count: 100), header.count >= 72 else { return nil }
        let value = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return Int32(bitPattern: value)
    }

    /// Makes the ledger and its `-wal` and `-shm` readable and writable by
    /// their owner only, as a ledger always is (it holds customers'
    /// prompts). A ledger of this user's that others may read is tightened
    /// and the returned notice says so; one of another user's is refused,
    /// since only its owner may change its mode.
    ///
    /// - Returns: one notice per file tightened, for standard error.
    /// - Throws: ``LedgerError/openToOthers(path:mode:reason:)`` for a
    ///   ledger open to others whose mode cannot be changed (another user's).
    func makeOwnerOnly() throws -> [String] {
        var notices: [String] = []
        for file in [resolvedPath] + ["-wal", "-shm"].map({ resolvedPath + $0 }) {
            guard let status = Self.fileStatus(file), Self.kindIfNotRegular(status.st_mode) == nil else { continue }
            let mode = Int(status.st_mode) & 0o777
            guard mode & 0o077 != 0 else { continue }
            let shown = file == resolvedPath ? path : file
            guard status.st_uid == geteuid() || geteuid() == 0 else {
                throw LedgerError.openToOthers(path: shown, mode: Self.octal(mode), reason: "it belongs to another user, who alone may change its mode")
            }
            guard chmod(file, 0o600) == 0 else {
                throw LedgerError.openToOthers(path: shown, mode: Self.octal(mode), reason: String(cString: strerror(errno)))
            }
            // One notice, for the ledger: its -wal and -shm follow it silently.
            if file == resolvedPath {
                notices.append("\(path) was open to other users (mode \(Self.octal(mode))); it is now 0600, its owner's only, as a ledger of customers' prompts must be.")
            }
        }
        return notices
    }

    static func octal(_ mode: Int) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `stat(2)` of `path`, following links; nil when there is nothing there.
    static func fileStatus(_ path: String) -> stat? {
        var status = stat()
        return stat(path, &status) == 0 ? status : nil
    }

    /// What a file that is not a regular file is, in words; nil for a regular file.
    static func kindIfNotRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a FIFO, a named pipe"
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }

    /// Follows the symbolic links of the last component (at most 32, like
    /// the kernel's limit) to the path they end at, which may not exist yet:
    /// a link to a ledger still to be made is made where it points.
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<32 {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK,
                  let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return current }
            current = target.hasPrefix("/") ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        return current
    }

    /// Up to `count` bytes from the start of a regular file, read without
    /// blocking; nil when it cannot be opened (SQLite then says why) or is
    /// no longer a regular file.
    static func firstBytes(of path: String, count: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, kindIfNotRegular(status.st_mode) == nil else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, count - filled) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            filled += got
        }
        return Array(bytes.prefix(filled))
    }
}
