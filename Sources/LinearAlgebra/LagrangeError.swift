/// The small error vocabulary shared by every Lagrange module. Each model family wraps or
/// reuses these cases; the command line prints `description` as its one-line message.
public enum LagrangeError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A hyperparameter outside its domain, e.g. `C ≤ 0`.
    case invalidParameter(name: String, value: String, requirement: String)
    /// Operands whose dimensions do not agree.
    case shapeMismatch(String)
    /// Too few samples (or classes, or features) for the requested computation.
    case notEnoughSamples(String)
    /// An iterative method stopped at its cap before meeting its tolerance.
    case didNotConverge(String)
    /// A LAPACK routine returned `info ≠ 0`; `meaning` says what that `info` means.
    case lapack(routine: String, info: Int, meaning: String)
    /// Data that cannot be used as given (NaN, a constant column where it matters, …).
    case invalidData(String)

    /// The one error for a classifier's target with fewer than two classes, whatever the family.
    /// (A file read finds it first when it can, as a `DataError` naming the file and column; a
    /// library fit on values, or a fold or weighted subset of them, reports this.)
    /// - Parameters:
    ///   - label: the one class present, if any.
    ///   - rows: which rows were looked at ("the target", "a training fold", …).
    public static func singleClass(_ label: String?, in rows: String = "the target") -> LagrangeError {
        .invalidData("\(rows) has \(label.map { "a single class ('\($0)')" } ?? "fewer than two classes"); a classifier needs at least two")
    }

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, requirement):
            return "invalid \(name) = \(value): \(requirement)"
        case let .shapeMismatch(message):
            return "shape mismatch: \(message)"
        case let .notEnoughSamples(message):
            return "not enough samples: \(message)"
        case let .didNotConverge(message):
            return "did not converge: \(message)"
        case let .lapack(routine, info, meaning):
            return "LAPACK \(routine) failed (info = \(info)): \(meaning)"
        case let .invalidData(message):
            return message
        }
    }
}
