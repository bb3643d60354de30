import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// Newton steps on the face of the Gram settle's inner cycle (`CoordinateDescent+Face.swift`).
///
/// References:
/// - a kept step lowers the objective (1/2n)‖y − Xβ‖² + λ‖β‖₁ recomputed from scratch from X, keeps
///   every coefficient's sign or lands it at 0, and leaves the block's gradient equal to X_Aᵀr/n
///   of the new β (1e-12 relative to √(2P(0)));
/// - a full step (no coefficient reaching 0) solves the face: gₐ = λ·sign βₐ on every non-zero
///   coordinate (1e-9 relative to λ);
/// - whole paths with and without face steps (Gram route): each certifies its own gap at every λ,
///   so their primal values differ by at most the larger gap, and face steps were taken.
@Suite struct FaceStepTests {
    @Test func keptStepsLowerTheObjectiveAndSolveTheFace() throws {
        let lambda = 0.05, p = 200, members = Array(0..<36)
        var (design, solver, block) = try SettleAccelerationTests.zeroBlock(memberCount: members.count, lambda: lambda)
        let order = Self.shuffledPositions(members.count, seed: 5)
        let scale = (2 * design.nullObjective).squareRoot()
        var kept = 0, solved = 0, measurable = 0
        for _ in 0..<12 {
            for _ in 0..<3 { _ = block.sweep(order, box: nil) }
            var full = [Double](repeating: 0, count: p)
            for (a, j) in members.enumerated() { full[j] = block.beta[a] }
            let before = SettleAccelerationTests.objective(design, full, lambda: lambda), signsBefore = block.beta.map { $0.sign }
            let nonZeroBefore = block.beta.map { $0 != 0 }, betaBefore = block.beta
            let taken = solver.faceStep(&block, l2: 0)
            #expect(taken != nil, "H is not singular on this design")
            guard taken == true else { continue }
            kept += 1
            for (a, j) in members.enumerated() { full[j] = block.beta[a] }
            // Near the face's minimizer the decrease is second order in the step, below the
            // from-scratch objective's rounding: there it must only not rise beyond that rounding.
            let after = SettleAccelerationTests.objective(design, full, lambda: lambda)
            let moved = zip(block.beta, betaBefore).map { abs($0 - $1) }.max()!, size = betaBefore.map(abs).max()!
            if moved > 1e-6 * size {
                measurable += 1
                #expect(after < before)
            } else {
                #expect(after <= before * (1 + 1e-14))
            }
            for a in members.indices where nonZeroBefore[a] {
                #expect(block.beta[a] == 0 || block.beta[a].sign == signsBefore[a])
            }
            for a in members.indices where !nonZeroBefore[a] { #expect(block.beta[a] == 0) }
            let exact = design.correlations(design.residual(of: full))
            for (a, j) in members.enumerated() { #expect(abs(block.gradient[a] - exact[j]) <= 1e-12 * scale) }
            if zip(nonZeroBefore, block.beta).allSatisfy({ !$0 || $1 != 0 }) {
                solved += 1
                Self.expectFaceMinimizer(block, lambda: lambda)
            }
        }
        #expect(kept >= 3 && measurable >= 2, "face steps kept: \(kept), measurable: \(measurable)")
        #expect(solved >= 1, "full face steps: \(solved)")
    }

    /// A step that a coordinate blocks is followed by steps on the reduced face until one goes
    /// the whole way (or `faceStepsInARow` were taken): whenever coordinates left the face in
    /// fewer steps than that, the block ends on the reduced face's minimizer, gₐ = λ·sign βₐ on
    /// every remaining non-zero coordinate (1e-9 relative to λ), with more than one step kept.
    @Test func blockedStepsContinueOnTheReducedFace() throws {
        let lambda = 0.05, members = Array(0..<36)
        var (_, solver, block) = try SettleAccelerationTests.zeroBlock(memberCount: members.count, lambda: lambda)
        let order = Self.shuffledPositions(members.count, seed: 5)
        var reduced = 0
        for _ in 0..<12 {
            _ = block.sweep(order, box: nil)
            let nonZeroBefore = block.beta.map { $0 != 0 }, stepsBefore = solver.effort.faceSteps
            guard solver.faceStep(&block, l2: 0) == true else { continue }
            let steps = solver.effort.faceSteps - stepsBefore
            let left = members.indices.filter { nonZeroBefore[$0] && block.beta[$0] == 0 }
            guard !left.isEmpty, steps < CoordinateDescent.faceStepsInARow else { continue }
            reduced += 1
            #expect(steps > 1)
            Self.expectFaceMinimizer(block, lambda: lambda)
        }
        #expect(reduced >= 1, "calls in which coordinates left the face: \(reduced)")
    }

    /// The step in place on the cache (gradients by cache slot, here slot = position + 3) equals the
    /// step on the gathered block, bit for bit (the same arithmetic on every member's entries).
    @Test func stepInPlaceOnTheCacheEqualsTheStepOnTheGatheredBlock() throws {
        let lambda = 0.03, members = Array(0..<40)
        var (design, solver) = try SettleAccelerationTests.lassoSolver(rows: 40, columns: 200, seed: 31)
        var gram = WorkingGram(featureCount: 200, sampleCount: 40, limit: 64)
        for batch in [[150, 160, 170], members] {
            let included = gram.include(batch, design: design)
            #expect(included)
        }
        solver.gram = gram
        let g0 = design.correlations(design.response), zeros = [Double](repeating: 0, count: members.count)
        var gathered = GramBlock(features: members, gram: gram.block(members), gradient: members.map { g0[$0] }, beta: zeros,
                                 solver: solver, l1: lambda, l2: 0)
        var inPlace = GramBlock(cache: gram, features: members, gradient: members.map { g0[$0] }, beta: zeros,
                                solver: solver, l1: lambda, l2: 0)
        #expect(inPlace.slots == members.map { $0 + 3 })
        var other = solver
        let order = Self.shuffledPositions(members.count, seed: 9)
        var kept = 0
        for _ in 0..<6 {
            _ = gathered.sweep(order, box: nil)
            _ = inPlace.sweep(order, box: nil)
            let a = solver.faceStep(&gathered, l2: 0), b = other.faceStep(&inPlace, l2: 0)
            #expect(a == b)
            if a == true { kept += 1 }
            #expect(gathered.beta.map(\.bitPattern) == inPlace.beta.map(\.bitPattern))
            #expect(gathered.memberGradients.map(\.bitPattern) == inPlace.memberGradients.map(\.bitPattern))
        }
        #expect(kept >= 1, "face steps kept: \(kept)")
    }

    /// A Gram settle starts with a face step: after a converged λ, the settle at a slightly smaller
    /// λ' given no passes at all lands on the face's minimizer at λ' — the objective at λ' fell,
    /// and exact correlations (from scratch) equal λ'·sign βⱼ on the support (1e-9 relative to λ').
    @Test func aSettleStartsWithAFaceStepAtTheNewLambda() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 60, columns: 600, seed: 44)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let p = 600
        let top = lambdaMax(gradient: design.correlations(design.response), weights: [Double](repeating: 1, count: p), l1Ratio: 1)
        var solver = try CoordinateDescent(design: design, l1Ratio: 1, weights: [Double](repeating: 1, count: p),
                                           tolerance: 1e-10, maxPasses: 1_000_000)
        var previous = top
        for lambda in [top, 0.5 * top, 0.2 * top, 0.1 * top] {
            _ = solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
        }
        let support = (0..<p).filter { solver.beta[$0] != 0 }
        #expect(support.count >= CoordinateDescent.faceMinimum, "support \(support.count)")
        let next = 0.98 * previous
        let before = SettleAccelerationTests.objective(design, solver.beta, lambda: next)
        let stepsBefore = solver.effort.faceSteps
        var sweepTolerance = 0.0
        let passes = solver.gramSettle(support + [support.last! + 1], l1: next, l2: 0, sweepTolerance: &sweepTolerance, passesLeft: 0)
        #expect(passes == 0)
        #expect(solver.effort.faceSteps == stepsBefore + 1)
        #expect(SettleAccelerationTests.objective(design, solver.beta, lambda: next) < before)
        let exact = design.correlations(design.residual(of: solver.beta))
        // λ' is close enough that no coordinate reaches 0 (this design, checked): a full step.
        #expect(support.allSatisfy { solver.beta[$0] != 0 })
        for j in support { #expect(abs(exact[j] - next * (solver.beta[j] > 0 ? 1 : -1)) <= 1e-9 * next) }
        // The solver's residual moved with β.
        let r = design.residual(of: solver.beta)
        let scale = (2 * design.nullObjective).squareRoot()
        #expect(zip(r, solver.residual).allSatisfy { abs($0 - $1) <= 1e-12 * scale * Double(design.sampleCount).squareRoot() })
    }

    @Test(arguments: [1e-4, 1e-7])
    func pathsWithAndWithoutFaceStepsAgreeWithinTheirGaps(tolerance: Double) throws {
        let (design, certificates, efforts) = try PathVariants.solve(tolerance: tolerance, [
            { $0.takesFaceSteps = true },
            { $0.takesFaceSteps = false },
        ])
        #expect(efforts[0].faceSteps > 0)
        #expect(efforts[1].faceSteps == 0)
        PathVariants.expectAgreement(design, certificates, tolerance: tolerance)
    }

    /// 0..<count in a seeded random order.
    static func shuffledPositions(_ count: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var order = Array(0..<count)
        order.shuffle(using: &generator)
        return order
    }

    /// The block is at its face's minimizer (lasso, no ridge): gₐ = λ·sign βₐ on every non-zero
    /// coordinate, to 1e-9 relative to λ.
    static func expectFaceMinimizer(_ block: GramBlock, lambda: Double) {
        for a in block.beta.indices where block.beta[a] != 0 {
            #expect(abs(block.gradient[block.slots[a]] - lambda * (block.beta[a] > 0 ? 1 : -1)) <= 1e-9 * lambda)
        }
    }
}
