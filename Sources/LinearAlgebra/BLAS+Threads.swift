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

    /// Runs `body` with OpenBLAS limited to `count` threads, then restores the former count.
    ///
    /// For work that keeps the other cores busy itself — a streaming fit that parses the next
    /// block while BLAS works on the last: there a threaded BLAS call only adds workers that
    /// compete with the parser, and that spin on `sched_yield` between calls. Looked up at
    /// run time like `parkWorkerThreads`; without OpenBLAS's thread calls `body` just runs.
    public static func withThreadCount<R>(_ count: Int, _ body: () throws -> R) rethrows -> R {
        typealias Setter = @convention(c) (Int32) -> Void
        typealias Getter = @convention(c) () -> Int32
        guard let handle = dlopen(nil, RTLD_NOW) else { return try body() }
        defer { dlclose(handle) }
        guard let set = dlsym(handle, "openblas_set_num_threads"), let get = dlsym(handle, "openblas_get_num_threads") else {
            return try body()
        }
        let previous = unsafeBitCast(get, to: Getter.self)()
        unsafeBitCast(set, to: Setter.self)(Int32(max(1, count)))
        defer { unsafeBitCast(set, to: Setter.self)(previous) }
        // Setting the count (re)starts OpenBLAS's pool, whose idle worker would then spin
        // through `body`; one thread needs no pool.
        if count <= 1 { parkWorkerThreads() }
        return try body()
    }
}
