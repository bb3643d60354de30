import Foundation
import LinearAlgebra
import Modeling

/// A whole elastic-net (lasso when α = 1) regularization path: the engine behind every
/// lasso / elastic-net fit, single-λ fits included (STYLE: the path is the engine).
///
/// Fitted by pathwise coordinate descent (`CoordinateDescent`) from λ_max down, each λ warm
/// started from the previous one, each stopped on its duality gap (`ElasticNetCertificate`).
/// Coefficients are reported on the original scale of the features.
public struct ElasticNetPath: Sendable {
    public let parameters: ElasticNetParameters
    public let featureNames: [String]
    /// Decreasing λ values.
    public let lambdas: [Double]
    /// The coefficients of every λ, stored sparsely on both scales (`SparsePathCoefficients`).
    let storage: SparsePathCoefficients
    public let intercepts: [Double]
    public let certificates: [ElasticNetCertificate]
    /// 1 − ‖r‖²/‖y − ȳ‖² (glmnet's `dev.ratio`).
    public let devianceExplained: [Double]
    /// Penalty factors as used (rescaled to sum to p).
    public let penaltyFactors: [Double]
    /// Per λ, the features gap-safe screening proved zero at the end of that λ's solve
    /// (`GapSafeScreening`): safe rules never drop a feature that is active at the optimum.
    public let screenedCounts: [Int]
    /// The work the solver did over the whole path (`SolverEffort`: full and single-column
    /// products, checks); zero for solvers that do not count it.
    public let effort: SolverEffort
    let design: Design
    /// The budget t of the constrained form min (1/2n)‖r‖² s.t. Σ wⱼ(α|βⱼ| + (1−α)/2 βⱼ²) ≤ t,
    /// on the standardized scale (where the penalized and constrained problems are equivalent).
    /// Summed over the stored coefficients only: a zero βⱼ adds +0, which leaves the sum as it is.
    public var budgets: [Double] {
        (0..<lambdas.count).map { l in
            let (indices, values) = standardizedNonzeros(at: l)
            return budget(indices: indices, values: values)
        }
    }

    func budget(_ beta: [Double]) -> Double {
        budget(indices: beta.indices, values: beta[...])
    }

    /// Σⱼ wⱼ(α|βⱼ| + (1−α)/2 βⱼ²) over the features `indices` (increasing), βⱼ in `values`.
    private func budget<Indices: Collection<Int>>(indices: Indices, values: ArraySlice<Double>) -> Double {
        let a = parameters.l1Ratio
        var t = 0.0
        for (j, b) in zip(indices, values) { t += penaltyFactors[j] * (a * abs(b) + (1 - a) / 2 * b * b) }
        return t
    }

    /// Fits the path of `x` (n × p) against `y`, optionally with one positive weight per row
    /// (`SampleWeights`: glmnet's `weights`, λ_max and standardization weighted). `context`'s
    /// threads build the design (the path is the same for any budget).
    public static func fit(x: Matrix, y: [Double], sampleWeights: [Double]? = nil, parameters: ElasticNetParameters,
                           lambdas grid: LambdaGrid = .automatic(), featureNames: [String]? = nil,
                           context: ExecutionContext = .serial) throws -> ElasticNetPath {
        let design = try Design(x: x, y: y, sampleWeights: sampleWeights, standardize: parameters.standardize,
                                fitIntercept: parameters.fitIntercept, featureNames: featureNames, threads: context.threads)
        return try fit(design: design, parameters: parameters, lambdas: grid,
                       featureNames: featureNames ?? (1...x.columns).map { "x\($0)" })
    }

    /// The same path as `fit(x: columns.transposed, …)`, from features stored column by column
    /// (row j of `columns`, p × n, is feature j). A caller that hands `columns` over (`consume`)
    /// gives the design its storage, which is then standardized in place: no second n × p copy.
    public static func fit(columns: consuming Matrix, y: [Double], sampleWeights: [Double]? = nil, parameters: ElasticNetParameters,
                           lambdas grid: LambdaGrid = .automatic(), featureNames: [String]? = nil,
                           context: ExecutionContext = .serial) throws -> ElasticNetPath {
        let p = columns.rows
        let design = try Design(columns: consume columns, y: y, sampleWeights: sampleWeights, standardize: parameters.standardize,
                                fitIntercept: parameters.fitIntercept, featureNames: featureNames, threads: context.threads)
        return try fit(design: design, parameters: parameters, lambdas: grid, featureNames: featureNames ?? (1...p).map { "x\($0)" })
    }

    /// The path of the rows `rows` of `x` against `y` (their targets): cross-validation folds,
    /// without copying the rows out first.
    static func fit(x: Matrix, rows: [Int], y: [Double], sampleWeights: [Double]?, parameters: ElasticNetParameters,
                    lambdas grid: LambdaGrid) throws -> ElasticNetPath {
        let design = try Design(x: x, y: y, rows: rows, sampleWeights: sampleWeights, standardize: parameters.standardize,
                                fitIntercept: parameters.fitIntercept)
        return try fit(design: design, parameters: parameters, lambdas: grid, featureNames: (1...x.columns).map { "x\($0)" })
    }

