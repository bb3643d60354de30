#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OpenBLASControl {
    /// Restarts the program once with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to its
    /// generic kernels on a CPU it does not recognise but whose instruction set one of its
    /// optimized kernel sets needs.
    ///
    /// OpenBLAS picks its kernels from the CPU model when it loads, before any of our code runs,
    /// and falls back to "Prescott" (SSE3) for a model it does not know: Debian 12's OpenBLAS
    /// 0.3.21 does so on AVX-512 Xeons released after it (Sapphire Rapids), where `dsyrk` +
    /// `dsyevd` then take about 3× as long as with its "SkylakeX" kernels (measured on such a
    /// VM, one thread). The choice can only be changed through the environment before the library
    /// loads, hence the restart: it happens at most once (the variable is then set), never when
    /// the user has set `OPENBLAS_CORETYPE`, never when OpenBLAS chose anything but Prescott, and
    /// only for a kernel set whose instructions the CPU reports (`/proc/cpuinfo` flags):
    /// "SkylakeX" needs AVX-512 F, CD, BW, DQ and VL; "Haswell" needs AVX2 and FMA. If the
    /// restart fails, the program goes on with the generic kernels.
    ///
    /// Call it first thing in `main`, before any thread starts or descriptor is touched.
    public static func restartWithFittingKernels() {
        guard getenv("OPENBLAS_CORETYPE") == nil, coreName == "Prescott",
              let kernels = fittingKernels(cpuFlags: cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", kernels, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("OPENBLAS_CORETYPE")
    }

    /// The optimized kernel set the CPU flags allow: "SkylakeX", "Haswell", or nil.
    public static func fittingKernels(cpuFlags flags: Set<String>) -> String? {
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
        if flags.contains("avx2"), flags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The kernels OpenBLAS loaded (`openblas_get_corename`), nil for another BLAS.
    public static var coreName: String? {
        guard let name: CoreName = symbol("openblas_get_corename"), let text = name() else { return nil }
        return String(cString: text)
    }

    /// The first "flags" line of /proc/cpuinfo (empty where there is none).
    static func cpuFlags() -> Set<String> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            let list = text.split(separator: ":", maxSplits: 1).last ?? ""
            return Set(list.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init))
        }
        return []
    }

    private typealias CoreName = @convention(c) () -> UnsafePointer<CChar>?
}
