import DataIO
import LinearAlgebra
import Modeling

/// A fitted Gaussian regularization path: one model per λ of a decreasing grid, each with its
/// certificate. The elastic-net path (coordinate descent) and the ridge path (one
/// decomposition) conform, so programs, the command line and the reports handle both alike.
/// The per-λ quantities every path shares (λ, coefficients, deviance, certificates) are those
/// of `LambdaPath` (Modeling), which the logistic paths also conform to.
public protocol RegularizationPath: LambdaPath {
    /// Which member of the family (lasso, ridge, enet).
    var family: LinearModelFamily { get }
    /// Coefficients on the standardized scale the problem is solved on.
    var standardizedCoefficients: [[Double]] { get }
    /// Predictions of every λ for the rows of `x`: result[l][i].
    func predict(_ x: Matrix) throws -> [[Double]]
    /// The fitted model at grid point `index`.
    func model(at index: Int, targetName: String?) -> LinearModel
}

extension ElasticNetPath: RegularizationPath {
    public var family: LinearModelFamily { parameters.family }
    /// The features gap-safe screening proved zero at each λ.
    public var diagnostics: [PathDiagnostic] {
        [PathDiagnostic(name: "screened", title: "screened", values: screenedCounts.map(Double.init), isCount: true, followsCertificate: true)]
    }
}

extension RidgePath: RegularizationPath {
    public var family: LinearModelFamily { .ridge }
    /// LOO and GCV errors (a path from sufficient statistics has no rows, hence no LOO).
    public var diagnostics: [PathDiagnostic] {
        (leaveOneOutErrors.isEmpty ? [] : [PathDiagnostic(name: "loo_mse", title: "LOO MSE", values: leaveOneOutErrors)])
            + [PathDiagnostic(name: "gcv_mse", title: "GCV MSE", values: generalizedCrossValidationErrors)]
    }
}

/// The hyperparameters of a path: the penalty and the λ grid. `fit` returns the ridge path for
/// l1-ratio 0 (one decomposition, every λ in closed form, with exact leave-one-out), the
/// elastic-net path otherwise.
public struct PathParameters: Sendable {
    public var penalty: ElasticNetParameters
    public var lambdas: LambdaGrid

    public init(penalty: ElasticNetParameters, lambdas: LambdaGrid = .automatic()) {
        self.penalty = penalty
        self.lambdas = lambdas
    }

    /// Throws for a penalty the ridge path cannot take (penalty factors).
    public func validate() throws {
        if penalty.l1Ratio == 0, penalty.penaltyFactors != nil {
            throw LagrangeError.invalidParameter(name: "penaltyFactors", value: "given",
                                                 requirement: "the ridge path (l1Ratio 0) takes no penalty factors")
        }
    }

    /// Fits the path on the features and numeric target of `dataset`.
    public func fit(_ dataset: Dataset, context: ExecutionContext = ExecutionContext()) throws -> any RegularizationPath {
        try fit(x: dataset.features, y: try regressionTarget(dataset), featureNames: dataset.featureNames, context: context)
    }

    /// Fits the path on a dataset stored column by column. The elastic-net path takes the
    /// dataset's storage for its design when the caller hands the dataset over (`consume`); the
    /// ridge path works on the row-major matrix (one transposition).
    public func fit(_ dataset: consuming ColumnDataset, sampleWeights: [Double]? = nil,
                    context: ExecutionContext = ExecutionContext()) throws -> any RegularizationPath {
        try validate()
        let (y, names) = (dataset.target, dataset.featureNames)
        if penalty.l1Ratio == 0 {
            return try RidgePath.fit(x: dataset.columns.transposed, y: y, sampleWeights: sampleWeights, standardize: penalty.standardize,
                                     fitIntercept: penalty.fitIntercept, lambdas: lambdas, featureNames: names)
        }
        let columns = dataset.columns
        dataset.columns = Matrix.zeros(0, 0)   // `columns` is now the only reference to the storage
        return try ElasticNetPath.fit(columns: consume columns, y: y, sampleWeights: sampleWeights, parameters: penalty,
                                      lambdas: lambdas, featureNames: names, context: context)
    }

    /// Fits the path of `x` against `y`.
    public func fit(x: Matrix, y: [Double], sampleWeights: [Double]? = nil, featureNames: [String]? = nil,
                    context: ExecutionContext = ExecutionContext()) throws -> any RegularizationPath {
        try validate()
        if penalty.l1Ratio == 0 {
            return try RidgePath.fit(x: x, y: y, sampleWeights: sampleWeights, standardize: penalty.standardize,
                                     fitIntercept: penalty.fitIntercept, lambdas: lambdas, featureNames: featureNames)
        }
        return try ElasticNetPath.fit(x: x, y: y, sampleWeights: sampleWeights, parameters: penalty, lambdas: lambdas,
                                      featureNames: featureNames, context: context)
    }
}

/// The hyperparameters of one penalized linear model: the penalty and λ. The path is the
/// engine (`LinearRegression.fit`); `family` labels the model (default: from the l1-ratio).
public struct LinearModelParameters: Estimator {
    public var lambda: Double
    public var penalty: ElasticNetParameters
    public var family: LinearModelFamily

    public init(lambda: Double, penalty: ElasticNetParameters, family: LinearModelFamily? = nil) {
        self.lambda = lambda
        self.penalty = penalty
        self.family = family ?? penalty.family
    }

    public func validate() throws {
        try validateLambda(lambda)
        guard family == .enet || family == penalty.family else {
            throw LagrangeError.invalidParameter(name: "family", value: family.rawValue,
                                                 requirement: "must match l1Ratio \(penalty.l1Ratio) (lasso is 1, ridge is 0)")
        }
    }

    public func fit(_ dataset: Dataset, context: ExecutionContext) throws -> LinearModel {
        try fit(x: dataset.features, y: try regressionTarget(dataset), featureNames: dataset.featureNames,
                targetName: dataset.targetName, context: context)
    }

    public func fit(x: Matrix, y: [Double], sampleWeights: [Double]? = nil, featureNames: [String]? = nil, targetName: String? = nil,
                    context: ExecutionContext = ExecutionContext()) throws -> LinearModel {
        try validate()
        return try LinearRegression.fit(x: x, y: y, sampleWeights: sampleWeights, lambda: lambda, parameters: penalty, featureNames: featureNames,
                                        targetName: targetName).labelled(family)
    }
}

/// The numeric target of a dataset, or a clear error.
func regressionTarget(_ dataset: Dataset) throws -> [Double] {
    guard let y = dataset.targetValues else {
        throw LagrangeError.invalidData("\(dataset.source): a linear model needs a numeric target column")
    }
    return y
}
