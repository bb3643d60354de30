import DataIO
import LinearAlgebra
import Modeling
import Statistics

extension PCAParameters: Estimator {
    /// Fits PCA to the features of `dataset` (its target, if any, is not used).
    public func fit(_ dataset: Dataset, context: ExecutionContext) throws -> PCAModel {
        try fit(dataset.features, featureNames: dataset.featureNames, context: context)
    }

    /// Fits PCA to the rows of `x` (n × p). Tall data goes through the covariance, formed by
    /// `CentredScatter` (no centred copy of the whole matrix); wide data (n < p)
    /// through the thin SVD of the centred data, unless `route` says otherwise (see `PCARoute`).
    /// Rows that arrive in blocks go through `CovarianceAccumulator` and `fit(_:featureNames:)`.
    public func fit(_ x: Matrix, featureNames: [String]? = nil, context: ExecutionContext = ExecutionContext()) throws -> PCAModel {
        try validate()
        let names = try Self.names(featureNames, count: x.columns)
        guard x.rows >= 2 else { throw LagrangeError.notEnoughSamples("PCA needs at least 2 rows, got \(x.rows)") }
        guard x.columns >= 1 else { throw LagrangeError.notEnoughSamples("PCA needs at least 1 feature") }
        let resolved = route == .automatic ? (x.rows < x.columns ? .singularValues : .covariance) : route
        if resolved == .singularValues {
            try x.requireFinite("the data")
            return try fitSingularValues(rows: x, mean: Self.correctedMean(x), names: names)
        }
        let (mean, scatter, _) = try CentredScatter.compute(x, threads: context.threads)
        let sigma = try scatter.rebuilt { c in
            let scale = 1 / Double(x.rows - 1)
            for idx in c.indices { c[idx] *= scale }
        }
        return try fitCovariance(sigma, sampleCount: x.rows, mean: mean, names: names)
    }

    /// Fits PCA to rows accumulated (streamed) into `moments`. Takes the SVD route only when
    /// the accumulator still holds the rows (n ≤ p) and n < p, or when asked to and it can.
    public func fit(_ moments: CovarianceAccumulator, featureNames: [String]? = nil) throws -> PCAModel {
        try validate()
        let names = try Self.names(featureNames, count: moments.featureCount)
        guard moments.count >= 2 else { throw LagrangeError.notEnoughSamples("PCA needs at least 2 rows, got \(moments.count)") }
        let rows = moments.retainedRows
        let wantsSVD = route == .singularValues || (route == .automatic && moments.count < moments.featureCount)
        if wantsSVD, let rows {
            return try fitSingularValues(rows: rows, mean: moments.mean, names: names)
        }
        if route == .singularValues {
            throw LagrangeError.invalidParameter(name: "route", value: "singularValues",
                                                 requirement: "needs the rows, which a stream keeps only while n ≤ p")
        }
        return try fitCovariance(try moments.covariance(), sampleCount: moments.count, mean: moments.mean, names: names)
    }

    // MARK: - Routes

    /// Σv = λv on the p × p covariance: `dsyevr` for a count k < p, `dsyevd` for all.
    func fitCovariance(_ sigma: Matrix, sampleCount n: Int, mean: [Double], names: [String]) throws -> PCAModel {
        let p = sigma.rows
        let rank = min(n, p)
        let total = (0..<p).reduce(0.0) { $0 + sigma[$1, $1] }
        let variances = (0..<p).map { sigma[$0, $0] }
        let eigen: SymmetricEigendecomposition
        let solver: String
        var spectrum: [Double]?
        if case let .count(k) = components {
            try Self.checkCount(k, samples: n, features: p)
        }
        if case let .count(k) = components, k < p {
            eigen = try sigma.symmetricEigen(largest: k)
            solver = "dsyevr"
        } else {
            let full = try sigma.symmetricEigen()
            spectrum = Array(full.values.prefix(rank)).map { max($0, 0) }
            eigen = full
            solver = "dsyevd"
        }
        let k = try keptCount(spectrum: spectrum, total: total, samples: n, features: p)
        let vectors = try Self.signFixed(Matrix(rows: k, columns: p, storage: Array(eigen.vectors.storage.prefix(k * p))))
        let lambda = Array(eigen.values.prefix(k))
        let sigmaV = try BLAS.multiply(vectors, .none, sigma, .none)
        let certificate = try PCACertificate.measure(components: vectors, eigenvalues: lambda, sigmaTimesComponents: sigmaV)
        return try assemble(vectors: vectors, eigenvalues: lambda, total: total, spectrum: spectrum, variances: variances,
                            sampleCount: n, mean: mean, names: names, route: .covariance, solver: solver, certificate: certificate)
    }

