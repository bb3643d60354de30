import DataIO
import Foundation
import LinearAlgebra
import Modeling

/// A fitted penalized logistic model: immutable, `Codable`, saved as a versioned model file of
/// kind "logistic".
///
/// Binomial: one linear predictor η = b + xᵀβ, the log-odds of `classes[1]` against
/// `classes[0]` (glmnet's convention: the second level is the "success"); a row is predicted
/// `classes[1]` when η > 0. Multinomial: one predictor per class, P(k | x) ∝ exp(ηₖ).
public struct LogisticModel: ProbabilisticClassifier {
    public static let modelKind = "logistic"
    public static let modelVersion = 1

    public let family: LogisticFamily
    public let lambda: Double
    public let l1Ratio: Double
    public let standardize: Bool
    public let fitIntercept: Bool
    public let featureNames: [String]
    public let targetName: String?
    public let classes: [String]
    /// Original-scale coefficients: one row for the binomial model, one per class for the
    /// multinomial.
    public let coefficients: [[Double]]
    public let intercepts: [Double]
    public let penaltyFactors: [Double]
    public let certificate: LogisticCertificate
    public let sampleCount: Int
    public let crossValidation: ClassificationSelection?
    /// The multinomial penalty (nil for the binomial model, and in files written before it existed: ungrouped).
    public let multinomialPenalty: MultinomialPenalty?
    /// The coefficient limits the model was fitted under (original scale), nil for none (and in
    /// files written before they were saved).
    public let limits: CoefficientLimits?

    public init(family: LogisticFamily, lambda: Double, l1Ratio: Double, standardize: Bool, fitIntercept: Bool,
                featureNames: [String], targetName: String?, classes: [String], coefficients: [[Double]],
                intercepts: [Double], penaltyFactors: [Double], certificate: LogisticCertificate, sampleCount: Int,
                crossValidation: ClassificationSelection? = nil, multinomialPenalty: MultinomialPenalty? = nil,
                limits: CoefficientLimits? = nil) {
        self.family = family
        self.lambda = lambda
        self.l1Ratio = l1Ratio
        self.standardize = standardize
        self.fitIntercept = fitIntercept
        self.featureNames = featureNames
        self.targetName = targetName
        self.classes = classes
        self.coefficients = coefficients
        self.intercepts = intercepts
        self.penaltyFactors = penaltyFactors
        self.certificate = certificate
        self.sampleCount = sampleCount
        self.crossValidation = crossValidation
        self.multinomialPenalty = multinomialPenalty
        self.limits = limits
    }

    /// The same model with the cross-validation that selected it.
    public func selected(by selection: ClassificationSelection) -> LogisticModel {
        LogisticModel(family: family, lambda: lambda, l1Ratio: l1Ratio, standardize: standardize, fitIntercept: fitIntercept,
                      featureNames: featureNames, targetName: targetName, classes: classes, coefficients: coefficients,
                      intercepts: intercepts, penaltyFactors: penaltyFactors, certificate: certificate,
                      sampleCount: sampleCount, crossValidation: selection, multinomialPenalty: multinomialPenalty,
                      limits: limits)
    }

    /// Linear predictors, n × (1 for binomial, K for multinomial): column k is b_k + xᵀβ_k.
    public func decisionFunction(_ x: Matrix) throws -> Matrix {
        guard x.columns == featureNames.count else {
            throw LagrangeError.shapeMismatch("model has \(featureNames.count) features, data has \(x.columns)")
        }
        let b = try Matrix(rows: coefficients.count, columns: x.columns, storage: coefficients.flatMap { $0 })
        var eta = try BLAS.multiply(x, .none, b, .transposed)   // n × m
        eta.storage.withUnsafeMutableBufferPointer { e in
            for i in 0..<x.rows {
                for k in intercepts.indices { e[i * intercepts.count + k] += intercepts[k] }
            }
        }
        return eta
    }

    /// n × K class probabilities: binomial (1 − σ(η), σ(η)); multinomial the softmax of the ηₖ.
    public func probabilities(_ x: Matrix) throws -> Matrix {
        let eta = try decisionFunction(x)
        let k = classes.count
        var out = Matrix(rows: x.rows, columns: k)
        for i in 0..<x.rows {
            if family == .binomial {
                let p = LogisticFunctions.sigmoid(eta[i, 0])
                out[i, 0] = 1 - p
                out[i, 1] = p
            } else {
                let largest = (0..<k).map { eta[i, $0] }.max()!
                var total = 0.0
                for c in 0..<k { total += exp(eta[i, c] - largest) }
                for c in 0..<k { out[i, c] = exp(eta[i, c] - largest) / total }
            }
        }
        return out
    }

    /// The class of each row: binomial `classes[1]` when η > 0; multinomial the largest ηₖ
    /// (the first on ties).
    public func predict(_ x: Matrix) throws -> [String] {
        let eta = try decisionFunction(x)
        return (0..<x.rows).map { i in
            if family == .binomial { return classes[eta[i, 0] > 0 ? 1 : 0] }
            var best = 0
            for c in 1..<classes.count where eta[i, c] > eta[i, best] { best = c }
            return classes[best]
        }
    }

    public var nonzeroCount: Int { coefficients.reduce(0) { $0 + $1.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } } }
}

/// The cross-validation record kept with a classifier selected by it.
public struct ClassificationSelection: Codable, Sendable, Equatable {
    public let folds: Int
    public let seed: UInt64
    /// "deviance", "misclassification" or "auc".
    public let measure: String
    public let lambdaMin: Double
    public let lambda1SE: Double
    /// "min" or "1se".
    public let rule: String
    public let meanError: Double
    public let standardError: Double

    public init(folds: Int, seed: UInt64, measure: String, lambdaMin: Double, lambda1SE: Double, rule: String,
                meanError: Double, standardError: Double) {
        self.folds = folds
        self.seed = seed
        self.measure = measure
        self.lambdaMin = lambdaMin
        self.lambda1SE = lambda1SE
        self.rule = rule
        self.meanError = meanError
        self.standardError = standardError
    }
}
