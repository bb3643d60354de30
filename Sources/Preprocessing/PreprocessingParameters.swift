import LinearAlgebra

/// What to do with a missing cell among the columns a model uses.
public enum MissingValueStrategy: String, Sendable, Codable, CaseIterable {
    /// Refuse it, naming the file, line and column (the default, and the behaviour before
    /// preprocessing existed).
    case fail
    /// Leave out every row with a missing cell among the feature and target columns (R's
    /// `na.omit`); at predict time such a row gets an empty prediction.
    case omit
    /// Numeric columns: the training mean. Text columns: the most frequent training level.
    case mean
    /// Numeric columns: the training median (the mean of the middle two for an even count, as
    /// `numpy.median`). Text columns: the most frequent training level.
    case median
    /// Every column: its most frequent training value; a tie goes to the smallest number, or to
    /// the first level in code-point order (scikit-learn's `SimpleImputer`).
    case mostFrequent = "most-frequent"

    /// Whether missing cells are filled in.
    public var imputes: Bool { self == .mean || self == .median || self == .mostFrequent }
}

/// How text feature columns become numbers.
public enum CategoricalEncoding: Sendable, Equatable, Codable {
    /// Text columns are refused (all named at once).
    case none
    /// One 0/1 column `column=level` per level, levels in code-point order of their text (as
    /// scikit-learn's `OneHotEncoder` sorts them). With `dropFirst`, the first level gets no
    /// column (R's treatment contrasts), so a model with an intercept stays identifiable.
    case oneHot(dropFirst: Bool)
}

/// What `transform` does with a level of a text column that training never saw.
public enum UnknownLevelPolicy: String, Sendable, Codable, CaseIterable {
    /// Throw, naming the row, column and value.
    case error
    /// Encode it as all zeros (scikit-learn's `handle_unknown='ignore'`).
    case ignore
}

/// How the encoded columns are rescaled, after imputation and encoding.
public enum ScalingMethod: String, Sendable, Codable, CaseIterable {
    case none
    /// z = (x − mean) / sd. A column that is constant in training gets scale 1 (so it becomes 0),
    /// as scikit-learn's `StandardScaler`.
    case standard
    /// z = −1 + 2 (x − min) / (max − min), to [−1, 1] as LIBSVM's `svm-scale`; a constant column
    /// becomes 0.
    case minMax = "minmax"
}

/// The denominator of the standard deviation that `ScalingMethod.standard` divides by.
public enum StandardDeviationConvention: String, Sendable, Codable, CaseIterable {
    /// √(Σ(x − x̄)²/n): scikit-learn's `StandardScaler`, glmnet's standardization.
    case population
    /// √(Σ(x − x̄)²/(n − 1)): R's `scale()`; with it the covariance of the scaled data is the
    /// correlation matrix, so PCA on it is R's `prcomp(scale. = TRUE)`.
    case sample
}

/// The hyperparameters of preprocessing, checked once by `validate()`. The defaults change
/// nothing: missing cells fail, text columns fail, no scaling.
public struct PreprocessingParameters: Sendable, Equatable {
    public var missing: MissingValueStrategy
    public var encoding: CategoricalEncoding
    public var unknownLevels: UnknownLevelPolicy
    public var scaling: ScalingMethod
    public var standardDeviation: StandardDeviationConvention

    public init(missing: MissingValueStrategy = .fail, encoding: CategoricalEncoding = .none,
                unknownLevels: UnknownLevelPolicy = .error, scaling: ScalingMethod = .none,
                standardDeviation: StandardDeviationConvention = .population) {
        self.missing = missing
        self.encoding = encoding
        self.unknownLevels = unknownLevels
        self.scaling = scaling
        self.standardDeviation = standardDeviation
    }

    /// Whether these parameters leave numeric, complete data exactly as it is.
    public var isIdentity: Bool { missing == .fail && encoding == .none && scaling == .none }

    /// Throws for combinations that mean nothing: an unknown-level policy other than the
    /// default without one-hot encoding, a sample standard deviation without standard scaling.
    public func validate() throws {
        if unknownLevels != .error, encoding == .none {
            throw LagrangeError.invalidParameter(name: "unknownLevels", value: unknownLevels.rawValue,
                                                 requirement: "applies only with one-hot encoding (encoding: .oneHot)")
        }
        if standardDeviation != .population, scaling != .standard {
            throw LagrangeError.invalidParameter(name: "standardDeviation", value: standardDeviation.rawValue,
                                                 requirement: "applies only with standard scaling (scaling: .standard)")
        }
    }
}
