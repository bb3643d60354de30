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
        var generator = SeededGenerator(seed: 5)
        var order = Array(members.indices)
        order.shuffle(using: &generator)
        let scale = (2 * design.nullObjective).squareRoot()
        var kept = 0, solved = 0
        for _ in 0..<12 {
            for _ in 0..<3 { _ = block.sweep(order, box: nil) }
            var full = [Double](repeating: 0, count: p)
            for (a, j) in members.enumerated() { full[j] = block.beta[a] }
            let before = SettleAccelerationTests.objective(design, full, lambda: lambda), signsBefore = block.beta.map { $0.sign }
            let nonZeroBefore = block.beta.map { $0 != 0 }
            let taken = solver.faceStep(&block, l2: 0)
            #expect(taken != nil, "H is not singular on this design")
            guard taken == true else { continue }
            kept += 1
            for (a, j) in members.enumerated() { full[j] = block.beta[a] }
            #expect(SettleAccelerationTests.objective(design, full, lambda: lambda) < before)
            for a in members.indices where nonZeroBefore[a] {
                #expect(block.beta[a] == 0 || block.beta[a].sign == signsBefore[a])
            }
            for a in members.indices where !nonZeroBefore[a] { #expect(block.beta[a] == 0) }
            let exact = design.correlations(design.residual(of: full))
            for (a, j) in members.enumerated() { #expect(abs(block.gradient[a] - exact[j]) <= 1e-12 * scale) }
            if zip(nonZeroBefore, block.beta).allSatisfy({ !$0 || $1 != 0 }) {
                solved += 1
                for a in members.indices where block.beta[a] != 0 {
                    #expect(abs(block.gradient[a] - lambda * (block.beta[a] > 0 ? 1 : -1)) <= 1e-9 * lambda)
                }
            }
        }
        #expect(kept >= 3, "face steps kept: \(kept)")
        #expect(solved >= 1, "full face steps: \(solved)")
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
}
