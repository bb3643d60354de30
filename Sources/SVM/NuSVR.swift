import DataIO
import LinearAlgebra
import Modeling

/// Hyperparameters of ν-support vector regression (Schölkopf et al. 2000); `fit` returns an
/// immutable `NuSVR`. Instead of the tube half-width ε, ν ∈ (0, 1] bounds the fraction of
/// samples outside the tube from above and of support vectors from below; ε is fitted.
///
/// LIBSVM's dual over (α, α*) for n samples (2n variables, labels (e, −e) as in ε-SVR):
///
///     min ½(α − α*)ᵀK(α − α*) − zᵀ(α − α*)
///     s.t. Σ(αᵢ − α*ᵢ) = 0,  Σ(αᵢ + α*ᵢ) = C·ν·n,  0 ≤ αᵢ, α*ᵢ ≤ C,
///
/// the dual of  min ½‖w‖² + C(νn·ε + Σ(ξᵢ + ξ*ᵢ))  over the ε-tube constraints. The two
/// equalities fix Σα and Σα* at Cνn/2 each, so SMO moves same-label pairs only; from the free
/// variables, ρ = (r₊ − r₋)/2 gives b = −ρ and ε = −(r₊ + r₋)/2.
public struct NuSVRParameters: Estimator {
    public var nu: Double = 0.5
    public var c: Double = 1
    public var kernel = KernelParameters()
    public var tolerance = 1e-3
    public var cacheMegabytes: Double = 200
    public var shrinking = true
    /// Iteration cap; nil means max(10⁷, 200 n).
    public var maximumIterations: Int?

    public init(nu: Double = 0.5, c: Double = 1, kernel: KernelParameters = KernelParameters(), tolerance: Double = 1e-3,
                cacheMegabytes: Double = 200, shrinking: Bool = true, maximumIterations: Int? = nil) {
        self.nu = nu
        self.c = c
        self.kernel = kernel
        self.tolerance = tolerance
        self.cacheMegabytes = cacheMegabytes
        self.shrinking = shrinking
        self.maximumIterations = maximumIterations
    }

    public func validate() throws {
        try validateNu(nu)
        try validateCommon(c: c, tolerance: tolerance, cacheMegabytes: cacheMegabytes, maximumIterations: maximumIterations)
        try kernel.validate()
    }

    /// Fits on a dataset with a numeric target.
    public func fit(_ dataset: Dataset, context: ExecutionContext) throws -> NuSVR {
        try fit(dataset.features, targets: try SVMRegressionInput.targets(of: dataset), featureNames: dataset.featureNames,
                targetName: dataset.targetName, context: context)
    }

    /// Fits on features `x` and targets z; the threads of `context` go to the kernel columns.
    public func fit(_ x: Matrix, targets z: [Double], featureNames: [String]? = nil, targetName: String? = nil,
                    context: ExecutionContext = ExecutionContext()) throws -> NuSVR {
        try validate()
        try SVMRegressionInput.check(x, targets: z, featureNames: featureNames)
        let n = x.rows
        let kernel = self.kernel.resolve(for: x)
        // LIBSVM's feasible start: αᵢ = α*ᵢ = min(C, what is left of Cνn/2), in sample order
        // (Cνn as `startingSum` forms it).
        var remaining = startingSum(c * nu, count: n) / 2
        var half = [Double](repeating: 0, count: n)
        for i in 0..<n {
            half[i] = min(remaining, c)
            remaining -= half[i]
        }
        let linearTerm = z.map { -$0 } + z
        let labels = [Double](repeating: 1, count: n) + [Double](repeating: -1, count: n)
        let bounds = [Double](repeating: c, count: 2 * n)
        let problem = DualProblem(q: RegressionQ(x, kernel: kernel, cacheBytes: cacheBudgetBytes(megabytes: cacheMegabytes),
                                                  columnThreads: context.threads),
                                  linearTerm: linearTerm, labels: labels, upperBounds: bounds, initialAlpha: half + half)
        var settings = SolverSettings(tolerance: tolerance, shrinking: shrinking,
                                      maximumIterations: maximumIterations ?? defaultIterationCap(2 * n),
                                      progress: context.progress.map { sink in
                                          { sink(ProgressEvent(stage: "smo", step: $0, measure: $1)) }
                                      })
        settings.workingSetRule = .sameLabel
        let solution = SMOSolver(problem, settings: settings).solve()
        let thresholds = SameLabelThresholds(solution, labels: labels, upperBounds: bounds)
        let epsilon = -thresholds.r

        // (Kβ)ₜ = ∇ₜf + zₜ for t < n, so f(xₜ) = ∇ₜf + zₜ − ρ with no kernel work.
        let halfNormSquared = SVR.halfNormSquared(solution, linearTerm: linearTerm)
        var loss = 0.0
        for t in 0..<n {
            let fitted = solution.gradient[t] + z[t] - thresholds.rho
            loss += c * max(0, abs(z[t] - fitted) - epsilon)
        }
        let certificate = SVMCertificate(dualObjective: -solution.objective,
                                         primalObjective: halfNormSquared + c * nu * Double(n) * epsilon + loss,
                                         maximumKKTViolation: thresholds.maximumViolation, tolerance: tolerance,
                                         iterations: solution.iterations, solverConverged: solution.converged,
                                         gapScale: bounds.reduce(0, +) + solution.alpha.reduce(0, +))
        try requireFiniteSolve([certificate], kernel: kernel)
        return NuSVR(nu: nu, regression: SVR.machine(alpha: solution.alpha, x: x, kernel: kernel, c: c, epsilon: epsilon,
                                                     intercept: -thresholds.rho, featureNames: featureNames,
                                                     targetName: targetName, certificate: certificate))
    }
}

/// A fitted ν-SVR: f(x) = Σₖ βₖK(svₖ, x) + b, stored as the ε-SVR it equals, whose `epsilon`
/// is the fitted tube half-width. Immutable; `Codable` and a `PersistableModel` (kind `nu-svr`).
public struct NuSVR: Codable, Equatable, Sendable {
    public let nu: Double
    /// The fitted machine (C, the fitted ε, support vectors, β, b, the certificate of the ν problem).
    public let regression: SVR

    /// f(x) for the rows of `x`.
    public func predict(_ x: Matrix) throws -> [Double] { try regression.predict(x) }
}

extension NuSVR: Regressor {
    public var certificate: SVMCertificate { regression.certificate }
    public var featureNames: [String] { regression.featureNames }
    public var targetName: String? { regression.targetName }
    public var sampleCount: Int { regression.sampleCount }
    public var hasDecisionValues: Bool { false }

    /// `prediction`, f(x).
    public func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn] {
        [OutputColumn("prediction", .numbers(try predict(x)))]
    }

    public var modelDescription: ModelDescription {
        let r = regression
        return ModelDescription(
            kind: Self.modelKind, title: "ν-SVR, kernel \(r.kernel.summary), C = \(r.c), nu = \(nu)",
            samples: r.sampleCount, features: r.featureNames, target: r.targetName,
            facts: [.init("fitted epsilon", .number(r.epsilon)),
                    .init("support vectors", .text("\(r.supportVectors.count) of \(r.sampleCount) (\(r.freeSupportVectors) free, \(r.boundedSupportVectors) at their bound |βᵢ| = Cᵢ)")),
                    .init("intercept", .number(r.intercept))])
    }
}

extension NuSVR: PersistableModel {
    public static let modelKind = "nu-svr"
    public static let modelVersion = 1

    /// ν in (0, 1], then everything `SVR.validate` checks.
    public func validate() throws {
        try validateNu(nu)
        try regression.validate()
    }
}
