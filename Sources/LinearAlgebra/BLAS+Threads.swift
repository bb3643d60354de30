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
    public static func parkWorkerThreads() {
        guard let handle = dlopen(nil, RTLD_NOW) else { return }
        defer { dlclose(handle) }
        guard let symbol = dlsym(handle, "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }

    /// The number of threads OpenBLAS uses; nil for a BLAS without `openblas_get_num_threads`.
    static var threadCount: Int? { SingleThreadScope.functions.map { Int($0.get()) } }

    /// Runs `body` with the BLAS limited to one thread, then restores the previous count.
    ///
    /// For work that is already parallel (cross-validation folds on every core): OpenBLAS's
    /// pthreads build has one worker pool, and threaded calls made from several threads at once
    /// queue for it, so concurrent folds ran their products one after another. Nested and
    /// concurrent callers share one count; the last to leave restores it. The count is
    /// process-wide: BLAS calls from other threads meanwhile run single-threaded too (slower,
    /// never wrong). A BLAS without
    /// `openblas_set_num_threads` (serial, or another library) runs `body` unchanged.
    public static func withSingleThread<T>(_ body: () throws -> T) rethrows -> T {
        SingleThreadScope.enter()
        defer { SingleThreadScope.leave() }
        return try body()
    }
}

/// The shared state of `BLAS.withSingleThread`: how many callers are inside, and the thread
/// count to restore when the last one leaves.
private enum SingleThreadScope {
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

    static func enter() {
        guard let functions else { return }
        lock.lock(); defer { lock.unlock() }
        if depth == 0 {
            saved = functions.get()
            functions.set(1)
        }
        depth += 1
    }

    static func leave() {
        guard let functions else { return }
        lock.lock(); defer { lock.unlock() }
        depth -= 1
        if depth == 0 { functions.set(saved) }
    }
}
