import DataIO
import LinearAlgebra
import Modeling

/// Hyperparameters of ν-support vector classification (Schölkopf et al. 2000); `fit` returns an
/// immutable `NuSVC`. One-vs-one for more than two classes, as `SVCParameters`.
///
/// Each binary machine solves LIBSVM's scaled dual over the pair's l samples (y = ±1):
///
///     min ½αᵀQα  s.t.  yᵀα = 0,  eᵀα = νl,  0 ≤ αₜ ≤ 1,     Qₜᵤ = yₜyᵤK(xₜ, xᵤ),
///
/// the dual of  min ½‖w‖² − νl·ρ' + Σξₜ  s.t.  yₜ(wᵀφ(xₜ) + b) ≥ ρ' − ξₜ,  ξ ≥ 0.
/// The two equality constraints fix Σα over each class at νl/2, so SMO moves pairs of the same
/// class only (`WorkingSetRule.sameLabel`). From the free variables, r₊ = ∇f on class +1 and
/// r₋ on class −1 give ρ' = r = (r₊ + r₋)/2 and b = −(r₊ − r₋)/2. Dividing α and b by r gives the
/// C-SVC machine with C = 1/r that has the same decision function up to the positive factor r
/// (Chang & Lin 2001), which is what the model stores and what LIBSVM and scikit-learn report.
/// ν ∈ (0, 1] bounds the fraction of margin errors from above and of support vectors from below.
public struct NuSVCParameters: Estimator {
    /// ν ∈ (0, 1]; for each pair of classes (sizes n₁, n₂) it must be ≤ 2·min(n₁, n₂)/(n₁ + n₂).
    public var nu: Double = 0.5
    public var kernel = KernelParameters()
    public var tolerance = 1e-3
    public var cacheMegabytes: Double = 200
    public var shrinking = true
    /// Iteration cap per machine; nil means max(10⁷, 100 l).
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

    /// Fits on a dataset whose target holds class labels.
    public func fit(_ dataset: Dataset, context: ExecutionContext) throws -> NuSVC {
        guard let (codes, encoding) = dataset.targetLabels else {
            throw LagrangeError.invalidData("\(dataset.source): a classifier needs a target column of class labels")
        }
        return try fit(dataset.features, labels: codes.map { encoding.classes[$0] },
                       featureNames: dataset.featureNames, targetName: dataset.targetName, context: context)
    }

    /// Fits on features `x` and class labels; machines run concurrently as in `SVCParameters.fit`.
    public func fit(_ x: Matrix, labels: [String], featureNames: [String]? = nil, targetName: String? = nil,
                    context: ExecutionContext = ExecutionContext()) throws -> NuSVC {
        try validate()
        guard labels.count == x.rows else {
            throw LagrangeError.shapeMismatch("\(x.rows) samples but \(labels.count) labels")
        }
        guard x.rows >= 2, x.columns >= 1 else {
            throw LagrangeError.notEnoughSamples("an SVM needs at least 2 samples and 1 feature, got \(x.rows) × \(x.columns)")
        }
        try x.requireFinite("the training data", featureNames: featureNames)
        let encoding = LabelEncoding(fitting: labels)
        guard encoding.count >= 2 else {
            throw LagrangeError.singleClass(encoding.classes.first)
        }
        let codes = encoding.encode(labels)!
        let k = encoding.count
        var members = [[Int]](repeating: [], count: k)
        for (index, code) in codes.enumerated() { members[code].append(index) }
        var pairs: [(Int, Int)] = []
        for first in 0..<k { for second in (first + 1)..<k { pairs.append((first, second)) } }
        for (first, second) in pairs {
            let (n1, n2) = (members[first].count, members[second].count)
            if nu * Double(n1 + n2) / 2 > Double(min(n1, n2)) {
                let limit = 2 * Double(min(n1, n2)) / Double(n1 + n2)
                throw LagrangeError.invalidParameter(
                    name: "nu", value: "\(nu)",
                    requirement: "is infeasible for classes '\(encoding.classes[first])' (\(n1) samples) and '\(encoding.classes[second])' (\(n2)): ν must be at most 2·min(n₁, n₂)/(n₁ + n₂) = \(limit)")
            }
        }
        let kernel = self.kernel.resolve(for: x)
        let cacheBytes = cacheBudgetBytes(megabytes: cacheMegabytes)
        let workers = min(pairs.count, context.threads)
        var solved = [SVCParameters.PairSolution?](repeating: nil, count: pairs.count)
        // Each iteration writes only its own slot of `solved`.
        solved.withUnsafeMutableBufferPointer { results in
            Parallel.forEach(pairs.count, threads: workers) { pairIndex in
                let report: ((Int, Double) -> Void)? = context.progress.map { sink in
                    { sink(ProgressEvent(stage: "smo", part: pairIndex, partCount: pairs.count, step: $0, measure: $1)) }
                }
                results[pairIndex] = self.solvePair(x, members: members, pair: pairs[pairIndex], kernel: kernel,
                                                    cacheBytes: cacheBytes / workers,
                                                    columnThreads: workers > 1 ? 1 : context.threads, progress: report)
            }
        }
        let solutions = solved.map { $0! }
        try requireFiniteSolve(solutions.map(\.certificate), kernel: kernel)
        if let degenerate = solutions.first(where: { !($0.rho.isFinite && $0.bounds.allSatisfy { $0 > 0 && $0.isFinite }) }) {
            throw LagrangeError.invalidData("the ν-SVC solve found no positive margin (r ≤ 0, box bound \(degenerate.bounds.first ?? .nan)); choose a larger nu")
        }
        // The rescaled machines are C-SVC machines: assemble them as `SVCParameters` does.
        let machineSet = SVCParameters(c: 1).assemble(
            x, encoding: encoding, members: members, pairs: pairs, solutions: solutions,
            weights: [Double](repeating: 1, count: k), kernel: kernel, featureNames: featureNames, targetName: targetName)
        return NuSVC(nu: nu, classes: machineSet.classes, kernel: kernel, featureNames: machineSet.featureNames,
                     targetName: targetName, sampleCount: x.rows, supportVectors: machineSet.supportVectors,
                     machines: machineSet.machines, supportVectorCounts: machineSet.supportVectorCounts,
                     certificate: machineSet.certificate)
    }

