import LinearAlgebra

/// Makes the dual point feasible when some features are never penalized (wⱼ = 0).
///
/// For such a feature the dual constraint is the equality xⱼᵀθ = 0, which rescaling the
/// residual cannot enforce. The residual is therefore first projected onto the orthogonal
/// complement of the unpenalized columns X_U:
///
///     r′ = r − X_U c,   (X_UᵀX_U/n) c = X_Uᵀr/n,
///
/// and the dual point is built from r′ (then rescaled as usual). At the optimum X_Uᵀr = 0, so
/// r′ = r and the gap still closes.
struct UnpenalizedProjection {
    let indices: [Int]
    let factor: Cholesky

    /// nil when every feature is penalized.
    init?(design: Design, weights: [Double]) throws {
        let indices = weights.indices.filter { weights[$0] == 0 }
        guard !indices.isEmpty else { return nil }
        let n = design.sampleCount
        let k = indices.count
        var columns = [Double](repeating: 0, count: k * n)
        for (a, j) in indices.enumerated() {
            for i in 0..<n { columns[a * n + i] = design.columns[j * n + i] }
        }
        let xu = try Matrix(rows: k, columns: n, storage: columns)
        var gram = Matrix.zeros(k, k)
        try BLAS.syrk(xu, .rows, alpha: 1 / Double(n), into: &gram)
        do {
            factor = try Cholesky(gram)
        } catch {
            throw LagrangeError.invalidData("the unpenalized features (penalty factor 0) are collinear; give at least one of them a positive factor")
        }
        self.indices = indices
    }

    /// r′ from r and the exact gⱼ = xⱼᵀr/n of the unpenalized features (`gradient` is read at
    /// their indices only).
    func projectResidual(_ residual: [Double], gradient: [Double], design: Design) -> [Double] {
        let c = try! factor.solve(indices.map { gradient[$0] })
        var projected = residual
        let n = design.sampleCount
        design.columns.withUnsafeBufferPointer { x in
            projected.withUnsafeMutableBufferPointer { r in
                for (a, j) in indices.enumerated() { BLAS.axpy(n, -c[a], x.baseAddress! + j * n, r.baseAddress!) }
            }
        }
        return projected
    }

    /// (r′, Xᵀr′/n) from r and g = Xᵀr/n.
    func project(residual: [Double], gradient: [Double], design: Design) -> (residual: [Double], gradient: [Double]) {
        let projected = projectResidual(residual, gradient: gradient, design: design)
        return (projected, design.correlations(projected))
    }
}
