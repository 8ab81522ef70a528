extension Timestamp {
    /// Appends the instant as the sample writes it: `YYYY-MM-DDTHH:MM:SS.sssZ`,
    /// or, with an offset, the local time at that offset without milliseconds
    /// (`2026-10-03T12:15:22+02:00`), as some integrations log it. The caller
    /// keeps instants written with an offset on whole seconds so both forms
    /// name the same instant.
    func appendSampleText(offsetMinutes: Int?, to buffer: inout SampleLineBuffer) {
        guard let offsetMinutes else {
            appendFields(of: self, to: &buffer)
            buffer.append(byte: UInt8(ascii: "."))
            buffer.append(unsigned: UInt64(utcFields.millisecond), minimumDigits: 3)
            buffer.append(byte: UInt8(ascii: "Z"))
            return
        }
        let local = Timestamp(millisecondsSinceEpoch: millisecondsSinceEpoch + Int64(offsetMinutes) * 60_000)
        appendFields(of: local, to: &buffer)
        buffer.append(byte: UInt8(ascii: offsetMinutes < 0 ? "-" : "+"))
        buffer.append(unsigned: UInt64(abs(offsetMinutes) / 60), minimumDigits: 2)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.append(unsigned: UInt64(abs(offsetMinutes) % 60), minimumDigits: 2)
    }

    /// `YYYY-MM-DDTHH:MM:SS` of `instant`'s UTC fields.
    private func appendFields(of instant: Timestamp, to buffer: inout SampleLineBuffer) {
        let f = instant.utcFields
        buffer.append(unsigned: UInt64(f.year), minimumDigits: 4)
        buffer.append(byte: UInt8(ascii: "-"))
        buffer.append(unsigned: UInt64(f.month), minimumDigits: 2)
        buffer.append(byte: UInt8(ascii: "-"))
        buffer.append(unsigned: UInt64(f.day), minimumDigits: 2)
        buffer.append(byte: UInt8(ascii: "T"))
        buffer.append(unsigned: UInt64(f.hour), minimumDigits: 2)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.append(unsigned: UInt64(f.minute), minimumDigits: 2)
        buffer.append(byte: UInt8(ascii: ":"))
        buffer.append(unsigned: UInt64(f.second), minimumDigits: 2)
    }
}
