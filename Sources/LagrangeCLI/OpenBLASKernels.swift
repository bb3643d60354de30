import Foundation
import Lagrange

/// OpenBLAS picks its kernels once, when it loads, from the CPU's family and model, and a model
/// it does not know gets its generic Prescott (SSE3) kernels. OpenBLAS 0.3.21 (Debian 12) on a
/// virtual machine that reports "Intel(R) Xeon(R) Processor" (family 6, model 207, AVX-512)
/// ran a 1000 × 1000 × 5000 `dgemm` at ~9 GFlop/s with them and at 27–54 GFlop/s with its
/// SkylakeX / Cooperlake kernels, and the lasso path of Benchmarks/linear took twice as long.
///
/// The choice can be changed only through `OPENBLAS_CORETYPE`, read before the library's
/// code runs, so the executable — which owns its process, and alone may change such state —
/// restarts itself once with the variable set to the kernels the CPU's flags allow. Never when
/// the variable is already set (by the user, or by that restart), never for a BLAS other than
/// OpenBLAS, never from library code; if the restart fails the command carries on as it was.
enum OpenBLASKernels {
    static func restartIfGeneric() {
        #if os(Linux)
        guard getenv("OPENBLAS_CORETYPE") == nil, BLAS.coreName?.lowercased() == "prescott",
              let core = matchingCore() else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("OPENBLAS_CORETYPE")
        #endif
    }

    /// The widest OpenBLAS x86-64 kernels that the CPU flags in /proc/cpuinfo (which list only
    /// what the kernel has enabled) allow; nil when there is nothing better than Prescott.
    static func matchingCore() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(line.split(separator: " ").map(String.init))
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(flags.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
        if flags.contains("avx") { return "SandyBridge" }
        return nil
    }
}
