import DataIO
import LinearAlgebra
import Modeling

/// Hyperparameters of ε-support vector regression. `fit` returns an immutable `SVR`.
///
/// Dual (LIBSVM's 2n-variable form), over (α, α*):
///
///     min ½(α − α*)ᵀK(α − α*) + εΣ(αᵢ + α*ᵢ) − Σzᵢ(αᵢ − α*ᵢ)
///     s.t. Σ(αᵢ − α*ᵢ) = 0,  0 ≤ αᵢ, α*ᵢ ≤ C.
public struct SVRParameters: Estimator {
    public var c: Double = 1
    /// Half-width ε ≥ 0 of the insensitive tube.
    public var epsilon = 0.1
    public var kernel = KernelParameters()
    public var tolerance = 1e-3
    public var cacheMegabytes: Double = 200
    public var shrinking = true
    /// Iteration cap; nil means max(10⁷, 200 n) (100 per dual variable, as LIBSVM).
    public var maximumIterations: Int?

    public init(c: Double = 1, epsilon: Double = 0.1, kernel: KernelParameters = KernelParameters(),
                tolerance: Double = 1e-3, cacheMegabytes: Double = 200, shrinking: Bool = true,
                maximumIterations: Int? = nil) {
        self.c = c
        self.epsilon = epsilon
        self.kernel = kernel
        self.tolerance = tolerance
        self.cacheMegabytes = cacheMegabytes
        self.shrinking = shrinking
        self.maximumIterations = maximumIterations
    }

    public func validate() throws {
        try validateCommon(c: c, tolerance: tolerance, cacheMegabytes: cacheMegabytes, maximumIterations: maximumIterations)
        try kernel.validate()
        if !(epsilon >= 0) || !epsilon.isFinite {
            throw LagrangeError.invalidParameter(name: "epsilon", value: "\(epsilon)", requirement: "must be a finite number ≥ 0")
        }
    }

    /// Fits on a dataset with a numeric target.
    public func fit(_ dataset: Dataset, context: ExecutionContext) throws -> SVR {
        try fit(dataset.features, targets: try SVMRegressionInput.targets(of: dataset), featureNames: dataset.featureNames,
                targetName: dataset.targetName, context: context)
    }

    /// Fits on features `x` (one sample per row) and targets z; the threads of `context` go to
    /// the kernel columns. Progress events: stage "smo", step = iteration, measure = the KKT
    /// violation.
    ///
    /// `sampleWeights` (one finite weight > 0 per row, or nil) give each sample its own box, as
    /// scikit-learn's `SVR.fit(sample_weight=)`: the primal is ½‖w‖² + Σᵢ Cᵢ max(0, |zᵢ − f(xᵢ)| − ε)
    /// with Cᵢ = C·sᵢ, so 0 ≤ αᵢ, α*ᵢ ≤ Cᵢ in the dual and the certificate's loss carries the same
    /// Cᵢ. Weights are used as given (an integer weight k is k copies of the sample).
    public func fit(_ x: Matrix, targets z: [Double], sampleWeights: [Double]? = nil, featureNames: [String]? = nil,
                    targetName: String? = nil, context: ExecutionContext = ExecutionContext()) throws -> SVR {
        try validate()
        try SVMRegressionInput.check(x, targets: z, featureNames: featureNames)
        try SVMSampleWeights.check(sampleWeights, rows: x.rows)
        let n = x.rows
        let kernel = self.kernel.resolve(for: x)
        let linearTerm = z.map { epsilon - $0 } + z.map { epsilon + $0 }
        let labels = [Double](repeating: 1, count: n) + [Double](repeating: -1, count: n)
        let sampleBounds = sampleWeights.map { $0.map { c * $0 } } ?? [Double](repeating: c, count: n)
        let bounds = sampleBounds + sampleBounds
        let problem = DualProblem(q: RegressionQ(x, kernel: kernel, cacheBytes: cacheBudgetBytes(megabytes: cacheMegabytes),
                                                  columnThreads: context.threads),
                                  linearTerm: linearTerm, labels: labels, upperBounds: bounds,
                                  initialAlpha: [Double](repeating: 0, count: 2 * n))
        let settings = SolverSettings(tolerance: tolerance, shrinking: shrinking,
                                      maximumIterations: maximumIterations ?? defaultIterationCap(2 * n),
                                      progress: context.progress.map { sink in
                                          { sink(ProgressEvent(stage: "smo", step: $0, measure: $1)) }
                                      })
        let solution = SMOSolver(problem, settings: settings).solve()
        return try assemble(solution, x: x, targets: z, kernel: kernel, linearTerm: linearTerm,
                            sampleBounds: sampleWeights == nil ? nil : sampleBounds, featureNames: featureNames,
                            targetName: targetName)
    }

