import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `axis-ledger` binary and reads its peak resident memory
/// from the kernel's own accounting of the child (`ru_maxrss` from `wait4`),
/// so a memory bound can be asserted exactly, without sampling and without
/// counting the other processes the tests start at the same time.
///
/// The binary is started by a small Python process that forks and waits for
/// it (``launcher``), not spawned from the test process directly: glibc's
/// `posix_spawn` runs the child on the parent's memory until `exec`, and
/// Linux carries that memory's high-water mark into the child's `ru_maxrss`,
/// so every child of a test runner holding 210 MB "peaked" at 210 MB (seen
/// in the whole suite, where the four cases all reported the runner's size).
enum PeakMemory {
    struct Result {
        var status: Int32
        /// The child ended by a signal (a crash, or the kill after the time limit).
        var signalled: Bool
        var timedOut: Bool
        /// The most memory the process held at once, in bytes.
        var peakBytes: Int
        var stdout: String
        var stderr: String
    }

    /// Runs `axis-ledger ARGUMENTS`, its output to files in `scratch`; killed past `timeLimit` seconds.
    static func run(_ arguments: [String], in scratch: Scratch, timeLimit: Double = 300) throws -> Result {
        let label = UUID().uuidString
        let outPath = scratch.path("stdout-\(label)"), errPath = scratch.path("stderr-\(label)")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let executable = LedgerBinary.executable.path
        let usagePath = scratch.path("usage-\(label)")
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "AXIS_LEDGER_DB")
        let python = "/usr/bin/env"
        let argv = ([python, "python3", "-c", launcher, usagePath, executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid = pid_t()
        let spawned = posix_spawn(&pid, python, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SampleInputError(message: "cannot start python3 to run \(executable): \(String(cString: strerror(spawned)))") }

        let watch = Watchdog(pid: pid)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) { watch.killIfRunning() }
        var launcherStatus: Int32 = 0
        while waitpid(pid, &launcherStatus, 0) < 0 && errno == EINTR {}
        let timedOut = watch.finish()

        // The launcher writes "STATUS SIGNALLED MAXRSS_KIB" of the binary; nothing when it was killed.
        let fields = ((try? String(contentsOfFile: usagePath, encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int($0) }
        let (status, signalled, peakKiB) = fields.count == 3 ? (Int32(fields[0]), fields[1] != 0, fields[2]) : (-1, true, 0)
        return Result(status: signalled ? -1 : status, signalled: signalled, timedOut: timedOut,
                      peakBytes: peakKiB * 1024,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// Forks, runs the binary in the child, waits for it, and writes its exit
    /// status and `ru_maxrss` to the file named by its first argument. Killed,
    /// it takes the binary with it (the child dies with its parent).
    static let launcher = """
        import ctypes, os, signal, sys
        usage_path, argv = sys.argv[1], sys.argv[2:]
        pid = os.fork()
        if pid == 0:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            os.execv(argv[0], argv)
        _, status, usage = os.wait4(pid, 0)
        signalled = 1 if os.WIFSIGNALED(status) else 0
        code = os.WEXITSTATUS(status) if not signalled else -1
        with open(usage_path, "w") as out:
            out.write(f"{code} {signalled} {usage.ru_maxrss}")
        """

    /// Kills the child once its time is up, unless it was reaped before.
    private final class Watchdog: @unchecked Sendable {
        private let lock = NSLock()
        private let pid: pid_t
        private var done = false
        private var killed = false

        init(pid: pid_t) { self.pid = pid }

        func killIfRunning() {
            lock.withLock {
                guard !done else { return }
                killed = true
                kill(pid, SIGKILL)
            }
        }

        /// Marks the child reaped; returns whether it had been killed.
        func finish() -> Bool { lock.withLock { done = true; return killed } }
    }
}
