import Foundation

/// Carries batches of ``LineVerdict``s from the thread that reads, parses
/// and hashes a file to the thread that stores them in SQLite.
///
/// Ingest costs about as much in parsing as in SQLite; with the two on
/// separate cores a file takes the longer of the two instead of their sum.
/// The pipe holds at most `capacity` batches and at most `byteBudget` bytes
/// of verdicts (a batch larger than that only when it is alone), so a fast
/// reader waits for a slow writer and memory stays bounded whatever the
/// file's size and however long its lines: a count alone let 16 batches of
/// one 15 MiB line each wait at once.
final class VerdictPipe: @unchecked Sendable {
    /// Lines decided together, and how many bytes of the input were read by then (for progress).
    struct Batch {
        var verdicts: [LineVerdict] = []
        var bytesRead = 0
        /// The bytes the verdicts hold (their lines' values), which bound the memory in flight.
        var byteCount = 0
    }

    /// Thrown to the reading thread when the storing side gave up (its transaction failed).
    struct Cancelled: Error {}

    private let condition = NSCondition()
    private var batches: [Batch] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private var bytesInFlight = 0
    private let capacity: Int
    private let byteBudget: Int

    init(capacity: Int = 8, byteBudget: Int = 16 << 20) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

    /// Whether `batch` must wait: the pipe is full by count, or by bytes unless it is empty.
    private func mustWait(_ batch: Batch) -> Bool {
        batches.count >= capacity || (!batches.isEmpty && bytesInFlight + batch.byteCount > byteBudget)
    }

    /// Called by the reader: waits while the pipe is full.
    func send(_ batch: Batch) throws {
        condition.lock()
        defer { condition.unlock() }
        while mustWait(batch) && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        bytesInFlight += batch.byteCount
        condition.broadcast()
    }

    /// Called by the reader once, at the end of input or with the error that stopped it.
    func finish(throwing error: Error? = nil) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    /// Called by the writer: the next batch in order, nil at the end of
    /// input, or the reader's error once the batches sent before it are taken.
    func receive() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            let batch = batches.removeFirst()
            bytesInFlight -= batch.byteCount
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Called by the writer when it stops early: the reader's next `send` throws.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        batches.removeAll()
        bytesInFlight = 0
        condition.broadcast()
    }
}
