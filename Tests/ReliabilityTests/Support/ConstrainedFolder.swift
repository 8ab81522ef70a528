import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder whose disk can be made full or read-only: a small tmpfs mounted
/// there when the tests run as root (CI containers), else, for read-only,
/// the folder's permission bits (which bind every user but root).
final class ConstrainedFolder {
    let path: String
    private let mounted: Bool

    static var isRoot: Bool { geteuid() == 0 }

    /// Whether a tmpfs can be mounted here (root with CAP_SYS_ADMIN).
    static let canMount: Bool = {
        guard isRoot, let probe = try? Scratch("mount-probe") else { return false }
        let folder = probe.path("probe")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder]) else { return false }
        return run("/bin/umount", [folder])
    }()

    /// Read-only can be simulated by mounting, or by permissions when not root.
    static var canMakeReadOnly: Bool { canMount || !isRoot }

    /// - Parameter size: the tmpfs size in bytes, when one can be mounted.
    init(in scratch: Scratch, size: Int) throws {
        path = scratch.path("constrained")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        mounted = Self.canMount && Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0700", "tmpfs", path])
    }

    deinit {
        if mounted { _ = Self.run("/bin/umount", [path]) } else { chmod(path, 0o700) }
    }

    var isSmallDisk: Bool { mounted }

    func makeReadOnly() throws {
        let done = mounted ? Self.run("/bin/mount", ["-o", "remount,ro", path]) : chmod(path, 0o500) == 0
        if !done { throw SampleInputError(message: "cannot make \(path) read-only") }
    }

    func makeWritable() throws {
        let done = mounted ? Self.run("/bin/mount", ["-o", "remount,rw", path]) : chmod(path, 0o700) == 0
        if !done { throw SampleInputError(message: "cannot make \(path) writable again") }
    }

    @discardableResult
    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
