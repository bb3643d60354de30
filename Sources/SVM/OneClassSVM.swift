import DataIO
import LinearAlgebra
import Modeling

/// Hyperparameters of the one-class SVM (Schölkopf et al. 2001), a novelty detector trained on
/// unlabelled rows; `fit` returns an immutable `OneClassSVM`.
///
/// LIBSVM's scaled dual over the n samples:
///
///     min ½αᵀKα  s.t.  eᵀα = νn,  0 ≤ αᵢ ≤ 1,
///
/// the dual of  min ½‖w‖² − νn·ρ + Σξᵢ  s.t.  wᵀφ(xᵢ) ≥ ρ − ξᵢ,  ξ ≥ 0. With every label +1 the
/// one equality constraint is the usual yᵀα = Δ, so the standard SMO solves it; ρ comes from the
/// free variables. ν ∈ (0, 1] bounds the fraction of training rows outside (decision < 0) from
/// above and of support vectors from below.
public struct OneClassSVMParameters: Estimator {
    public var nu: Double = 0.5
    public var kernel = KernelParameters()
    public var tolerance = 1e-3
    public var cacheMegabytes: Double = 200
    public var shrinking = true
    /// Iteration cap; nil means max(10⁷, 100 n).
    public var maximumIterations: Int?

    public init(nu: Double = 0.5, kernel: KernelParameters = KernelParameters(), tolerance: Double = 1e-3,
                cacheMegabytes: Double = 200, shrinking: Bool = true, maximumIterations: Int? = nil) {
        self.nu = nu
        self.kernel = kernel
        self.tolerance = tolerance
        self.cacheMegabytes = cacheMegabytes
        self.shrinking = shrinking
        self.maximumIterations = maximumIterations
    }

    public func validate() throws {
        try validateNu(nu)
        try validateCommon(c: 1, tolerance: tolerance, cacheMegabytes: cacheMegabytes, maximumIterations: maximumIterations)
        try kernel.validate()
    }

    /// Fits on the dataset's features (a target column, if any, is not used).
    public func fit(_ dataset: Dataset, context: ExecutionContext) throws -> OneClassSVM {
        try fit(dataset.features, featureNames: dataset.featureNames, context: context)
    }

    /// Fits on the rows of `x`; the threads of `context` go to the kernel columns.
    public func fit(_ x: Matrix, featureNames: [String]? = nil, context: ExecutionContext = ExecutionContext()) throws -> OneClassSVM {
        try validate()
        guard x.rows >= 2, x.columns >= 1 else {
            throw LagrangeError.notEnoughSamples("an SVM needs at least 2 samples and 1 feature, got \(x.rows) × \(x.columns)")
        }
        try x.requireFinite("the training data", featureNames: featureNames)
        let n = x.rows
        let kernel = self.kernel.resolve(for: x)
        // LIBSVM's feasible start: samples in order at 1 until the sum reaches νn (`startingSum`),
        // the last one at the remainder.
        var remaining = startingSum(nu, count: n)
        var start = [Double](repeating: 0, count: n)
        for i in 0..<n where remaining > 0 {
            start[i] = min(1, remaining)
            remaining -= start[i]
        }
        let ones = [Double](repeating: 1, count: n)
        let q = ClassificationQ(x, indices: Array(0..<n), labels: ones, kernel: kernel,
                                cacheBytes: cacheBudgetBytes(megabytes: cacheMegabytes), columnThreads: context.threads)
        let problem = DualProblem(q: q, linearTerm: [Double](repeating: 0, count: n), labels: ones, upperBounds: ones,
                                  initialAlpha: start)
        let settings = SolverSettings(tolerance: tolerance, shrinking: shrinking,
                                      maximumIterations: maximumIterations ?? defaultIterationCap(n),
                                      progress: context.progress.map { sink in
                                          { sink(ProgressEvent(stage: "smo", step: $0, measure: $1)) }
                                      })
        let solution = SMOSolver(problem, settings: settings).solve()

        // ∇f = Kα, so ½‖w‖² = ½αᵀ∇f and wᵀφ(xᵢ) = ∇ᵢf; ξᵢ = max(0, ρ − ∇ᵢf). Gap scale
        // (`SVMCertificate.gapScale`): the box 1 on n samples plus Σα.
        var halfNormSquared = 0.0, slack = 0.0
        for i in 0..<n {
            halfNormSquared += solution.alpha[i] * solution.gradient[i]
            slack += max(0, solution.rho - solution.gradient[i])
        }
        halfNormSquared /= 2
        let certificate = SVMCertificate(dualObjective: -halfNormSquared,
                                         primalObjective: halfNormSquared - nu * Double(n) * solution.rho + slack,
                                         maximumKKTViolation: solution.maximumViolation, tolerance: tolerance,
                                         iterations: solution.iterations, solverConverged: solution.converged,
                                         gapScale: Double(n) + solution.alpha.reduce(0, +))
        try requireFiniteSolve([certificate], kernel: kernel)
        let supportIndices = (0..<n).filter { solution.alpha[$0] > 0 }
        let coefficients = supportIndices.map { solution.alpha[$0] }
        let free = coefficients.filter { $0 < 1 }.count
        return OneClassSVM(nu: nu, kernel: kernel, featureNames: featureNames ?? (1...x.columns).map { "x\($0)" },
                           sampleCount: n, supportVectors: SupportVectors(indices: supportIndices, from: x),
                           dualCoefficients: coefficients, intercept: -solution.rho, freeSupportVectors: free,
                           boundedSupportVectors: coefficients.count - free, certificate: certificate)
    }
}

