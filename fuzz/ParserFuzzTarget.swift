// libFuzzer entry point for the line parsers (fuzz/run builds it with the
// parser sources; it is not part of the package). Each input is fed whole to
// `JSONLineParser().parse`, as a JSON line forced to each kind, and split at
// line feeds into a CSV request log whose first line is the header. The
// parsers must never crash, trap or read out of bounds, whatever the bytes;
// redaction must be idempotent and the screen must not hide what it redacts.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The whole-line screen lets most lines skip redaction: it must never hide a secret
    // that the text rules would find.
    let text = SecretTextRedactor.redact(bytes[...])
    if !SecretNames.mayContainSecret(bytes), let text {
        fatalError("the screen passed a line that text redaction changes: \(String(decoding: text, as: UTF8.self))")
    }
    // Text redaction reaches a fixed point at once: a stored CSV cell or rejected line,
    // redacted again, is unchanged.
    if let text, let again = SecretTextRedactor.redact(text[...]) {
        fatalError("redacting redacted text changes it again: \(String(decoding: text, as: UTF8.self)) then \(String(decoding: again, as: UTF8.self))")
    }
    let isJSON = (try? JSONTape(parsing: bytes)) != nil
    for parser in [JSONLineParser(), JSONLineParser(forcedKind: .responses), JSONLineParser(forcedKind: .requests)] {
        let parsed = parser.parse(bytes)
        // Redaction is idempotent, valid JSON or not: the stored line is stored as it is
        // (so the duplicate check recognises it) ...
        let again = parser.parse(parsed.storedLine)
        if again.storedLine != parsed.storedLine {
            fatalError("redacting the stored line changes it again: \(String(decoding: parsed.storedLine, as: UTF8.self)) then \(String(decoding: again.storedLine, as: UTF8.self))")
        }
        // ... and, for a line that is valid JSON, keeps a record's meaning: the stored line
        // reads as the same record; a rejected line stays rejected.
        guard isJSON else { continue }
        switch (parsed.result, again.result) {
        case (.success(let first), .success(let second)) where first == second: break
        case (.failure, .failure): break
        default: fatalError("the stored line reads as another outcome: \(parsed.result) then \(again.result)")
        }
    }
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if !lines.isEmpty, var csv = try? CSVRequestLogParser(headerLine: lines.removeFirst()) {
        for (index, line) in lines.enumerated() {
            // The redacted prefix of an over-long row is a fixed point too.
            let prefix = csv.redactedPrefix(line)
            if csv.redactedPrefix(prefix) != prefix { fatalError("redacting a redacted CSV prefix changes it again") }
            _ = csv.feed(line, lineNumber: index + 2)
        }
        _ = csv.finish()
    }
    return 0
}
