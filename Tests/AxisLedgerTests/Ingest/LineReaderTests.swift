import Foundation
import Testing
@testable import AxisLedger

/// The line reader strips each line's ending and says which it was, so a
/// CSV record spanning lines is rejoined with the bytes as written.
struct LineReaderTests {
    /// A byte source over an array, handing out at most `step` bytes per read.
    final class Bytes: ByteSource {
        private var bytes: [UInt8]
        private let step: Int
        init(_ bytes: [UInt8], step: Int) { self.bytes = bytes; self.step = step }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let count = min(step, buffer.count, bytes.count)
            bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            bytes.removeFirst(count)
            return count
        }
    }

    static func lines(_ text: String, step: Int = 1 << 20, chunkSize: Int = 1 << 20) throws -> [(String, LineEnding)] {
        var reader = LineReader(source: Bytes(Array(text.utf8), step: step), chunkSize: chunkSize)
        defer { reader.close() }
        var lines: [(String, LineEnding)] = []
        while let line = try reader.next() { lines.append((String(decoding: line.bytes, as: UTF8.self), line.ending)) }
        return lines
    }

    @Test(arguments: [
        ("a\nb\n", [("a", LineEnding.lineFeed), ("b", .lineFeed)]),
        ("a\r\nb\r\n", [("a", .carriageReturnLineFeed), ("b", .carriageReturnLineFeed)]),
        ("a\r\nb\nc", [("a", .carriageReturnLineFeed), ("b", .lineFeed), ("c", .endOfInput)]),
        ("a\rb\r\n\r\n", [("a\rb", .carriageReturnLineFeed), ("", .carriageReturnLineFeed)]),
        // A CR just before the end of input is dropped, as it always was.
        ("a\r", [("a", .endOfInput)]),
        ("\u{FEFF}a\r\n", [("a", .carriageReturnLineFeed)]),
    ])
    func eachLineSaysHowItEnded(text: String, expected: [(String, LineEnding)]) throws {
        for (step, chunk) in [(1 << 20, 1 << 20), (1, 1 << 20), (1, 2), (3, 3)] {
            let lines = try Self.lines(text, step: step, chunkSize: chunk)
            #expect(lines.map(\.0) == expected.map(\.0), "read \(step) bytes at a time into \(chunk)")
            #expect(lines.map(\.1) == expected.map(\.1), "read \(step) bytes at a time into \(chunk)")
        }
    }
}
