import Dispatch

/// Data-parallel loops within a thread budget.
///
/// This file is the package's one crossing from non-`Sendable` work to concurrent threads. The
/// numeric kernels split their output into disjoint parts (rows, columns, chunks) and hand each
/// part to a thread together with raw buffer pointers; Swift's checker cannot see that the parts
/// are disjoint, so the crossing is made here once, behind `UncheckedSendable`, and every caller
/// states in its own doc comment which memory each iteration owns.
public enum Parallel {
    /// Runs `body(i)` for every i in 0..<count on at most `threads` threads and returns when all
    /// have finished. When the budget covers every core, Dispatch hands iterations to whichever
    /// core is free (a core busy elsewhere does not hold the loop up); within a smaller budget,
    /// iteration i runs on worker i mod w (w = min(count, threads)).
    ///
    /// The caller guarantees that different iterations write disjoint memory and that nothing
    /// they read is written meanwhile.
    public static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = min(count, max(1, threads))
        guard workers > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        let wholeMachine = workers >= count || workers >= ExecutionContext.availableCores
        withoutActuallyEscaping(body) { escapable in
            let shared = UncheckedSendable(escapable)
            if wholeMachine {
                DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
                return
            }
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < count {
                    shared.value(index)
                    index += workers
                }
            }
        }
    }

    /// `body(i)` for every i in 0..<count on at most `threads` threads (as `forEach`), collected
    /// in index order. Iteration i writes only its own result slot, so the caller guarantees only
    /// that `body` writes no shared memory. If iterations throw, every iteration still runs and
    /// the error of the lowest index is rethrown, so the outcome does not depend on the budget.
    public static func map<Value>(_ count: Int, threads: Int, _ body: (Int) throws -> Value) throws -> [Value] {
        var outcomes = [Result<Value, Error>?](repeating: nil, count: count)
        outcomes.withUnsafeMutableBufferPointer { slots in
            forEach(count, threads: threads) { index in slots[index] = Result { try body(index) } }
        }
        return try outcomes.map { try $0!.get() }
    }
}

/// A value handed to concurrent threads whose safety the compiler cannot check: used only by
/// `Parallel.forEach` and by the few solver buffers documented where they are made (each names
/// its owner and who may write which part).
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}
