import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// A constant feature column gets coefficient 0 (glmnet's rule), with or without standardization,
/// instead of an error. Reference: the same path on the data without that column — a constant
/// column is stored as zeros, so the two problems have the same optimum and objective; the two
/// paths' objectives differ by at most the larger duality gap at every λ.
@Suite struct ConstantColumnTests {
    /// `x` with a column of 3.7 inserted as column 1.
    static func withConstantColumn(_ x: Matrix) throws -> Matrix {
        let columns = (0..<x.columns).map { j in (0..<x.rows).map { x[$0, j] } }
        return try Matrix(columns: [columns[0], [Double](repeating: 3.7, count: x.rows)] + columns.dropFirst())
    }

    @Test(arguments: [true, false]) func binomialPathGivesTheConstantColumnZero(standardize: Bool) throws {
        let data = try Fixture.generated
        let (labels, encoding) = data.targetLabels!
        let parameters = try LogisticParameters(l1Ratio: 0.8, standardize: standardize, tolerance: 1e-10)
        let plain = try LogisticPath.fit(x: data.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                         lambdas: .automatic(count: 20))
        let padded = try LogisticPath.fit(x: Self.withConstantColumn(data.features), labels: labels, classes: encoding.classes,
                                          parameters: parameters, lambdas: .automatic(count: 20))
        #expect(padded.lambdas == plain.lambdas)
        for l in plain.lambdas.indices {
            #expect(padded.coefficients[l][1] == 0)
            #expect(padded.certificates[l].converged)
            let (a, b) = (padded.certificates[l], plain.certificates[l])
            #expect(abs(a.primalObjective - b.primalObjective) <= max(a.dualityGap, b.dualityGap) + 1e-14)
        }
    }

    @Test(arguments: MultinomialPenalty.allCases) func multinomialPathGivesTheConstantColumnZero(penalty: MultinomialPenalty) throws {
        let iris = try Fixture.classification(TestPaths.dataset("iris.csv"))
        let (labels, encoding) = iris.targetLabels!
        let parameters = try LogisticParameters(tolerance: 1e-8)
        let grid = LambdaGrid.automatic(count: 10, minRatio: 1e-2)
        let plain = try MultinomialPath.fit(x: iris.features, labels: labels, classes: encoding.classes, parameters: parameters,
                                            penalty: penalty, lambdas: grid)
        let padded = try MultinomialPath.fit(x: Self.withConstantColumn(iris.features), labels: labels, classes: encoding.classes,
                                             parameters: parameters, penalty: penalty, lambdas: grid)
        #expect(padded.lambdas == plain.lambdas)
        for l in plain.lambdas.indices {
            #expect(padded.coefficients[l].allSatisfy { $0[1] == 0 })
            let (a, b) = (padded.certificates[l], plain.certificates[l])
            #expect(a.converged && b.converged)
            #expect(abs(a.primalObjective - b.primalObjective) <= max(a.dualityGap, b.dualityGap) + 1e-14)
        }
    }
}
