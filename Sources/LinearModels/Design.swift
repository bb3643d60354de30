import LinearAlgebra

/// The training data as the solvers see it (glmnet's convention):
/// - with an intercept, columns are centred and y is centred (the intercept is then implicit:
///   b = ȳ − Σⱼ x̄ⱼ βⱼ on the original scale);
/// - with `standardize`, columns are divided by their population standard deviation (√ of the
///   mean square about the mean), so (1/n)‖xⱼ‖² = 1 with an intercept. Without an intercept the
///   columns are scaled by the same sd but not centred, as glmnet does (verified against glmnet
///   4.1.6 with `intercept = FALSE`).
///
/// A constant column (see `ConstantColumn`) is excluded when it would be degenerate — with an
/// intercept (centred, it is zero) or with standardization (its sd is zero): it is stored as
/// zeros with vⱼ = 0, so coordinate descent leaves βⱼ = 0 and its coefficient is 0, as glmnet
/// does for a column constant in the data or in a cross-validation fold's training rows.
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
    /// Columns excluded as constant (coefficient 0), in increasing order.
    let constantColumns: [Int]
    /// The sample weights normalized to sum to n (nil when unweighted): row i of `columns` and
    /// `response` carries the factor √wᵢ.
    let sampleWeights: [Double]?

    /// Builds the design from the rows `rows` of `x` (all rows when nil; `y` holds the targets of
    /// exactly those rows), refusing NaN/∞, a constant target or fewer than 2 rows, each with a
    /// message naming what is wrong. Constancy is relative to the values' magnitude, so data at
    /// any scale (1e-150 or 1e150) is judged the same.
    ///
    /// With `sampleWeights` (one per row, see `SampleWeights`) the means and standard deviations
    /// are weighted and row i of the stored columns and response is scaled by √wᵢ (wᵢ normalized
    /// to sum to n), so the solvers' unweighted objective is the weighted one.
    ///
    /// `threads` (the caller's budget) splits the transposition and the column transforms into
    /// bands of columns; every column is computed alone, so the design is the same for any budget.
    init(x: Matrix, y: [Double], rows: [Int]? = nil, sampleWeights: [Double]? = nil, standardize: Bool, fitIntercept: Bool,
         featureNames: [String]? = nil, threads: Int = 1) throws {
        let (n, p) = (rows?.count ?? x.rows, x.columns)
        guard y.count == n else { throw LagrangeError.shapeMismatch("\(n) rows of features but \(y.count) target values") }
        guard n >= 2 else { throw LagrangeError.notEnoughSamples("a linear model needs at least 2 rows, got \(n)") }
        guard p >= 1 else { throw LagrangeError.notEnoughSamples("a linear model needs at least one feature column") }
        func name(_ j: Int) -> String { featureNames.map { "'\($0[j])'" } ?? "\(j + 1)" }
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw LagrangeError.invalidData("target value on data row \(i + 1) is \(y[i]); remove the row or fill it in")
        }
        var columns: [Double]
        let finite: Bool
        (columns, finite) = Self.columnMajor(x, rows: rows, threads: threads)
        if !finite {
            // Name the first bad cell in reading order (row by row), as the data file has it.
            for a in 0..<n {
                let i = rows?[a] ?? a
                if let j = (0..<p).first(where: { !x[i, $0].isFinite }) {
                    throw LagrangeError.invalidData("feature \(name(j)) on data row \(i + 1) is \(x[i, j]); remove the row or fill it in")
                }
            }
        }
        let target = try Response(y: y, sampleWeights: sampleWeights, count: n, rows: rows, fitIntercept: fitIntercept)
        let (outcomes, _) = Self.transformColumns(&columns, n: n, p: p, response: target, standardize: standardize,
                                                  fitIntercept: fitIntercept, threads: threads, checkFinite: false)
        self.init(columns: columns, n: n, p: p, response: target, outcomes: outcomes)
    }

    /// The design over column-major `columns` (p blocks of n) already transformed, with what
    /// the transforms found and the response side.
    init(columns: [Double], n: Int, p: Int, response target: Response, outcomes: [ColumnOutcome]) {
        self.sampleCount = n
        self.featureCount = p
        self.columns = columns
        self.means = outcomes.map(\.mean)
        self.scales = outcomes.map(\.scale)
        self.meanSquares = outcomes.map(\.meanSquare)
        self.response = target.values
        self.responseMean = target.mean
        self.nullObjective = target.spread / (2 * Double(n))
        self.constantColumns = outcomes.indices.filter { outcomes[$0].constant }
        self.sampleWeights = target.weights
    }

    /// The response side of a design: y − ȳ (weighted mean with weights; times √wᵢ), with the
    /// refusals of a constant target and of one whose spread cannot be squared.
    struct Response {
        /// The sample weights normalized to sum to n, and their square roots (nil when unweighted).
        var weights: [Double]?
        var roots: [Double]?
        var mean: Double
        var values: [Double]
        /// ‖values‖².
        var spread: Double

        init(y: [Double], sampleWeights: [Double]?, count n: Int, rows: [Int]?, fitIntercept: Bool) throws {
            let weights = try sampleWeights.map { try SampleWeights.normalized($0, count: n, rows: rows) }
            let roots = weights?.map { $0.squareRoot() }
            let yMean = fitIntercept ? (weights.map { w in y.indices.reduce(0) { $0 + w[$1] * y[$1] } } ?? y.reduce(0, +)) / Double(n) : 0
            let deviations = y.map { $0 - yMean }
            let response = roots.map { r in deviations.indices.map { r[$0] * deviations[$0] } } ?? deviations
            let ySpread = response.reduce(0) { $0 + $1 * $1 }
            let yLargest = deviations.reduce(0) { max($0, abs($1)) }
            guard !ConstantColumn.isConstant(spread: yLargest, mean: yMean) else {
                throw LagrangeError.invalidData(fitIntercept
                    ? "the target is constant (every value is \(y[0])); there is nothing to fit"
                    : "the target is zero everywhere; there is nothing to fit")
            }
            guard (ySpread / Double(n)).isNormal else {
                throw LagrangeError.invalidData("the target's spread (about \(yLargest)) is outside what double precision can square; rescale the target (multiply it by a power of 10)")
            }
            (self.weights, self.roots, mean, values, spread) = (weights, roots, yMean, response, ySpread)
        }
    }

    /// Transforms every column of the column-major `columns` (p blocks of n) in place, in bands of
    /// columns on `threads` threads (each column alone, so any budget gives the same design).
    /// With `checkFinite`, each column is first checked for a NaN or ∞ (by its sum, see below)
    /// and left as it is if it holds one; the second result marks those columns.
    static func transformColumns(_ columns: inout [Double], n: Int, p: Int, response target: Response, standardize: Bool,
                                 fitIntercept: Bool, threads: Int, checkFinite: Bool) -> (outcomes: [ColumnOutcome], nonFinite: [Bool]) {
        var outcomes = [ColumnOutcome](repeating: ColumnOutcome(constant: false, mean: 0, scale: 1, meanSquare: 0), count: p)
        var nonFinite = [Bool](repeating: false, count: p)
        let bands = Self.columnBands(p, threads: threads, multiple: 1)
        columns.withUnsafeMutableBufferPointer { c in
            outcomes.withUnsafeMutableBufferPointer { outcome in
                nonFinite.withUnsafeMutableBufferPointer { bad in
                    // Band b owns columns bands[b]: c[j·n ..< (j + 1)·n], outcome[j] and bad[j] for j in it.
                    Parallel.forEach(bands.count, threads: threads) { b in
                        for j in bands[b] {
                            let column = UnsafeMutableBufferPointer(rebasing: c[j * n ..< (j + 1) * n])
                            // Σv is finite only if every v is (a NaN or ∞ makes it NaN or ±∞), so a finite sum
                            // clears the column in one vectorized pass; a column whose finite values overflow
                            // the sum is checked value by value.
                            if checkFinite, !ColumnSums.sum(UnsafeBufferPointer(column)).isFinite,
                               column.contains(where: { !$0.isFinite }) {
                                bad[j] = true
                                continue
                            }
                            if let weights = target.weights, let roots = target.roots {
                                outcome[j] = Self.weightedColumn(column, weights: weights, roots: roots, standardize: standardize,
                                                                 fitIntercept: fitIntercept)
                            } else {
                                outcome[j] = Self.transformColumn(column, standardize: standardize, fitIntercept: fitIntercept)
                            }
                        }
                    }
                }
            }
        }
        return (outcomes, nonFinite)
    }

    /// What transforming one column found (the column itself is changed in place).
    struct ColumnOutcome {
        var constant: Bool
        var mean: Double
        var scale: Double
        var meanSquare: Double
    }

    /// Transforms one unweighted column in place: xᵢ ← (xᵢ − x̄)/s (centred only with an
    /// intercept, scaled only when standardizing), or zeros for a column constant by
    /// `ConstantColumn` when an intercept or standardization would make it degenerate.
    /// Returns x̄ (0 without an intercept), s and the transformed column's (1/n)‖x‖².
    static func transformColumn(_ column: UnsafeMutableBufferPointer<Double>, standardize: Bool, fitIntercept: Bool) -> ColumnOutcome {
        let n = column.count
        let inverseN = 1 / Double(n)
        var mean = ColumnSums.sum(UnsafeBufferPointer(column)) * inverseN
        // Σ(v − x̄)²/n and max|v − x̄| (the spread that tells a constant column).
        let (deviations, spread) = ColumnSums.spread(UnsafeBufferPointer(column), about: mean)
        if (fitIntercept || standardize) && ConstantColumn.isConstant(spread: spread, mean: mean) {
            for i in 0..<n { column[i] = 0 }
            return ColumnOutcome(constant: true, mean: fitIntercept ? mean : 0, scale: 1, meanSquare: 0)
        }
        let variance = deviations * inverseN
        // Mean square of the transformed column: the variance once centred.
        var square = fitIntercept ? variance : ColumnSums.spread(UnsafeBufferPointer(column), about: 0).squares * inverseN
        var s = 1.0
        if standardize {
            if variance.isNormal && square.isNormal {
                s = variance.squareRoot()
                square /= variance
            } else {
                // Squares under- or overflow (values near 1e±160): the same sd from
                // deviations divided by their largest first.
                s = Self.scaledStandardDeviation(UnsafeBufferPointer(column), mean: mean, largest: spread)
                square = fitIntercept ? 1 : Self.scaledMeanSquare(UnsafeBufferPointer(column), divisor: s)
            }
        }
        // One pass: xᵢ ← (xᵢ − x̄)/s (centred only with an intercept, scaled only when standardizing).
        let shift = fitIntercept ? mean : 0
        if shift != 0 || s != 1 {
            for i in 0..<n { column[i] = (column[i] - shift) / s }
        }
        if !fitIntercept { mean = 0 }
        return ColumnOutcome(constant: false, mean: mean, scale: s, meanSquare: square)
    }

    /// `threads` contiguous ranges covering 0..<p (fewer when p is small), each a multiple of
    /// `multiple` long except the last.
    static func columnBands(_ p: Int, threads: Int, multiple: Int) -> [Range<Int>] {
        let count = max(1, min(threads, (p + multiple - 1) / multiple))
        let units = (p + multiple - 1) / multiple
        return (0..<count).map { b in min(p, units * b / count * multiple) ..< min(p, units * (b + 1) / count * multiple) }
    }

    /// √(Σ(vᵢ − x̄)²/n) computed as m·√(Σ((vᵢ − x̄)/m)²/n), m = maxᵢ|vᵢ − x̄|, so no square
    /// under- or overflows.
    static func scaledStandardDeviation(_ v: UnsafeBufferPointer<Double>, mean: Double, largest m: Double) -> Double {
        var sum = 0.0
        for value in v { let d = (value - mean) / m; sum += d * d }
        return m * (sum / Double(v.count)).squareRoot()
    }

    /// Σ(vᵢ/s)²/n.
    static func scaledMeanSquare(_ v: UnsafeBufferPointer<Double>, divisor s: Double) -> Double {
        var sum = 0.0
        for value in v { let d = value / s; sum += d * d }
        return sum / Double(v.count)
    }

    /// The rows `rows` of `x` (all when nil) in column-major order: column j is
    /// `result[j·n ..< (j + 1)·n]`, and whether every value is finite. Gathered and transposed
    /// in one pass, in cache-sized tiles, into a buffer that is written once (never zero-filled
    /// first); with `threads` > 1, bands of columns on their own threads, which share the page
    /// faults too. Finiteness rides along as the largest |value| bit pattern (≥ that of ∞
    /// exactly when a value is ∞ or NaN): an integer maximum, instead of a second pass over the
    /// matrix.
    static func columnMajor(_ x: Matrix, rows: [Int]?, threads: Int = 1) -> (columns: [Double], finite: Bool) {
        let (n, p) = (rows?.count ?? x.rows, x.columns)
        let tile = 32
        let bands = columnBands(p, threads: threads, multiple: tile)
        var largestBits = [UInt64](repeating: 0, count: bands.count)
        let columns = [Double](unsafeUninitializedCapacity: n * p) { out, initialized in
            x.storage.withUnsafeBufferPointer { source in
                largestBits.withUnsafeMutableBufferPointer { largest in
                    // Band b writes only its columns of `out` (out[j·n ..< (j + 1)·n]) and largest[b].
                    Parallel.forEach(bands.count, threads: threads) { b in
                        var bits: UInt64 = 0
                        for a0 in stride(from: 0, to: n, by: tile) {
                            for j0 in stride(from: bands[b].lowerBound, to: bands[b].upperBound, by: tile) {
                                for a in a0 ..< min(a0 + tile, n) {
                                    let start = (rows?[a] ?? a) * p
                                    for j in j0 ..< min(j0 + tile, bands[b].upperBound) {
                                        let value = source[start + j]
                                        out[j * n + a] = value
                                        bits = max(bits, value.bitPattern & 0x7FFF_FFFF_FFFF_FFFF)
                                    }
                                }
                            }
                        }
                        largest[b] = bits
                    }
                }
            }
            initialized = n * p
        }
        return (columns, largestBits.allSatisfy { $0 < Double.infinity.bitPattern })
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