    /// Xc = U S Vᵀ (thin, `dgesdd`) on the centred rows; λᵢ = sᵢ²/(n − 1).
    func fitSingularValues(rows x: Matrix, mean: [Double], names: [String]) throws -> PCAModel {
        let (n, p) = (x.rows, x.columns)
        let centred = try x.rebuilt { s in
            for i in 0..<n { for j in 0..<p { s[i * p + j] -= mean[j] } }
        }
        if case let .count(k) = components { try Self.checkCount(k, samples: n, features: p) }
        let svd = try centred.svd()
        let denominator = Double(n - 1)
        let spectrum = svd.singularValues.map { $0 * $0 / denominator }
        let total = spectrum.reduce(0, +)
        var variances = [Double](repeating: 0, count: p)
        for i in 0..<n { for j in 0..<p { variances[j] += centred[i, j] * centred[i, j] / denominator } }
        let k = try keptCount(spectrum: spectrum, total: total, samples: n, features: p)
        let vectors = try Self.signFixed(Matrix(rows: k, columns: p, storage: Array(svd.vt.storage.prefix(k * p))))
        let lambda = Array(spectrum.prefix(k))
        // Σv = Xcᵀ(Xc v)/(n − 1) without forming the p × p matrix Σ.
        let projected = try BLAS.multiply(centred, .none, vectors, .transposed)
        var sigmaV = Matrix.zeros(0, 0)
        try BLAS.gemm(projected, .transposed, centred, .none, alpha: 1 / denominator, into: &sigmaV)
        let certificate = try PCACertificate.measure(components: vectors, eigenvalues: lambda, sigmaTimesComponents: sigmaV)
        return try assemble(vectors: vectors, eigenvalues: lambda, total: total, spectrum: spectrum, variances: variances,
                            sampleCount: n, mean: mean, names: names, route: .singularValues, solver: "dgesdd",
                            certificate: certificate)
    }

    // MARK: - Shared steps

    private func assemble(vectors: Matrix, eigenvalues lambda: [Double], total: Double, spectrum: [Double]?,
                          variances: [Double], sampleCount n: Int, mean: [Double], names: [String],
                          route: PCARoute, solver: String, certificate: PCACertificate) throws -> PCAModel {
        let k = vectors.rows
        let p = vectors.columns
        let explained = lambda.map { max($0, 0) }
        if whiten { try Self.checkWhitenable(explained: explained, variances: variances, mean: mean, names: names) }
        let rank = min(n, p)
        let leftOver = max(total - explained.reduce(0, +), 0)
        let noise = rank > k ? leftOver / Double(rank - k) : 0
        return PCAModel(featureNames: names, sampleCount: n, mean: mean, components: vectors,
                        explainedVariance: explained,
                        explainedVarianceRatio: explained.map { total > 0 ? $0 / total : 0 },
                        singularValues: explained.map { ($0 * Double(n - 1)).squareRoot() },
                        totalVariance: total, noiseVariance: noise, spectrum: spectrum, whiten: whiten,
                        selection: components, route: route, solver: solver, certificate: certificate)
    }

    /// The number of components to keep. A variance fraction needs the whole spectrum.
    private func keptCount(spectrum: [Double]?, total: Double, samples n: Int, features p: Int) throws -> Int {
        let rank = min(n, p)
        switch components {
        case let .count(k):
            return k
        case .all:
            return rank
        case let .varianceFraction(f):
            guard let spectrum, total > 0 else { return rank }
            var cumulative = 0.0
            for (i, lambda) in spectrum.prefix(rank).enumerated() {
                cumulative += lambda / total
                if cumulative >= f * (1 - PCATolerance.varianceFractionSlack) { return i + 1 }
            }
            return rank
        }
    }

    static func checkCount(_ k: Int, samples n: Int, features p: Int) throws {
        if k > p {
            throw LagrangeError.invalidParameter(name: "components", value: "\(k)",
                                                 requirement: "must be at most the number of features (\(p))")
        }
        if k > n {
            throw LagrangeError.invalidParameter(name: "components", value: "\(k)",
                                                 requirement: "must be at most the number of rows (\(n))")
        }
    }

    /// Whitening divides by √λ: refuse a kept zero eigenvalue, naming a constant column when
    /// one is the cause.
    static func checkWhitenable(explained: [Double], variances: [Double], mean: [Double], names: [String]) throws {
        let largest = explained.first ?? 0
        guard let i = explained.firstIndex(where: { $0 <= PCATolerance.whitenRelativeEigenvalueFloor * largest }) else { return }
        for j in variances.indices {
            let spread = max(variances[j], 0).squareRoot()
            if spread <= PCATolerance.constantColumnRelativeSpread * abs(mean[j]) {
                throw LagrangeError.invalidData(
                    "column '\(names[j])' is constant, so component \(i + 1) has zero variance and its whitened score is undefined; leave the column out, keep fewer components, or fit without whitening")
            }
        }
        throw LagrangeError.invalidData(
            "component \(i + 1) has zero variance (collinear columns), so its whitened score is undefined; keep fewer components or fit without whitening")
    }

    /// Signs each direction (row) so that its largest-|loading| entry (the first, on a tie) is positive.
    static func signFixed(_ vectors: Matrix) throws -> Matrix {
        let p = vectors.columns
        return try vectors.rebuilt { v in
            for i in 0..<vectors.rows {
                let row = v.baseAddress! + i * p
                var best = 0
                for j in 0..<p where abs(row[j]) > abs(row[best]) { best = j }
                if row[best] < 0 { for j in 0..<p { row[j] = -row[j] } }
            }
        }
    }

    /// Column means corrected by a second pass, x̄ + mean(x − x̄), so a large offset loses no digits.
    static func correctedMean(_ x: Matrix) -> [Double] {
        var mean = x.columnMeans()
        var residual = [Double](repeating: 0, count: x.columns)
        for i in 0..<x.rows { for j in 0..<x.columns { residual[j] += x[i, j] - mean[j] } }
        for j in 0..<x.columns { mean[j] += residual[j] / Double(x.rows) }
        return mean
    }

    static func names(_ given: [String]?, count: Int) throws -> [String] {
        guard let given else { return (1...max(count, 1)).prefix(count).map { "x\($0)" } }
        guard given.count == count else {
            throw LagrangeError.shapeMismatch("\(given.count) feature names for \(count) features")
        }
        return given
    }
}
