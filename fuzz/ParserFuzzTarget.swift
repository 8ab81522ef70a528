// libFuzzer entry point for the line parsers (fuzz/run builds it with the
// parser sources; it is not part of the package). Each input is fed whole to
// `JSONLineParser().parse`, as a JSON line forced to each kind, and split at
// line feeds into a CSV request log whose first line is the header. The
// parsers must never crash, trap or read out of bounds, whatever the bytes.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParsers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for parser in [JSONLineParser(), JSONLineParser(forcedKind: .responses), JSONLineParser(forcedKind: .requests)] {
        let parsed = parser.parse(bytes)
        // For a line that is valid JSON, redaction is idempotent and keeps a
        // record's meaning: the stored line is stored as is and reads as the
        // same record; a rejected line stays rejected. (Not checked for
        // invalid JSON: redacting its text can make it valid JSON, whose
        // members are then redacted again; see docs/reliability.md.)
        guard (try? JSONTape(parsing: bytes)) != nil else { continue }
        let again = parser.parse(parsed.storedLine)
        if again.storedLine != parsed.storedLine { fatalError("redacting the stored line changes it again") }
        switch (parsed.result, again.result) {
        case (.success(let first), .success(let second)) where first == second: break
        case (.failure, .failure): break
        default: fatalError("the stored line reads as another outcome: \(parsed.result) then \(again.result)")
        }
    }
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if !lines.isEmpty, var csv = try? CSVRequestLogParser(headerLine: lines.removeFirst()) {
        for (index, line) in lines.enumerated() { _ = csv.feed(line, lineNumber: index + 2) }
        _ = csv.finish()
    }
    return 0
}
