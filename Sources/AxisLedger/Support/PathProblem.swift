import Foundation

/// What is wrong with a path, in words a person acts on, found with
/// `stat(2)` and `errno` instead of Foundation's error texts
/// (`The file “logs” couldn’t be opened.`, `NSCocoaErrorDomain error 256`),
/// which say neither what the path is nor what to do.
public enum PathProblem {
    /// Why a file cannot be read.
    public enum Unreadable: Equatable, Sendable {
        case missing
        /// A folder above the file does not exist (the nearest one missing).
        case missingFolder(String)
        case folder
        /// A FIFO, device or socket.
        case notRegular
        /// `stat` or `access` failed: the reason in words (`permission denied`).
        case refused(String)

        /// The problem as a sentence about `path`, which the user named as `what`
        /// ("a pricing file"): `logs is a folder, not a pricing file; give the path of the file`.
        public func sentence(path: String, what: String) -> String {
            switch self {
            case .folder, .notRegular: return "\(path) is " + afterPath(what: what)
            default: return "\(path): " + afterPath(what: what)
            }
        }

        /// The sentence without the path, to follow `PATH: `.
        public func afterPath(what: String) -> String {
            switch self {
            case .missing: return "no such file; check the path"
            case .missingFolder(let folder): return "the folder \(folder) does not exist; check the path"
            case .folder: return "a folder, not \(what); give the path of the file"
            case .notRegular: return "not a regular file, so not \(what); give the path of the file"
            case .refused(let reason): return "cannot be read (\(reason)); check the path and its permissions"
            }
        }
    }

    /// Why `path` cannot be read as a regular file; nil when it can.
    public static func unreadableFile(_ path: String) -> Unreadable? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            guard code == ENOENT || code == ENOTDIR else { return .refused(words(forErrno: code)) }
            return missingFolder(of: path).map(Unreadable.missingFolder) ?? .missing
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: break
        default: return .notRegular
        }
        guard access(path, R_OK) == 0 else { return .refused(words(forErrno: errno)) }
        return nil
    }

    /// The nearest folder above `path` that does not exist, when its parent
    /// folder is missing (`reports/2026/ledger.sqlite` without `reports/`).
    public static func missingFolder(of path: String) -> String? {
        var folder = (path as NSString).deletingLastPathComponent
        var missing: String?
        while !folder.isEmpty, folder != "/", folder != "." {
            var status = stat()
            if stat(folder, &status) == 0 { break }
            missing = folder
            folder = (folder as NSString).deletingLastPathComponent
        }
        return missing
    }

    /// What is at `path` when it is there and not a folder ("a file"); nil
    /// when nothing is there or it is a folder: for an output folder option.
    public static func notAFolder(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return nil
        case S_IFREG: return "a file"
        default: return "not a folder"
        }
    }

    /// A Foundation or POSIX error in words (`permission denied`), never its
    /// domain, code or Foundation's sentence about it.
    public static func words(for error: Error) -> String {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return words(forErrno: Int32(error.code)) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return words(forErrno: Int32(underlying.code))
        }
        switch error.code {
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
        case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
        case NSFileWriteFileExistsError: return "a file is in the way"
        case NSFileWriteOutOfSpaceError: return "the disk is full"
        case NSFileWriteVolumeReadOnlyError: return "the file system is read-only"
        default: return "the system refused"
        }
    }

    /// Any error in words for a message: Foundation's and POSIX's by ``words(for:)``,
    /// axis-ledger's own (which say what and where) as they describe themselves.
    public static func describe(_ error: Error) -> String {
        let domain = (error as NSError).domain
        return domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain ? words(for: error) : "\(error)"
    }

    /// `strerror` in lower case: `permission denied`, `is a directory`.
    public static func words(forErrno code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