    /// The model at the solution of the 2n-variable dual with box C = `self.c` (or Cᵢ =
    /// `sampleBounds[i]` for αᵢ and α*ᵢ) and linear term p = (ε − z, ε + z): coefficients
    /// βₜ = αₜ − α*ₜ, intercept −ρ, and the certificate.
    func assemble(_ solution: DualSolution, x: Matrix, targets z: [Double], kernel: Kernel, linearTerm: [Double],
                  sampleBounds: [Double]? = nil, featureNames: [String]?, targetName: String?) throws -> SVR {
        let n = x.rows
        // From ∇f = Qα + p: for t < n, (Qα)ₜ = Σⱼ K(xₜ, xⱼ)βⱼ = ∇ₜf − ε + zₜ, so f(xₜ) = that − ρ.
        let halfNormSquared = SVR.halfNormSquared(solution, linearTerm: linearTerm)
        var loss = 0.0
        for t in 0..<n {
            let fitted = solution.gradient[t] - epsilon + z[t] - solution.rho
            loss += (sampleBounds?[t] ?? c) * max(0, abs(z[t] - fitted) - epsilon)
        }
        let certificate = SVMCertificate(dualObjective: -solution.objective, primalObjective: halfNormSquared + loss,
                                         maximumKKTViolation: solution.maximumViolation, tolerance: tolerance,
                                         iterations: solution.iterations, solverConverged: solution.converged)
        try requireFiniteSolve([certificate], kernel: kernel)
        return SVR.machine(alpha: solution.alpha, x: x, kernel: kernel, c: c, sampleBounds: sampleBounds, epsilon: epsilon,
                           intercept: -solution.rho, featureNames: featureNames, targetName: targetName, certificate: certificate)
    }
}

extension SVR {
    /// ½‖w‖² = ½ αᵀQα of a 2n-variable regression dual, from ∇f = Qα + p (no kernel work).
    static func halfNormSquared(_ solution: DualSolution, linearTerm: [Double]) -> Double {
        var sum = 0.0
        for t in solution.alpha.indices { sum += solution.alpha[t] * (solution.gradient[t] - linearTerm[t]) }
        return sum / 2
    }

    /// The machine of a 2n-variable regression dual α = (α, α*) with box C (ε-SVR and ν-SVR), or
    /// Cₜ = `sampleBounds[t]` (weighted ε-SVR): βₜ = αₜ − α*ₜ on the samples with βₜ ≠ 0, free
    /// (|β| < Cₜ) and bounded counts, and w = Σ βₜxₜ for the linear kernel.
    static func machine(alpha: [Double], x: Matrix, kernel: Kernel, c: Double, sampleBounds: [Double]? = nil, epsilon: Double,
                        intercept: Double, featureNames: [String]?, targetName: String?, certificate: SVMCertificate) -> SVR {
        let n = x.rows
        var supportIndices: [Int] = [], coefficients: [Double] = []
        var free = 0, bounded = 0
        for t in 0..<n {
            let beta = alpha[t] - alpha[t + n]
            guard beta != 0 else { continue }
            supportIndices.append(t)
            coefficients.append(beta)
            if abs(beta) < sampleBounds?[t] ?? c { free += 1 } else { bounded += 1 }
        }
        let supportVectors = SupportVectors(indices: supportIndices, from: x)
        var weights: [Double]?
        if kernel == .linear {
            var w = [Double](repeating: 0, count: x.columns)
            for (position, beta) in coefficients.enumerated() {
                for j in 0..<x.columns { w[j] += beta * supportVectors.values[position * x.columns + j] }
            }
            weights = w
        }
        return SVR(kernel: kernel, c: c, epsilon: epsilon, featureNames: featureNames ?? (1...x.columns).map { "x\($0)" },
                   targetName: targetName, sampleCount: n, supportVectors: supportVectors, dualCoefficients: coefficients,
                   intercept: intercept, primalWeights: weights, freeSupportVectors: free,
                   boundedSupportVectors: bounded, certificate: certificate)
    }
}

/// A fitted ε-SVR: f(x) = Σₖ βₖK(svₖ, x) + b with βₖ = αₖ − α*ₖ and b = −ρ. Immutable;
/// `Codable` and a `PersistableModel` (kind `svr`).
public struct SVR: Codable, Equatable, Sendable {
    public let kernel: Kernel
    public let c: Double
    public let epsilon: Double
    public let featureNames: [String]
    public let targetName: String?
    /// Training samples.
    public let sampleCount: Int
    public let supportVectors: SupportVectors
    /// βₖ = αₖ − α*ₖ for each support vector.
    public let dualCoefficients: [Double]
    public let intercept: Double
    /// w = Σ βₖxₖ, for the linear kernel only.
    public let primalWeights: [Double]?
    /// Support vectors with 0 < |β| < C, and with |β| = C.
    public let freeSupportVectors: Int
    public let boundedSupportVectors: Int
    public let certificate: SVMCertificate

    /// f(x) for the rows of `x`.
    public func predict(_ x: Matrix) throws -> [Double] {
        try kernel.expansion(x, supportVectors: supportVectors, coefficients: dualCoefficients, intercept: intercept)
    }
}
