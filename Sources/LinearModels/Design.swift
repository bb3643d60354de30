import LinearAlgebra

/// The training data as the solvers see it (glmnet's convention):
/// - with an intercept, columns are centred and y is centred (the intercept is then implicit:
///   b = ȳ − Σⱼ x̄ⱼ βⱼ on the original scale);
/// - with `standardize`, columns are divided by their population standard deviation (√ of the
///   mean square about the mean), so (1/n)‖xⱼ‖² = 1 with an intercept. Without an intercept the
///   columns are scaled by the same sd but not centred, as glmnet does (verified against glmnet
///   4.1.6 with `intercept = FALSE`).
///
/// Columns are stored contiguously (`columns[j*n ..< (j+1)*n]` is column j) because coordinate
/// descent reads one column at a time.
struct Design: Sendable {
    let sampleCount: Int
    let featureCount: Int
    /// Column-major transformed X (p blocks of n).
    var columns: [Double]
    /// x̄ⱼ (0 without an intercept).
    let means: [Double]
    /// sⱼ (1 without standardization).
    let scales: [Double]
    /// (1/n)‖xⱼ‖² of the transformed columns (1 when standardized with an intercept).
    let meanSquares: [Double]
    /// y − ȳ (y without an intercept).
    let response: [Double]
    let responseMean: Double
    /// ‖response‖²/(2n): the objective of β = 0, the scale of the relative gap.
    let nullObjective: Double
    /// The inner products alone, when the design comes from sufficient statistics (then
    /// `columns` and `response` are empty; see Design+Statistics.swift).
    var gramForm: GramForm?

