import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import Testing
import TestSupport

/// Judges arbitrary multinomial coefficients against the problem, independently of the solver.
enum MultinomialCheck {
    /// Standardized-scale B (p × K, feature-major) and η (class-major) for original-scale
    /// coefficients `beta[k][j]` and intercepts `a0[k]`.
    static func standardized(_ beta: [[Double]], a0: [Double], design: ClassificationDesign) -> (beta: [Double], eta: [Double]) {
        let k = beta.count, n = design.sampleCount, p = design.featureCount
        var b = [Double](repeating: 0, count: p * k)
        var eta = [Double](repeating: 0, count: n * k)
        for c in 0..<k {
            let (column, intercept) = design.standardizedScale(beta[c], intercept: a0[c])
            for j in 0..<p { b[j * k + c] = column[j] }
            for i in 0..<n {
                var value = intercept
                for j in 0..<p where column[j] != 0 { value += column[j] * design.columns[j * n + i] }
                eta[c * n + i] = value
            }
        }
        return (b, eta)
    }

    /// Lagrange's certificate evaluated at arbitrary original-scale coefficients (penalty factors
    /// 1 unless given, normalized; the box of `parameters.limits` when there is one).
    static func certificate(_ beta: [[Double]], a0: [Double], design: ClassificationDesign, labels: [Int], lambda: Double,
                            parameters: LogisticParameters, penalty: MultinomialPenalty,
                            penaltyFactors: [Double]? = nil) throws -> LogisticCertificate {
        let k = beta.count, n = design.sampleCount, p = design.featureCount
        let (b, eta) = standardized(beta, a0: a0, design: design)
        let probability = MultinomialFunctions.evaluate(eta: eta, labels: labels, weights: design.weights, classes: k).probability
        var g = [Double](repeating: 0, count: p * k)
        for c in 0..<k {
            let u = (0..<n).map { design.weights[$0] * ((labels[$0] == c ? 1 : 0) - probability[c * n + $0]) }
            let column = design.transposeTimes(u)
            for j in 0..<p { g[j * k + c] = column[j] }
        }
        let priors = MultinomialFunctions.priors(labels: labels, weights: design.weights, classes: k)
        let factors = penaltyFactors ?? [Double](repeating: 1, count: p)
        return LogisticCertificate.multinomial(beta: b, eta: eta, labels: labels, classes: k, gradient: g, design: design,
                                               penaltyFactors: factors, lambda: lambda,
                                               l1Ratio: parameters.l1Ratio, penalty: penalty,
                                               fitIntercept: parameters.fitIntercept, priors: priors,
                                               nullLoss: MultinomialFunctions.nullLoss(priors: priors, fitIntercept: parameters.fitIntercept),
                                               passes: 0, tolerance: 1, box: try parameters.limits?.box(scales: design.scales),
                                               unpenalized: factors.indices.filter { factors[$0] == 0 })
    }
}

/// Multinomial paths against R glmnet 4.1.6 (Fixtures/make_glmnet_multinomial_fixtures.R,
/// thresh = 1e-14), on Lagrange's own automatic grid: the same λ_max and the same grid.
///
/// Tolerances, from the duality gaps (g₁ ours, g₂ our certificate evaluated at glmnet's
/// coefficients): both objectives lie within their gap of P*, so |P(ours) − P(glmnet)| ≤
/// max(g₁, g₂). With α < 1 the objective is μ-strongly convex in B (the loss is convex, the
/// penalty holds λ(1−α)/2‖B‖²_F), μ = λ(1−α) on the standardized scale, so the optimal B is
/// unique and ‖B₁ − B₂‖_F ≤ √(2g₁/μ) + √(2g₂/μ). (The intercepts are determined only up to a
/// common shift, and with α = 1 B is not unique in general; only objectives are compared there.)
///
/// glmnet's grouped fit at thresh 1e-14 stops after 35 λ ("convergence for 36th lambda value
/// not reached", see the script), so the grouped paths are fitted and compared on the first 35
/// points of Lagrange's automatic grid.
@Suite struct MultinomialFixtureTests {
    static let tolerance = 1e-10

