import DataIO
import LinearAlgebra

extension SVC: PersistableModel {
    public static let modelKind = "svc"
    /// Raised whenever a stored field changes meaning.
    public static let modelVersion = 1
}

extension SVR: PersistableModel {
    public static let modelKind = "svr"
    public static let modelVersion = 1
}

extension SVC {
    /// Throws when the stored arrays disagree in size (a damaged or hand-edited model file),
    /// so prediction never indexes out of range.
    public func checkConsistency() throws {
        try supportVectors.validate()
        let k = classes.count
        guard k >= 2, machines.count == k * (k - 1) / 2, classWeights.count == k, featureNames.count == supportVectors.featureCount else {
            throw LagrangeError.shapeMismatch("the model's classes, machines, class weights and features do not agree in number")
        }
        for machine in machines {
            guard machine.supportPositions.count == machine.dualCoefficients.count,
                  machine.supportPositions.allSatisfy({ $0 >= 0 && $0 < supportVectors.count }),
                  (0..<k).contains(machine.positiveClass), (0..<k).contains(machine.negativeClass) else {
                throw LagrangeError.shapeMismatch("a one-vs-one machine refers to support vectors or classes the model does not have")
            }
        }
    }
}

extension SVR {
    /// Throws when the stored arrays disagree in size (a damaged or hand-edited model file).
    public func checkConsistency() throws {
        try supportVectors.validate()
        guard dualCoefficients.count == supportVectors.count, featureNames.count == supportVectors.featureCount else {
            throw LagrangeError.shapeMismatch("the model's coefficients, support vectors and features do not agree in number")
        }
    }
}
