import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// The speed work in the solver must not change a single bit of its results. References: the
/// plain loops these paths replace — a weighted sum of columns fetched one by one with
/// `QMatrix.column`, the serial working-set selection, and a solve whose cache holds all of Q
/// (never truncated) — compared bit for bit.
@Suite struct SolverSpeedInvariantTests {
    static let kernels: [Kernel] = [.linear, .rbf(gamma: 0.4), .polynomial(gamma: 0.3, coef0: 1, degree: 3),
                                    .sigmoid(gamma: 0.2, coef0: -0.5)]

    /// `ClassificationQ.accumulateColumns` computes the kernel block without the cache, reads
    /// cached columns where it has them, and splits rows across threads; the result must equal
    /// the column-by-column loop (`accumulateThroughColumns`) on a Q whose cache holds
    /// everything. Columns in a scrambled order with repeats, some cached beforehand, rows
    /// from an offset, on one and two threads.
    @Test(arguments: kernels, [1, 2])
    func blockAccumulationEqualsColumnLoop(kernel: Kernel, threads: Int) throws {
        let (x, labels) = try QMatrixTests.data(rows: 700, columns: 6, seed: 21)
        let indices = Array(0..<700).reversed().map { $0 }
        let signs = indices.map { labels[$0] }
        var generator = SplitMix64(seed: 22)
        let columns = (0..<37).map { _ in Int.random(in: 0..<700, using: &generator) }
        let weights = columns.map { _ in Double.random(in: -2...2, using: &generator) }
        for start in [0, 133] {
            let reference = ClassificationQ(x, indices: indices, labels: signs, kernel: kernel, cacheBytes: 1 << 24)
            var expected = [Double](repeating: 0.25, count: 700 - start)
            expected.withUnsafeMutableBufferPointer {
                reference.accumulateThroughColumns(columns, weights: weights, from: start, to: 700, into: $0.baseAddress!)
            }
            // A budget of a few columns: the block path, with the last columns asked for cached.
            let q = ClassificationQ(x, indices: indices, labels: signs, kernel: kernel, cacheBytes: 8 * 700 * 4,
                                    columnThreads: threads)
            for j in columns.suffix(5) { _ = q.column(j, length: 700) }
            var result = [Double](repeating: 0.25, count: 700 - start)
            result.withUnsafeMutableBufferPointer {
                q.accumulateColumns(columns, weights: weights, from: start, to: 700, into: $0.baseAddress!)
            }
            #expect(result == expected, "start \(start)")
        }
    }

    /// A solve with the selection split in halves on two threads (from an active set of 16
    /// up) against the serial selection: the same iterations, α, ∇f and ρ, bit for bit.
    @Test func splitSelectionGivesTheSerialSolve() {
        for seed in [UInt64(5), 6, 7] {
            let dual = ExplicitDual.randomRBF(count: 90, seed: seed, gamma: 0.7, c: 3)
            var serial = SolverSettings(tolerance: 1e-4, shrinking: true, maximumIterations: 1_000_000)
            var split = serial
            split.threads = 2
            split.parallelSelectionLength = 16
            serial.parallelSelectionLength = 16
            let a = SMOSolver(dual.problem(dual.matrix()), settings: serial).solve()
            let b = SMOSolver(dual.problem(dual.matrix()), settings: split).solve()
            #expect(a.iterations == b.iterations && a.alpha == b.alpha && a.gradient == b.gradient && a.rho == b.rho,
                    "seed \(seed)")
        }
    }

    /// Truncating the cache to the active prefix (done when the budget cannot hold Q) only
    /// changes what is recomputed: a fit with a budget of a few columns equals the fit whose
    /// cache holds everything, bit for bit, for every kernel.
    @Test(arguments: kernels)
    func fitDoesNotDependOnTheCacheBudget(kernel: Kernel) throws {
        let (x, signs) = try QMatrixTests.data(rows: 400, columns: 3, seed: 31)
        let labels = signs.map { $0 > 0 ? "a" : "b" }
        let parameters: KernelParameters
        switch kernel {
        case .linear: parameters = KernelParameters(kind: .linear)
        case let .rbf(gamma): parameters = KernelParameters(kind: .rbf, gamma: .value(gamma))
        case let .polynomial(gamma, coef0, degree): parameters = KernelParameters(kind: .poly, gamma: .value(gamma), degree: degree, coef0: coef0)
        case let .sigmoid(gamma, coef0): parameters = KernelParameters(kind: .sigmoid, gamma: .value(gamma), coef0: coef0)
        }
        let small = try SVCParameters(c: 2, kernel: parameters, tolerance: 1e-4, cacheMegabytes: 0.02).fit(x, labels: labels)
        let large = try SVCParameters(c: 2, kernel: parameters, tolerance: 1e-4, cacheMegabytes: 64).fit(x, labels: labels)
        #expect(small == large)
    }

    /// `KernelColumnCache.truncate`: kept prefixes unchanged, the budget given back, shorter
    /// columns untouched, and a longer request after it sees only the kept prefix as valid.
    @Test func truncateKeepsPrefixesAndFreesBudget() {
        let cache = KernelColumnCache(slotCount: 4, maximumLength: 100, budgetBytes: 4 * 1000)
        for slot in 0..<3 {
            let (pointer, _) = cache.column(slot, length: slot == 2 ? 30 : 100)
            for t in 0..<(slot == 2 ? 30 : 100) { pointer[t] = Float(slot * 1000 + t) }
        }
        #expect(cache.cachedFloats == 230)
        cache.truncate(to: 40)
        #expect(cache.cachedFloats == 110)
        #expect(cache.cachedLength(0) == 40 && cache.cachedLength(1) == 40 && cache.cachedLength(2) == 30)
        let kept = cache.storedColumn(1, length: 40)!
        #expect((0..<40).allSatisfy { kept[$0] == Float(1000 + $0) })
        let (_, valid) = cache.column(0, length: 100)
        #expect(valid == 40)
        cache.truncate(to: 0)
        #expect(cache.cachedFloats == 0 && cache.slotsByRecency.isEmpty)
    }
}