    static func fit(design: Design, parameters: ElasticNetParameters, lambdas grid: LambdaGrid,
                    featureNames: [String]) throws -> ElasticNetPath {
        let p = design.featureCount
        guard featureNames.count == p else { throw LagrangeError.shapeMismatch("\(featureNames.count) feature names for \(p) features") }
        let weights = try normalizedPenaltyFactors(parameters.penaltyFactors, count: p)
        let box = try parameters.box(design: design, weights: weights)
        var solver = try SolverChoice.make(design: design, l1Ratio: parameters.l1Ratio, weights: weights,
                                           tolerance: parameters.tolerance, maxPasses: parameters.maximumIterations, box: box)
        // Unpenalized features are fitted first (at "λ = ∞"), so λ_max is measured against them.
        if weights.contains(0) {
            _ = solver.solve(lambda: .greatestFiniteMagnitude / 4, previousLambda: .greatestFiniteMagnitude / 4)
        }
        let top = lambdaMax(gradient: solver.gradient, weights: weights, l1Ratio: parameters.l1Ratio)
        let values = try grid.resolve(lambdaMax: top, samples: design.sampleCount, features: p)
        // Per λ only scalars and the sparse coefficients are kept: nothing of size p is allocated.
        var storage = SparsePathCoefficients(featureCount: p), intercepts: [Double] = []
        var certificates: [ElasticNetCertificate] = [], deviance: [Double] = [], screened: [Int] = []
        var previous = max(top, values[0])
        let nullSquare = 2 * Double(design.sampleCount) * design.nullObjective
        for lambda in values {
            let certificate = solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
            storage.append(standardized: solver.beta, scales: design.scales)
            let entries = storage.range(storage.count - 1)
            intercepts.append(design.originalIntercept(indices: storage.indices[entries], coefficients: storage.original[entries]))
            certificates.append(certificate)
            screened.append(solver.screenedCount)
            deviance.append(1 - solver.meanSquaredResidual * Double(design.sampleCount) / nullSquare)
        }
        return ElasticNetPath(parameters: parameters, featureNames: featureNames, lambdas: values, storage: storage,
                              intercepts: intercepts, certificates: certificates,
                              devianceExplained: deviance, penaltyFactors: weights, screenedCounts: screened,
                              effort: solver.effort, design: design)
    }

    /// Penalty factors rescaled to sum to p (glmnet's convention), all ones by default.
    static func normalizedPenaltyFactors(_ factors: [Double]?, count p: Int) throws -> [Double] {
        guard let factors else { return [Double](repeating: 1, count: p) }
        guard factors.count == p else {
            throw LagrangeError.invalidParameter(name: "penaltyFactors", value: "\(factors.count) values",
                                                 requirement: "need one factor per feature (\(p))")
        }
        let total = factors.reduce(0, +)
        return factors.map { $0 * Double(p) / total }
    }

    /// The fitted model at grid point `index`.
    public func model(at index: Int, targetName: String? = nil) -> LinearModel {
        LinearModel(family: parameters.family, lambda: lambdas[index], l1Ratio: parameters.l1Ratio,
                    standardize: parameters.standardize, fitIntercept: parameters.fitIntercept,
                    featureNames: featureNames, targetName: targetName, coefficients: coefficients(at: index),
                    intercept: intercepts[index], penaltyFactors: penaltyFactors,
                    certificate: .elasticNet(certificates[index]), sampleCount: design.sampleCount, limits: parameters.limits)
    }

    /// The exact fit at any λ ≥ 0: coordinate descent warm-started from the nearest grid point.
    public func refit(lambda: Double, targetName: String? = nil) throws -> LinearModel {
        try validateLambda(lambda)
        let nearest = lambdas.indices.min { abs(log(lambdas[$0]) - log(lambda)) < abs(log(lambdas[$1]) - log(lambda)) }!
        var solver = try SolverChoice.make(design: design, l1Ratio: parameters.l1Ratio, weights: penaltyFactors,
                                           tolerance: parameters.tolerance, maxPasses: parameters.maximumIterations,
                                           box: try parameters.box(design: design, weights: penaltyFactors))
        solver.warmStart(standardizedCoefficients(at: nearest))
        let certificate = solver.solve(lambda: lambda, previousLambda: max(lambda, lambdas[nearest]))
        let (beta, b) = design.originalScale(solver.beta)
        return LinearModel(family: parameters.family, lambda: lambda, l1Ratio: parameters.l1Ratio,
                           standardize: parameters.standardize, fitIntercept: parameters.fitIntercept,
                           featureNames: featureNames, targetName: targetName, coefficients: beta, intercept: b,
                           penaltyFactors: penaltyFactors, certificate: .elasticNet(certificate), sampleCount: design.sampleCount,
                           limits: parameters.limits)
    }
}

extension Design {
    /// r = y − Xβ (standardized scale), computed afresh.
    func residual(of beta: [Double]) -> [Double] {
        var r = response
        columns.withUnsafeBufferPointer { x in
            r.withUnsafeMutableBufferPointer { rp in
                for j in beta.indices where beta[j] != 0 {
                    BLAS.axpy(sampleCount, -beta[j], x.baseAddress! + j * sampleCount, rp.baseAddress!)
                }
            }
        }
        return r
    }
}
