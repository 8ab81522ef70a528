/// Bytes of lines being built, appended without `String` interpolation or
/// `JSONEncoder` so a million records format in seconds.
struct SampleLineBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(bytes other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ buffer: SampleLineBuffer) {
        bytes.append(contentsOf: buffer.bytes)
    }

    /// A decimal integer, with a minus sign when negative.
    mutating func append(int value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(unsigned: UInt64(-value), minimumDigits: 1)
        } else {
            append(unsigned: UInt64(value), minimumDigits: 1)
        }
    }

    /// A decimal number padded with leading zeros to `minimumDigits`.
    mutating func append(unsigned value: UInt64, minimumDigits: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            while count < minimumDigits {
                raw[count] = UInt8(ascii: "0")
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(raw[index])
            }
        }
    }

    /// `value` as exactly `digits` lowercase hex digits.
    mutating func appendHex(_ value: UInt64, digits: Int) {
        for index in stride(from: digits - 1, through: 0, by: -1) {
            bytes.append(SampleLineBuffer.hexDigits[Int((value >> UInt64(index * 4)) & 0xF)])
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
