import DataIO
import LinearAlgebra

/// Hyperparameters that fit a model: a value, checked once by `validate()` (which names the
/// Swift parameter at fault), with a throwing `fit` that returns a new, immutable model.
///
/// The context says who owns the cores: `fit` keeps at most `context.threads` threads busy and
/// changes no process-wide state, so fits may run concurrently and give the same results as
/// serial ones.
public protocol Estimator: Sendable {
    associatedtype Fitted: Model
    /// Throws `LagrangeError.invalidParameter` for any value outside its domain.
    func validate() throws
    /// Fits on the features and target of `dataset`.
    func fit(_ dataset: Dataset, context: ExecutionContext) throws -> Fitted
}

extension Estimator {
    /// Fits with every core of the machine and no progress.
    public func fit(_ dataset: Dataset) throws -> Fitted {
        try fit(dataset, context: ExecutionContext())
    }
}
