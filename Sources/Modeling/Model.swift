import DataIO
import LinearAlgebra

/// A fitted model of any family: immutable (`let` only), `Sendable`, saved as a versioned model
/// file and validated when it is read back (`PersistableModel.validate`).
///
/// Every model answers the same questions — what it was trained on, how optimal it is, what it
/// outputs for new rows — so a program (and the `lagrange` command) handles every family alike.
public protocol Model: PersistableModel, Sendable, Equatable {
    associatedtype ModelCertificate: Certificate
    /// The certificate of the fit.
    var certificate: ModelCertificate { get }
    /// The training feature names, in the column order the model expects.
    var featureNames: [String] { get }
    /// The training target, if the model has one.
    var targetName: String? { get }
    /// Training rows.
    var sampleCount: Int { get }
    /// Whether `outputs(_:decision: true)` adds decision values.
    var hasDecisionValues: Bool { get }
    /// The output columns for the rows of `x` (n × p, in `featureNames` order): `prediction`
    /// for classifiers and regressors, `pc1…pck` for a projection; with `decision`, the decision
    /// values too (only when `hasDecisionValues`).
    func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn]
    /// What the model is, for people and for `inspect --json`.
    var modelDescription: ModelDescription { get }
}

/// A classifier: class labels as given at fit time, and decision values.
public protocol Classifier: Model {
    /// The class labels, in class-index order.
    var classes: [String] { get }
    func predict(_ x: Matrix) throws -> [String]
    /// One column per decision function (see each model's documentation for the orientation).
    func decisionFunction(_ x: Matrix) throws -> Matrix
}

/// A regressor: one number per row.
public protocol Regressor: Model {
    func predict(_ x: Matrix) throws -> [Double]
}

/// A model that maps rows to new coordinates (PCA scores).
public protocol Transformer: Model {
    func transform(_ x: Matrix) throws -> Matrix
}

/// A named output column.
public struct OutputColumn: Sendable {
    public let name: String
    public let values: CSVColumn

    public init(_ name: String, _ values: CSVColumn) {
        self.name = name
        self.values = values
    }
}