    /// `count`: the exact path length expected (else glmnet's, or at least glmnet's when not
    /// `samePathLength`). With limits every coefficient must lie in the box; with zero penalty
    /// factors the α < 1 bound covers the penalized rows only (the loss alone fixes the others,
    /// `MultinomialLimitsFixtureTests`).
    func compare(_ path: MultinomialPath, fixture name: String, data: Dataset, samePathLength: Bool,
                 weights: [Double]? = nil, count: Int? = nil) throws {
        let fixture = try Fixture.json(name)
        let (labels, _) = data.targetLabels!
        let design = try Check.design(data, weights: weights, parameters: path.parameters)
        let lambdas = fixture.numbers("lambda")
        let a0 = fixture["a0"] as! [[Any]], betas = fixture["beta"] as! [[[Any]]]
        if samePathLength || count != nil {
            #expect(path.lambdas.count == (count ?? lambdas.count), "path length \(path.lambdas.count), glmnet \(lambdas.count)")
        } else {
            #expect(path.lambdas.count >= lambdas.count)
        }
        let alpha = path.parameters.l1Ratio
        let factors = path.penaltyFactors, k = path.classes.count
        if let limits = path.parameters.limits {
            for rows in path.coefficients { try limits.requireInside(rows, featureNames: path.featureNames) }
        }
        for l in 0..<min(lambdas.count, path.lambdas.count) {
            let lambda = path.lambdas[l]
            #expect(abs(lambda - lambdas[l]) <= 1e-10 * lambdas[l], "λ[\(l)] \(lambda) vs \(lambdas[l])")
            let peerBeta = betas[l].map { $0.map { ($0 as! NSNumber).doubleValue } }
            let peerA0 = a0[l].map { ($0 as! NSNumber).doubleValue }
            let peer = try MultinomialCheck.certificate(peerBeta, a0: peerA0, design: design, labels: labels, lambda: lambda,
                                                    parameters: path.parameters, penalty: path.penalty, penaltyFactors: factors)
            let ours = path.certificates[l]
            #expect(ours.converged, "λ[\(l)] relative gap \(ours.relativeGap)")
            let slack = 1e-12 * ours.primalObjective
            #expect(abs(ours.primalObjective - peer.primalObjective) <= max(ours.dualityGap, peer.dualityGap) + slack,
                    "λ[\(l)]: objectives \(ours.primalObjective) vs \(peer.primalObjective) (gaps \(ours.dualityGap), \(peer.dualityGap))")
            #expect(ours.primalObjective <= peer.primalObjective + ours.dualityGap + slack)
            if alpha < 1 {
                let mu = lambda * (1 - alpha)
                let (ourB, _) = MultinomialCheck.standardized(path.coefficients[l], a0: path.intercepts[l], design: design)
                let (peerB, _) = MultinomialCheck.standardized(peerBeta, a0: peerA0, design: design)
                let bound = (2 * ours.dualityGap / mu).squareRoot() + (2 * peer.dualityGap / mu).squareRoot() + 1e-9
                var square = 0.0
                for index in ourB.indices where factors[index / k] > 0 { square += (ourB[index] - peerB[index]) * (ourB[index] - peerB[index]) }
                #expect(square.squareRoot() <= bound, "λ[\(l)]: ‖ΔB_P‖ = \(square.squareRoot()) > \(bound)")
            }
        }
    }

    static var iris: Dataset { get throws { try Fixture.classification(TestPaths.dataset("iris.csv")) } }
    static var wine: Dataset { get throws { try Fixture.classification(TestPaths.dataset("wine.csv")) } }

    func path(_ data: Dataset, l1Ratio: Double, penalty: MultinomialPenalty, count: Int = 100) throws -> MultinomialPath {
        let (labels, encoding) = data.targetLabels!
        return try MultinomialPath.fit(x: data.features, labels: labels, classes: encoding.classes,
                                       parameters: try LogisticParameters(l1Ratio: l1Ratio, tolerance: Self.tolerance),
                                       penalty: penalty, lambdas: .automatic(count: count), featureNames: data.featureNames)
    }

    @Test func irisUngroupedLassoMatchesGlmnet() throws {
        let data = try Self.iris
        #expect(data.targetLabels!.encoding.classes == ["setosa", "versicolor", "virginica"])
        try compare(try path(data, l1Ratio: 1, penalty: .ungrouped), fixture: "glmnet_iris_multinomial_lasso.json",
                    data: data, samePathLength: true)
    }

    /// The first `count` points of our own automatic grid of `total` (λ_max from a one-point
    /// path, then glmnet's log spacing down to 1e-4·λ_max): the grouped fixtures stop early.
    func prefixOfGrid(_ data: Dataset, l1Ratio: Double, penalty: MultinomialPenalty, total: Int, count: Int) throws -> MultinomialPath {
        let top = try path(data, l1Ratio: l1Ratio, penalty: penalty, count: 1).lambdas[0]
        let grid = (0..<count).map { top * exp(log(1e-4) * Double($0) / Double(total - 1)) }
        let (labels, encoding) = data.targetLabels!
        return try MultinomialPath.fit(x: data.features, labels: labels, classes: encoding.classes,
                                       parameters: try LogisticParameters(l1Ratio: l1Ratio, tolerance: Self.tolerance),
                                       penalty: penalty, lambdas: .values(grid), featureNames: data.featureNames)
    }

    @Test func irisGroupedLassoMatchesGlmnet() throws {
        let data = try Self.iris
        try compare(try prefixOfGrid(data, l1Ratio: 1, penalty: .grouped, total: 100, count: 35),
                    fixture: "glmnet_iris_multinomial_grouped.json", data: data, samePathLength: true)
    }

    @Test func wineUngroupedElasticNetMatchesGlmnet() throws {
        let data = try Self.wine
        #expect(data.targetLabels!.encoding.classes == ["0", "1", "2"])
        try compare(try path(data, l1Ratio: 0.5, penalty: .ungrouped, count: 50), fixture: "glmnet_wine_multinomial_enet.json",
                    data: data, samePathLength: true)
    }

    @Test func wineGroupedElasticNetMatchesGlmnet() throws {
        let data = try Self.wine
        try compare(try prefixOfGrid(data, l1Ratio: 0.5, penalty: .grouped, total: 50, count: 35),
                    fixture: "glmnet_wine_multinomial_grouped_enet.json", data: data, samePathLength: true)
    }
}
