import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `axis-ledger` binary as a separate process, the way a
/// person or a cron job would, with a time limit: a hang is a failure, not a
/// stuck test run.
enum LedgerBinary {
    struct Result: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The process was killed because it ran past its time limit.
        var timedOut: Bool
        /// The process ended by a signal (a crash), not by exiting.
        var signalled: Bool

        /// Every byte it printed, for greps.
        var output: String { stdout + "\n" + stderr }
    }

    /// The built executable, beside the test bundle in the build folder.
    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("axis-ledger")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        // `swift test` runs from the package root; the debug build is there.
        return URL(fileURLWithPath: ".build/debug/axis-ledger").absoluteURL
    }

    /// Runs `axis-ledger ARGUMENTS` and waits, at most `timeLimit` seconds.
    static func run(_ arguments: [String], timeLimit: Double = 120, in directory: URL? = nil) throws -> Result {
        try run(executable: executable, arguments, timeLimit: timeLimit, in: directory)
    }

    /// Runs `axis-ledger ARGUMENTS` through `/bin/sh -c SCRIPT`, where the
    /// script sets limits (ulimit, trap) and ends with `exec "$0" "$@"`.
    static func runInShell(_ script: String, _ arguments: [String], timeLimit: Double = 120) throws -> Result {
        try run(executable: URL(fileURLWithPath: "/bin/sh"), ["-c", script, executable.path] + arguments, timeLimit: timeLimit, in: nil)
    }

    private static func run(executable: URL, _ arguments: [String], timeLimit: Double, in directory: URL?) throws -> Result {
        let process = configured(executable: executable, arguments, in: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        // Read both pipes while the child runs so a large output cannot block it.
        let group = DispatchGroup()
        let collected = Collected()
        group.enter()
        DispatchQueue.global().async { collected.set(out: out.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        group.enter()
        DispatchQueue.global().async { collected.set(err: err.fileHandleForReading.readDataToEndOfFile()); group.leave() }
        var timedOut = false
        if exited.wait(timeout: .now() + timeLimit) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
        }
        group.wait()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: collected.out, as: UTF8.self),
                      stderr: String(decoding: collected.err, as: UTF8.self),
                      timedOut: timedOut,
                      signalled: process.terminationReason == .uncaughtSignal)
    }

    /// Starts `axis-ledger ARGUMENTS` without waiting; its output is discarded.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = configured(executable: executable, arguments, in: nil)
        for (name, value) in environment { process.environment?[name] = value }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func configured(executable: URL, _ arguments: [String], in directory: URL?) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "AXIS_LEDGER_DB")
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        return process
    }

    /// The two pipes' bytes, filled from two threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var outData = Data(), errData = Data()
        var out: Data { lock.withLock { outData } }
        var err: Data { lock.withLock { errData } }
        func set(out data: Data) { lock.withLock { outData = data } }
        func set(err data: Data) { lock.withLock { errData = data } }
    }
}
