#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BLAS {
    /// The number of threads OpenBLAS uses for each call; nil for a BLAS without
    /// `openblas_get_num_threads`. Library code may read it to plan its own threads; only the
    /// executable sets it (module `OpenBLASControl`).
    public static var threadCount: Int? {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(handle) }
        guard let address = dlsym(handle, "openblas_get_num_threads") else { return nil }
        typealias GetThreads = @convention(c) () -> Int32
        return Int(unsafeBitCast(address, to: GetThreads.self)())
    }
}
