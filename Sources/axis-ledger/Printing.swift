import AxisLedger
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// What the commands print. Two rules, kept here in one place so no command
// can forget them:
// - Text for people (summaries, messages) has its control characters and
//   bidirectional overrides escaped (``TerminalText``): values and file names
//   come from elsewhere and must not drive the terminal.
// - A failed write to standard output is an error (exit 1, a message on
//   standard error), so a truncated result never looks successful; a reader
//   that closed the pipe ends the command quietly, by SIGPIPE, like `cat`.

/// Prints a line (or lines) for a person on standard output.
func say(_ text: String = "", terminator: String = "\n") throws {
    try emit(TerminalText.escapedKeepingLineBreaks(text) + terminator)
}

/// Writes `text` to standard output exactly as given (CSV and JSON are data
/// for programs; tables are escaped by their renderers).
func emit(_ text: String) throws {
    do {
        try FileHandleOutput.standardOutput.writeAll(text)
    } catch {
        if error.isBrokenPipe { endByBrokenPipe() }
        throw failure(error.description)
    }
}

/// Ends the process as if SIGPIPE had not been ignored: quietly, status 141
/// in a shell, as `cat` or `grep` end when their reader goes.
func endByBrokenPipe() -> Never {
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
    exit(141)
}

/// Prints `message` to standard error, escaped, after `axis-ledger: `.
func complain(_ message: String) {
    FileHandleOutput.standardError.write("axis-ledger: " + TerminalText.escapedKeepingLineBreaks(message) + "\n")
}
