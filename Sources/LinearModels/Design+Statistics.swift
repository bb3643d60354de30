import LinearAlgebra
import Statistics

/// The design as inner products only, for fits from sufficient statistics (no rows): the
/// Gram matrix G = ZᵀZ/n of the transformed columns, c = Zᵀy/n and ‖y‖²/n, with Z and y
/// transformed exactly as `Design` transforms the rows (centred with an intercept, divided by
/// the population standard deviation when standardizing).
struct GramForm: Sendable {
    /// G, p × p row-major, symmetric.
    let gram: [Double]
    /// c = Zᵀy/n.
    let responseCorrelations: [Double]
    /// ‖y‖²/n (y centred with an intercept).
    let responseSquare: Double
}

extension Design {
    /// The design of the statistics' features and target, from n, the means x̄, ȳ and the
    /// centred scatter M of [X y] alone:
    ///
    /// - with an intercept, ZᵀZ/n = D⁻¹ M_XX D⁻¹ / n, Zᵀy/n = D⁻¹ M_Xy / n, ‖y − ȳ‖²/n = M_yy / n;
    /// - without, the uncentred products M + n x̄x̄ᵀ take M's place (and ȳ is not removed);
    ///
    /// with D = diag(sⱼ), sⱼ² = M_jj / n the population variance when standardizing (as
    /// `Design` does from the rows), else D = I. The same checks as from the rows: at least 2
    /// rows, a target that is not constant, no constant column when standardizing (judged
    /// from the standard deviation, since the largest deviation is not in the statistics).
    init(statistics: SufficientStatistics, standardize: Bool, fitIntercept: Bool) throws {
        guard let target = statistics.targetIndex else {
            throw LagrangeError.invalidData("the statistics have no target column; a linear model needs one (make them with --target, or name one with --target when fitting)")
        }
        let names = statistics.featureNames
        let columns = statistics.columnNames.indices.filter { $0 != target }
        let (n, p) = (statistics.count, columns.count)
        guard n >= 2 else { throw LagrangeError.notEnoughSamples("a linear model needs at least 2 rows, got \(n)") }
        guard p >= 1 else { throw LagrangeError.notEnoughSamples("a linear model needs at least one feature column") }
        let nn = Double(n), inverseN = 1 / Double(n)
        let mean = statistics.mean, m = statistics.scatter
        // Products about the centre the fit uses: the means with an intercept, zero without.
        func product(_ i: Int, _ j: Int) -> Double { fitIntercept ? m[i, j] : m[i, j] + nn * mean[i] * mean[j] }
        let yMean = fitIntercept ? mean[target] : 0
        let ySquare = product(target, target) * inverseN
        let yScale = max(1, abs(mean[target]) + (m[target, target] * inverseN).squareRoot())
        guard ySquare > 1e-28 * yScale * yScale else {
            throw LagrangeError.invalidData(fitIntercept
                ? "the target is constant (every value is \(mean[target])); there is nothing to fit"
                : "the target is zero everywhere; there is nothing to fit")
        }
        var scales = [Double](repeating: 1, count: p)
        for (a, j) in columns.enumerated() where standardize {
            let variance = m[j, j] * inverseN
            let sd = variance.squareRoot()
            guard variance > 0, sd > 1e-13 * max(1, abs(mean[j])) else {
                throw LagrangeError.invalidData("column '\(names[a])' is constant, so it cannot be standardized; drop it (--drop) or turn standardization off (--no-standardize)")
            }
            scales[a] = sd
        }
        var gram = [Double](repeating: 0, count: p * p)
        var correlations = [Double](repeating: 0, count: p)
        for (a, i) in columns.enumerated() {
            for (b, j) in columns.enumerated() { gram[a * p + b] = product(i, j) * inverseN / (scales[a] * scales[b]) }
            correlations[a] = product(i, target) * inverseN / scales[a]
        }
        self.sampleCount = n
        self.featureCount = p
        self.columns = []
        self.means = fitIntercept ? columns.map { mean[$0] } : [Double](repeating: 0, count: p)
        self.scales = scales
        self.meanSquares = (0..<p).map { gram[$0 * p + $0] }
        self.response = []
        self.responseMean = yMean
        self.nullObjective = ySquare / 2
        self.gramForm = GramForm(gram: gram, responseCorrelations: correlations, responseSquare: ySquare)
        self.constantColumns = []   // a constant column is refused above (no rows to check per fold)
        self.sampleWeights = nil
    }

    /// g = c − Gβ, the gradient Zᵀ(y − Zβ)/n from the inner products alone.
    func gramGradient(_ beta: [Double]) -> [Double]? {
        guard let gramForm else { return nil }
        let p = featureCount
        var g = gramForm.responseCorrelations
        for j in 0..<p where beta[j] != 0 {
            for k in 0..<p { g[k] -= beta[j] * gramForm.gram[j * p + k] }
        }
        return g
    }
}
