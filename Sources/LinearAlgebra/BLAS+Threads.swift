#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension BLAS {
    /// Stops OpenBLAS's idle worker threads until the next threaded BLAS call needs them.
    ///
    /// The pthreads build of OpenBLAS starts its workers when the library loads, and an idle
    /// worker busy-waits (`sched_yield`) for about 2^28 cycles — a tenth of a second — before
    /// it sleeps. On a two-core machine that takes one core away from whatever the program
    /// does first: in `lagrange describe` it was a fifth of all samples, while parsing ran on
    /// both cores. OpenBLAS restarts the pool by itself on its next threaded call (the same
    /// path it takes after `fork`). Looked up at run time, so a serial or OpenMP build of
    /// OpenBLAS, which has no such pool, simply skips this.
    ///
    /// Only while no other thread is inside a BLAS call: stopping the pool under a running
    /// threaded call corrupts its result. A program calls it where it knows that — at start,
    /// or between the phases of a one-fit command — never a library routine that other
    /// threads' BLAS work may run alongside.
    public static func parkWorkerThreads() {
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(handle) }
        guard let symbol = dlsym(handle, "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }

    /// The kernels OpenBLAS chose when it loaded (`openblas_get_corename`: "Prescott",
    /// "SkylakeX", …); nil for a BLAS without that call. Read only: the choice is made once, from
    /// `OPENBLAS_CORETYPE` or the CPU model, before any code of this package runs.
    package static var coreName: String? {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(handle) }
        guard let symbol = dlsym(handle, "openblas_get_corename") else { return nil }
        typealias CoreName = @convention(c) () -> UnsafePointer<CChar>?
        return unsafeBitCast(symbol, to: CoreName.self)().map { String(cString: $0) }
    }

    /// The number of threads OpenBLAS uses; nil for a BLAS without `openblas_get_num_threads`.
    static var threadCount: Int? { ThreadCountScope.functions.map { Int($0.get()) } }

    /// Runs `body` with OpenBLAS limited to `count` threads, then restores the former count.
    ///
    /// For work that keeps the other cores busy itself — a streaming fit that parses the next
    /// block while BLAS works on the last, or cross-validation folds running on every core: there
    /// a threaded BLAS call only adds workers that compete with that work and spin on
    /// `sched_yield` between calls, and threaded calls made from several threads at once queue
    /// for OpenBLAS's one worker pool (concurrent folds ran their products one after another).
    ///
    /// The count is process-wide, so nested and concurrent callers share one scope: the first to
    /// enter saves the former count, each sets its own, and the last to leave restores the saved
    /// one. BLAS calls from other threads meanwhile run with the limit too (slower, never wrong).
    /// Looked up at run time like `parkWorkerThreads`; without OpenBLAS's thread calls `body`
    /// just runs.
    public static func withThreadCount<R>(_ count: Int, _ body: () throws -> R) rethrows -> R {
        ThreadCountScope.enter(count)
        defer { ThreadCountScope.leave() }
        return try body()
    }
}

/// The shared state of `BLAS.withThreadCount`: how many callers are inside, and the count to
/// restore when the last one leaves.
private enum ThreadCountScope {
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias GetThreads = @convention(c) () -> Int32
    static let lock = NSLock()
    nonisolated(unsafe) static var depth = 0
    nonisolated(unsafe) static var saved: Int32 = 1
    static let functions: (set: SetThreads, get: GetThreads)? = {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        guard let set = dlsym(handle, "openblas_set_num_threads"), let get = dlsym(handle, "openblas_get_num_threads") else { return nil }
        return (unsafeBitCast(set, to: SetThreads.self), unsafeBitCast(get, to: GetThreads.self))
    }()

    static func enter(_ count: Int) {
        guard let functions else { return }
        lock.lock(); defer { lock.unlock() }
        let first = depth == 0
        if first { saved = functions.get() }
        depth += 1
        functions.set(Int32(max(1, count)))
    }

    static func leave() {
        guard let functions else { return }
        lock.lock(); defer { lock.unlock() }
        depth -= 1
        if depth == 0 { functions.set(saved) }
    }
}
