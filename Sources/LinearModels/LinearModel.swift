import Foundation
import DataIO
import LinearAlgebra
import Modeling

/// The certificate a linear fit carries.
public enum LinearModelCertificate: Certificate {
    /// Lasso / elastic net: primal, dual, duality gap, KKT violation (see `ElasticNetCertificate`).
    case elasticNet(ElasticNetCertificate)
    /// Ridge: the normal equations' residual max |Xᵀ(y − Xβ)/n − λβ| on the standardized scale.
    case ridge(RidgeCertificate)

    public var converged: Bool {
        switch self {
        case let .elasticNet(c): return c.converged
        case let .ridge(c): return c.converged
        }
    }

    public var tolerance: Double {
        switch self {
        case let .elasticNet(c): return c.tolerance
        case let .ridge(c): return c.tolerance
        }
    }

    public var quantities: [CertificateQuantity] {
        switch self {
        case let .elasticNet(c): return c.quantities
        case let .ridge(c): return c.quantities
        }
    }
}

/// Ridge's certificate: how far β is from solving (XᵀX/n + λI)β = Xᵀy/n (standardized scale).
/// A direct solve (Cholesky, SVD or eigen-decomposition) leaves a residual at rounding level;
/// `converged` says it is finite and within `tolerance` relative to max |Xᵀy|/n.
public struct RidgeCertificate: Certificate {
    /// max over j of |xⱼᵀ(y − Xβ)/n − λβⱼ|.
    public let normalEquationResidual: Double
    /// The same divided by max |Xᵀy|/n (unit-free).
    public let relativeResidual: Double

    /// The bound on `relativeResidual` of a direct solve.
    public static let relativeTolerance = 1e-6

    public var tolerance: Double { Self.relativeTolerance }

    public var converged: Bool {
        normalEquationResidual.isFinite && relativeResidual.isFinite && relativeResidual <= tolerance
    }

    public var quantities: [CertificateQuantity] {
        [CertificateQuantity(.normalEquationResidual, normalEquationResidual),
         CertificateQuantity(.relativeNormalEquationResidual, relativeResidual)]
    }
}

/// Cross-validation results kept with a model selected by them.
public struct CrossValidationSelection: Codable, Sendable, Equatable {
    public let folds: Int
    public let seed: UInt64
    public let lambdaMin: Double
    public let lambda1SE: Double
    /// "min" or "1se".
    public let rule: String
    public let meanError: Double
    public let standardError: Double
}

/// A fitted ridge / lasso / elastic-net model: immutable, `Codable`, saved as a versioned
/// model file of kind "linear-model".
public struct LinearModel: Regressor {
    public static let modelKind = "linear-model"
    public static let modelVersion = 1

    public let family: LinearModelFamily
    public let lambda: Double
    public let l1Ratio: Double
    public let standardize: Bool
    public let fitIntercept: Bool
    public let featureNames: [String]
    public let targetName: String?
    /// Original-scale coefficients.
    public let coefficients: [Double]
    public let intercept: Double
    public let penaltyFactors: [Double]
    public let certificate: LinearModelCertificate
    public let sampleCount: Int
    public let crossValidation: CrossValidationSelection?
    /// The coefficient limits the model was fitted under (original scale), nil for none (and in
    /// files written before they were saved).
    public let limits: CoefficientLimits?

    public init(family: LinearModelFamily, lambda: Double, l1Ratio: Double, standardize: Bool, fitIntercept: Bool,
                featureNames: [String], targetName: String?, coefficients: [Double], intercept: Double,
                penaltyFactors: [Double], certificate: LinearModelCertificate, sampleCount: Int,
                crossValidation: CrossValidationSelection? = nil, limits: CoefficientLimits? = nil) {
        self.family = family
        self.lambda = lambda
        self.l1Ratio = l1Ratio
        self.standardize = standardize
        self.fitIntercept = fitIntercept
        self.featureNames = featureNames
        self.targetName = targetName
        self.coefficients = coefficients
        self.intercept = intercept
        self.penaltyFactors = penaltyFactors
        self.certificate = certificate
        self.sampleCount = sampleCount
        self.crossValidation = crossValidation
        self.limits = limits
    }

    /// b + xᵢᵀβ for every row of `x`.
    public func predict(_ x: Matrix) throws -> [Double] {
        guard x.columns == coefficients.count else {
            throw LagrangeError.shapeMismatch("model has \(coefficients.count) features, data has \(x.columns)")
        }
        var out = [Double](repeating: intercept, count: x.rows)
        try BLAS.gemv(x, .none, coefficients, beta: 1, into: &out)
        return out
    }

