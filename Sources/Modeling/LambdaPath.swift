/// A fitted path over a decreasing λ grid, whatever the loss: the Gaussian elastic net and ridge
/// (`RegularizationPath` in LinearModels refines it) and the logistic paths (LinearClassifiers).
/// Tables and reports read any path through it.
public protocol LambdaPath: Sendable {
    associatedtype PathCertificate: Certificate
    /// The λ values, decreasing.
    var lambdas: [Double] { get }
    var featureNames: [String] { get }
    /// Original-scale coefficients, one row per λ (for a model with several linear predictors,
    /// such as the multinomial, the path of each is in the family's own accessors).
    var coefficients: [[Double]] { get }
    /// The original-scale coefficients of grid point `index` (a path that stores its coefficients
    /// sparsely builds this one row only; the default reads `coefficients`).
    func coefficients(at index: Int) -> [Double]
    var intercepts: [Double] { get }
    /// The fraction of the null deviance explained at each λ.
    var devianceExplained: [Double] { get }
    /// The certificate at each λ.
    var certificates: [PathCertificate] { get }
    /// Further per-λ columns a path has (the ridge path's leave-one-out and GCV errors).
    var diagnostics: [PathDiagnostic] { get }
    /// Non-zero coefficients at each λ (requirements, so a sparse path answers from its storage).
    var nonzeroCounts: [Int] { get }
    /// ‖β‖₁ at each λ (original scale).
    var l1Norms: [Double] { get }
    /// ‖β‖₂ at each λ (original scale).
    var l2Norms: [Double] { get }
}

/// A named per-λ column of a path.
public struct PathDiagnostic: Sendable {
    /// The column name in tables (`loo_mse`), and a short title (`LOO MSE`).
    public let name: String
    public let title: String
    public let values: [Double]
    /// Whether the values count something (printed as integers).
    public let isCount: Bool
    /// Whether tables show the column after the certificate's (a count of screened features
    /// reads best beside the gap that proved them zero).
    public let followsCertificate: Bool

    public init(name: String, title: String, values: [Double], isCount: Bool = false, followsCertificate: Bool = false) {
        self.name = name
        self.title = title
        self.values = values
        self.isCount = isCount
        self.followsCertificate = followsCertificate
    }
}

extension LambdaPath {
    public func coefficients(at index: Int) -> [Double] { coefficients[index] }
    /// Non-zero coefficients at each λ.
    public var nonzeroCounts: [Int] { coefficients.map { $0.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } } }
    /// ‖β‖₁ at each λ (original scale).
    public var l1Norms: [Double] { coefficients.map { $0.reduce(0) { $0 + abs($1) } } }
    /// ‖β‖₂ at each λ (original scale).
    public var l2Norms: [Double] { coefficients.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() } }
    /// Whether every λ's certificate converged.
    public var converged: Bool { certificates.allSatisfy(\.converged) }
}
