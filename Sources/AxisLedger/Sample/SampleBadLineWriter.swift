/// Adds the `--with-bad-lines` lines at fixed fractions of the files, each
/// made from the record written just before it so its timestamp keeps the
/// files in time order. Bad lines get identifiers of their own (a serial
/// domain no org uses), so an ingest that wrongly accepted one would show
/// up as an extra generation or request rather than hide behind a real one.
struct SampleBadLineWriter {
    /// The org index whose serial numbers only bad lines use (orgs stop at 1000).
    static let serialDomain = 1023

    private var due: [(afterRecord: Int, kind: SampleBadLineKind)]
    private var nextDue = 0
    private var counter: UInt64 = 0
    private let month: String

    init(records: Int, month: String, enabled: Bool) {
        self.month = month
        guard enabled else {
            due = []
            return
        }
        let responses: [SampleBadLineKind] = [.truncatedJSON, .missingOrgId, .httpStatusAsString,
                                               .timestampWithoutOffset, .unknownEndpoint, .authorizationHeader]
        var due: [(afterRecord: Int, kind: SampleBadLineKind)] = responses.enumerated().map { index, kind in
            (max(1, records * (index + 1) / 7), kind)
        }
        due.append((max(1, records / 6), .raggedCSVRow))
        due.append((max(1, records / 2), .badCSVTimestamp))
        let order = SampleBadLineKind.allCases
        // Stable order: by position, then in the order the kinds are declared.
        self.due = due.sorted { lhs, rhs in
            lhs.afterRecord != rhs.afterRecord ? lhs.afterRecord < rhs.afterRecord
                : order.firstIndex(of: lhs.kind)! < order.firstIndex(of: rhs.kind)!
        }
    }

    /// Writes the bad lines due after the `written`-th record (which was `previous`).
    /// `responseLines` and `requestLines` are the lines already in each file, header included.
    mutating func appendLines(afterRecord written: Int, previous: SampleAttempt, formatter: SampleLineFormatter,
                              responses: inout SampleLineBuffer, requests: inout SampleLineBuffer,
                              responseLines: inout Int, requestLines: inout Int) -> [SampleBadLine] {
        var added: [SampleBadLine] = []
        while nextDue < due.count, due[nextDue].afterRecord == written {
            let kind = due[nextDue].kind
            nextDue += 1
            var attempt = fresh(from: previous)
            switch kind {
            case .truncatedJSON:
                var whole = SampleLineBuffer()
                formatter.appendResponse(attempt, to: &whole)
                responses.append(bytes: Array(whole.bytes.prefix(whole.count * 3 / 5)))
                responses.append(byte: UInt8(ascii: "\n"))
            case .missingOrgId:
                formatter.appendResponse(attempt, defect: .missingOrgId, to: &responses)
            case .httpStatusAsString:
                formatter.appendResponse(attempt, defect: .httpStatusAsString, to: &responses)
            case .timestampWithoutOffset:
                formatter.appendResponse(attempt, defect: .timestampWithoutOffset, to: &responses)
            case .unknownEndpoint:
                formatter.appendResponse(attempt, defect: .endpoint(Array("/v3/upscale".utf8)), to: &responses)
            case .authorizationHeader:
                // A key that was rejected: a well-formed 401, with its own request-log row.
                attempt.httpStatus = 401
                attempt.generation = nil
                attempt.isBilled = false
                attempt.rateLimitRemaining = nil
                attempt.durationMs = 14
                formatter.appendResponse(attempt, defect: .authorizationHeader, to: &responses)
                formatter.appendRequest(attempt, to: &requests)
                requestLines += 1
            case .raggedCSVRow:
                var whole = SampleLineBuffer()
                formatter.appendRequest(attempt, to: &whole)
                let cells = whole.bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                requests.append(bytes: Array(cells.prefix(5).joined(separator: [UInt8(ascii: ",")])))
                requests.append(byte: UInt8(ascii: "\n"))
            case .badCSVTimestamp:
                var whole = SampleLineBuffer()
                formatter.appendRequest(attempt, to: &whole)
                let firstComma = whole.bytes.firstIndex(of: UInt8(ascii: ","))!
                requests.append(bytes: Array((month + "-32T25:61:07.000Z").utf8))
                requests.append(bytes: Array(whole.bytes[firstComma...]))
            }
            if kind.file == .responses {
                responseLines += 1
                added.append(SampleBadLine(kind: kind, lineNumber: responseLines))
            } else {
                requestLines += 1
                added.append(SampleBadLine(kind: kind, lineNumber: requestLines))
            }
        }
        return added
    }

    /// A copy of `previous`, written in UTC, with a new key, requestId and generation.
    private mutating func fresh(from previous: SampleAttempt) -> SampleAttempt {
        var attempt = previous
        let serial = SampleIdentifiers.serial(orgIndex: SampleBadLineWriter.serialDomain, counter: counter)
        counter += 1
        attempt.offsetMinutes = nil
        attempt.keySerial = serial
        attempt.keyHigh = SampleIdentifiers.scramble(previous.keyHigh ^ serial, bits: 64)
        attempt.requestSerial = serial
        attempt.httpStatus = 200
        attempt.retryAfterSeconds = nil
        if attempt.generation == nil {
            attempt.generation = SampleGeneration(serial: serial, visualMetaphor: 0, semanticTranslationMs: 610, providerLatencyMs: 2870)
        }
        attempt.generation?.serial = serial
        return attempt
    }
}
