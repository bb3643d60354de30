extension Matrix {
    /// Column means, (1/n) Σᵢ xᵢⱼ.
    public func columnMeans() -> [Double] {
        var sums = [Double](repeating: 0, count: columns)
        guard rows > 0 else { return sums }
        storage.withUnsafeBufferPointer { s in
            sums.withUnsafeMutableBufferPointer { acc in
                for i in 0..<rows {
                    let base = i * columns
                    for j in 0..<columns { acc[j] += s[base + j] }
                }
            }
        }
        let scale = 1 / Double(rows)
        return sums.map { $0 * scale }
    }

    /// Column standard deviations √(Σᵢ (xᵢⱼ − x̄ⱼ)² / (n − ddof)), computed in two passes so a
    /// large common offset does not cancel away the variance. `ddof` is 1 for the sample
    /// standard deviation, 0 for the population one (glmnet's and scikit-learn's scaling).
    public func columnStandardDeviations(ddof: Int = 1, means: [Double]? = nil) -> [Double] {
        let mu = means ?? columnMeans()
        var squares = [Double](repeating: 0, count: columns)
        guard rows > ddof else { return [Double](repeating: .nan, count: columns) }
        storage.withUnsafeBufferPointer { s in
            squares.withUnsafeMutableBufferPointer { acc in
                for i in 0..<rows {
                    let base = i * columns
                    for j in 0..<columns {
                        let d = s[base + j] - mu[j]
                        acc[j] += d * d
                    }
                }
            }
        }
        let denominator = Double(rows - ddof)
        return squares.map { ($0 / denominator).squareRoot() }
    }
}

/// Column centring and scaling, fitted once and kept so the same map applies to new data:
/// zᵢⱼ = (xᵢⱼ − meanⱼ) / scaleⱼ.
public struct Standardization: Codable, Equatable, Sendable {
    public var means: [Double]
    public var scales: [Double]

    public init(means: [Double], scales: [Double]) {
        precondition(means.count == scales.count, "Standardization needs one mean and one scale per column")
        self.means = means
        self.scales = scales
    }

    /// Fits the map to `x`. With `center == false` the means are 0; with `scale == false` the
    /// scales are 1. Scaling uses the standard deviation with denominator n − `ddof`
    /// (default 0, as glmnet and scikit-learn's `StandardScaler`). A constant column cannot be
    /// scaled and throws, naming the column (`columnNames[j]` when given).
    public init(fitting x: Matrix, center: Bool = true, scale: Bool = true, ddof: Int = 0,
                columnNames: [String]? = nil) throws {
        let means = x.columnMeans()
        var scales = [Double](repeating: 1, count: x.columns)
        if scale {
            scales = x.columnStandardDeviations(ddof: ddof, means: means)
            // A constant column can have a computed sd of one ulp of its mean (the mean of
            // n copies of 0.1 is not exactly 0.1), so constancy is tested on the values.
            let first = x.rows > 0 ? Array(x.row(0)) : []
            var constant = [Bool](repeating: x.rows > 0, count: x.columns)
            for i in 1..<max(x.rows, 1) {
                for j in 0..<x.columns where constant[j] && x[i, j] != first[j] { constant[j] = false }
            }
            for (j, s) in scales.enumerated() where !(s > 0) || !s.isFinite || constant[j] {
                let name = columnNames.map { "'\($0[j])'" } ?? "\(j)"
                throw LagrangeError.invalidData(
                    "column \(name) is constant, so it cannot be standardized; leave it out or turn standardization off")
            }
        }
        self.init(means: center ? means : [Double](repeating: 0, count: x.columns), scales: scales)
    }

    /// Applies the map to the rows of `x`.
    public func apply(to x: Matrix) throws -> Matrix {
        guard x.columns == means.count else {
            throw LagrangeError.shapeMismatch("standardization fitted on \(means.count) columns, applied to \(x.columns)")
        }
        var out = x
        let p = x.columns
        let inverseScales = scales.map { 1 / $0 }
        out.storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<x.rows {
                let base = i * p
                for j in 0..<p { s[base + j] = (s[base + j] - means[j]) * inverseScales[j] }
            }
        }
        return out
    }

    /// The inverse map, xᵢⱼ = zᵢⱼ · scaleⱼ + meanⱼ.
    public func invert(_ z: Matrix) throws -> Matrix {
        guard z.columns == means.count else {
            throw LagrangeError.shapeMismatch("standardization fitted on \(means.count) columns, inverted on \(z.columns)")
        }
        var out = z
        let p = z.columns
        out.storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<z.rows {
                let base = i * p
                for j in 0..<p { s[base + j] = s[base + j] * scales[j] + means[j] }
            }
        }
        return out
    }
}