    /// Builds the design from the rows `rows` of `x` (all rows when nil; `y` holds the targets of
    /// exactly those rows), refusing NaN/∞, a constant target, fewer than 2 rows, or (with
    /// standardization) a constant column, each with a message naming what is wrong.
    init(x: Matrix, y: [Double], rows: [Int]? = nil, standardize: Bool, fitIntercept: Bool, featureNames: [String]? = nil) throws {
        let (n, p) = (rows?.count ?? x.rows, x.columns)
        guard y.count == n else { throw LagrangeError.shapeMismatch("\(n) rows of features but \(y.count) target values") }
        guard n >= 2 else { throw LagrangeError.notEnoughSamples("a linear model needs at least 2 rows, got \(n)") }
        guard p >= 1 else { throw LagrangeError.notEnoughSamples("a linear model needs at least one feature column") }
        func name(_ j: Int) -> String { featureNames.map { "'\($0[j])'" } ?? "\(j + 1)" }
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw LagrangeError.invalidData("target value on data row \(i + 1) is \(y[i]); remove the row or fill it in")
        }
        var columns = Self.columnMajor(x, rows: rows)
        if columns.contains(where: { !$0.isFinite }) {
            // Name the first bad cell in reading order (row by row), as the data file has it.
            for a in 0..<n {
                let i = rows?[a] ?? a
                if let j = (0..<p).first(where: { !x[i, $0].isFinite }) {
                    throw LagrangeError.invalidData("feature \(name(j)) on data row \(i + 1) is \(x[i, j]); remove the row or fill it in")
                }
            }
        }
        let yMean = fitIntercept ? y.reduce(0, +) / Double(n) : 0
        let response = y.map { $0 - yMean }
        let ySpread = response.reduce(0) { $0 + $1 * $1 }
        let yScale = max(1, y.reduce(0) { max($0, abs($1)) })
        guard ySpread > Double(n) * 1e-28 * yScale * yScale else {
            throw LagrangeError.invalidData(fitIntercept
                ? "the target is constant (every value is \(y[0])); there is nothing to fit"
                : "the target is zero everywhere; there is nothing to fit")
        }
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        var meanSquares = [Double](repeating: 0, count: p)
        let inverseN = 1 / Double(n)
        try columns.withUnsafeMutableBufferPointer { c in
            for j in 0..<p {
                let column = UnsafeMutableBufferPointer(rebasing: c[j * n ..< (j + 1) * n])
                var mean = ColumnSums.sum(UnsafeBufferPointer(column)) * inverseN
                // Σ(v − x̄)²/n and max|v − x̄| (the spread that tells a constant column).
                let (deviations, spread) = ColumnSums.spread(UnsafeBufferPointer(column), about: mean)
                let variance = deviations * inverseN
                // Mean square of the transformed column: the variance once centred.
                var square = fitIntercept ? variance : ColumnSums.spread(UnsafeBufferPointer(column), about: 0).squares * inverseN
                var s = 1.0
                if standardize {
                    guard variance > 0, spread > 1e-13 * max(1, abs(mean)) else {
                        throw LagrangeError.invalidData("column \(name(j)) is constant, so it cannot be standardized; drop it (--drop) or turn standardization off (--no-standardize)")
                    }
                    s = variance.squareRoot()
                    square /= variance
                }
                // One pass: xᵢ ← (xᵢ − x̄)/s (centred only with an intercept, scaled only when standardizing).
                let shift = fitIntercept ? mean : 0
                if shift != 0 || s != 1 {
                    for i in 0..<n { column[i] = (column[i] - shift) / s }
                }
                scales[j] = s
                if !fitIntercept { mean = 0 }
                means[j] = mean
                meanSquares[j] = square
            }
        }
        self.sampleCount = n
        self.featureCount = p
        self.columns = columns
        self.means = means
        self.scales = scales
        self.meanSquares = meanSquares
        self.response = response
        self.responseMean = yMean
        self.nullObjective = ySpread / (2 * Double(n))
    }

    /// The rows `rows` of `x` (all when nil) in column-major order: column j is
    /// `result[j·n ..< (j + 1)·n]`. Gathered and transposed in one pass, in cache-sized tiles,
    /// into a buffer that is written once (never zero-filled first) and advised onto huge pages
    /// (a 40 MB design otherwise costs ten thousand page faults, most of its build time).
    static func columnMajor(_ x: Matrix, rows: [Int]?) -> [Double] {
        let (n, p) = (rows?.count ?? x.rows, x.columns)
        let tile = 32
        return [Double](unsafeUninitializedCapacity: n * p) { out, initialized in
            MemoryAdvice.preferHugePages(out)
            x.storage.withUnsafeBufferPointer { source in
                for a0 in stride(from: 0, to: n, by: tile) {
                    for j0 in stride(from: 0, to: p, by: tile) {
                        for a in a0 ..< min(a0 + tile, n) {
                            let start = (rows?[a] ?? a) * p
                            for j in j0 ..< min(j0 + tile, p) { out[j * n + a] = source[start + j] }
                        }
                    }
                }
            }
            initialized = n * p
        }
    }

    /// Original-scale coefficients and intercept from standardized-scale β.
    func originalScale(_ beta: [Double]) -> (coefficients: [Double], intercept: Double) {
        var coefficients = [Double](repeating: 0, count: featureCount)
        var intercept = responseMean
        for j in 0..<featureCount {
            coefficients[j] = beta[j] / scales[j]
            intercept -= means[j] * coefficients[j]
        }
        return (coefficients, intercept)
    }

    /// g = Xᵀv / n over all columns (one `dgemv` on the column-major buffer).
    func correlations(_ v: [Double]) -> [Double] {
        let xt = Matrix(uncheckedColumnMajor: columns, rows: sampleCount, columns: featureCount)
        var g = [Double](repeating: 0, count: featureCount)
        try! BLAS.gemv(xt, .none, v, alpha: 1 / Double(sampleCount), into: &g)
        return g
    }
}

extension Matrix {
    /// The p × n matrix whose row j is column j of an n × p design stored column-major.
    init(uncheckedColumnMajor storage: [Double], rows n: Int, columns p: Int) {
        try! self.init(rows: p, columns: n, storage: storage)
    }
}
