import Foundation

/// A file written from scratch in large chunks.
final class SampleOutputFile {
    private let url: URL
    private let handle: FileHandle

    init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: url) else {
            throw SampleWriteError(path: url.path, reason: "cannot create the file")
        }
        self.handle = handle
    }

    /// Writes the buffer's bytes and empties it.
    func write(_ buffer: inout SampleLineBuffer) throws {
        guard buffer.count > 0 else { return }
        do {
            try handle.write(contentsOf: buffer.bytes)
        } catch {
            throw SampleWriteError(path: url.path, reason: PathProblem.words(for: error))
        }
        buffer.removeAll()
    }

    func close() throws {
        do {
            try handle.close()
        } catch {
            throw SampleWriteError(path: url.path, reason: PathProblem.words(for: error))
        }
    }
}

/// A sample file or folder that could not be written.
public struct SampleWriteError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String {
        "\(path): cannot write the sample (\(reason)). Choose a writable folder with --out."
    }
}
