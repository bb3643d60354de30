#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
}
