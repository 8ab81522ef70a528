import Testing
@testable import AxisLedger

/// Which first bytes are UTF-16 or UTF-32 and which may be UTF-8.
struct TextEncodingSnifferTests {
    typealias Finding = TextEncodingSniffer.Finding

    @Test(arguments: [
        ([0xFF, 0xFE, 0x7B, 0x00], Finding(encoding: .utf16LittleEndian, byteOrderMark: [0xFF, 0xFE])),
        ([0xFE, 0xFF, 0x00, 0x7B], Finding(encoding: .utf16BigEndian, byteOrderMark: [0xFE, 0xFF])),
        ([0xFF, 0xFE, 0x00, 0x00, 0x7B, 0, 0, 0], Finding(encoding: .utf32LittleEndian, byteOrderMark: [0xFF, 0xFE, 0x00, 0x00])),
        ([0x00, 0x00, 0xFE, 0xFF, 0, 0, 0, 0x7B], Finding(encoding: .utf32BigEndian, byteOrderMark: [0x00, 0x00, 0xFE, 0xFF])),
        // A byte-order mark alone is enough.
        ([0xFF, 0xFE], Finding(encoding: .utf16LittleEndian, byteOrderMark: [0xFF, 0xFE])),
        (Array(#"{"timestamp""#.utf8).flatMap { [$0, 0] }, Finding(encoding: .utf16LittleEndian, byteOrderMark: nil)),
        (Array(#"{"timestamp""#.utf8).flatMap { [0, $0] }, Finding(encoding: .utf16BigEndian, byteOrderMark: nil)),
        (Array("time".utf8).flatMap { [$0, 0, 0, 0] }, Finding(encoding: .utf32LittleEndian, byteOrderMark: nil)),
        (Array("time".utf8).flatMap { [0, 0, 0, $0] }, Finding(encoding: .utf32BigEndian, byteOrderMark: nil)),
    ] as [([UInt8], Finding)])
    func aByteOrderMarkOrASCIIWithNULsIsRecognised(first: [UInt8], finding: Finding) {
        #expect(TextEncodingSniffer.sniff(first) == finding)
    }

    @Test(arguments: [
        Array(#"{"timestamp":"2026-10-05"#.utf8),
        [0xEF, 0xBB, 0xBF] + Array("{}".utf8),
        Array(#"{"a":""#.utf8) + [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [UInt8](repeating: 0, count: 32),
        Array("timestamp,orgId".utf8),
        // Too short to tell: one code unit.
        [0x7B, 0x00],
        [],
        // NULs only in the first bytes, then text: not the pattern all through.
        [0x7B, 0x00, 0x22, 0x00] + Array("timestamp".utf8),
    ] as [[UInt8]])
    func utf8TextEvenWithNULBytesIsNotTakenForUTF16(first: [UInt8]) {
        #expect(TextEncodingSniffer.sniff(first) == nil)
    }
}
