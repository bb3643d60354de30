/// Evidence of optimality that every fitted model carries, said the same way in every family.
///
/// Each family stores its own quantities (an SVM's dual objective and KKT violation, an elastic
/// net's duality gap at every λ, PCA's eigen-residual); `quantities` lists them under one naming
/// scheme (`CertificateMeasure`), so a program, the command line and `inspect --json` read every
/// certificate alike.
public protocol Certificate: Codable, Sendable, Equatable {
    /// True only when every quantity is finite and the stopping measure is within `tolerance`.
    var converged: Bool { get }
    /// What the stopping measure was held to.
    var tolerance: Double { get }
    /// The quantities, in display order.
    var quantities: [CertificateQuantity] { get }
}

extension Certificate {
    /// Whether every quantity is a finite number (NaN or ±∞ means the fit broke down).
    public var isFinite: Bool { quantities.allSatisfy { $0.value.isFinite } }

    /// The value of `measure`, if this certificate has it.
    public func value(of measure: CertificateMeasure) -> Double? {
        quantities.first { $0.measure == measure }?.value
    }
}

/// One named number of a certificate.
public struct CertificateQuantity: Sendable, Equatable {
    public let measure: CertificateMeasure
    public let value: Double

    public init(_ measure: CertificateMeasure, _ value: Double) {
        self.measure = measure
        self.value = value
    }
}

/// The one vocabulary of certificate quantities across families: the JSON key is the raw
/// value, `label` what a person reads.
public enum CertificateMeasure: String, Sendable, CaseIterable, Codable {
    case primalObjective, dualObjective, dualityGap, relativeDualityGap
    case maximumKKTViolation
    case normalEquationResidual, relativeNormalEquationResidual
    case maximumEigenResidual, relativeEigenResidual, orthonormalityError
    case iterations

    public var label: String {
        switch self {
        case .primalObjective: return "primal objective"
        case .dualObjective: return "dual objective"
        case .dualityGap: return "duality gap"
        case .relativeDualityGap: return "relative duality gap"
        case .maximumKKTViolation: return "max KKT violation"
        case .normalEquationResidual: return "normal-equation residual"
        case .relativeNormalEquationResidual: return "relative normal-equation residual"
        case .maximumEigenResidual: return "max eigen-residual ‖Σv − λv‖"
        case .relativeEigenResidual: return "relative eigen-residual"
        case .orthonormalityError: return "orthonormality error"
        case .iterations: return "iterations"
        }
    }

    /// Whether the quantity counts something (printed as an integer).
    public var isCount: Bool { self == .iterations }
}
