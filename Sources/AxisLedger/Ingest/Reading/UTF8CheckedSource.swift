/// Passes on the bytes of another source after checking that its first
/// bytes are not UTF-16 or UTF-32 (``TextEncodingSniffer``); if they are,
/// the first read throws ``IngestError/notUTF8(path:encoding:byteOrderMark:compressed:)``,
/// before any line is read, so nothing of the file is stored.
///
/// It sits above the gzip stream, so a compressed file is checked by the
/// text inside it.
final class UTF8CheckedSource: ByteSource {
    private let upstream: ByteSource
    private let path: String
    private let compressed: Bool
    /// The first bytes, read for the check and handed on before the rest.
    private var first: [UInt8] = []
    private var checked = false

    init(upstream: ByteSource, path: String, compressed: Bool) {
        self.upstream = upstream
        self.path = path
        self.compressed = compressed
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if !checked { try check() }
        guard first.isEmpty else {
            let count = min(first.count, buffer.count)
            first.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            first.removeFirst(count)
            return count
        }
        return try upstream.read(into: buffer)
    }

    private func check() throws {
        checked = true
        var chunk = [UInt8](repeating: 0, count: TextEncodingSniffer.sniffedLength)
        while first.count < TextEncodingSniffer.sniffedLength {
            let wanted = TextEncodingSniffer.sniffedLength - first.count
            let got = try chunk.withUnsafeMutableBytes { try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[..<wanted])) }
            if got == 0 { break }
            first += chunk[..<got]
        }
        if let finding = TextEncodingSniffer.sniff(first) {
            throw IngestError.notUTF8(path: path, encoding: finding.encoding.rawValue,
                                      byteOrderMark: finding.byteOrderMark, compressed: compressed)
        }
    }
}
