import DataIO
import LinearAlgebra
import Modeling

/// A fitted ν-support vector classifier: the machines of `NuSVCParameters`, each rescaled by 1/r
/// to the C-SVC machine with C = 1/r (so decision values, coefficients and intercepts are those
/// of LIBSVM and scikit-learn's `NuSVC`). Predicts by one-vs-one vote exactly as `SVC`.
/// Immutable; `Codable` and a `PersistableModel` (kind `nu-svc`).
public struct NuSVC: Codable, Equatable, Sendable {
    public let nu: Double
    /// Class labels as given, in class-index order.
    public let classes: [String]
    public let kernel: Kernel
    public let featureNames: [String]
    public let targetName: String?
    public let sampleCount: Int
    /// As `SVC.supportVectors`.
    public let supportVectors: SupportVectors
    /// As `SVC.machines` (same orientation); each machine's box bound is its own 1/r.
    public let machines: [BinaryMachine]
    public let supportVectorCounts: [SupportVectorCount]
    /// The machines' certificates of the unscaled ν problems, combined.
    public let certificate: SVMCertificate

    /// The machines as an `SVC` (C and the class weights are placeholders that prediction
    /// never reads).
    var machineSet: SVC {
        SVC(classes: classes, kernel: kernel, c: 1, classWeights: [Double](repeating: 1, count: classes.count),
            featureNames: featureNames, targetName: targetName, sampleCount: sampleCount, supportVectors: supportVectors,
            machines: machines, supportVectorCounts: supportVectorCounts, certificate: certificate, probability: nil)
    }

    /// Decision values, oriented as `SVC.decisionFunction`.
    public func decisionFunction(_ x: Matrix) throws -> Matrix { try machineSet.decisionFunction(x) }

    /// Class labels by one-vs-one voting (ties to the lowest class index).
    public func predict(_ x: Matrix) throws -> [String] { try machineSet.predict(x) }
}

extension NuSVC: Classifier {
    public var hasDecisionValues: Bool { true }

    /// `prediction`; with `decision`, the decision columns named as `SVC`'s.
    public func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn] {
        try machineSet.outputs(x, decision: decision)
    }

    public var modelDescription: ModelDescription {
        let counts = ModelDescription.Table(
            title: "support vectors per class", header: ["class", "free", "bounded", "total"],
            rows: supportVectorCounts.map { [.text($0.label), .count($0.free), .count($0.bounded), .count($0.total)] })
        return ModelDescription(
            kind: Self.modelKind, title: "ν-SVC, kernel \(kernel.summary), nu = \(nu)", samples: sampleCount,
            features: featureNames, target: targetName,
            facts: [.init("classes", .count(classes.count)),
                    .init("support vectors", .text("\(supportVectors.count) of \(sampleCount)"))],
            tables: [counts],
            certificateTitle: machines.count == 1 ? "certificate (the ν problem before rescaling by 1/r)"
                : "certificate (ν problems before rescaling; sum over \(machines.count) one-vs-one machines; largest violation)")
    }
}

extension NuSVC: PersistableModel {
    public static let modelKind = "nu-svc"
    public static let modelVersion = 1

    /// ν in (0, 1], then everything `SVC.validate` checks of the machines.
    public func validate() throws {
        try validateNu(nu)
        try machineSet.validate()
    }
}
