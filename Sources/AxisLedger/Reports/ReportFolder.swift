import CFileSwap
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A month's report folder, `OUT/MONTH/`, replaced as one set of files.
///
/// Readers (a person, a spreadsheet, a sync job) must see either the
/// previous set or the new one: never new CSVs beside an old report.md, nor
/// a mix of two runs. So a new set is written whole into a fresh staging
/// folder inside OUT (`.MONTH.set-XXXXXX`, made by `mkdtemp`), each file
/// created with `O_CREAT|O_EXCL|O_NOFOLLOW` and synced, and only then
/// exchanged with `OUT/MONTH` in one `rename` (`renameat2` with
/// `RENAME_EXCHANGE`); the previous set, now under the staging name, is
/// removed. A run that fails before the exchange removes its staging folder
/// and leaves the previous set as it was.
///
/// Writers of one OUT take turns on an `flock` of the OUT folder itself (no
/// lock file is left behind), so concurrent runs all succeed, the last one's
/// set stays, and `reconcile`'s update of report.md reads the set it
/// replaces. Readers take no lock. A staging folder left by a killed run is
/// removed by the next run into that OUT.
///
/// Links: nothing is ever written through a symbolic link. `OUT/MONTH`
/// being a link (or not a folder) is refused; a link inside it, under a
/// report file's name or any other, is never opened: it is dropped with the
/// previous set (a report file's name) or carried over as a link (any other
/// name). Entries of OUT/MONTH that axis-ledger does not write (someone's
/// notes) are carried into each new set unchanged.
///
/// The folder is made `0700` and its files `0600`: they hold customers' org
/// ids, request ids and amounts, and are their owner's like the ledger.
struct ReportFolder {
    /// Every name axis-ledger writes into a month folder.
    static let ownNames: Set<String> = Set(ReportWriter.fileNames).union(ReconciliationWriter.fileNames).union([MarginReport.fileName])
        .union([ChangesSinceClose.fileName, ReportWriter.statementsFolder])

    let outputFolder: String
    let month: String

    var path: String { URL(fileURLWithPath: outputFolder).appendingPathComponent(month).path }
    private var stagingPrefix: String { ".\(month).set-" }

    /// The set being replaced, read while the new one is made.
    struct CurrentSet {
        fileprivate let descriptor: Int32?

        /// The bytes of `name` when it is a regular file of the current set
        /// (a link there is not followed: nil).
        func contents(of name: String) -> Data? {
            guard let descriptor else { return nil }
            let file = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard file >= 0 else { return nil }
            let handle = FileHandle(fileDescriptor: file, closeOnDealloc: true)
            var status = stat()
            guard fstat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            return try? handle.readToEnd() ?? Data()
        }
    }

