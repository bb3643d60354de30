import DataIO
import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport
import Modeling

/// Invariants that need no peer: duality gap ≤ tol at every λ, KKT conditions checked
/// independently of the solver, ridge normal equations, leave-one-out against brute force.
@Suite struct InvariantTests {
    /// KKT, computed here from scratch (g = Zᵀr/n): |gⱼ| ≤ λαwⱼ where βⱼ = 0, and
    /// gⱼ − λ(1−α)wⱼβⱼ = λαwⱼ sign βⱼ where βⱼ ≠ 0. At the optimum these hold exactly, and
    /// |gⱼ(β) − gⱼ(β*)| ≤ ‖ZΔβ‖/√n ≤ √(2·gap) (unit-variance columns), so each condition may be off
    /// by at most √(2·gap) + λ(1−α)wⱼ|Δβⱼ|; we allow 2√(2·gap) plus rounding (1e-12).
    func checkKKT(_ path: ElasticNetPath) {
        let design = path.design
        let alpha = path.parameters.l1Ratio
        for l in path.lambdas.indices {
            let certificate = path.certificates[l]
            #expect(certificate.converged)
            #expect(certificate.dualityGap <= path.parameters.tolerance * design.nullObjective)
            #expect(certificate.dualObjective <= certificate.primalObjective + 1e-12 * design.nullObjective)
            let beta = path.standardizedCoefficients[l]
            let g = design.correlations(design.residual(of: beta))
            let slack = 2 * (2 * certificate.dualityGap).squareRoot() + 1e-12
            let lambda = path.lambdas[l]
            for j in beta.indices {
                let w = path.penaltyFactors[j]
                let xi = g[j] - lambda * (1 - alpha) * w * beta[j]
                if beta[j] == 0 {
                    #expect(abs(xi) <= lambda * alpha * w + slack)
                } else {
                    #expect(abs(xi - lambda * alpha * w * (beta[j] > 0 ? 1 : -1)) <= slack)
                }
            }
        }
    }

