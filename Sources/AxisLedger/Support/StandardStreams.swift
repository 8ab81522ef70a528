import Foundation

/// Unbuffered writes to standard output or standard error, for messages and
/// progress that must appear even when stdout is a pipe.
public struct FileHandleOutput: Sendable {
    let descriptor: Int32

    public static let standardOutput = FileHandleOutput(descriptor: 1)
    public static let standardError = FileHandleOutput(descriptor: 2)

    /// Writes `text`, best effort: for messages on standard error, where a
    /// failure has nowhere left to be reported.
    public func write(_ text: String) {
        try? writeAll(text)
    }

    /// Writes all of `text` or throws: what a command prints on standard
    /// output is its result (a CSV a cron job keeps, say), and a full disk or
    /// a closed pipe must not pass for success.
    ///
    /// - Throws: ``OutputWriteError`` with the `errno` of the failed write;
    ///   `isBrokenPipe` when the reader has gone (EPIPE, with SIGPIPE ignored).
    public func writeAll(_ text: String) throws(OutputWriteError) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputWriteError(stream: name, code: errno)
            }
            if written == 0 { throw OutputWriteError(stream: name, code: EIO) }
            offset += written
        }
    }

    /// Whether the stream is a terminal (progress bars only go to terminals).
    public var isTerminal: Bool { isatty(descriptor) == 1 }

    var name: String { descriptor == 1 ? "standard output" : descriptor == 2 ? "standard error" : "descriptor \(descriptor)" }
}