/// A fitted one-class SVM: g(x) = Σₖ αₖK(svₖ, x) − ρ; a row is an inlier (+1) when g(x) > 0
/// and an outlier (−1) otherwise (LIBSVM's rule, and scikit-learn's `OneClassSVM.predict`).
/// Immutable; `Codable` and a `PersistableModel` (kind `one-class-svm`).
public struct OneClassSVM: Codable, Equatable, Sendable {
    public let nu: Double
    public let kernel: Kernel
    public let featureNames: [String]
    public let sampleCount: Int
    public let supportVectors: SupportVectors
    /// αₖ ∈ (0, 1] for each support vector (scikit-learn's `dual_coef_`).
    public let dualCoefficients: [Double]
    /// −ρ (scikit-learn's `intercept_`).
    public let intercept: Double
    /// Support vectors with α < 1, and with α = 1.
    public let freeSupportVectors: Int
    public let boundedSupportVectors: Int
    public let certificate: SVMCertificate

    /// g(x) for the rows of `x` (scikit-learn's `decision_function`).
    public func decisionFunction(_ x: Matrix) throws -> [Double] {
        try kernel.expansion(x, supportVectors: supportVectors, coefficients: dualCoefficients, intercept: intercept)
    }

    /// +1 (inlier) where g(x) > 0, −1 (outlier) elsewhere.
    public func predict(_ x: Matrix) throws -> [Double] {
        try decisionFunction(x).map { $0 > 0 ? 1 : -1 }
    }
}

extension OneClassSVM: Model {
    public var targetName: String? { nil }
    public var hasDecisionValues: Bool { true }

    /// `prediction` (+1 inlier, −1 outlier); with `decision`, `decision` = g(x).
    public func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn] {
        let values = try decisionFunction(x)
        var columns = [OutputColumn("prediction", .text(values.map { $0 > 0 ? "1" : "-1" }))]
        if decision { columns.append(OutputColumn("decision", .numbers(values))) }
        return columns
    }

    public var modelDescription: ModelDescription {
        ModelDescription(
            kind: Self.modelKind, title: "one-class SVM, kernel \(kernel.summary), nu = \(nu)",
            samples: sampleCount, features: featureNames, target: nil,
            facts: [.init("support vectors", .text("\(supportVectors.count) of \(sampleCount) (\(freeSupportVectors) free, \(boundedSupportVectors) at α = 1)")),
                    .init("rho", .number(-intercept))])
    }
}

extension OneClassSVM: PersistableModel {
    public static let modelKind = "one-class-svm"
    public static let modelVersion = 1

    /// Sizes agree, every α is in (0, 1], every number is finite, ν and the kernel are legal.
    public func validate() throws {
        try validateNu(nu)
        try supportVectors.validate()
        try kernel.validate()
        guard dualCoefficients.count == supportVectors.count, featureNames.count == supportVectors.featureCount, sampleCount >= 2,
              freeSupportVectors >= 0, boundedSupportVectors >= 0, freeSupportVectors + boundedSupportVectors == supportVectors.count else {
            throw LagrangeError.shapeMismatch("the model's coefficients, support vectors and features do not agree in number")
        }
        try requireFiniteValues(dualCoefficients + [intercept], "the model's coefficients")
        guard dualCoefficients.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
            throw LagrangeError.invalidData("a one-class SVM's coefficients must lie in (0, 1]")
        }
    }
}
