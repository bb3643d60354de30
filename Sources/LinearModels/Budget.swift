import Foundation
import LinearAlgebra

/// Constrained ↔ penalized. For every λ the penalized solution β(λ) also solves
///
///     min (1/2n)‖y − b − Xβ‖²  subject to  Σⱼ wⱼ(α|βⱼ| + (1−α)/2 βⱼ²) ≤ t(λ),
///
/// with t(λ) the budget of β(λ) on the standardized scale (`ElasticNetPath.budgets`, which
/// is non-increasing in λ). `fit(budget:)` answers the inverse question.
extension ElasticNetPath {
    /// Relative accuracy of the budget match.
    public static let budgetTolerance = 1e-6
    /// Bisection steps on log λ before giving up.
    public static let budgetMaxSteps = 200

    /// The fit whose budget is `t`: bracket t between two grid points, then bisect on log λ
    /// with exact warm-started refits until |t(λ) − t| ≤ `budgetTolerance`·t.
    public func fit(budget t: Double, targetName: String? = nil) throws -> LinearModel {
        guard t.isFinite, t >= 0 else {
            throw LagrangeError.invalidParameter(name: "budget", value: "\(t)", requirement: "must be a finite number ≥ 0")
        }
        let values = budgets
        guard t > 0 else { return model(at: 0, targetName: targetName) }
        guard let upper = values.firstIndex(where: { $0 >= t }) else {
            throw LagrangeError.invalidParameter(name: "budget", value: "\(t)",
                requirement: "is above the largest budget on the path (\(values.last ?? 0), reached at the smallest λ); extend the path to smaller λ")
        }
        if upper == 0 || abs(values[upper] - t) <= Self.budgetTolerance * t { return model(at: upper, targetName: targetName) }
        var high = lambdas[upper - 1], low = lambdas[upper]   // t(high) < t ≤ t(low)
        var best = model(at: upper, targetName: targetName)
        for _ in 0..<Self.budgetMaxSteps {
            let middle = (high * low).squareRoot()
            let candidate = try refit(lambda: middle, targetName: targetName)
            let budget = self.budget(standardizedBeta: candidate)
            best = candidate
            if abs(budget - t) <= Self.budgetTolerance * t { return candidate }
            if budget < t { high = middle } else { low = middle }
            if high / low - 1 < 1e-15 { break }
        }
        return best
    }

    /// The budget of a fitted model, from its original-scale coefficients.
    func budget(standardizedBeta model: LinearModel) -> Double {
        budget(zip(model.coefficients, design.scales).map { $0 * $1 })
    }
}
