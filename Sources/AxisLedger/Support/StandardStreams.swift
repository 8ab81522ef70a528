import Foundation

/// Unbuffered writes to standard output or standard error, for messages and
/// progress that must appear even when stdout is a pipe.
public struct FileHandleOutput: Sendable {
    let descriptor: Int32

    public static let standardOutput = FileHandleOutput(descriptor: 1)
    public static let standardError = FileHandleOutput(descriptor: 2)

    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Whether the stream is a terminal (progress bars only go to terminals).
    public var isTerminal: Bool { isatty(descriptor) == 1 }
}
