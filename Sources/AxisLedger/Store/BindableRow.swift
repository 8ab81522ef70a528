import GRDBSQLite

/// One record's column values, laid out so the storing thread only binds
/// and steps: text and blobs sit in one byte buffer and are bound in place
/// (`SQLITE_STATIC`), numbers inline.
///
/// The reading thread builds it. A record of Swift strings cost the storing
/// thread, which sets ingest's pace, a copy of every text value into
/// SQLite plus the retains and releases of a dozen strings per row; with
/// this it pays one buffer per row and SQLite copies each value once, into
/// the page.
struct BindableRow {
    enum Table { case responseRecords, requestAttempts }

    enum Value {
        case null
        case integer(Int64)
        case text(offset: Int32, count: Int32)
        case blob(offset: Int32, count: Int32)
    }

    let table: Table
    /// The statement's values after `file_id` (placeholders 2, 3, …), in its column order.
    private(set) var values: [Value] = []
    private(set) var bytes: [UInt8] = []

    /// `line_number`, `line_hash`, `occurred_at`, `month`, `org_id`,
    /// `endpoint`, `version`, `http_status`, then the response's own columns
    /// in the order of `RecordWriter`'s INSERT.
    init(_ r: ResponseRecord, line: Int, hash: [UInt8]) {
        table = .responseRecords
        values.reserveCapacity(24)
        bytes.reserveCapacity(160 + (r.prompt?.utf8.count ?? 0) + (r.imageUrl?.utf8.count ?? 0) + (r.visualMetaphor?.utf8.count ?? 0))
        appendCommon(line: line, hash: hash, time: r.occurredAt, org: r.orgId, endpoint: r.endpoint, version: r.version, status: r.httpStatus)
        append(r.idempotencyKey)
        append(r.requestId)
        append(r.durationMs)
        append(r.success)
        append(r.generationId)
        append(r.imageUrl)
        append(r.visualMetaphor)
        append(r.semanticTranslationMs)
        append(r.providerLatencyMs)
        append(r.errorCode)
        append(r.errorMessage)
        append(r.prompt)
        append(r.category)
        append(r.aspectRatio)
        append(r.resolution)
        append(r.cinematicMode)
    }

    /// The common columns, then `method`, `idempotency_key`, `request_id`,
    /// `duration_ms`, `retry_after_s`, `rate_limit_remaining`.
    init(_ a: RequestAttempt, line: Int, hash: [UInt8]) {
        table = .requestAttempts
        values.reserveCapacity(14)
        bytes.reserveCapacity(160)
        appendCommon(line: line, hash: hash, time: a.occurredAt, org: a.orgId, endpoint: a.endpoint, version: a.version, status: a.httpStatus)
        append(a.method)
        append(a.idempotencyKey)
        append(a.requestId)
        append(a.durationMs)
        append(a.retryAfterSeconds)
        append(a.rateLimitRemaining)
    }

    init(_ record: ParsedRecord, line: Int, hash: [UInt8]) {
        switch record {
        case .response(let r): self.init(r, line: line, hash: hash)
        case .request(let a): self.init(a, line: line, hash: hash)
        }
    }

    /// The bytes of its text and blob values.
    var byteCount: Int { bytes.count }

    /// The input line number (the first value).
    var lineNumber: Int {
        if case .integer(let number) = values[0] { return Int(number) }
        return 0
    }

    /// The stored line hash (the second value): the month, then the line's hash.
    var lineHash: [UInt8] {
        if case .blob(let offset, let count) = values[1] { return Array(bytes[Int(offset)..<Int(offset + count)]) }
        return []
    }

    private mutating func appendCommon(line: Int, hash: [UInt8], time: Timestamp, org: String, endpoint: String, version: APIVersion, status: Int) {
        append(line)
        let forms = time.storedForms
        // The stored line hash is led by the record's month (migration 0012): a
        // month's records then land in that month's part of the UNIQUE index.
        let hashOffset = Int32(bytes.count)
        bytes.append(contentsOf: forms.month.utf8)
        bytes += hash
        values.append(.blob(offset: hashOffset, count: Int32(bytes.count) - hashOffset))
        append(forms.iso8601)
        append(forms.month)
        append(org)
        append(endpoint)
        append(version.rawValue)
        append(status)
    }

    private mutating func append(_ text: String?) {
        guard var text else { values.append(.null); return }
        let offset = Int32(bytes.count)
        text.withUTF8 { bytes.append(contentsOf: $0) }
        values.append(.text(offset: offset, count: Int32(bytes.count) - offset))
    }

    private mutating func append(_ number: Int?) {
        values.append(number.map { .integer(Int64($0)) } ?? .null)
    }

    private mutating func append(_ flag: Bool?) {
        values.append(flag.map { .integer($0 ? 1 : 0) } ?? .null)
    }

    /// Binds the values to `statement` from placeholder `firstIndex` on, then
    /// calls `body` while the bytes they point into are still valid.
    func withBound<T>(to statement: OpaquePointer, from firstIndex: Int32, _ body: () throws -> T) rethrows -> T {
        try bytes.withUnsafeBytes { buffer in
            let base = buffer.baseAddress
            var index = firstIndex
            for value in values {
                switch value {
                case .null:
                    sqlite3_bind_null(statement, index)
                case .integer(let number):
                    sqlite3_bind_int64(statement, index, number)
                case .text(let offset, let count):
                    // An empty text still needs a non-null pointer, or SQLite binds NULL.
                    let pointer = count == 0 ? UnsafeRawPointer(("" as StaticString).utf8Start) : base! + Int(offset)
                    sqlite3_bind_text(statement, index, pointer.assumingMemoryBound(to: CChar.self), count, nil)
                case .blob(let offset, let count):
                    sqlite3_bind_blob(statement, index, base! + Int(offset), count, nil)
                }
                index += 1
            }
            defer { sqlite3_clear_bindings(statement) }
            return try body()
        }
    }
}
