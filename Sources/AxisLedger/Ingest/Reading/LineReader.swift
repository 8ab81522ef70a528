import Foundation

/// One line of input, without its line ending.
struct InputLine {
    /// 1-based physical line number.
    var number: Int
    var bytes: [UInt8]
    /// The line's length in bytes as read, which is more than `bytes.count`
    /// when the line was over ``LineReader/maximumLineLength`` and cut.
    var fullLength: Int
    /// How the line ended (its ending is not in `bytes`), so that a CSV
    /// record spanning lines can be rejoined with the bytes as written.
    var ending: LineEnding = .lineFeed
    var truncated: Bool { fullLength > LineReader.maximumLineLength }
}

/// Splits a byte source into lines: LF or CRLF endings, a UTF-8 byte-order
/// mark on the first line dropped. Memory stays bounded by the chunk size and
/// ``maximumLineLength`` whatever the input.
struct LineReader {
    /// Longer lines are cut to their first ``keptPrefixOfLongLine`` bytes and
    /// flagged, so that one runaway line cannot exhaust memory.
    static let maximumLineLength = 16 * 1024 * 1024
    static let keptPrefixOfLongLine = 4096

    private let source: ByteSource
    private var chunk: UnsafeMutableRawBufferPointer
    private var chunkStart = 0
    private var chunkEnd = 0
    private var ended = false
    private var lineNumber = 0

    /// The physical number of the last line returned (0 before the first).
    var lastLineNumber: Int { lineNumber }

    /// - Parameter firstLineNumber: the number of the first line read: more
    ///   than 1 when reading on from the middle of a file, whose line numbers go on.
    init(source: ByteSource, chunkSize: Int = 1 << 20, firstLineNumber: Int = 1) {
        self.source = source
        lineNumber = firstLineNumber - 1
        chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    }

    func close() { chunk.deallocate() }

    /// The next line, or nil at the end of input.
    mutating func next() throws -> InputLine? {
        var pending: [UInt8] = []
        var pendingLength = 0 // the line's full length, even past the kept prefix
        while true {
            if chunkStart < chunkEnd {
                let base = chunk.baseAddress! + chunkStart
                let available = chunkEnd - chunkStart
                if let found = memchr(base, 0x0A, available) {
                    let length = found - UnsafeMutableRawPointer(mutating: base)
                    append(base, length, to: &pending, pendingLength)
                    pendingLength += length
                    chunkStart += length + 1
                    return finish(&pending, pendingLength, endedByLineFeed: true)
                }
                append(base, available, to: &pending, pendingLength)
                pendingLength += available
                chunkStart = chunkEnd
            }
            if ended {
                if pendingLength == 0 && pending.isEmpty { return nil }
                return finish(&pending, pendingLength, endedByLineFeed: false)
            }
            let count = try source.read(into: chunk)
            chunkStart = 0
            chunkEnd = count
            if count == 0 { ended = true }
        }
    }

    private func append(_ base: UnsafeRawPointer, _ count: Int, to line: inout [UInt8], _ lengthSoFar: Int) {
        guard count > 0 else { return }
        var take = count
        if lengthSoFar + count > LineReader.maximumLineLength {
            take = max(0, LineReader.keptPrefixOfLongLine - line.count)
            take = min(take, count)
        }
        if take > 0 { line.append(contentsOf: UnsafeRawBufferPointer(start: base, count: take)) }
    }

    private mutating func finish(_ line: inout [UInt8], _ length: Int, endedByLineFeed: Bool) -> InputLine {
        lineNumber += 1
        let truncated = length > LineReader.maximumLineLength
        if truncated, line.count > LineReader.keptPrefixOfLongLine {
            line.removeSubrange(LineReader.keptPrefixOfLongLine...)
        }
        var ending = endedByLineFeed ? LineEnding.lineFeed : .endOfInput
        if !truncated, line.last == 0x0D {
            line.removeLast()
            // A CR just before the end of input is dropped as it always was; only a CR LF is a two-byte ending.
            if endedByLineFeed { ending = .carriageReturnLineFeed }
        }
        if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        return InputLine(number: lineNumber, bytes: line, fullLength: length, ending: ending)
    }
}
