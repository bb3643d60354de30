import Foundation
import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// Unit tests of the SMO solver's parts (selection, two-variable update, gradient upkeep,
/// shrinking, stopping rule) on duals whose Q is given explicitly (`DenseQ`), against
/// references written from the formulas in `SMOSolver`'s doc comments.
@Suite struct SMOSolverTests {
    static func settings(tolerance: Double, shrinking: Bool) -> SolverSettings {
        SolverSettings(tolerance: tolerance, shrinking: shrinking, maximumIterations: 1_000_000)
    }

    // MARK: Working-set selection

    /// Hand-worked WSS 2 (Fan, Chen & Lin 2005). Linear kernel on x = (0, 3), (1, 1), (2, 1),
    /// (3, 1), y = (+1, +1, −1, −1), p = (−1, −2, −1, −3), α = 0, so ∇f = p.
    /// I_up = {0, 1} (−y∇f = 1, 2): i = 1, m = 2. I_low = {2, 3} (−y∇f = −1, −3): M = −3, so
    /// m − M = 5. Candidates t ∈ I_low with −yₜ∇ₜf < m: b₁₂ = 2 + 1 = 3, b₁₃ = 2 + 3 = 5;
    /// aᵢₜ = Kᵢᵢ + Kₜₜ − 2Kᵢₜ: a₁₂ = 2 + 5 − 6 = 1, a₁₃ = 2 + 10 − 8 = 4; −b²/a = −9 and −6.25,
    /// so j = 2. The first-order rule (largest bᵢₜ) would take j = 3, and a sign error in the
    /// cross term (Kᵢᵢ + Kₜₜ + 2Kᵢₜ: 13 and 20) would give −0.69 and −1.25, also j = 3.
    @Test func secondOrderSelectionOnAHandWorkedDual() throws {
        let points: [[Double]] = [[0, 3], [1, 1], [2, 1], [3, 1]]
        var dual = ExplicitDual.classification(points: points, labels: [1, 1, -1, -1], kernel: .linear, c: 10)
        dual.linearTerm = [-1, -2, -1, -3]
        let solver = SMOSolver(dual.problem(dual.matrix()), settings: Self.settings(tolerance: 1e-3, shrinking: false))
        let pair = try #require(solver.selectWorkingSet())
        #expect(pair.0 == 1 && pair.1 == 2)
        #expect(solver.lastViolation == 5)
    }

