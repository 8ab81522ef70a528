import Foundation

/// The built binary under a real pseudo-terminal (Python's `pty`), for what a
/// command draws only on a terminal: progress, notices.
enum PseudoTerminal {
    /// Runs the binary with a pseudo-terminal of `columns` columns as its standard
    /// input, output and error; `input` is typed into it. Returns all it wrote.
    static func run(columns: Int, _ arguments: [String], input: String = "") throws -> String {
        let script = """
            import fcntl, os, pty, struct, sys, termios
            columns = int(sys.argv[1]); typed = sys.argv[2].encode(); argv = sys.argv[3:]
            pid, fd = pty.fork()
            if pid == 0:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
                os.execv(argv[0], argv)
            if typed:
                os.write(fd, typed)
            out = b""
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(columns), input, CommandRunner.executable.path] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
