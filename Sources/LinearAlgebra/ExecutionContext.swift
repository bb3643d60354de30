import Foundation

/// Who owns the cores for one call into the library: how many threads it may run at once, and
/// where it may report progress.
///
/// The caller decides; library code reads the context and never changes process-wide state
/// (OpenBLAS's own thread count and worker pool belong to the executable that owns the
/// process). A fit given the same data, parameters and thread budget gives the same result
/// bit for bit, whether it runs alone or beside other fits.
public struct ExecutionContext: Sendable {
    /// The most threads this call may keep busy at once (≥ 1).
    public let threads: Int
    /// Receives progress events; nil for none. Called from any of the call's threads.
    public let progress: ProgressSink?

    public init(threads: Int = ExecutionContext.availableCores, progress: ProgressSink? = nil) {
        self.threads = max(1, threads)
        self.progress = progress
    }

    /// The cores this process may use: the one place the library asks the system.
    public static var availableCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// One thread, no progress.
    public static let serial = ExecutionContext(threads: 1)

    /// The same context with another thread budget.
    public func with(threads: Int) -> ExecutionContext {
        ExecutionContext(threads: threads, progress: progress)
    }

    /// Reports `event` to the sink, if any.
    public func report(_ event: ProgressEvent) { progress?(event) }
}

/// Receives progress of a long computation.
public typealias ProgressSink = @Sendable (ProgressEvent) -> Void

/// One step of a long computation: which stage, how far, and a stage-specific measure (the
/// current KKT violation of an SMO solve, the rows read by a streaming fit).
public struct ProgressEvent: Sendable, Equatable {
    /// What is running, e.g. "smo" or "read".
    public let stage: String
    /// Which of `partCount` parts (one-vs-one machines, folds); 0 when there is one.
    public let part: Int
    public let partCount: Int
    /// Iterations, rows or λ values done so far.
    public let step: Int
    /// The stage's measure at this step (a KKT violation, …), if it has one.
    public let measure: Double?

    public init(stage: String, part: Int = 0, partCount: Int = 1, step: Int, measure: Double? = nil) {
        self.stage = stage
        self.part = part
        self.partCount = partCount
        self.step = step
        self.measure = measure
    }
}