    /// WSS 2 at random points of the box, against the formula evaluated directly: i maximizes
    /// −yₜ∇ₜf over I_up; j minimizes −bᵢₜ²/aᵢₜ over t ∈ I_low with −yₜ∇ₜf < m, where
    /// bᵢₜ = m + yₜ∇ₜf and aᵢₜ = Qᵢᵢ + Qₜₜ − 2yᵢyₜQᵢₜ (τ = 1e-12 when ≤ 0). Both sides do the
    /// same floating-point operations on the same numbers, so the pairs must be equal.
    @Test func selectionFollowsTheSecondOrderFormula() throws {
        var generator = SplitMix64(seed: 11)
        for trial in 0..<50 {
            let dual = ExplicitDual.randomRBF(count: 16, seed: UInt64(100 + trial))
            let solver = SMOSolver(dual.problem(dual.matrix()), settings: Self.settings(tolerance: 1e-3, shrinking: false))
            // Some variables at 0, some at C, the rest inside.
            let alpha = dual.upperBounds.map { c -> Double in
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: return 0
                case 1: return c
                default: return Double.random(in: 0..<c, using: &generator)
                }
            }
            let gradient = dual.gradient(alpha)
            for t in 0..<dual.size {
                solver.alpha[t] = alpha[t]
                solver.gradient[t] = gradient[t]
                solver.updateStatus(t)
            }
            let expected = Self.referenceSelection(dual, alpha: alpha, gradient: gradient, tolerance: 1e-3)
            let selected = solver.selectWorkingSet()
            #expect(selected?.0 == expected?.0 && selected?.1 == expected?.1, "trial \(trial)")
            #expect(solver.lastViolation == dual.violation(alpha, gradient: gradient), "trial \(trial)")
        }
    }

    static func referenceSelection(_ dual: ExplicitDual, alpha: [Double], gradient g: [Double], tolerance: Double) -> (Int, Int)? {
        let n = dual.size, y = dual.labels
        func inUp(_ t: Int) -> Bool { y[t] > 0 ? alpha[t] < dual.upperBounds[t] : alpha[t] > 0 }
        func inLow(_ t: Int) -> Bool { y[t] > 0 ? alpha[t] > 0 : alpha[t] < dual.upperBounds[t] }
        guard let i = (0..<n).filter(inUp).max(by: { -y[$0] * g[$0] < -y[$1] * g[$1] }) else { return nil }
        let m = -y[i] * g[i]
        var best: (t: Int, decrease: Double)?
        for t in 0..<n where inLow(t) && -y[t] * g[t] < m {
            let b = m + y[t] * g[t]
            var a = dual.q[i * n + i] + dual.q[t * n + t] - 2 * y[i] * y[t] * dual.q[i * n + t]
            if a <= 0 { a = 1e-12 }
            let decrease = -(b * b) / a
            if best == nil || decrease < best!.decrease { best = (t, decrease) }
        }
        guard dual.violation(alpha, gradient: g) >= tolerance, let best else { return nil }
        return (i, best.t)
    }

    // MARK: Two-variable update

    /// Along a trajectory of real iterations, each update of (αᵢ, αⱼ) is checked against the
    /// exact minimizer of f on the segment it may move on: αᵢ + yᵢs, αⱼ − yⱼs (which keeps
    /// yᵢαᵢ + yⱼαⱼ), f(s) = f + s(yᵢ∇ᵢf − yⱼ∇ⱼf) + ½s²aᵢⱼ, s* = −(yᵢ∇ᵢf − yⱼ∇ⱼf)/aᵢⱼ clipped to
    /// the s that keep both in their boxes. Checks: only αᵢ, αⱼ move; the box holds exactly;
    /// the new values equal the clipped minimizer to 8ε·C (the solver clips in its own
    /// arithmetic); yᵀα stays 0 to 2ε·C per update (two roundings of numbers ≤ C); and the
    /// updated ∇f equals Qα + p recomputed, within `gradientRoundingBound`.
    @Test func twoVariableUpdateIsTheClippedMinimizer() throws {
        let dual = ExplicitDual.randomRBF(count: 30, seed: 7, gamma: 0.5, c: 1)
        let solver = SMOSolver(dual.problem(dual.matrix()), settings: Self.settings(tolerance: 1e-10, shrinking: false))
        let c = 1.0, epsilon = Double.ulpOfOne
        var updates = 0, clipped = 0, interior = 0, sameLabel = 0, oppositeLabel = 0
        while updates < 500, let pair = solver.selectWorkingSet() {
            let (i, j) = pair
            let before = solver.originalAlpha, gradient = solver.originalGradient
            let yi = dual.labels[i], yj = dual.labels[j], n = dual.size
            let slope = yi * gradient[i] - yj * gradient[j]
            let curvature = dual.q[i * n + i] + dual.q[j * n + j] - 2 * yi * yj * dual.q[i * n + j]
            // s keeps αᵢ + yᵢs ∈ [0, C] and αⱼ − yⱼs ∈ [0, C].
            let lowerI = yi > 0 ? -before[i] : before[i] - c, upperI = yi > 0 ? c - before[i] : before[i]
            let lowerJ = yj > 0 ? before[j] - c : -before[j], upperJ = yj > 0 ? before[j] : c - before[j]
            let step = min(max(-slope / curvature, max(lowerI, lowerJ)), min(upperI, upperJ))
            let expectedI = before[i] + yi * step, expectedJ = before[j] - yj * step

            solver.updatePair(i, j)
            updates += 1
            let after = solver.originalAlpha
            for t in 0..<n where t != i && t != j { #expect(after[t] == before[t]) }
            #expect(after.allSatisfy { $0 >= 0 && $0 <= c }, "box after update \(updates)")
            #expect(abs(after[i] - expectedI) <= 8 * epsilon * c && abs(after[j] - expectedJ) <= 8 * epsilon * c,
                    "update \(updates): (\(after[i]), \(after[j])) vs (\(expectedI), \(expectedJ))")
            let balance = zip(dual.labels, after).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(balance) <= 2 * epsilon * c * Double(updates), "yᵀα = \(balance) after \(updates) updates")
            let recomputed = dual.gradient(after)
            #expect(Approximate.maxAbsoluteDifference(solver.originalGradient, recomputed)
                    <= dual.gradientRoundingBound(updates: updates))

            let atBound = [after[i], after[j]].contains { $0 == 0 || $0 == c }
            if atBound { clipped += 1 } else { interior += 1 }
            if yi == yj { sameLabel += 1 } else { oppositeLabel += 1 }
        }
        // The trajectory went through every branch of the update.
        #expect(clipped > 0 && interior > 0 && sameLabel > 0 && oppositeLabel > 0,
                "clipped \(clipped), interior \(interior), yᵢ = yⱼ \(sameLabel), yᵢ ≠ yⱼ \(oppositeLabel)")
    }

    // MARK: Gradient upkeep, shrinking, stopping

    /// After a full solve, the gradient the solver maintained (and, with shrinking, rebuilt for
    /// shrunk variables) equals Qα + p recomputed from scratch, within
    /// `gradientRoundingBound`; and the stopping rule holds on the recomputed gradient:
    /// m(α) − M(α) ≤ tol (the solver stops below tol on its own gradient, which differs by at
    /// most the bound in each of the two terms).
    @Test(arguments: [false, true])
    func solutionGradientAndViolationFromScratch(shrinking: Bool) throws {
        for (seed, count) in [(1, 60), (2, 120), (3, 200)] {
            let dual = ExplicitDual.randomRBF(count: count, seed: UInt64(seed), gamma: 0.5, c: 2)
            let tolerance = 1e-6
            let solution = SMOSolver(dual.problem(dual.matrix()), settings: Self.settings(tolerance: tolerance, shrinking: shrinking)).solve()
            #expect(solution.converged)
            let recomputed = dual.gradient(solution.alpha)
            let bound = dual.gradientRoundingBound(updates: solution.iterations)
            #expect(Approximate.maxAbsoluteDifference(solution.gradient, recomputed) <= bound, "n = \(count)")
            #expect(solution.maximumViolation <= tolerance)
            #expect(solution.maximumViolation == max(0, dual.violation(solution.alpha, gradient: solution.gradient)))
            #expect(dual.violation(solution.alpha, gradient: recomputed) <= tolerance + 2 * bound, "n = \(count)")
            #expect(abs(solution.objective - dual.objective(solution.alpha)) <= Double(count) * bound)
            #expect(solution.alpha.allSatisfy { $0 >= 0 && $0 <= 2 })
        }
    }

    /// Shrinking against a twin that never shrinks, driven through the same updates: solver A
    /// shrinks every 10 iterations and picks the pairs; solver B applies the same pairs (mapped
    /// back to the original order) on all variables. Until the first unshrink (which the loop
    /// stops short of: it ends while m − M > 10 × tol), every active gradient entry of A has
    /// had the same additions as B's, so α must agree bit for bit; then A's rebuilt gradient of
    /// the shrunk variables (Ḡ + p + Σ_free αQ) must equal B's maintained one to rounding.
    @Test func shrinkingRebuildsTheGradientOfAnUnshrunkTwin() throws {
        let dual = ExplicitDual.randomRBF(count: 80, seed: 5, gamma: 0.5, c: 1)
        let tolerance = 1e-6
        let shrunk = SMOSolver(dual.problem(dual.matrix()), settings: Self.settings(tolerance: tolerance, shrinking: true))
        let twin = SMOSolver(dual.problem(dual.matrix()), settings: Self.settings(tolerance: tolerance, shrinking: false))
        var updates = 0, smallestActiveSize = shrunk.count
        while updates < 10_000 {
            if updates > 0, updates % 10 == 0 {
                shrunk.shrink()
                smallestActiveSize = min(smallestActiveSize, shrunk.activeSize)
            }
            guard let pair = shrunk.selectWorkingSet(), shrunk.lastViolation > 100 * tolerance else { break }
            let (i, j) = pair
            twin.updatePair(shrunk.originalIndex[i], shrunk.originalIndex[j])
            shrunk.updatePair(i, j)
            updates += 1
        }
        #expect(!shrunk.hasUnshrunk)
        let activeAtEnd = shrunk.activeSize
        #expect(activeAtEnd < shrunk.count / 2, "shrinking left \(activeAtEnd) of \(shrunk.count) active")
        #expect(shrunk.originalAlpha == twin.originalAlpha)

        let shrunkVariables = (activeAtEnd..<shrunk.count).map { shrunk.originalIndex[$0] }
        shrunk.reconstructGradient()
        shrunk.activeSize = shrunk.count
        let rebuilt = shrunk.originalGradient, maintained = twin.originalGradient
        let bound = dual.gradientRoundingBound(updates: updates)
        for t in shrunkVariables {
            #expect(abs(rebuilt[t] - maintained[t]) <= bound, "variable \(t): \(rebuilt[t]) vs \(maintained[t])")
        }
        #expect(Approximate.maxAbsoluteDifference(rebuilt, dual.gradient(shrunk.originalAlpha)) <= bound)
    }

    /// Full solves with and without shrinking take different paths but both stop with
    /// m − M ≤ tol, which bounds their distance to the optimum: choosing b ∈ [M, m], each
    /// sample's term of the duality gap is ≤ Cₜ·tol, so f(α) − f* ≤ tol·ΣCₜ for both, and
    /// |f(α_shrinking) − f(α_plain)| ≤ tol·ΣCₜ (plus the rounding of the two recomputed f).
    @Test func solvesWithAndWithoutShrinkingReachTheSameOptimum() throws {
        let dual = ExplicitDual.randomRBF(count: 300, seed: 9, gamma: 0.5, c: 1)
        let tolerance = 1e-8
        let plain = SMOSolver(dual.problem(dual.matrix()), settings: Self.settings(tolerance: tolerance, shrinking: false)).solve()
        let shrinking = SMOSolver(dual.problem(dual.matrix()), settings: Self.settings(tolerance: tolerance, shrinking: true)).solve()
        #expect(plain.converged && shrinking.converged)
        #expect(plain.maximumViolation <= tolerance && shrinking.maximumViolation <= tolerance)
        let rounding = Double(dual.size) * dual.gradientRoundingBound(updates: max(plain.iterations, shrinking.iterations))
        let gapBound = tolerance * dual.upperBounds.reduce(0, +)
        #expect(abs(dual.objective(plain.alpha) - dual.objective(shrinking.alpha)) <= gapBound + rounding)
    }

    // MARK: Closed forms

    /// Two points x₊ (y = +1) and x₋ (y = −1): yᵀα = 0 makes α₊ = α₋ = α, and
    /// f(α) = ½α²a − 2α with a = K₊₊ + K₋₋ − 2K₊₋, so α = min(C, 2/a). With α free,
    /// g(x₊) = 1 and g(x₋) = −1 give ρ = α(K₊₊ − K₋₋)/2; at α = C no variable is free and ρ is
    /// the midpoint of [∇₊f, −∇₋f], the same expression. f = ½α²a − 2α.
    /// Linear kernel, x₊ = (1, 2), x₋ = (−1, 0): K = 5, 1, −1, a = 8, so α = ¼, ρ = ½, f = −¼
    /// for C ≥ ¼, and α = C, ρ = 2C, f = 4C² − 2C below. Every number is exact in binary, and
    /// one SMO step reaches it, so the tolerance is a few ε.
    @Test(arguments: [1.0, 0.25, 0.1])
    func twoPointProblemHasTheClosedForm(c: Double) throws {
        let x = try Matrix(rows: [[1, 2], [-1, 0]])
        let q = ClassificationQ(x, indices: [0, 1], labels: [1, -1], kernel: .linear, cacheBytes: 1 << 20)
        let problem = DualProblem(q: q, linearTerm: [-1, -1], labels: [1, -1], upperBounds: [c, c], initialAlpha: [0, 0])
        let solution = SMOSolver(problem, settings: Self.settings(tolerance: 1e-12, shrinking: true)).solve()
        let alpha = min(c, 2.0 / 8)
        #expect(solution.iterations == 1)
        #expect(solution.alpha == [alpha, alpha])
        #expect(abs(solution.rho - alpha * (5 - 1) / 2) <= 4 * Double.ulpOfOne)
        #expect(abs(solution.objective - (alpha * alpha * 8 / 2 - 2 * alpha)) <= 4 * Double.ulpOfOne)
        #expect(solution.maximumViolation <= 1e-12)
    }

    /// The same closed form with an RBF kernel, where K₊₊ = K₋₋ = 1: a = 2(1 − k) with
    /// k = exp(−γ‖x₊ − x₋‖²) as the solver sees it (rounded to Float), α = min(C, 1/(1 − k)),
    /// ρ = 0.
    @Test(arguments: [100.0, 1.5])
    func twoPointRBFProblemHasTheClosedForm(c: Double) throws {
        let x = try Matrix(rows: [[0.5, -1], [1.5, 0]])
        let gamma = 0.3
        let q = ClassificationQ(x, indices: [0, 1], labels: [1, -1], kernel: .rbf(gamma: gamma), cacheBytes: 0)
        let problem = DualProblem(q: q, linearTerm: [-1, -1], labels: [1, -1], upperBounds: [c, c], initialAlpha: [0, 0])
        let solution = SMOSolver(problem, settings: Self.settings(tolerance: 1e-12, shrinking: false)).solve()
        let k = Double(Float(exp(-gamma * 2)))
        let alpha = min(c, 1 / (1 - k))
        for value in solution.alpha { #expect(abs(value - alpha) <= 8 * Double.ulpOfOne * alpha) }
        #expect(abs(solution.rho) <= 8 * Double.ulpOfOne * alpha)
        #expect(solution.converged && solution.maximumViolation <= 1e-12)
    }

    // MARK: Q implementations seen by the solver

    /// `ClassificationQ` (kernel rows, Float column cache, index swaps under shrinking) holds
    /// the same Float entries as the explicit matrix (`ExplicitDual.classification` evaluates
    /// the kernel the same way), so a solve through it must be bit-identical to one through
    /// `DenseQ` — with a large cache and with one of two columns (constant eviction).
    @Test(arguments: [0, 64 << 20])
    func classificationQSolvesLikeTheExplicitMatrix(cacheBytes: Int) throws {
        let (points, labels) = ExplicitDual.randomClouds(count: 150, seed: 21)
        let kernel = Kernel.rbf(gamma: 0.7)
        let dual = ExplicitDual.classification(points: points, labels: labels, kernel: kernel, c: 1)
        let settings = Self.settings(tolerance: 1e-5, shrinking: true)
        let explicit = SMOSolver(dual.problem(dual.matrix()), settings: settings).solve()
        let q = ClassificationQ(try Matrix(rows: points), indices: Array(points.indices), labels: labels, kernel: kernel,
                                cacheBytes: cacheBytes, columnThreads: 1)
        let cached = SMOSolver(dual.problem(q), settings: settings).solve()
        #expect(cached.alpha == explicit.alpha)
        #expect(cached.gradient == explicit.gradient)
        #expect(cached.rho == explicit.rho && cached.iterations == explicit.iterations)
    }
}
