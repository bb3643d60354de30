import Foundation

/// The last two solved points of a path, for the secant warm start of the binomial and
/// multinomial solvers (`BinomialSolver+PathExtrapolation`, `MultinomialSolver+PathExtrapolation`).
///
/// Where the support does not change, the solution path θ(λ) is smooth in log λ, so the last two
/// solutions θ⁽¹⁾ at λ₁ and θ⁽²⁾ at λ₂ predict the next one by the secant
///
///     θ̂ = θ⁽¹⁾ + r(θ⁽¹⁾ − θ⁽²⁾),   r = log(λ/λ₁) / log(λ₁/λ₂),
///
/// whose error is second order in the step of log λ, where the plain warm start θ⁽¹⁾ is off by a
/// first-order term.
struct PathSecant<Point> {
    /// The solved points with their λ, newest first (at most two).
    private var recent: [(lambda: Double, point: Point)] = []

    /// Records the solution `point` at `lambda`.
    mutating func remember(_ point: Point, at lambda: Double) {
        recent.insert((lambda, point), at: 0)
        if recent.count > 2 { recent.removeLast() }
    }

    /// The newest and the older point and the ratio r for a prediction at `lambda`; nil with fewer
    /// than two points, or unless λ < λ₁ < λ₂ (with r finite and positive).
    func step(to lambda: Double) -> (newest: Point, older: Point, ratio: Double)? {
        guard recent.count == 2 else { return nil }
        let (first, second) = (recent[0], recent[1])
        guard lambda < first.lambda, first.lambda < second.lambda else { return nil }
        let r = log(lambda / first.lambda) / log(first.lambda / second.lambda)
        guard r.isFinite, r > 0 else { return nil }
        return (first.point, second.point, r)
    }

    /// The secant value of one coefficient, `now` + r(`now` − `before`), when both are non-zero with
    /// one sign and the value is finite with that sign too; nil otherwise: the secant says nothing
    /// about the support, so a coefficient it would carry across 0 keeps its value.
    static func signKeeping(now: Double, before: Double, ratio r: Double) -> Double? {
        guard now != 0, before != 0, (now > 0) == (before > 0) else { return nil }
        let value = now + r * (now - before)
        guard value.isFinite, value != 0, (value > 0) == (now > 0) else { return nil }
        return value
    }
}