    /// Replaces the month's set with the files `make` returns, plus the
    /// regular files named in `keeping` carried unchanged from the current
    /// set, plus the entries that are not axis-ledger's.
    ///
    /// - Returns: the paths of the files `make` returned, in its order.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` naming the month
    ///   folder; the previous set is then unchanged.
    @discardableResult
    func replace(keeping: [String], with make: (CurrentSet) throws -> [(name: String, text: String)]) throws -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: outputFolder, reason: "cannot create the folder (\(PathProblem.words(for: error)))")
        }
        let parent = open(outputFolder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { throw failure("cannot open \(outputFolder) (\(Self.errorText()))") }
        defer { close(parent) }
        // Released when `parent` is closed. A file system without locks still gets one-rename switches.
        while flock(parent, LOCK_EX) != 0 && errno == EINTR {}

        let current = try openCurrent(parent)
        defer { if let current { close(current) } }
        removeStaleStagingFolders(parent, current: current)

        let staging = try makeStagingFolder()
        let previous: String?
        var names: [String] = []
        do {
            let stagingFolder = openat(parent, staging, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard stagingFolder >= 0 else { throw failure("cannot open a staging folder in \(outputFolder) (\(Self.errorText()))") }
            defer { close(stagingFolder) }
            let files = try make(CurrentSet(descriptor: current))
            names = files.map(\.name)
            if let current { try carry(from: current, into: stagingFolder, keeping: Set(keeping).subtracting(files.map(\.name))) }
            for file in files { try write(file.name, Data(file.text.utf8), in: stagingFolder) }
            try syncSubfolders(names, in: stagingFolder)
            guard fsync(stagingFolder) == 0 else { throw failure("cannot sync the new set (\(Self.errorText())); the previous report is unchanged") }
            previous = try switchIn(staging, parent: parent, replacing: current != nil)
        } catch {
            removeTree(staging, in: parent)
            throw error
        }
        if let previous {
            if let now = openFolder(month, in: parent) {
                moveForeignEntries(from: previous, in: parent, to: now)
                close(now)
            }
            removeTree(previous, in: parent)
        }
        _ = fsync(parent)
        return names.map { path + "/" + $0 }
    }

    // MARK: - Steps

    /// The current month folder, opened without following a link; nil when there is none.
    private func openCurrent(_ parent: Int32) throws -> Int32? {
        var status = stat()
        guard fstatat(parent, month, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return nil }
            throw failure("cannot read it (\(Self.errorText()))")
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            guard let folder = openFolder(month, in: parent) else { throw failure("cannot open it (\(Self.errorText()))") }
            return folder
        case S_IFLNK:
            throw failure("it is a symbolic link, and axis-ledger never writes through a link in the output folder. Remove the link, or choose another --out; nothing was written")
        default:
            throw failure("it is not a folder. Move it away, or choose another --out; nothing was written")
        }
    }

    private func makeStagingFolder() throws -> String {
        var template = Array((path.dropLast(month.count) + stagingPrefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw failure("cannot make a staging folder in \(outputFolder) (\(Self.errorText())); the previous report is unchanged") }
        let full = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return URL(fileURLWithPath: full).lastPathComponent
    }

    /// Hard links of the kept files and of the entries that are not
    /// axis-ledger's (regular files only: others move after the switch).
    private func carry(from current: Int32, into staging: Int32, keeping: Set<String>) throws {
        for name in Self.entries(of: current) where keeping.contains(name) || !Self.ownNames.contains(name) {
            var status = stat()
            guard fstatat(current, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if (status.st_mode & S_IFMT) == S_IFDIR, keeping.contains(name) {
                // A kept folder of the set (statements/): a new folder with its regular files carried.
                guard let from = openFolder(name, in: current), let into = try makeSubfolder(name, in: staging) else {
                    throw failure("\(name): \(Self.errorText()); the previous report is unchanged")
                }
                defer { close(from); close(into) }
                try carry(from: from, into: into, keeping: Set(Self.entries(of: from)))
                guard fsync(into) == 0 else { throw failure("cannot sync \(name) (\(Self.errorText())); the previous report is unchanged") }
                continue
            }
            guard (status.st_mode & S_IFMT) == S_IFREG else { continue }
            if linkat(current, name, staging, name, 0) == 0 || !keeping.contains(name) { continue }
            // A link can fail (another file system, protected hard links): copy what must be kept.
            if let data = CurrentSet(descriptor: current).contents(of: name) { try write(name, data, in: staging) }
        }
    }

    /// Creates `name` in `folder` (never an existing file, never through a link), writes and syncs it.
    /// A name `SUB/FILE` goes into the subfolder SUB of the new set, made `0700` when it is not there
    /// yet; SUB must be one of the set's own folders (``ownNames``).
    private func write(_ name: String, _ data: Data, in folder: Int32) throws {
        if let slash = name.firstIndex(of: "/") {
            let sub = String(name[..<slash]), rest = String(name[name.index(after: slash)...])
            // Only a folder of the set (statements/), which a new set replaces whole, never one of someone's.
            guard Self.ownNames.contains(sub), !rest.contains("/") else {
                throw failure("\(name): not a file of the report set; the previous report is unchanged")
            }
            guard let subfolder = try makeSubfolder(sub, in: folder) else { throw failure("\(sub): \(Self.errorText()); the previous report is unchanged") }
            defer { close(subfolder) }
            try write(rest, data, in: subfolder)
            return
        }
        let file = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw failure("\(name): \(Self.errorText()); the previous report is unchanged") }
        defer { close(file) }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { Foundation.write(file, $0.baseAddress! + offset, data.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw failure("\(name): \(Self.errorText()); the previous report is unchanged") }
            offset += written
        }
        guard fsync(file) == 0 else { throw failure("\(name): \(Self.errorText()); the previous report is unchanged") }
    }

    /// The subfolder `name` of a staging folder, made when missing; nil when it cannot be made or opened.
    private func makeSubfolder(_ name: String, in folder: Int32) throws -> Int32? {
        if mkdirat(folder, name, 0o700) != 0 && errno != EEXIST { return nil }
        return openFolder(name, in: folder)
    }

    /// Syncs every subfolder written into the staging folder (the files in them are synced as written).
    private func syncSubfolders(_ names: [String], in folder: Int32) throws {
        for sub in Set(names.compactMap { name in name.firstIndex(of: "/").map { String(name[..<$0]) } }) {
            guard let subfolder = openFolder(sub, in: folder) else { continue }
            defer { close(subfolder) }
            guard fsync(subfolder) == 0 else { throw failure("cannot sync \(sub) (\(Self.errorText())); the previous report is unchanged") }
        }
    }

    /// Puts the staging folder at the month's name in one rename. Returns
    /// the name the previous set now has, nil when there was none.
    private func switchIn(_ staging: String, parent: Int32, replacing: Bool) throws -> String? {
        if replacing {
            if axis_rename_exchange(parent, staging, parent, month) == 0 { return staging }
            guard [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(errno) else {
                throw failure("cannot switch the new set in (\(Self.errorText())); the previous report is unchanged")
            }
            // No exchange on this file system: two renames, with a moment when the folder is missing (never a mix).
            let aside = staging + ".previous"
            guard renameat(parent, month, parent, aside) == 0 else {
                throw failure("cannot move the previous set aside (\(Self.errorText())); the previous report is unchanged")
            }
            guard renameat(parent, staging, parent, month) == 0 else {
                let reason = Self.errorText()
                _ = renameat(parent, aside, parent, month)
                throw failure("cannot switch the new set in (\(reason)); the previous report is unchanged")
            }
            return aside
        }
        if axis_rename_noreplace(parent, staging, parent, month) == 0 { return nil }
        if [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(errno), renameat(parent, staging, parent, month) == 0 { return nil }
        throw failure("cannot put the new set in place (\(Self.errorText())); nothing was written")
    }

    /// Left by killed runs (writers take turns, so no live run owns one):
    /// their foreign entries go back into the month folder, the rest is removed.
    private func removeStaleStagingFolders(_ parent: Int32, current: Int32?) {
        for name in Self.entries(of: parent) where name.hasPrefix(stagingPrefix) {
            if let current { moveForeignEntries(from: name, in: parent, to: current) }
            removeTree(name, in: parent)
        }
    }

    /// Moves the entries of `folder` that are not axis-ledger's and are not in `destination` into it.
    private func moveForeignEntries(from folder: String, in parent: Int32, to destination: Int32) {
        guard let source = openFolder(folder, in: parent) else { return }
        defer { close(source) }
        for name in Self.entries(of: source) where !Self.ownNames.contains(name) {
            _ = axis_rename_noreplace(source, name, destination, name)
        }
    }

    // MARK: - Files, without following links

    private func openFolder(_ name: String, in parent: Int32) -> Int32? {
        let folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        return folder >= 0 ? folder : nil
    }

    /// Removes `name` in `parent` and everything below it; a link is removed, never followed.
    private func removeTree(_ name: String, in parent: Int32) {
        if unlinkat(parent, name, 0) == 0 { return }
        guard let folder = openFolder(name, in: parent) else { return }
        for entry in Self.entries(of: folder) { removeTree(entry, in: folder) }
        close(folder)
        _ = unlinkat(parent, name, AT_REMOVEDIR)
    }

    /// The names in an open folder, without `.` and `..`.
    private static func entries(of folder: Int32) -> [String] {
        let copy = dup(folder)
        guard copy >= 0, let stream = fdopendir(copy) else { return [] }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private func failure(_ reason: String) -> ReportError {
        .cannotWrite(path: path, reason: reason)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
