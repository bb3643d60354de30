import LinearAlgebra
@testable import LinearModels
import Testing
import TestSupport

/// Issue 10, cases 5–7: the linear models at any scale, and constant columns.
///
/// Invariant (scale equivariance): multiplying X and y by c and λ by c (standardized lasso:
/// the standardized design is unchanged, β on the standardized scale and the objective's
/// square root scale with c) multiplies every coefficient and the intercept by c and leaves the
/// relative duality gap's convergence unchanged.
@Suite struct ScaleTests {
    /// 60 rows, 4 features, y = Xb + noise (SplitMix64 seed 17).
    static let data: (x: Matrix, y: [Double]) = {
        var rng = TestSupport.SplitMix64(seed: 17)
        let n = 60, p = 4
        var rows: [[Double]] = [], y: [Double] = []
        for _ in 0..<n {
            let row = (0..<p).map { _ in Double.random(in: -1...1, using: &rng) + 2 }
            rows.append(row)
            y.append(3 * row[0] - 2 * row[1] + 0.5 * row[3] + 0.3 * Double.random(in: -1...1, using: &rng))
        }
        return (try! Matrix(rows: rows), y)
    }()

    static func scaled(_ x: Matrix, _ c: Double) -> Matrix {
        try! Matrix(rows: x.rows, columns: x.columns, storage: x.storage.map { $0 * c })
    }

