import LinearAlgebra
import Modeling

/// How the box bound C is scaled per class: Cᵢ = C · w(class of i).
public enum ClassWeight: Equatable, Sendable {
    /// w = 1 for every class.
    case uniform
    /// w(c) = n / (k · n_c), scikit-learn's `class_weight='balanced'`.
    case balanced
    /// Given weights by class label; unlisted classes get 1.
    case custom([String: Double])
}

/// Hyperparameters of C-support vector classification. Validated once by `validate()`;
/// `fit` returns an immutable `SVC`.
public struct SVCParameters: Sendable {
    /// The box bound C > 0.
    public var c: Double = 1
    public var kernel = KernelParameters()
    /// Stopping tolerance on the maximal KKT violation m(α) − M(α).
    public var tolerance = 1e-3
    /// Memory for cached kernel columns, in megabytes.
    public var cacheMegabytes: Double = 200
    public var shrinking = true
    public var classWeight: ClassWeight = .uniform
    /// Iteration cap per subproblem; nil means max(10⁷, 100 n) as in LIBSVM.
    public var maximumIterations: Int?
    /// Fit Platt sigmoids for probability estimates (see `SVCParameters.calibrate`).
    public var probability = false
    /// With `probability`: the predicted label is the argmax of the probabilities, not the vote.
    public var labelsFromProbabilities = false
    /// Folds and seed of the internal cross-validation that produces the decision values the
    /// sigmoids are fitted to (LIBSVM uses 5 folds).
    public var probabilityFolds = 5
    public var probabilitySeed: UInt64 = 1
    /// Test hook: per machine, the permutation of the pair's samples that defines the folds,
    /// instead of the seeded generator (to reproduce a peer's folds).
    var probabilityPermutations: [[Int]]?

    public init(c: Double = 1, kernel: KernelParameters = KernelParameters(), tolerance: Double = 1e-3,
                cacheMegabytes: Double = 200, shrinking: Bool = true, classWeight: ClassWeight = .uniform,
                maximumIterations: Int? = nil) {
        self.c = c
        self.kernel = kernel
        self.tolerance = tolerance
        self.cacheMegabytes = cacheMegabytes
        self.shrinking = shrinking
        self.classWeight = classWeight
        self.maximumIterations = maximumIterations
    }

    /// Throws `LagrangeError.invalidParameter` for any value outside its domain.
    public func validate() throws {
        try validateCommon(c: c, tolerance: tolerance, cacheMegabytes: cacheMegabytes, maximumIterations: maximumIterations)
        try kernel.validate()
        if probabilityFolds < 2 {
            throw LagrangeError.invalidParameter(name: "probabilityFolds", value: "\(probabilityFolds)", requirement: "must be ≥ 2")
        }
        if labelsFromProbabilities, !probability {
            throw LagrangeError.invalidParameter(name: "labelsFromProbabilities", value: "true", requirement: "needs probability")
        }
        if case let .custom(weights) = classWeight {
            for (label, weight) in weights where !(weight > 0) || !weight.isFinite {
                throw LagrangeError.invalidParameter(name: "classWeight of '\(label)'", value: "\(weight)", requirement: "must be a finite number > 0")
            }
        }
    }
}

/// Checks shared by SVC and SVR.
func validateCommon(c: Double, tolerance: Double, cacheMegabytes: Double, maximumIterations: Int?) throws {
    if !(c > 0) || !c.isFinite {
        throw LagrangeError.invalidParameter(name: "c", value: "\(c)", requirement: "must be a finite number > 0")
    }
    if !(tolerance > 0) || !tolerance.isFinite {
        throw LagrangeError.invalidParameter(name: "tolerance", value: "\(tolerance)", requirement: "must be a finite number > 0")
    }
    if !(cacheMegabytes > 0) {
        throw LagrangeError.invalidParameter(name: "cacheMegabytes", value: "\(cacheMegabytes)", requirement: "must be a number > 0")
    }
    if let cap = maximumIterations, cap < 1 {
        throw LagrangeError.invalidParameter(name: "maximumIterations", value: "\(cap)", requirement: "must be ≥ 1")
    }
}

/// The kernel-cache budget in bytes for `megabytes` MB (2²⁰ bytes each). The budget is an upper
/// bound that the cache fills column by column, never allocated up front, so a budget beyond
/// what any problem can use is clamped to Int.max / 2 bytes instead of overflowing `Int`.
func cacheBudgetBytes(megabytes: Double) -> Int {
    let limit = Int.max / 2
    let bytes = megabytes * 1_048_576
    return bytes >= Double(limit) ? limit : Int(bytes)
}


/// Refuses a solve whose certificate is not finite: the kernel values overflowed (or the data
/// are at a scale the kernel cannot represent), and no prediction from it would mean anything.
func requireFiniteSolve(_ certificates: [SVMCertificate], kernel: Kernel) throws {
    guard let broken = certificates.first(where: { !$0.isFinite }) else { return }
    let advice: String
    switch kernel {
    case .polynomial: advice = "scale the features (e.g. to [−1, 1]) or lower the degree or gamma"
    case .linear: advice = "scale the features (e.g. to [−1, 1])"
    case .rbf, .sigmoid: advice = "scale the features (e.g. to [−1, 1]), lower gamma, or (SVR) choose a smaller epsilon"
    }
    throw LagrangeError.invalidData("the SVM solve broke down: its certificate is not finite (dual objective \(broken.dualObjective), primal objective \(broken.primalObjective)) because a kernel value or an objective term overflows; \(advice)")
}

extension SVCParameters {
    /// The kernel-cache budget in bytes.
    var cacheBytes: Int { cacheBudgetBytes(megabytes: cacheMegabytes) }
}

/// LIBSVM's default iteration cap, max(10⁷, 100 n).
func defaultIterationCap(_ n: Int) -> Int {
    max(10_000_000, n > Int.max / 100 ? Int.max : 100 * n)
}
