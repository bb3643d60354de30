import Dispatch
import Foundation

extension CSVReader {
    /// Streams the data rows of `path` like `forEachChunk`, but runs `body` on a thread of its
    /// own, so the reader parses the next block while `body` consumes the last one; at most
    /// `depth` parsed blocks wait for it. The chunks reach `body` in order, one at a time.
    ///
    /// The error thrown is the one the serial `forEachChunk` would throw: `body`'s, if it threw
    /// (its chunk comes before any block the reader had yet to parse), else the reader's.
    @discardableResult
    public func forEachChunkInBackground(path: String, depth: Int = 1, _ body: @escaping (CSVChunk) throws -> Void) throws -> [String] {
        try forEachBlockInBackground(path: path, depth: depth) { chunks in for chunk in chunks { try body(chunk) } }
    }

    /// `forEachBlock` with `body` on a thread of its own (see `forEachChunkInBackground`).
    @discardableResult
    public func forEachBlockInBackground(path: String, depth: Int = 1, _ body: @escaping ([CSVChunk]) throws -> Void) throws -> [String] {
        let consumer = DispatchQueue(label: "lagrange.csv.consumer")
        let slots = DispatchSemaphore(value: max(1, depth))
        let failure = ConsumerFailure()
        let header: [String]
        do {
            header = try forEachBlock(path: path) { chunks in
                if failure.error != nil { throw ConsumerFailure.Stop() }
                slots.wait()
                consumer.async {
                    defer { slots.signal() }
                    guard failure.error == nil else { return }
                    do { try body(chunks) } catch { failure.error = error }
                }
            }
        } catch {
            consumer.sync {}
            throw failure.error ?? error
        }
        consumer.sync {}
        if let error = failure.error { throw error }
        return header
    }
}

/// The first error of a background consumer, read by the reading thread.
private final class ConsumerFailure: @unchecked Sendable {
    /// Thrown into the reader to stop it once the consumer has failed.
    struct Stop: Error {}

    private let lock = NSLock()
    private var stored: Error?

    var error: Error? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); defer { lock.unlock() }; if stored == nil { stored = newValue } }
    }
}