    @Test(arguments: [1e-150, 1e-20, 1e150])
    func lassoIsScaleEquivariant(c: Double) throws {
        let (x, y) = Self.data
        let reference = try LinearRegression.fit(x: x, y: y, lambda: 0.05, parameters: .lasso())
        let model = try LinearRegression.fit(x: Self.scaled(x, c), y: y.map { $0 * c }, lambda: 0.05 * c, parameters: .lasso())
        guard case let .elasticNet(certificate) = model.certificate else { Issue.record("not an elastic-net certificate"); return }
        #expect(certificate.converged)
        #expect(certificate.relativeGap.isFinite && certificate.dualObjective.isFinite)
        // Coefficients: same model up to the scale (β_c = β, b_c = c·b), to the solver tolerance.
        for (a, b) in zip(model.coefficients, reference.coefficients) { #expect(abs(a - b) <= 1e-6 * (1 + abs(b))) }
        #expect(abs(model.intercept / c - reference.intercept) <= 1e-6 * (1 + abs(reference.intercept)))
    }

    /// Features only at 1e-150 (and 1e150): the old absolute floor called every column
    /// constant. With standardization the model on the standardized scale is unchanged, so the
    /// coefficients scale by 1/c and the intercept is the same.
    @Test(arguments: [1e-150, 1e150])
    func featuresAtAnyScale(c: Double) throws {
        let (x, y) = Self.data
        let reference = try LinearRegression.fit(x: x, y: y, lambda: 0.05, parameters: .lasso())
        let model = try LinearRegression.fit(x: Self.scaled(x, c), y: y, lambda: 0.05, parameters: .lasso())
        for (a, b) in zip(model.coefficients, reference.coefficients) { #expect(abs(a * c - b) <= 1e-6 * (1 + abs(b))) }
        #expect(abs(model.intercept - reference.intercept) <= 1e-6 * (1 + abs(reference.intercept)))
    }

    /// Target only at 1e-150 or 1e-17 (the old check said "the target is constant").
    @Test(arguments: [1e-150, 1e-17])
    func targetAtSmallScale(c: Double) throws {
        let (x, y) = Self.data
        let reference = try LinearRegression.fit(x: x, y: y, lambda: 0.05, parameters: .lasso())
        let model = try LinearRegression.fit(x: x, y: y.map { $0 * c }, lambda: 0.05 * c, parameters: .lasso())
        for (a, b) in zip(model.coefficients, reference.coefficients) { #expect(abs(a / c - b) <= 1e-6 * (1 + abs(b))) }
    }

    /// Case 5: data scaled by 1e150 with a fixed λ = 0.1, i.e. λ/λ_max ≈ 1e-151, below what
    /// double precision resolves: the fit is least squares. The certificate used to stay at
    /// "gap = P, NOT converged" for 100,000 passes (rounding noise in Xᵀr/n ≫ λ shrank the dual
    /// point to 0); now it is finite and converged, and the coefficients are the least-squares
    /// ones (reference: `LeastSquares` on the centred data, an independent closed form).
    @Test func fixedLambdaOnHugeDataIsLeastSquaresAndConverges() throws {
        let (x, y) = Self.data
        let c = 1e150
        let model = try LinearRegression.fit(x: Self.scaled(x, c), y: y.map { $0 * c }, lambda: 0.1, parameters: .lasso())
        guard case let .elasticNet(certificate) = model.certificate else { Issue.record("not an elastic-net certificate"); return }
        #expect(certificate.converged)
        #expect(certificate.dualObjective.isFinite && certificate.primalObjective.isFinite)
        #expect(certificate.iterations < 10_000)
        let ols = try Self.leastSquares(x, y)
        for (a, b) in zip(model.coefficients, ols) { #expect(abs(a - b) <= 1e-6 * (1 + abs(b))) }
    }

    /// Least-squares slopes of y on the centred columns of x (normal equations by Cholesky).
    static func leastSquares(_ x: Matrix, _ y: [Double]) throws -> [Double] {
        let (n, p) = (x.rows, x.columns)
        let means = (0..<p).map { j in (0..<n).reduce(0) { $0 + x[$1, j] } / Double(n) }
        let yMean = y.reduce(0, +) / Double(n)
        var gram = Matrix.zeros(p, p)
        var rhs = [Double](repeating: 0, count: p)
        for i in 0..<n {
            for j in 0..<p {
                rhs[j] += (x[i, j] - means[j]) * (y[i] - yMean)
                for k in 0..<p { gram[j, k] += (x[i, j] - means[j]) * (x[i, k] - means[k]) }
            }
        }
        return try Cholesky(gram).solve(rhs)
    }

    /// Case 7: a constant column gets coefficient 0 and the rest of the model is the model
    /// without that column (invariant: a zero column changes neither loss nor penalty).
    @Test func constantColumnIsLeftOut() throws {
        let (x, y) = Self.data
        var rows: [[Double]] = []
        for i in 0..<x.rows { rows.append([x[i, 0], 0.1, x[i, 1], x[i, 2], x[i, 3]]) }
        let withConstant = try Matrix(rows: rows)
        for parameters in [ElasticNetParameters.lasso(), try ElasticNetParameters(l1Ratio: 0.5)] {
            let reference = try LinearRegression.fit(x: x, y: y, lambda: 0.05, parameters: parameters)
            let model = try LinearRegression.fit(x: withConstant, y: y, lambda: 0.05, parameters: parameters)
            #expect(model.coefficients[1] == 0)
            let others = [model.coefficients[0]] + model.coefficients[2...]
            for (a, b) in zip(others, reference.coefficients) { #expect(abs(a - b) <= 1e-6 * (1 + abs(b))) }
            #expect(abs(model.intercept - reference.intercept) <= 1e-6 * (1 + abs(reference.intercept)))
        }
        #expect(ConstantColumn.indices(in: withConstant) == [1])
    }

    /// Case 7: a 0/1 column with a single 1 is constant in the training rows of the fold that
    /// holds that row out; cross-validation used to fail ("column 1 is constant"). Now it runs,
    /// and counts that fold.
    @Test func columnConstantInOneFoldIsCounted() throws {
        let (x, y) = Self.data
        var rows: [[Double]] = []
        for i in 0..<x.rows { rows.append([x[i, 0], i == 7 ? 1 : 0, x[i, 1]]) }
        let design = try Matrix(rows: rows)
        let path = try ElasticNetPath.fit(x: design, y: y, parameters: .lasso(), lambdas: .automatic(count: 10))
        let cv = try CrossValidation.run(x: design, y: y, parameters: .lasso(), lambdas: path.lambdas, folds: 10, seed: 1)
        #expect(cv.constantColumnFolds == [0, 1, 0])
        #expect(cv.meanErrors.allSatisfy { $0.isFinite })
    }
}
