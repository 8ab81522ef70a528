import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `axis-ledger` binary and reads its peak resident memory
/// from the kernel's own accounting of the child (`ru_maxrss` from `wait4`),
/// so a memory bound can be asserted exactly, without sampling and without
/// counting the other processes the tests start at the same time.
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
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "AXIS_LEDGER_DB")
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SampleInputError(message: "cannot start \(executable): \(String(cString: strerror(spawned)))") }

        let watch = Watchdog(pid: pid)
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit) { watch.killIfRunning() }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let timedOut = watch.finish()

        let signalled = (status & 0x7F) != 0
        return Result(status: signalled ? -1 : (status >> 8) & 0xFF, signalled: signalled, timedOut: timedOut,
                      peakBytes: Int(usage.ru_maxrss) * 1024,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

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