    /// Solves the ν dual of classes `pair.0` (y = +1) and `pair.1` (y = −1) from LIBSVM's
    /// feasible start (each class's first samples at 1 until its sum reaches νl/2, with νl as
    /// `startingSum`) and rescales
    /// by 1/r. The certificate is of the unscaled ν problem.
    func solvePair(_ x: Matrix, members: [[Int]], pair: (Int, Int), kernel: Kernel, cacheBytes: Int, columnThreads: Int,
                   progress: ((Int, Double) -> Void)?) -> SVCParameters.PairSolution {
        let (first, second) = pair
        let indices = members[first] + members[second]
        let l = indices.count
        let y = [Double](repeating: 1, count: members[first].count) + [Double](repeating: -1, count: members[second].count)
        let q = ClassificationQ(x, indices: indices, labels: y, kernel: kernel, cacheBytes: cacheBytes, columnThreads: columnThreads)
        return solve(q, indices: indices, labels: y, start: libsvmStart(labels: y, count: l), progress: progress).pair
    }

    /// One ν dual of a pair on `q` (labels y, box [0, 1]) from a feasible `start` (each label's
    /// Σα = νl/2): the pair's machine rescaled by 1/r (`pair`, certificate of the unscaled
    /// problem) and the unscaled α (`alpha`, the warm start of the next ν along a path).
    func solve(_ q: QMatrix, indices: [Int], labels y: [Double], start: [Double],
               progress: ((Int, Double) -> Void)?) -> (pair: SVCParameters.PairSolution, alpha: [Double]) {
        let l = y.count
        let bounds = [Double](repeating: 1, count: l)
        let problem = DualProblem(q: q, linearTerm: [Double](repeating: 0, count: l), labels: y, upperBounds: bounds,
                                  initialAlpha: start)
        var settings = SolverSettings(tolerance: tolerance, shrinking: shrinking,
                                      maximumIterations: maximumIterations ?? defaultIterationCap(l), progress: progress)
        settings.workingSetRule = .sameLabel
        let solver = SMOSolver(problem, settings: settings)
        let solution = solver.solve()
        solver.restoreOriginalOrder()
        let thresholds = SameLabelThresholds(solution, labels: y, upperBounds: bounds)
        let certificate = Self.certificate(solution, thresholds: thresholds, labels: y, nu: nu, tolerance: tolerance)
        let r = thresholds.r
        let pair = SVCParameters.PairSolution(indices: indices, coefficients: zip(y, solution.alpha).map { $0 * $1 / r },
                                              alpha: solution.alpha.map { $0 / r }, bounds: bounds.map { $0 / r },
                                              rho: thresholds.rho / r, certificate: certificate)
        return (pair, solution.alpha)
    }

    /// The certificate of the unscaled ν problem. With p = 0, ∇f = Qα, so ½‖w‖² = ½αᵀ∇f and
    /// yₜg(xₜ) = ∇ₜf − yₜρ. Primal at (w, b = −ρ, ρ' = r, ξₜ = max(0, r − yₜg(xₜ))):
    /// ½‖w‖² − νl·r + Σξₜ; dual −½αᵀQα; the violation is the same-label one; the gap scale
    /// (`SVMCertificate.gapScale`) is l·1 + Σα.
    static func certificate(_ solution: DualSolution, thresholds: SameLabelThresholds, labels: [Double], nu: Double,
                            tolerance: Double) -> SVMCertificate {
        var halfNormSquared = 0.0, slack = 0.0
        for t in labels.indices {
            halfNormSquared += solution.alpha[t] * solution.gradient[t]
            slack += max(0, thresholds.r - (solution.gradient[t] - labels[t] * thresholds.rho))
        }
        halfNormSquared /= 2
        let primal = halfNormSquared - nu * Double(labels.count) * thresholds.r + slack
        return SVMCertificate(dualObjective: -halfNormSquared, primalObjective: primal,
                              maximumKKTViolation: thresholds.maximumViolation, tolerance: tolerance,
                              iterations: solution.iterations, solverConverged: solution.converged,
                              gapScale: Double(labels.count) + solution.alpha.reduce(0, +))
    }
}

/// ν ∈ (0, 1], the check shared by the ν formulations.
func validateNu(_ nu: Double) throws {
    if !(nu > 0 && nu <= 1) {
        throw LagrangeError.invalidParameter(name: "nu", value: "\(nu)", requirement: "must be a number in (0, 1]")
    }
}

/// νl as LIBSVM's scikit-learn build forms it for unit sample weights: ν added l times
/// (Σᵢ νWᵢ), not the product ν·l. The two differ in the last bits (ν = 0.3, l = 569), and the
/// feasible starting point — hence the iteration path, and where within the tolerance the
/// solver stops — follows from it; using the same sum keeps the runs step for step equal.
func startingSum(_ value: Double, count: Int) -> Double {
    var sum = 0.0
    for _ in 0..<count { sum += value }
    return sum
}
