import Foundation

/// Runs a ``LineClassifier`` over a file on a thread of its own and hands
/// its verdicts, batch by batch and in input order, to the caller's thread,
/// which stores them. Reading, decompressing, parsing, redacting and hashing
/// then use one core while SQLite uses the other.
final class ClassifyingReader: @unchecked Sendable {
    /// A batch is handed over at this many verdicts or this many bytes of
    /// stored lines, whichever comes first, and at most `batchesInFlight`
    /// batches and 16 MiB wait (``VerdictPipe``): a few thousand ordinary
    /// lines, and one batch however long the lines are (a batch over the
    /// byte budget waits until the pipe is empty).
    static let batchSize = 256
    static let batchBytes = 1 << 20
    static let batchesInFlight = 16

    private var lines: LineReader
    private let raw: RawInput
    private let classifier: LineClassifier
    private let pipe = VerdictPipe(capacity: ClassifyingReader.batchesInFlight)
    private let finished = DispatchSemaphore(value: 0)
    /// Written by the reading thread before it signals `finished`.
    private var format = InputFormat.jsonl

    init(lines: LineReader, raw: RawInput, classifier: LineClassifier) {
        self.lines = lines
        self.raw = raw
        self.classifier = classifier
    }

    /// Classifies the whole input, calling `store` with each batch on the
    /// calling thread, and returns the input's format. When `store` throws,
    /// reading stops and the error is rethrown; when reading fails, its
    /// error is thrown here after the batches before it were stored. Either
    /// way the reading thread has ended when this returns.
    func run(store: (VerdictPipe.Batch) throws -> Void) throws -> InputFormat {
        let thread = Thread { [self] in
            classifyAll()
            finished.signal()
        }
        // The JSON reader recurses up to 64 levels; give it the main thread's room.
        thread.stackSize = 8 << 20
        thread.start()
        do {
            while let batch = try pipe.receive() { try store(batch) }
        } catch {
            pipe.cancel()
            raw.stopWaiting()
            finished.wait()
            throw error
        }
        finished.wait()
        return format
    }

    /// The physical number of the last line read; call once `run` has returned.
    var lastLineNumber: Int { lines.lastLineNumber }

    /// Frees the line buffer; call once `run` has returned (or was never called).
    func close() { lines.close() }

    private func classifyAll() {
        var batch = VerdictPipe.Batch()
        batch.verdicts.reserveCapacity(Self.batchSize)
        do {
            format = try classifier.classify(&lines) { verdict in
                batch.verdicts.append(verdict)
                batch.byteCount += verdict.byteCount
                guard batch.verdicts.count == Self.batchSize || batch.byteCount >= Self.batchBytes else { return }
                batch.bytesRead = raw.bytesRead
                try pipe.send(batch)
                batch = VerdictPipe.Batch()
                batch.verdicts.reserveCapacity(Self.batchSize)
            }
            try flush(batch)
            pipe.finish()
        } catch {
            // The verdicts decided before the error still go first, so the writer sees every line up to it
            // (a flush that failed above failed because the writer cancelled, and fails here the same way).
            try? flush(batch)
            pipe.finish(throwing: error)
        }
    }

    private func flush(_ batch: VerdictPipe.Batch) throws {
        guard !batch.verdicts.isEmpty else { return }
        var last = batch
        last.bytesRead = raw.bytesRead
        try pipe.send(last)
    }
}
