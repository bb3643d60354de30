import DataIO
import Decomposition
import Foundation
import LinearAlgebra
import Testing
import TestSupport

/// Bad input gets a typed error with a message a person can act on — never a trap.
@Suite struct PCABadInputTests {
    let x = PCATestData.correlated(rows: 50, columns: 4)

    @Test func componentsBeyondFeatures() throws {
        #expect(throws: LagrangeError.invalidParameter(name: "components", value: "5",
                                                       requirement: "must be at most the number of features (4)")) {
            try PCAParameters(components: .count(5)).fit(x)
        }
        #expect(throws: LagrangeError.self) { try PCAParameters(components: .count(0)).fit(x) }
    }

    @Test func componentsBeyondRows() throws {
        let wide = PCATestData.correlated(rows: 3, columns: 10)
        #expect(throws: LagrangeError.invalidParameter(name: "components", value: "4",
                                                       requirement: "must be at most the number of rows (3)")) {
            try PCAParameters(components: .count(4)).fit(wide)
        }
    }

    @Test(arguments: [0.0, -0.1, 1.5, .nan])
    func varianceFractionOutsideUnitInterval(fraction: Double) throws {
        #expect(throws: LagrangeError.self) { try PCAParameters(components: .varianceFraction(fraction)).fit(x) }
    }

    @Test func constantColumnWithWhitening() throws {
        var constant = x
        for i in 0..<constant.rows { constant[i, 2] = 1e6 }
        let error = try #require(throws: LagrangeError.self) {
            try PCAParameters(whiten: true).fit(constant, featureNames: ["a", "b", "c", "d"])
        }
        #expect(error.description.contains("column 'c' is constant"))
        // Without whitening a constant column is fine: it only adds a zero eigenvalue.
        let model = try PCAParameters().fit(constant)
        #expect(model.explainedVariance.last! <= 1e-12 * model.explainedVariance[0])
        // Whitening only the components with variance is fine too (as scikit-learn).
        let top = try PCAParameters(components: .count(3), whiten: true).fit(constant)
        #expect(top.componentCount == 3)
    }

    @Test func nanIsRefusedWithItsPlace() throws {
        var bad = x
        bad[17, 1] = .nan
        let error = try #require(throws: LagrangeError.self) { try PCAParameters().fit(bad) }
        #expect(error.description.contains("row 18, feature 2"))
        let wide = PCATestData.correlated(rows: 3, columns: 10)
        var badWide = wide
        badWide[1, 9] = .infinity
        #expect(throws: LagrangeError.self) { try PCAParameters().fit(badWide) }
    }

    @Test func fewerThanTwoRows() throws {
        #expect(throws: LagrangeError.self) { try PCAParameters().fit(x.selectingRows(0..<1)) }
    }

    @Test func transformWithWrongColumnCount() throws {
        let model = try PCAParameters(components: .count(2)).fit(x)
        #expect(throws: LagrangeError.self) { try model.transform(PCATestData.correlated(rows: 3, columns: 5)) }
        #expect(throws: LagrangeError.self) { try model.inverseTransform(Matrix.zeros(3, 3)) }
    }
}
