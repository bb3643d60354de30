#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide settings of OpenBLAS, for executables only.
///
/// OpenBLAS keeps one thread count and one worker pool for the whole process, so changing
/// them is the business of the program that owns the process (the `lagrange` command, a
/// benchmark), never of library code: the Lagrange library modules do not depend on this one.
/// Each function is looked up at run time, so with a serial or OpenMP build of OpenBLAS, or
/// another BLAS, it does nothing.
public enum OpenBLASControl {
    /// Sets the number of threads OpenBLAS uses for each call from now on. Call it once per
    /// command, before any BLAS work: for a command whose own work keeps every core busy
    /// (cross-validation folds, a streaming fit parsing the next block while BLAS works on the
    /// last), one thread; otherwise the cores.
    public static func setThreadCount(_ count: Int) {
        guard let set: SetThreads = symbol("openblas_set_num_threads") else { return }
        set(Int32(max(1, count)))
    }

    /// Stops OpenBLAS's idle worker threads until the next threaded call needs them.
    ///
    /// The pthreads build starts its workers when the library loads, and an idle worker
    /// busy-waits (`sched_yield`) for about 2^28 cycles — a tenth of a second — before it
    /// sleeps; on two cores that takes one core from whatever the program does first (a fifth
    /// of all samples of `lagrange describe`). OpenBLAS restarts the pool on its next threaded
    /// call. Only while no other thread is inside a BLAS call: stopping the pool under a running
    /// threaded call corrupts its result.
    public static func parkWorkerThreads() {
        guard let shutdown: Shutdown = symbol("blas_thread_shutdown_") else { return }
        _ = shutdown()
    }

    private typealias SetThreads = @convention(c) (Int32) -> Void
    private typealias Shutdown = @convention(c) () -> Int32

    static func symbol<F>(_ name: String) -> F? {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(handle) }
        guard let address = dlsym(handle, name) else { return nil }
        return unsafeBitCast(address, to: F.self)
    }
}
