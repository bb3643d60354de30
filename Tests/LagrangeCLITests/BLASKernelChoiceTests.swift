import Foundation
@testable import OpenBLASControl
import Testing
import TestSupport

/// `lagrange` restarts once with OPENBLAS_CORETYPE set when OpenBLAS fell back to its generic
/// Prescott kernels on a CPU whose flags allow an optimized set
/// (`OpenBLASControl.restartWithFittingKernels`). OPENBLAS_VERBOSE=2 makes OpenBLAS print
/// "Core: NAME" each time it loads, so the restart shows as a second line.
@Suite struct BLASKernelChoiceTests {
    @Test func kernelSetFollowsTheCPUFlags() {
        let avx512: Set = ["sse4_2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        #expect(OpenBLASControl.fittingKernels(cpuFlags: avx512) == "SkylakeX")
        #expect(OpenBLASControl.fittingKernels(cpuFlags: avx512.subtracting(["avx512vl"])) == "Haswell")
        #expect(OpenBLASControl.fittingKernels(cpuFlags: ["sse4_2", "avx", "avx2", "fma"]) == "Haswell")
        #expect(OpenBLASControl.fittingKernels(cpuFlags: ["sse4_2", "avx", "avx2"]) == nil)
        #expect(OpenBLASControl.fittingKernels(cpuFlags: []) == nil)
    }

    /// The kernel sets OpenBLAS reported loading, in order, for one `lagrange` run (by default a
    /// PCA fit, which calls LAPACK).
    static func cores(_ environment: [String: String],
                      command: [String] = ["fit", "pca", "--data", TestPaths.dataset("iris.csv"), "--drop", "species"]) throws -> [String] {
        let run = try CLIRunner.run(command, environment: environment.merging(["OPENBLAS_VERBOSE": "2"]) { $1 })
        #expect(run.status == 0, "\(run.stderr)")
        return run.stderr.split(separator: "\n").compactMap { line in
            line.hasPrefix("Core: ") ? String(line.dropFirst(6)).trimmingCharacters(in: .whitespaces) : nil
        }
    }

    @Test func genericKernelsAreReplacedOnceAndAnExplicitChoiceWins() throws {
        let chosen = try Self.cores([:])
        try #require(!chosen.isEmpty, "this OpenBLAS does not report its kernels")
        if chosen[0] == "Prescott", let fitting = OpenBLASControl.fittingKernels(cpuFlags: OpenBLASControl.cpuFlags()) {
            #expect(chosen == ["Prescott", fitting])
        } else {
            #expect(chosen.count == 1)
        }
        #expect(try Self.cores(["OPENBLAS_CORETYPE": "Prescott"]) == ["Prescott"])
    }

    /// `describe` (no BLAS call) keeps the kernels it loaded: one load, no second process.
    @Test func commandsWithoutBLASDoNotRestart() throws {
        let chosen = try Self.cores([:], command: ["describe", "--data", TestPaths.dataset("iris.csv")])
        try #require(!chosen.isEmpty, "this OpenBLAS does not report its kernels")
        #expect(chosen.count == 1)
    }
}