    @Test(arguments: [1.0, 0.5, 0.05])
    func diabetesPathCertificates(alpha: Double) throws {
        let data = try Fixture.diabetes
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!,
                                          parameters: try ElasticNetParameters(l1Ratio: alpha), lambdas: .automatic())
        #expect(path.lambdas.count == 100)
        // glmnet default ratio 1e-4 for n > p.
        #expect(Approximate.close(path.lambdas.last! / path.lambdas[0], 1e-4, relative: 1e-12))
        checkKKT(path)
    }

    /// Covariance mode on a correlated design where most features enter (several Gram batches),
    /// at the default tolerance and at the loose one the benchmark uses.
    @Test(arguments: [1e-7, 1e-3])
    func tallCorrelatedPathCertificates(tolerance: Double) throws {
        let data = try Fixture.tall
        let parameters = try ElasticNetParameters(l1Ratio: 1, tolerance: tolerance)
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters,
                                          lambdas: .automatic(count: 60, minRatio: 1e-3))
        #expect(path.nonzeroCounts.last! >= 70)
        checkKKT(path)
    }

    @Test func widePathCertificatesUnstandardizedAndNoIntercept() throws {
        let data = try Fixture.wide
        for (standardize, intercept) in [(true, true), (false, true), (true, false), (false, false)] {
            let parameters = try ElasticNetParameters(l1Ratio: 0.8, standardize: standardize, fitIntercept: intercept)
            let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters, lambdas: .automatic(count: 40))
            // glmnet's default ratio 1e-2 when n ≤ p.
            #expect(Approximate.close(path.lambdas.last! / path.lambdas[0], 1e-2, relative: 1e-12))
            // The KKT slack uses unit-variance columns; unstandardized, scale it by the largest column norm.
            if standardize && intercept { checkKKT(path) }
            for certificate in path.certificates {
                #expect(certificate.converged)
            }
            // Predictions equal b + Xβ on the original scale (the transformation back is exact).
            let predicted = try path.predict(data.features)
            let last = path.lambdas.count - 1
            let direct = try path.model(at: last).predict(data.features)
            #expect(Approximate.maxAbsoluteDifference(predicted[last], direct) <= 1e-9)
        }
    }

    /// Leave-one-out from the closed form against n brute-force refits (row i removed, same
    /// penalty nλ‖β‖² on the sum-of-squares scale, unpenalized intercept, full-data
    /// standardization), including λ = 1e-10 where a formula dividing by λ would fail. The
    /// brute-force side solves 10 × 10 systems of condition ≈ 1e3: 1e-9 relative.
    @Test(arguments: [1e-10, 1e-3, 1.0])
    func leaveOneOutEqualsBruteForce(lambda: Double) throws {
        let data = try Fixture.diabetes
        let y = data.targetValues!
        let path = try RidgePath.fit(x: data.features, y: y, lambdas: .values([lambda]))
        let z = try Standardization(fitting: data.features).apply(to: data.features)
        let n = z.rows, p = z.columns
        var total = 0.0
        for i in 0..<n {
            let keep = (0..<n).filter { $0 != i }
            var zi = z.selectingRows(keep)
            var yi = keep.map { y[$0] }
            let means = zi.columnMeans()
            let yMean = yi.reduce(0, +) / Double(n - 1)
            for r in 0..<(n - 1) { for j in 0..<p { zi[r, j] -= means[j] } }
            yi = yi.map { $0 - yMean }
            var system = try BLAS.gram(zi, .columns)
            for j in 0..<p { system[j, j] += Double(n) * lambda }
            let beta = try Cholesky(system).solve(try BLAS.multiply(zi, .transposed, yi))
            var prediction = yMean
            for j in 0..<p { prediction += (z[i, j] - means[j]) * beta[j] }
            total += (y[i] - prediction) * (y[i] - prediction)
        }
        #expect(Approximate.close(path.leaveOneOutErrors[0], total / Double(n), relative: 1e-9))
    }

    /// Ridge normal equations at every λ, on both decomposition routes: eigen of ZᵀZ
    /// (diabetes, n ≫ p) and thin SVD (wide, p > n). Relative residual ≤ 1e-10 (both routes are
    /// backward stable; ≈ 1e-13 observed).
    @Test func ridgeNormalEquationsBothRoutes() throws {
        for data in [try Fixture.diabetes, try Fixture.wide] {
            let path = try RidgePath.fit(x: data.features, y: data.targetValues!)
            #expect(path.certificates.allSatisfy { $0.relativeResidual <= 1e-10 })
            // Against single-λ Cholesky fits at a few λ (same closed form, different algorithm).
            for l in [0, 50, 99] {
                let single = try RidgeRegression.fit(x: data.features, y: data.targetValues!, lambda: path.lambdas[l],
                                                     parameters: .ridge(), featureNames: data.featureNames)
                let scale = single.coefficients.map(abs).max()! + 1e-300
                #expect(Approximate.maxAbsoluteDifference(path.coefficients[l], single.coefficients) <= 1e-8 * scale)
            }
        }
    }

    /// Refit at an off-grid λ equals a path that contains that λ (both within their gaps).
    @Test func refitAtAnyLambda() throws {
        let data = try Fixture.diabetes
        let parameters = try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-12)
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: parameters, lambdas: .automatic(count: 20))
        let lambda = 0.7
        let model = try path.refit(lambda: lambda)
        let direct = try LinearRegression.fit(x: data.features, y: data.targetValues!, lambda: lambda, parameters: parameters)
        guard case let .elasticNet(a) = model.certificate, case let .elasticNet(b) = direct.certificate else {
            Issue.record("wrong certificate kind"); return
        }
        #expect(a.converged && b.converged)
        let bound = (2 * a.dualityGap).squareRoot() + (2 * b.dualityGap).squareRoot() + 1e-9 * (2 * path.design.nullObjective).squareRoot()
        #expect(Check.predictionDistance(model.coefficients, direct.coefficients, design: path.design) <= bound)
    }

    /// Constrained ↔ penalized: the fit for a budget t has budget t (to 1e-6 relative, the
    /// bisection's tolerance), and budgets are non-increasing in λ.
    @Test func budgetInversion() throws {
        let data = try Fixture.diabetes
        let path = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-12),
                                          lambdas: .automatic(count: 30))
        let budgets = path.budgets
        #expect(zip(budgets, budgets.dropFirst()).allSatisfy { $0 <= $1 * (1 + 1e-9) })
        let target = (budgets[10] + budgets[11]) / 2
        let model = try path.fit(budget: target)
        #expect(model.lambda < path.lambdas[10] && model.lambda > path.lambdas[11])
        #expect(Approximate.close(path.budget(standardizedBeta: model), target, relative: 1e-6))
        #expect(throws: LagrangeError.self) { try path.fit(budget: budgets.last! * 2) }
    }

    @Test func crossValidationIsDeterministicAndOrdered() throws {
        let data = try Fixture.diabetes
        let lambdas = try ElasticNetPath.fit(x: data.features, y: data.targetValues!, parameters: .lasso(), lambdas: .automatic(count: 30)).lambdas
        let a = try CrossValidation.run(x: data.features, y: data.targetValues!, parameters: .lasso(), lambdas: lambdas, folds: 5, seed: 7)
        let b = try CrossValidation.run(x: data.features, y: data.targetValues!, parameters: .lasso(), lambdas: lambdas, folds: 5, seed: 7)
        #expect(a == b)
        let sizes = (0..<5).map { f in a.foldOfRow.filter { $0 == f }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
        #expect(a.lambda1SE >= a.lambdaMin)
        #expect(a.meanErrors[a.index1SE] <= a.meanErrors[a.indexMin] + a.standardErrors[a.indexMin])
        #expect(a.meanErrors.allSatisfy { $0 >= a.meanErrors[a.indexMin] })
        // Diabetes CV MSE at the best λ is near 2900–3000 (LARS paper: residual variance ≈ 2860).
        #expect(a.meanErrors[a.indexMin] > 2500 && a.meanErrors[a.indexMin] < 3500)
        let ridge = try CrossValidation.run(x: data.features, y: data.targetValues!, parameters: .ridge(),
                                            lambdas: try RidgePath.fit(x: data.features, y: data.targetValues!).lambdas, folds: 5, seed: 7)
        #expect(ridge.lambda1SE >= ridge.lambdaMin)
    }

    @Test func modelFileRoundTrip() throws {
        let data = try Fixture.diabetes
        let model = try LinearRegression.fit(x: data.features, y: data.targetValues!, lambda: 1, parameters: .lasso(),
                                             featureNames: data.featureNames, targetName: "progression")
        let decoded = try ModelFile.decode(LinearModel.self, from: try ModelFile.encode(model), path: "memory")
        #expect(decoded == model)
    }
}
