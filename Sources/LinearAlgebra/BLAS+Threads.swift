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

extension BLAS {
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
}
