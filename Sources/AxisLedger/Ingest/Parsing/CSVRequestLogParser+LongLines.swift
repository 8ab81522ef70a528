extension CSVRequestLogParser {
    /// The first bytes kept of a record over the line limit, redacted by this header's
    /// rules: the prefix is the start of a row (its last cell cut), so a sensitive
    /// column's cell is found by its position and becomes `[redacted]`, and every other
    /// cell is redacted as text (``SecretTextRedactor``). A cell cut by the limit is
    /// redacted when what is kept of it still matches a rule.
    public func redactedPrefix(_ prefix: [UInt8]) -> [UInt8] {
        var splitter = CSVRecordSplitter()
        let closed = splitter.append(prefix)
        let ranges = closed ? splitter.fields : splitter.fieldsIncludingOpen
        var stored: [UInt8] = []
        stored.reserveCapacity(prefix.count)
        var changed = false
        for (index, range) in ranges.enumerated() {
            if index > 0 { stored.append(.comma) }
            let value = splitter.value(range)
            if sensitiveColumns.indices.contains(index) && sensitiveColumns[index] && !value.isEmpty
                && !value.starts(with: SecretTextRedactor.marker) {
                stored += SecretTextRedactor.marker
                changed = true
            } else if let text = SecretTextRedactor.redact(value) {
                stored += CSVRecordSplitter.encode(text[...])
                changed = true
            } else {
                stored += splitter.text[range]
            }
        }
        return changed ? stored : prefix
    }
}
