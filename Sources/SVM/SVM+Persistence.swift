import DataIO
import LinearAlgebra

extension SVC: PersistableModel {
    public static let modelKind = "svc"
    /// Raised whenever a stored field changes meaning.
    public static let modelVersion = 1

    /// Checks everything a model file could get wrong, so prediction never indexes out of range
    /// or computes with an illegal kernel: class, machine, weight and feature counts agree;
    /// every machine refers to existing support vectors and classes; every number is finite;
    /// C, the class weights and the kernel are legal.
    public func validate() throws {
        try supportVectors.validate()
        try kernel.validate()
        let k = classes.count
        guard k >= 2, Set(classes).count == k, machines.count == k * (k - 1) / 2, classWeights.count == k,
              supportVectorCounts.count == k, featureNames.count == supportVectors.featureCount, sampleCount >= 2 else {
            throw LagrangeError.shapeMismatch("the model's classes, machines, class weights, support-vector counts and features do not agree in number")
        }
        guard c > 0, c.isFinite, classWeights.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw LagrangeError.invalidData("C and the class weights must be finite numbers > 0")
        }
        for machine in machines {
            guard machine.supportPositions.count == machine.dualCoefficients.count,
                  machine.supportPositions.allSatisfy({ $0 >= 0 && $0 < supportVectors.count }),
                  (0..<k).contains(machine.positiveClass), (0..<k).contains(machine.negativeClass),
                  machine.positiveClass != machine.negativeClass,
                  machine.primalWeights.map({ $0.count == supportVectors.featureCount }) ?? true else {
                throw LagrangeError.shapeMismatch("a one-vs-one machine refers to support vectors, classes or features the model does not have")
            }
            try requireFiniteValues(machine.dualCoefficients + [machine.intercept] + (machine.primalWeights ?? []),
                                    "a one-vs-one machine's coefficients")
        }
        if let probability {
            guard probability.sigmoids.count == machines.count, probability.folds >= 2 else {
                throw LagrangeError.shapeMismatch("the model's probability calibration needs one sigmoid per machine and at least 2 folds")
            }
            try requireFiniteValues(probability.sigmoids.flatMap { [$0.a, $0.b] }, "the probability sigmoids")
        }
    }
}

extension SVR: PersistableModel {
    public static let modelKind = "svr"
    public static let modelVersion = 1

    /// Checks sizes, finite values and legal hyperparameters (see `SVC.validate`).
    public func validate() throws {
        try supportVectors.validate()
        try kernel.validate()
        guard dualCoefficients.count == supportVectors.count, featureNames.count == supportVectors.featureCount,
              primalWeights.map({ $0.count == supportVectors.featureCount }) ?? true, sampleCount >= 2 else {
            throw LagrangeError.shapeMismatch("the model's coefficients, support vectors and features do not agree in number")
        }
        guard c > 0, c.isFinite, epsilon >= 0, epsilon.isFinite else {
            throw LagrangeError.invalidData("C must be a finite number > 0 and epsilon a finite number ≥ 0")
        }
        try requireFiniteValues(dualCoefficients + [intercept] + (primalWeights ?? []), "the model's coefficients")
    }
}

extension Kernel {
    /// Throws for parameters no fit produces: γ < 0 or non-finite, a non-finite r, degree < 1.
    func validate() throws {
        switch self {
        case .linear:
            return
        case let .rbf(gamma):
            try KernelParameters(kind: .rbf, gamma: .value(gamma)).validate()
        case let .polynomial(gamma, coef0, degree):
            try KernelParameters(kind: .poly, gamma: .value(gamma), degree: degree, coef0: coef0).validate()
        case let .sigmoid(gamma, coef0):
            try KernelParameters(kind: .sigmoid, gamma: .value(gamma), coef0: coef0).validate()
        }
    }
}

/// Throws `LagrangeError.invalidData` when `values` holds NaN or ±∞.
func requireFiniteValues(_ values: [Double], _ what: String) throws {
    if let bad = values.first(where: { !$0.isFinite }) {
        throw LagrangeError.invalidData("\(what) include a non-finite value (\(bad))")
    }
}