    public var nonzeroCount: Int { coefficients.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// The same model labelled as `family` (an elastic net at l1-ratio 1 is the lasso).
    public func labelled(_ family: LinearModelFamily) -> LinearModel {
        LinearModel(family: family, lambda: lambda, l1Ratio: l1Ratio, standardize: standardize, fitIntercept: fitIntercept,
                    featureNames: featureNames, targetName: targetName, coefficients: coefficients, intercept: intercept,
                    penaltyFactors: penaltyFactors, certificate: certificate, sampleCount: sampleCount,
                    crossValidation: crossValidation, limits: limits)
    }

    /// The same model with the cross-validation that selected it.
    public func selected(by selection: CrossValidationSelection) -> LinearModel {
        LinearModel(family: family, lambda: lambda, l1Ratio: l1Ratio, standardize: standardize, fitIntercept: fitIntercept,
                    featureNames: featureNames, targetName: targetName, coefficients: coefficients, intercept: intercept,
                    penaltyFactors: penaltyFactors, certificate: certificate, sampleCount: sampleCount,
                    crossValidation: selection, limits: limits)
    }
}

/// Single-λ fits: thin wrappers over the path engines.
public enum LinearRegression {
    /// The fit at one λ. Lasso and elastic net run the coordinate-descent path from λ_max down
    /// to `lambda` (warm starts on `warmStartSteps` log-spaced points, as glmnet recommends);
    /// ridge (α = 0) solves (ZᵀZ/n + λI)β = Zᵀy/n by Cholesky.
    /// `sampleWeights`: one positive weight per row (`SampleWeights`), or nil.
    public static func fit(x: Matrix, y: [Double], sampleWeights: [Double]? = nil, lambda: Double, parameters: ElasticNetParameters,
                           featureNames: [String]? = nil, targetName: String? = nil) throws -> LinearModel {
        try validateLambda(lambda)
        let names = featureNames ?? (1...max(1, x.columns)).map { "x\($0)" }
        if parameters.l1Ratio == 0 {
            return try RidgeRegression.fit(x: x, y: y, sampleWeights: sampleWeights, lambda: lambda, parameters: parameters,
                                           featureNames: names, targetName: targetName)
        }
        guard lambda > 0 || x.rows > x.columns else {
            throw LagrangeError.invalidParameter(name: "lambda", value: "0", requirement: "must be positive when there are at least as many features as rows")
        }
        let design = try Design(x: x, y: y, sampleWeights: sampleWeights, standardize: parameters.standardize,
                                fitIntercept: parameters.fitIntercept, featureNames: names)
        return try fit(design: design, lambda: lambda, parameters: parameters, featureNames: names, targetName: targetName)
    }

    /// The same on a design of rows or of inner products (`Design.gramForm`, from statistics).
    static func fit(design: Design, lambda: Double, parameters: ElasticNetParameters,
                    featureNames names: [String], targetName: String?) throws -> LinearModel {
        try validateLambda(lambda)
        if parameters.l1Ratio == 0 {
            return try RidgeRegression.fit(design: design, lambda: lambda, parameters: parameters, featureNames: names, targetName: targetName)
        }
        guard lambda > 0 || design.sampleCount > design.featureCount else {
            throw LagrangeError.invalidParameter(name: "lambda", value: "0", requirement: "must be positive when there are at least as many features as rows")
        }
        let weights = try ElasticNetPath.normalizedPenaltyFactors(parameters.penaltyFactors, count: design.featureCount)
        let top: Double
        if let gramForm = design.gramForm {
            top = lambdaMax(gradient: gramForm.responseCorrelations, weights: weights, l1Ratio: parameters.l1Ratio)
        } else {
            var probe = try CoordinateDescent(design: design, l1Ratio: parameters.l1Ratio, weights: weights, tolerance: 1, maxPasses: 1)
            if weights.contains(0) { _ = probe.solve(lambda: .greatestFiniteMagnitude / 4, previousLambda: .greatestFiniteMagnitude / 4) }
            top = lambdaMax(gradient: probe.gradient, weights: weights, l1Ratio: parameters.l1Ratio)
        }
        var grid = [lambda]
        if lambda < top {
            let steps = warmStartSteps
            let floor = max(lambda, top * 1e-6)
            grid = (0..<steps).map { top * pow(floor / top, Double($0) / Double(steps)) } + [lambda]
        }
        let path = try ElasticNetPath.fit(design: design, parameters: parameters, lambdas: .values(grid), featureNames: names)
        return path.model(at: path.lambdas.count - 1, targetName: targetName)
    }

    /// Warm-start points between λ_max and the requested λ.
    public static let warmStartSteps = 20
}
