import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// The Gram settle's inner-cycle machinery: Anderson extrapolation (`CycleExtrapolation`,
/// `GramBlock.extrapolate`) and the incrementally gathered cycle block (`CycleBlock`).
///
/// References:
/// - the K × K solve: S z = 1 checked by multiplying back (1e-12 relative to S's largest entry);
///   a singular S (rank-deficient differences) gives nil;
/// - an extrapolation that is taken lowers the block's objective (1/2n)‖y − Xβ‖² + λ‖β‖₁, both
///   values recomputed from scratch from X, and leaves the gradient X_Aᵀr/n of the new β (1e-12
///   relative to √P(0));
/// - `CycleBlock` after admissions and removals: every entry equals the fresh gather of its
///   members from the settle's block, bit for bit (the same entries, copied);
/// - whole paths with and without extrapolation (in the Gram settle and in the residual settle):
///   each certifies its own gap at every λ, so their primal values differ by at most the larger gap.
@Suite struct SettleAccelerationTests {
    @Test func choleskySolveOfTheAndersonSystem() {
        var generator = SeededGenerator(seed: 3)
        let k = 5
        let a = (0..<(k * 8)).map { _ in Double.random(in: -1...1, using: &generator) }
        // S = AᵀA for an 8 × 5 A: symmetric positive definite.
        var s = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { for t in 0..<8 { s[i * k + j] += a[t * k + i] * a[t * k + j] } } }
        let z = try! #require(CycleExtrapolation.solveOnes(s, k))
        let largest = s.map(abs).max()!
        for i in 0..<k {
            let row = (0..<k).reduce(0.0) { $0 + s[i * k + $1] * z[$1] }
            #expect(abs(row - 1) <= 1e-12 * largest * z.map(abs).max()!)
        }
        // Rank 2: singular.
        var singular = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in 0..<k { singular[i * k + j] = Double(i + 1) * Double(j + 1) + Double(i % 2) * Double(j % 2) } }
        #expect(CycleExtrapolation.solveOnes(singular, k) == nil)
    }

    /// A standardized wide design (`ScreeningTests.wideDesign`) and a lasso solver on it (tolerance 1e-8).
    static func lassoSolver(rows: Int, columns: Int, seed: UInt64) throws -> (Design, CoordinateDescent) {
        let (x, y) = ScreeningTests.wideDesign(rows: rows, columns: columns, seed: seed)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let solver = try CoordinateDescent(design: design, l1Ratio: 1, weights: [Double](repeating: 1, count: columns),
                                           tolerance: 1e-8, maxPasses: 1_000)
        return (design, solver)
    }

    /// The lasso solver of `lassoSolver(rows: 40, columns: 200, seed: 31)` with the features
    /// 0..<memberCount cached (limit 64, on `solver.gram`), and their gathered block at β = 0 with
    /// the exact gradient Xᵀy/n and threshold λ.
    static func zeroBlock(memberCount: Int, lambda: Double) throws -> (Design, CoordinateDescent, GramBlock) {
        var (design, solver) = try lassoSolver(rows: 40, columns: 200, seed: 31)
        let members = Array(0..<memberCount)
        var gram = WorkingGram(featureCount: 200, sampleCount: 40, limit: 64)
        let included = gram.include(members, design: design)
        #expect(included)
        solver.gram = gram
        let g0 = design.correlations(design.response)
        let block = GramBlock(features: members, gram: gram.block(members), gradient: members.map { g0[$0] },
                              beta: [Double](repeating: 0, count: memberCount), solver: solver, l1: lambda, l2: 0)
        return (design, solver, block)
    }

    /// P(β) = (1/2n)‖y − Xβ‖² + λ Σ|βⱼ| from scratch.
    static func objective(_ design: Design, _ beta: [Double], lambda: Double) -> Double {
        let r = design.residual(of: beta)
        return r.reduce(0) { $0 + $1 * $1 } / (2 * Double(design.sampleCount)) + lambda * beta.reduce(0) { $0 + abs($1) }
    }

    @Test func takenExtrapolationsLowerTheObjectiveAndKeepTheGradient() throws {
        let lambda = 0.02, p = 200, members = Array(0..<30)
        var (design, _, block) = try Self.zeroBlock(memberCount: members.count, lambda: lambda)
        var taken = 0, tried = 0
        var generator = SeededGenerator(seed: 8)
        var order = Array(members.indices)
        order.shuffle(using: &generator)
        var history = CycleExtrapolation(size: members.count)
        history.record(beta: block.beta, gradient: block.gradient)
        let scale = (2 * design.nullObjective).squareRoot()
        for _ in 0..<60 {
            _ = block.sweep(order, box: nil)
            history.record(beta: block.beta, gradient: block.gradient)
            guard history.isFull else { continue }
            var full = [Double](repeating: 0, count: p)
            for (a, j) in members.enumerated() { full[j] = block.beta[a] }
            let before = Self.objective(design, full, lambda: lambda)
            tried += 1
            if block.extrapolate(history, maximumAmplification: DualExtrapolation.maximumAmplification(tolerance: 1e-8)) {
                taken += 1
                for (a, j) in members.enumerated() { full[j] = block.beta[a] }
                #expect(Self.objective(design, full, lambda: lambda) < before)
                let exact = design.correlations(design.residual(of: full))
                for (a, j) in members.enumerated() { #expect(abs(block.gradient[a] - exact[j]) <= 1e-12 * scale) }
            }
            history.reset()
            history.record(beta: block.beta, gradient: block.gradient)
        }
        #expect(tried >= 10)
        #expect(taken >= 1, "some extrapolation was taken (\(taken) of \(tried))")
    }

    @Test func cycleBlockEqualsTheFreshGather() throws {
        let (design, solver) = try Self.lassoSolver(rows: 30, columns: 150, seed: 17)
        let p = 150
        var gram = WorkingGram(featureCount: p, sampleCount: 30, limit: 150)
        let members = Array(stride(from: 0, to: 150, by: 2))
        let included = gram.include(members, design: design)
        #expect(included)
        let zeros = [Double](repeating: 0, count: members.count)
        // The settle's block read in place on the cache, as the in-place settle does.
        let whole = GramBlock(cache: gram, features: members, gradient: zeros, beta: zeros, solver: solver, l1: 0.1, l2: 0)
        var cycle = CycleBlock(blockSize: members.count)
        var present = Set<Int>()
        var generator = SeededGenerator(seed: 2)
        for round in 0..<12 {
            // Some members leave, new ones join (more of them than the storage had room for).
            let leaving = Set(present.filter { _ in Bool.random(using: &generator) })
            cycle.retain { !leaving.contains($0) }
            present.subtract(leaving)
            let joining = (0..<members.count).filter { !present.contains($0) && Int.random(in: 0..<4, using: &generator) == 0 }
            cycle.admit(joining, from: whole)
            present.formUnion(joining)
            #expect(Set(cycle.positions) == present, "round \(round)")
            let fresh = whole.gatheredGram(cycle.positions), k = cycle.count
            for a in 0..<k {
                for b in 0..<k { #expect(cycle.gram[a * cycle.stride + b].bitPattern == fresh[a * k + b].bitPattern) }
            }
        }
    }

    /// Gram route (`gramSettle`, gradient form) and residual route (`settle`, residual form). Face
    /// steps are off in both variants: on the Gram route they now reach each face's minimizer
    /// first, and on this path no extrapolation would be taken at 1e-4 (`FaceStepTests` covers them).
    @Test(arguments: [(1e-4, true), (1e-7, true), (1e-4, false), (1e-7, false)])
    func pathsWithAndWithoutExtrapolationAgreeWithinTheirGaps(tolerance: Double, gram: Bool) throws {
        let (design, certificates, efforts) = try PathVariants.solve(tolerance: tolerance, [
            { $0.acceleratesSettle = true; $0.usesGram = gram; $0.takesFaceSteps = false },
            { $0.acceleratesSettle = false; $0.usesGram = gram; $0.takesFaceSteps = false },
        ])
        #expect(efforts[0].extrapolationsTaken > 0)
        #expect(efforts[1].extrapolations == 0)
        PathVariants.expectAgreement(design, certificates, tolerance: tolerance)
    }
}
