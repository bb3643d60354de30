import Foundation
import LinearAlgebra
import LinearModels
import Testing
import TestSupport

/// The default ridge grid brackets its least leave-one-out and GCV errors (it goes on below
/// λ_max × 1e-4 until both curves turn). Reference: the same closed-form LOO/GCV (checked
/// against scikit-learn's RidgeCV and brute-force refits in SklearnFixtureTests and
/// InvariantTests) on a dense explicit grid of 600 λ from 1e5 down to 1e-9.
@Suite struct RidgeGridTests {
    static func argmin(_ values: [Double]) -> Int { values.indices.min { values[$0] < values[$1] }! }

    @Test(arguments: [12, 100])
    func defaultGridBracketsTheMinimum(_ count: Int) throws {
        let data = try Fixture.diabetes
        let path = try RidgePath.fit(x: data.features, y: data.targetValues!, lambdas: .automatic(count: count))
        #expect(path.lambdas.count > count)   // the diabetes minimum is below λ_max × 1e-4
        for errors in [path.leaveOneOutErrors, path.generalizedCrossValidationErrors] {
            let best = Self.argmin(errors)
            #expect(best > 0 && best < errors.count - 1, "minimum at grid point \(best) of \(errors.count)")
        }
        // The grid keeps its log step below the default end.
        let steps = zip(path.lambdas.dropFirst(), path.lambdas).map { $0 / $1 }
        #expect(steps.allSatisfy { abs($0 - steps[0]) <= 1e-9 * steps[0] })

        let dense = (0..<600).map { 1e5 * pow(1e-14, Double($0) / 599) }
        let reference = try RidgePath.fit(x: data.features, y: data.targetValues!, lambdas: .values(dense))
        let least = reference.leaveOneOutErrors.min()!
        // The figure, from a coarser long grid: a leave-one-out minimum of 2999.82 near
        // λ = 0.0032 (the dense grid can only find a lower one, between 1e-3 and 1e-2).
        #expect(least <= 2999.82 && least > 2999.5)
        let where_ = reference.lambdas[Self.argmin(reference.leaveOneOutErrors)]
        #expect(where_ > 1e-3 && where_ < 1e-2)
        // The bracketed grid's best point is within the curve's change over one grid step (0.1%).
        #expect(path.leaveOneOutErrors.min()! <= least * (1 + 1e-3))
    }

    /// An explicit ratio is taken as it is (and the command line warns at the edge).
    @Test func givenRatioIsNotExtended() throws {
        let data = try Fixture.diabetes
        let path = try RidgePath.fit(x: data.features, y: data.targetValues!, lambdas: .automatic(count: 12, minRatio: 1e-4))
        #expect(path.lambdas.count == 12)
        #expect(Self.argmin(path.leaveOneOutErrors) == 11)
    }
}
