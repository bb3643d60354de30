import LinearAlgebra
import Modeling
import Statistics

extension PCAParameters: StatisticsEstimator {
    /// Fits PCA to the features of `statistics` (every column but its target): the covariance
    /// route on Σ = M/(n − 1), exactly as the rows' covariance route (which the rows take
    /// whenever n ≥ p). The SVD route needs the rows: asking for it is refused.
    public func fit(_ statistics: SufficientStatistics, context: ExecutionContext = ExecutionContext()) throws -> PCAModel {
        try validate()
        if route == .singularValues {
            throw LagrangeError.invalidParameter(name: "route", value: "singularValues",
                                                 requirement: "needs the rows; a fit from statistics takes the covariance route")
        }
        let features = try statistics.selecting(features: statistics.featureNames, target: nil)
        guard features.count >= 2 else { throw LagrangeError.notEnoughSamples("PCA needs at least 2 rows, got \(features.count)") }
        return try fitCovariance(try features.moments.covariance(), sampleCount: features.count, mean: features.mean,
                                 names: features.columnNames)
    }
}
