import Foundation
import LinearAlgebra

/// A second-order warm start along the path.
///
/// Where the support does not change, the solution path β(λ) of the elastic net is smooth in
/// log λ, so the last two solutions β⁽¹⁾ at λ₁ and β⁽²⁾ at λ₂ predict the next one by the secant
///
///     β̂ = β⁽¹⁾ + r(β⁽¹⁾ − β⁽²⁾),   b̂ = b⁽¹⁾ + r(b⁽¹⁾ − b⁽²⁾),   r = log(λ/λ₁) / log(λ₁/λ₂),
///
/// whose error is second order in the step of log λ, where the plain warm start β⁽¹⁾ is off by a
/// first-order term. Only coordinates non-zero with one sign in both solutions are moved, and a
/// coordinate the secant would carry across 0 (or out of its limits) keeps β⁽¹⁾: the secant
/// says nothing about the support. The predicted point costs one product X(β̂ − β⁽¹⁾) and one
/// evaluation of the loss, and is kept only when its objective at the new λ is below the warm
/// start's; either way the solver then certifies whatever point it reaches, so the prediction
/// changes the work, never the guarantee.
extension BinomialSolver {
    /// A solved point of the path, kept for the prediction.
    struct PathPoint {
        let lambda: Double
        let beta: [Double]
        let intercept: Double
    }

    /// Records the solution at `lambda` (the newest first; two are kept).
    mutating func remember(lambda: Double) {
        recentSolutions.insert(PathPoint(lambda: lambda, beta: beta, intercept: intercept), at: 0)
        if recentSolutions.count > 2 { recentSolutions.removeLast() }
    }

    /// Moves (b, β, η) to the secant prediction at `lambda` when it lowers the objective there.
    mutating func predict(lambda: Double) {
        guard recentSolutions.count == 2 else { return }
        let (first, second) = (recentSolutions[0], recentSolutions[1])
        guard first.beta == beta, first.intercept == intercept, lambda < first.lambda, first.lambda < second.lambda else { return }
        let r = log(lambda / first.lambda) / log(first.lambda / second.lambda)
        guard r.isFinite, r > 0 else { return }
        var predicted = beta
        var moved: [Int] = []
        for j in beta.indices where beta[j] != 0 && (beta[j] > 0) == (second.beta[j] > 0) && second.beta[j] != 0 {
            var value = beta[j] + r * (beta[j] - second.beta[j])
            if (value > 0) != (beta[j] > 0) || value == 0 { continue }
            if let box, value < box.lower[j] || value > box.upper[j] { value = box.clamp(value, j) }
            guard value != beta[j], value.isFinite else { continue }
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
