import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// The lane passes of the working-set selection (`SMOSolver+Lanes`: branch-free, four lanes,
/// the gradient update fused with the next search for i) must select exactly the pairs of the
/// plain branchy passes. Reference: the same solve with `SolverSettings.plainSelection` — the
/// selection and update loops as they were before the lane passes — compared bit for bit
/// (iterations, α, ∇f, ρ, objective, violation).
@Suite struct SolverLaneSelectionTests {
    static func expectSameSolve(_ a: DualSolution, _ b: DualSolution, _ comment: Comment) {
        #expect(a.iterations == b.iterations && a.alpha == b.alpha && a.gradient == b.gradient && a.rho == b.rho
                && a.objective == b.objective && a.maximumViolation == b.maximumViolation, comment)
    }

    static func settings(shrinking: Bool, plain: Bool, split: Bool) -> SolverSettings {
        var settings = SolverSettings(tolerance: 1e-5, shrinking: shrinking, maximumIterations: 1_000_000)
        settings.plainSelection = plain
        settings.threads = split ? 2 : 1
        settings.parallelSelectionLength = 16
        return settings
    }

    /// Explicit Q (`DenseQ`, which poisons columns past their lifetime with NaN): sizes that are
    /// not multiples of the lane count, with and without shrinking, serial and split in halves,
    /// from α = 0 and from a warm start (a feasible α with free and bounded entries).
    @Test(arguments: [false, true], [false, true])
    func lanesGiveThePlainSolveOnAnExplicitQ(shrinking: Bool, split: Bool) {
        for (count, seed) in [(90, UInt64(5)), (203, 6), (7, 7), (130, 8)] {
            let dual = ExplicitDual.randomRBF(count: count, seed: seed, gamma: 0.7, c: 3)
            for warm in [false, true] {
                func problem() -> DualProblem {
                    var problem = dual.problem(dual.matrix())
                    if warm {
                        // Pairs (t, t') of opposite labels moved together keep yᵀα = 0.
                        let positives = problem.labels.indices.filter { problem.labels[$0] > 0 }
                        let negatives = problem.labels.indices.filter { problem.labels[$0] < 0 }
                        for (k, (p, n)) in zip(positives, negatives).enumerated() where k % 3 != 2 {
                            let value = k % 3 == 0 ? 3.0 : 1.25
                            problem.initialAlpha[p] = value
                            problem.initialAlpha[n] = value
                        }
                    }
                    return problem
                }
                let plain = SMOSolver(problem(), settings: Self.settings(shrinking: shrinking, plain: true, split: split)).solve()
                let lanes = SMOSolver(problem(), settings: Self.settings(shrinking: shrinking, plain: false, split: split)).solve()
                #expect(plain.iterations > 0)
                Self.expectSameSolve(plain, lanes, "count \(count), seed \(seed), warm \(warm)")
            }
        }
    }

    /// `ClassificationQ` (the kernel cache, with a budget of a few columns and one holding all
    /// of Q) for every kernel, and `RegressionQ` (ε-SVR's 2n variables, whose update is not
    /// fused): plain and lane selection give the same solve.
    @Test(arguments: SolverSpeedInvariantTests.kernels)
    func lanesGiveThePlainSolveThroughTheKernelCache(kernel: Kernel) throws {
        let (x, labels) = try QMatrixTests.data(rows: 301, columns: 4, seed: 41)
        let indices = Array(0..<301)
        for cacheBytes in [8 * 301 * 4, 1 << 24] {
            func solve(plain: Bool) -> DualSolution {
                let q = ClassificationQ(x, indices: indices, labels: labels, kernel: kernel, cacheBytes: cacheBytes)
                let problem = DualProblem(q: q, linearTerm: [Double](repeating: -1, count: 301), labels: labels,
                                          upperBounds: [Double](repeating: 2, count: 301),
                                          initialAlpha: [Double](repeating: 0, count: 301))
                return SMOSolver(problem, settings: Self.settings(shrinking: true, plain: plain, split: false)).solve()
            }
            Self.expectSameSolve(solve(plain: true), solve(plain: false), "classification, cache \(cacheBytes) B")
        }
        let targets = labels.indices.map { Double($0 % 17) / 8 - 1 }
        func solveRegression(plain: Bool) -> DualSolution {
            let problem = DualProblem(q: RegressionQ(x, kernel: kernel, cacheBytes: 1 << 20, columnThreads: 1),
                                      linearTerm: targets.map { 0.1 - $0 } + targets.map { 0.1 + $0 },
                                      labels: [Double](repeating: 1, count: 301) + [Double](repeating: -1, count: 301),
                                      upperBounds: [Double](repeating: 2, count: 602),
                                      initialAlpha: [Double](repeating: 0, count: 602))
            return SMOSolver(problem, settings: Self.settings(shrinking: true, plain: plain, split: true)).solve()
        }
        Self.expectSameSolve(solveRegression(plain: true), solveRegression(plain: false), "regression")
    }

    /// Ties: a Q whose entries repeat (every sample duplicated) makes many t attain the same
    /// extreme; the lanes must still pick the last one, as the plain pass does.
    @Test func tiesGoToTheLastIndexAsInThePlainPass() {
        let (points, labels) = ExplicitDual.randomClouds(count: 25, seed: 9)
        let doubled = ExplicitDual.classification(points: points + points + points, labels: labels + labels + labels,
                                                  kernel: .rbf(gamma: 0.5), c: 1)
        for split in [false, true] {
            let plain = SMOSolver(doubled.problem(doubled.matrix()), settings: Self.settings(shrinking: true, plain: true, split: split)).solve()
            let lanes = SMOSolver(doubled.problem(doubled.matrix()), settings: Self.settings(shrinking: true, plain: false, split: split)).solve()
            Self.expectSameSolve(plain, lanes, "split \(split)")
        }
    }

    /// `ClassificationQ.accumulateColumns` with a budget that holds all of Q takes four columns
    /// per pass; the reference is the column-by-column loop (`accumulateThroughColumns`), bit
    /// for bit, with repeated columns, a count that is not a multiple of four, and a row offset.
    @Test(arguments: SolverSpeedInvariantTests.kernels)
    func groupedAccumulationEqualsTheColumnLoop(kernel: Kernel) throws {
        let (x, labels) = try QMatrixTests.data(rows: 257, columns: 5, seed: 43)
        var generator = SplitMix64(seed: 44)
        let columns = (0..<23).map { _ in Int.random(in: 0..<257, using: &generator) } + [3, 3, 3]
        let weights = columns.map { _ in Double.random(in: -2...2, using: &generator) }
        for start in [0, 61] {
            let reference = ClassificationQ(x, indices: Array(0..<257), labels: labels, kernel: kernel, cacheBytes: 1 << 24)
            var expected = [Double](repeating: 0.5, count: 257 - start)
            expected.withUnsafeMutableBufferPointer {
                reference.accumulateThroughColumns(columns, weights: weights, from: start, to: 257, into: $0.baseAddress!)
            }
            let q = ClassificationQ(x, indices: Array(0..<257), labels: labels, kernel: kernel, cacheBytes: 1 << 24)
            // Some columns cached beforehand at a shorter length (they grow during the call).
            for j in columns.prefix(6) { _ = q.column(j, length: 100) }
            var result = [Double](repeating: 0.5, count: 257 - start)
            result.withUnsafeMutableBufferPointer {
                q.accumulateColumns(columns, weights: weights, from: start, to: 257, into: $0.baseAddress!)
            }
            #expect(result == expected, "start \(start)")
        }
    }

    /// `RegressionQ.accumulateColumns` reads kernel columns through the variable→sample map;
    /// the reference is the loop over expanded columns (`accumulateThroughColumns`), bit for bit,
    /// after exchanges (so variables and samples are out of order), with a small cache. Ranges
    /// of rows long and short, so both the by-sample loop and the row loop run.
    @Test func regressionAccumulationEqualsTheColumnLoop() throws {
        let (x, _) = try QMatrixTests.data(rows: 150, columns: 3, seed: 45)
        var generator = SplitMix64(seed: 46)
        let columns = (0..<31).map { _ in Int.random(in: 0..<300, using: &generator) }
        let weights = columns.map { _ in Double.random(in: -2...2, using: &generator) }
        let swaps = (0..<40).map { _ in (Int.random(in: 0..<300, using: &generator), Int.random(in: 0..<300, using: &generator)) }
        for start in [0, 97, 226, 299] {
            let reference = RegressionQ(x, kernel: .rbf(gamma: 0.6), cacheBytes: 1 << 20, columnThreads: 1)
            let q = RegressionQ(x, kernel: .rbf(gamma: 0.6), cacheBytes: 3 * 150 * 4, columnThreads: 1)
            reference.swapIndices(swaps)
            q.swapIndices(swaps)
            var expected = [Double](repeating: 0.5, count: 300 - start)
            expected.withUnsafeMutableBufferPointer {
                reference.accumulateThroughColumns(columns, weights: weights, from: start, to: 300, into: $0.baseAddress!)
            }
            var result = [Double](repeating: 0.5, count: 300 - start)
            result.withUnsafeMutableBufferPointer {
                q.accumulateColumns(columns, weights: weights, from: start, to: 300, into: $0.baseAddress!)
            }
            #expect(result == expected, "start \(start)")
        }
    }
}
