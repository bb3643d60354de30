@testable import LinearModels
import LinearAlgebra
import Testing
import Modeling

/// Each bad input is a typed error with a message a person can act on.
@Suite struct BadInputTests {
    let x = try! Matrix(rows: [[1, 2], [2, 1], [3, 5], [4, 3]])
    let y: [Double] = [1, 2, 3, 5]

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func negativeLambda() {
        #expect(message { _ = try LinearRegression.fit(x: x, y: y, lambda: -1, parameters: .lasso()) }
            == "invalid lambda = -1.0: must be a finite number ≥ 0")
        #expect(message { _ = try ElasticNetPath.fit(x: x, y: y, parameters: .lasso(), lambdas: .values([1, -0.5])) }
            .hasPrefix("invalid lambda = -0.5"))
    }

    @Test func l1RatioOutsideUnitInterval() {
        // Library errors name the Swift parameter; the command line maps it to its flag.
        #expect(message { _ = try ElasticNetParameters(l1Ratio: 1.5) }.hasPrefix("invalid l1Ratio = 1.5: must be between 0 and 1"))
        #expect(message { _ = try ElasticNetParameters(l1Ratio: -0.1) }.hasPrefix("invalid l1Ratio = -0.1"))
        #expect(message { _ = try ElasticNetParameters(l1Ratio: .nan) }.hasPrefix("invalid l1Ratio = nan"))
    }

    @Test func constantTarget() {
        #expect(message { _ = try LinearRegression.fit(x: x, y: [2, 2, 2, 2], lambda: 1, parameters: .lasso()) }
            == "the target is constant (every value is 2.0); there is nothing to fit")
        #expect(message { _ = try RidgePath.fit(x: x, y: [2, 2, 2, 2]) }.hasPrefix("the target is constant"))
    }

    /// Issue 10, case 7: a constant column is not refused but gets coefficient 0, as glmnet and
    /// scikit-learn give it (ScaleTests checks the rest of the model is that of the fit without it).
    @Test func constantColumnWithStandardization() throws {
        let constant = try Matrix(rows: [[1, 7], [2, 7], [3, 7], [4, 7]])
        let standardized = try LinearRegression.fit(x: constant, y: y, lambda: 0.01, parameters: .lasso(), featureNames: ["a", "b"])
        #expect(standardized.coefficients[1] == 0)
        #expect(standardized.coefficients[0].isFinite && standardized.coefficients[0] != 0)
        // Without standardization a constant column is allowed and simply gets β = 0.
        let model = try LinearRegression.fit(x: constant, y: y, lambda: 0.01, parameters: .lasso(standardize: false))
        #expect(model.coefficients[1] == 0)
    }

    @Test func nonFiniteValues() throws {
        let bad = try Matrix(rows: [[1, 2], [2, .nan], [3, 5], [4, 3]])
        #expect(message { _ = try LinearRegression.fit(x: bad, y: y, lambda: 1, parameters: .lasso(), featureNames: ["a", "b"]) }
            == "feature 'b' on data row 2 is nan; remove the row or fill it in")
        #expect(message { _ = try LinearRegression.fit(x: x, y: [1, .infinity, 2, 3], lambda: 1, parameters: .lasso()) }
            == "target value on data row 2 is inf; remove the row or fill it in")
    }

    @Test func badGridAndFolds() {
        #expect(message { _ = try ElasticNetPath.fit(x: x, y: y, parameters: .lasso(), lambdas: .automatic(count: 10, minRatio: 2)) }
            .hasPrefix("invalid minRatio = 2.0"))
        #expect(message { _ = try CrossValidation.run(x: x, y: y, parameters: .lasso(), lambdas: [1], folds: 9, seed: 1) }
            .hasPrefix("invalid folds = 9"))
    }
}
