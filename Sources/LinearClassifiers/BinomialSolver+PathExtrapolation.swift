import Foundation
import LinearAlgebra

/// A second-order warm start along the path: the secant prediction of `PathSecant` from the last
/// two solutions (b, β).
///
/// Only coordinates non-zero with one sign in both solutions are moved, and a coordinate the
/// secant would carry across 0 keeps β⁽¹⁾ (`PathSecant.signKeeping`); one it would carry out of
/// its limits is clamped to them. The predicted point costs one product X(β̂ − β⁽¹⁾) and one
/// evaluation of the loss, and is kept only when its objective at the new λ is below the warm
/// start's; either way the solver then certifies whatever point it reaches, so the prediction
/// changes the work, never the guarantee.
extension BinomialSolver {
    /// A solved point of the path, kept for the prediction.
    struct PathPoint {
        let beta: [Double]
        let intercept: Double
    }

    /// Records the solution at `lambda`.
    mutating func remember(lambda: Double) {
        recentSolutions.remember(PathPoint(beta: beta, intercept: intercept), at: lambda)
    }

    /// Moves (b, β, η) to the secant prediction at `lambda` when it lowers the objective there.
    mutating func predict(lambda: Double) {
        guard let (first, second, r) = recentSolutions.step(to: lambda), first.beta == beta, first.intercept == intercept else { return }
        var predicted = beta
        var moved: [Int] = []
        for j in beta.indices {
            guard var value = PathSecant<PathPoint>.signKeeping(now: beta[j], before: second.beta[j], ratio: r) else { continue }
            if let box, value < box.lower[j] || value > box.upper[j] { value = box.clamp(value, j) }
            guard value != beta[j] else { continue }
            predicted[j] = value
            moved.append(j)
        }
        let predictedIntercept = fitIntercept ? intercept + r * (intercept - second.intercept) : intercept
        guard !moved.isEmpty, predictedIntercept.isFinite else { return }
        let n = design.sampleCount
        var trial = eta
        for i in 0..<n { trial[i] += predictedIntercept - intercept }
        design.columns.withUnsafeBufferPointer { x in
            trial.withUnsafeMutableBufferPointer { t in
                for j in moved { BLAS.axpy(n, predicted[j] - beta[j], x.baseAddress! + j * n, t.baseAddress!) }
            }
        }
        if current == nil { current = Self.evaluate(eta: eta, y: y, weights: design.weights) }
        let state = Self.evaluate(eta: trial, y: y, weights: design.weights)
        guard state.loss + penalty(predicted, lambda: lambda) < current!.loss + penalty(beta, lambda: lambda) else { return }
        beta = predicted
        intercept = predictedIntercept
        eta = trial
        current = state
    }
}
