import LinearAlgebra

/// The training features as the logistic solvers see them (glmnet's `lognet` convention):
///
/// - sample weights ωᵢ ≥ 0 are normalized to Σ ωᵢ = 1 (no weights: ωᵢ = 1/n), so the loss is
///   the weighted mean and only relative weights matter;
/// - with an intercept, column j is centred by its weighted mean x̄ⱼ = Σ ωᵢ xᵢⱼ;
/// - with `standardize`, it is divided by its weighted population standard deviation
///   sⱼ = √(Σ ωᵢ (xᵢⱼ − x̄ⱼ)²); without an intercept the column is scaled by that sⱼ but not
///   centred (as the Gaussian design does, after glmnet).
///
/// Columns are stored contiguously (`columns[j*n ..< (j+1)*n]`) because coordinate descent reads
/// one column at a time. (The Gaussian design in LinearModels has the same layout; the two
/// families do not import each other, and this one carries weights from the start.)
struct ClassificationDesign: Sendable {
    let sampleCount: Int
    let featureCount: Int
    /// Column-major transformed X (p blocks of n).
    let columns: [Double]
    /// x̄ⱼ (0 without an intercept).
    let means: [Double]
    /// sⱼ (1 without standardization).
    let scales: [Double]
    /// ωᵢ, normalized to sum to 1.
    let weights: [Double]
    /// Σᵢ ωᵢ zᵢⱼ of the transformed columns: 0 up to rounding with an intercept. The dual point
    /// uses it to keep Xᵀ(ω∘θ) exact when θ is shifted by a constant.
    let weightedColumnSums: [Double]

    /// Builds the design from the rows `rows` of `x` (all rows when nil), with `sampleWeights`
    /// for exactly those rows (nil: equal weights). Refuses NaN/∞, fewer than 2 rows, negative
    /// or non-finite weights and all-zero weights. A constant column (with an intercept or standardization)
    /// becomes zeros: its coefficient is 0, as in glmnet.
    init(x: Matrix, rows: [Int]? = nil, sampleWeights: [Double]? = nil, standardize: Bool, fitIntercept: Bool,
         featureNames: [String]? = nil) throws {
        let (n, p) = (rows?.count ?? x.rows, x.columns)
        guard n >= 2 else { throw LagrangeError.notEnoughSamples("a logistic model needs at least 2 rows, got \(n)") }
        guard p >= 1 else { throw LagrangeError.notEnoughSamples("a logistic model needs at least one feature column") }
        func name(_ j: Int) -> String { featureNames.map { "'\($0[j])'" } ?? "\(j + 1)" }
        var weights = [Double](repeating: 1 / Double(n), count: n)
        if let sampleWeights {
            guard sampleWeights.count == n else {
                throw LagrangeError.shapeMismatch("\(n) rows but \(sampleWeights.count) sample weights")
            }
            if let i = sampleWeights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw LagrangeError.invalidParameter(name: "sampleWeights", value: "\(sampleWeights[i]) on data row \((rows?[i] ?? i) + 1)",
                                                     requirement: "every weight must be a finite number ≥ 0")
            }
            let total = sampleWeights.reduce(0, +)
            guard total > 0 else {
                throw LagrangeError.invalidParameter(name: "sampleWeights", value: "all zero", requirement: "at least one weight must be positive")
            }
            weights = sampleWeights.map { $0 / total }
        }
        var columns = [Double](repeating: 0, count: n * p)
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        var sums = [Double](repeating: 0, count: p)
        try x.storage.withUnsafeBufferPointer { source in
            try columns.withUnsafeMutableBufferPointer { c in
                for j in 0..<p {
                    let column = c.baseAddress! + j * n
                    for a in 0..<n {
                        let i = rows?[a] ?? a
                        let value = source[i * p + j]
                        guard value.isFinite else {
                            throw LagrangeError.invalidData("feature \(name(j)) on data row \(i + 1) is \(value); remove the row or fill it in")
                        }
                        column[a] = value
                    }
                    var mean = 0.0
                    for a in 0..<n { mean += weights[a] * column[a] }
                    var variance = 0.0, spread = 0.0
                    for a in 0..<n {
                        let d = column[a] - mean
                        variance += weights[a] * d * d
                        spread = max(spread, weights[a] > 0 ? abs(d) : 0)
                    }
                    // A constant column (relative to its magnitude) is stored as zeros, so its
                    // coefficient stays 0 (glmnet's rule), instead of being standardized from a
                    // rounding-level spread.
                    if (fitIntercept || standardize) && !(variance > 0 && spread > 1e-13 * max(1, abs(mean))) {
                        for a in 0..<n { column[a] = 0 }
                        means[j] = fitIntercept ? mean : 0
                        continue
                    }
                    let s = standardize ? variance.squareRoot() : 1
                    let shift = fitIntercept ? mean : 0
                    var weighted = 0.0
                    for a in 0..<n {
                        column[a] = (column[a] - shift) / s
                        weighted += weights[a] * column[a]
                    }
                    means[j] = shift
                    scales[j] = s
                    sums[j] = weighted
                }
            }
        }
        sampleCount = n
        featureCount = p
        self.columns = columns
        self.means = means
        self.scales = scales
        self.weights = weights
        weightedColumnSums = sums
    }

    /// g = Xᵀv over all columns (one `dgemv` on the column-major buffer).
    func transposeTimes(_ v: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: featureCount)
        columns.withUnsafeBufferPointer { x in
            v.withUnsafeBufferPointer { vp in
                g.withUnsafeMutableBufferPointer { gp in
                    BLAS.columnMajorTransposeTimes(rows: sampleCount, columns: featureCount, x.baseAddress!, vp.baseAddress!,
                                                   into: gp.baseAddress!)
                }
            }
        }
        return g
    }

    /// Original-scale coefficients and intercept from standardized-scale (β, b).
    func originalScale(_ beta: [Double], intercept: Double) -> (coefficients: [Double], intercept: Double) {
        var coefficients = [Double](repeating: 0, count: featureCount)
        var b = intercept
        for j in 0..<featureCount {
            coefficients[j] = beta[j] / scales[j]
            b -= means[j] * coefficients[j]
        }
        return (coefficients, b)
    }

    /// Standardized-scale coefficients from original-scale ones (the inverse of `originalScale`).
    func standardizedScale(_ coefficients: [Double], intercept: Double) -> (beta: [Double], intercept: Double) {
        var beta = [Double](repeating: 0, count: featureCount)
        var b = intercept
        for j in 0..<featureCount {
            beta[j] = coefficients[j] * scales[j]
            b += means[j] * coefficients[j]
        }
        return (beta, b)
    }
}
