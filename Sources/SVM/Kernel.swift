import Foundation
import LinearAlgebra

/// A Mercer kernel K(x, x′) with its parameters resolved (γ is a number, never `scale`).
///
/// - linear: K = xᵀx′
/// - rbf: K = exp(−γ‖x − x′‖²), computed as exp(−γ(‖x‖² + ‖x′‖² − 2xᵀx′)) from precomputed
///   squared norms, with `Kernel.exponential` (within 1 ulp of libm's exp, and vectorizable)
/// - polynomial: K = (γxᵀx′ + r)^d
/// - sigmoid: K = tanh(γxᵀx′ + r)
public enum Kernel: Codable, Equatable, Sendable {
    case linear
    case rbf(gamma: Double)
    case polynomial(gamma: Double, coef0: Double, degree: Int)
    case sigmoid(gamma: Double, coef0: Double)

    /// The kernel value from the inner product xᵀx′ and the squared norms ‖x‖², ‖x′‖² (the
    /// norms are only read by the RBF kernel).
    ///
    /// The one place the kernel formulas live: training computes its kernel columns with it
    /// (`KernelRows`), prediction its blocks (`forEachBlock`), so a model predicts with exactly
    /// the function it was trained on. Always inlined: in the column loop the switch then sits
    /// beside the inner products, where it costs what the hand-written copy used to.
    @inlinable @inline(__always)
    public func value(dot: Double, squaredNormA: Double, squaredNormB: Double) -> Double {
        switch self {
        case .linear:
            return dot
        case let .rbf(gamma):
            // Rounding can make the expanded distance slightly negative for x ≈ x′.
            return Kernel.exponential(-gamma * max(0, squaredNormA + squaredNormB - 2 * dot))
        case let .polynomial(gamma, coef0, degree):
            return Self.power(gamma * dot + coef0, degree)
        case let .sigmoid(gamma, coef0):
            return tanh(gamma * dot + coef0)
        }
    }

    /// Whether `value` reads the squared norms.
    public var usesSquaredNorms: Bool {
        if case .rbf = self { return true }
        return false
    }

    /// bᵈ by repeated squaring (exact for small integer d, unlike `pow`).
    @inlinable
    static func power(_ base: Double, _ degree: Int) -> Double {
        var result = 1.0, factor = base, remaining = degree
        while remaining > 0 {
            if remaining & 1 == 1 { result *= factor }
            factor *= factor
            remaining >>= 1
        }
        return result
    }

    /// A one-line description, e.g. `rbf (gamma = 0.05)`.
    public var summary: String {
        switch self {
        case .linear: return "linear"
        case let .rbf(gamma): return "rbf (gamma = \(gamma))"
        case let .polynomial(gamma, coef0, degree): return "poly (gamma = \(gamma), coef0 = \(coef0), degree = \(degree))"
        case let .sigmoid(gamma, coef0): return "sigmoid (gamma = \(gamma), coef0 = \(coef0))"
        }
    }
}

/// Which kernel to use, before γ is resolved against the training data.
public enum KernelKind: String, Codable, Sendable, CaseIterable {
    case linear, rbf, poly, sigmoid
}

/// How γ is chosen: `scale` = 1/(p · Var(X)) with Var over every entry of X (scikit-learn's
/// default; 1 when X is constant), `auto` = 1/p, or a given value ≥ 0.
public enum GammaSetting: Equatable, Sendable {
    case scale
    case auto
    case value(Double)

    /// γ for training data `x`.
    public func resolve(for x: Matrix) -> Double {
        switch self {
        case let .value(gamma):
            return gamma
        case .auto:
            return 1 / Double(max(1, x.columns))
        case .scale:
            let count = Double(x.storage.count)
            guard count > 0 else { return 1 }
            let mean = x.storage.reduce(0, +) / count
            let variance = x.storage.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
            return variance > 0 ? 1 / (Double(x.columns) * variance) : 1
        }
    }
}

/// A kernel choice with its parameters, validated; `resolve` fixes γ on the training data.
public struct KernelParameters: Equatable, Sendable {
    public var kind: KernelKind
    public var gamma: GammaSetting
    public var degree: Int
    public var coef0: Double

    public init(kind: KernelKind = .rbf, gamma: GammaSetting = .scale, degree: Int = 3, coef0: Double = 0) {
        self.kind = kind
        self.gamma = gamma
        self.degree = degree
        self.coef0 = coef0
    }

    /// Throws `LagrangeError.invalidParameter` for γ < 0, a non-finite γ or r, or degree < 1.
    public func validate() throws {
        if case let .value(gamma) = gamma, !(gamma >= 0) || !gamma.isFinite {
            throw LagrangeError.invalidParameter(name: "gamma", value: "\(gamma)", requirement: "must be a finite number ≥ 0, 'scale' or 'auto'")
        }
        if degree < 1 {
            throw LagrangeError.invalidParameter(name: "degree", value: "\(degree)", requirement: "must be an integer ≥ 1")
        }
        if !coef0.isFinite {
            throw LagrangeError.invalidParameter(name: "coef0", value: "\(coef0)", requirement: "must be finite")
        }
    }

    /// The kernel with γ resolved for training data `x`.
    public func resolve(for x: Matrix) -> Kernel {
        switch kind {
        case .linear: return .linear
        case .rbf: return .rbf(gamma: gamma.resolve(for: x))
        case .poly: return .polynomial(gamma: gamma.resolve(for: x), coef0: coef0, degree: degree)
        case .sigmoid: return .sigmoid(gamma: gamma.resolve(for: x), coef0: coef0)
        }
    }
}
