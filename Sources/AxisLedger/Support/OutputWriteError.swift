import Foundation

/// A write to standard output or standard error that failed: the disk is
/// full (`> /dev/full`), a file size limit was reached, or the reader closed
/// the pipe.
public struct OutputWriteError: Error, Equatable, CustomStringConvertible {
    /// "standard output" or "standard error".
    public let stream: String
    /// The `errno` of the failed write.
    public let code: Int32

    /// The reader went away (`| head -1`): not a failure to report, the
    /// command just ends (see the README's exit status).
    public var isBrokenPipe: Bool { code == EPIPE }

    public var description: String {
        "cannot write to \(stream) (\(String(cString: strerror(code)))); what was printed is incomplete. Free space or check where the output goes, then run the command again"
    }
}
