import Foundation

/// Checks, on a thread of its own, that a grown log's first bytes are the
/// bytes its last ingest read (their SHA-256 against the recorded one, and
/// their line feeds against the recorded last line), while ingest reads and
/// stores the new part on the other threads; then it hashes the new part's
/// bytes, handed to it as ingest reads them, after those, so the part's
/// digest is still of every byte from 0 and of exactly the bytes parsed.
///
/// Read first and alone, the check was most of re-ingesting a big log that
/// grew a little: reading and hashing 587 MB took longer than storing the
/// 10,000 new lines. The ingest waits for ``finish()`` before it decides
/// anything, and rolls the part back when the check failed; the file is then
/// planned again by ``PrefixCheck`` and read whole (docs/reliability.md,
/// "Grown logs").
final class PrefixVerification: @unchecked Sendable {
    /// What the plan assumed of the file's first bytes.
    struct Expected: Equatable {
        /// `ingested_files.size_bytes` of the last part: bytes 0 up to here must hash to `sha256`.
        var ingestedBytes: Int
        var sha256: String
        /// The first byte the new part reads (before `ingestedBytes` when a cut line is read again).
        var resumeOffset: Int
        /// The line feeds before `resumeOffset`: the new part's first line is one more.
        var lineFeeds: Int
        /// The bytes from `ingestedBytes` to `resumeOffset`, when the last line read had no ending then
        /// and has one now (LF or CR LF); empty otherwise.
        var ending: [UInt8]

        /// What a ``PrefixBoundary`` plan at `resume` assumed of the `recorded` bytes.
        init(recorded: PrefixCheck.Recorded, resume: ResumePoint) {
            ingestedBytes = recorded.ingestedBytes
            sha256 = recorded.sha256
            resumeOffset = resume.byteOffset
            lineFeeds = resume.firstLine - 1
            let endingLength = max(0, resume.byteOffset - recorded.ingestedBytes)
            ending = endingLength == 2 ? [0x0D, 0x0A] : Array(repeating: 0x0A, count: endingLength)
        }
    }

    enum Verdict: Equatable {
        /// The first bytes are the bytes ingested; `sha256` is of every byte from 0 to the last one handed over.
        case verified(sha256: String)
        /// They are not, or could not be read: why, in words.
        case failed(String)
    }

    /// Thrown inside the part's transaction when the check failed, so that nothing of it is kept.
    struct Failed: Error {
        var why: String
    }

    private let path: String
    private let expected: Expected
    /// Bytes handed over and not yet hashed stop the reader past this many (its reads wait).
    private let pendingLimit: Int
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var pending: [[UInt8]] = []
    private var pendingBytes = 0
    private var inputEnded = false
    private var cancelled = false
    private var verdict: Verdict?
    private var started = false

    init(path: String, expected: Expected, pendingLimit: Int = 32 << 20) {
        self.path = path
        self.expected = expected
        self.pendingLimit = pendingLimit
    }

    /// Starts reading the first bytes on a thread of its own.
    func start() {
        condition.withLock { started = true }
        let thread = Thread { [self] in
            let result = run()
            condition.withLock {
                verdict = result
                pending.removeAll()
                pendingBytes = 0
                condition.broadcast()
            }
        }
        thread.start()
    }

    /// Hands over the next bytes read after ``Expected/resumeOffset``, in order. Waits while more than the
    /// pending limit waits to be hashed; drops them once the check has failed or was cancelled.
    func feed(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        condition.lock()
        defer { condition.unlock() }
        while pendingBytes >= pendingLimit, verdict == nil, !cancelled { condition.wait() }
        guard verdict == nil, !cancelled else { return }
        pending.append(Array(bytes))
        pendingBytes += bytes.count
        condition.broadcast()
    }

    /// Says no more bytes follow and waits for the verdict.
    func finish() -> Verdict {
        condition.lock()
        defer { condition.unlock() }
        precondition(started, "PrefixVerification.finish() before start()")
        inputEnded = true
        condition.broadcast()
        while verdict == nil { condition.wait() }
        return verdict!
    }

    /// Stops the check early (the part failed for another reason) and waits for its thread to end.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        guard started else { return }
        cancelled = true
        condition.broadcast()
        while verdict == nil { condition.wait() }
    }

    private var isCancelled: Bool { condition.withLock { cancelled } }

    private func run() -> Verdict {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failed("it could not be opened again: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let n = expected.ingestedBytes
        let end = max(n, expected.resumeOffset)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        var continued: SHA256? = expected.resumeOffset == 0 ? hasher : nil
        var lineFeeds = 0
        var ending: [UInt8] = []
        var at = 0
        while at < end {
            if isCancelled { return .failed("cancelled") }
            // Each read stops at the marks: the resume offset and the end of the recorded bytes.
            var upTo = end
            if at < expected.resumeOffset { upTo = min(upTo, expected.resumeOffset) }
            if at < n { upTo = min(upTo, n) }
            let count = read(descriptor, buffer.baseAddress, min(buffer.count, upTo - at))
            if count < 0, errno == EINTR { continue }
            if count < 0 { return .failed("it could not be read again: \(String(cString: strerror(errno)))") }
            if count == 0 { return .failed("it is shorter than the \(end) bytes planned") }
            let chunk = UnsafeRawBufferPointer(start: buffer.baseAddress, count: count)
            hasher.update(chunk)
            if at < expected.resumeOffset { lineFeeds += PrefixCheck.Scan.count(0x0A, in: chunk) }
            if at >= n { ending += chunk }
            at += count
            if at == expected.resumeOffset { continued = hasher }
            if at == n, SHA256.hex(hasher.finalize()) != expected.sha256 {
                return .failed("its first \(n) bytes are not the bytes read then")
            }
        }
        guard lineFeeds == expected.lineFeeds else {
            return .failed("its first \(expected.resumeOffset) bytes hold \(lineFeeds) line feeds, not the \(expected.lineFeeds) planned")
        }
        guard ending == expected.ending else { return .failed("the bytes after the last line read are not the line ending planned") }
        guard var continued else { return .failed("the resume offset \(expected.resumeOffset) was not reached") }
        // The new part's bytes, as the ingest reads them, until it says there are no more.
        while true {
            let taken: [[UInt8]] = condition.withLock {
                while pending.isEmpty, !inputEnded, !cancelled { condition.wait() }
                let taken = pending
                pending.removeAll()
                pendingBytes = 0
                condition.broadcast()
                return taken
            }
            if taken.isEmpty {
                if isCancelled { return .failed("cancelled") }
                return .verified(sha256: SHA256.hex(continued.finalize()))
            }
            for bytes in taken { bytes.withUnsafeBytes { continued.update($0) } }
        }
    }
}
