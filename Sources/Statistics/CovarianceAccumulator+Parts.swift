import LinearAlgebra

extension CovarianceAccumulator {
    /// An accumulator rebuilt from its parts (a decoded statistics file): `count` rows with
    /// shift K, shifted mean ȳ (x̄ = K + ȳ) and scatter M (p × p, symmetric). Keeps no rows.
    /// The caller has checked the sizes; an empty accumulator has count 0 and no shift.
    init(count: Int, shift: [Double]?, shiftedMean: [Double], scatter: Matrix, threads: Int = 1) {
        self.init(featureCount: shiftedMean.count, retainsRows: false, threads: threads)
        self.count = count
        self.shift = count > 0 ? shift : nil
        self.shiftedMean = count > 0 ? shiftedMean : [Double](repeating: 0, count: shiftedMean.count)
        self.scatter = count > 0 ? scatter : Matrix.zeros(shiftedMean.count, shiftedMean.count)
    }

    /// The same rows seen through the columns `columns` only (in that order): the sub-vectors
    /// of K and ȳ and the sub-block of M. Exact: no arithmetic is done.
    public func selecting(_ columns: [Int]) throws -> CovarianceAccumulator {
        guard columns.allSatisfy({ $0 >= 0 && $0 < featureCount }) else {
            throw LagrangeError.shapeMismatch("column selection \(columns) of an accumulator of \(featureCount) features")
        }
        let q = columns.count
        var block = Matrix.zeros(q, q)
        for (a, i) in columns.enumerated() { for (b, j) in columns.enumerated() { block[a, b] = scatter[i, j] } }
        return CovarianceAccumulator(count: count, shift: shift.map { k in columns.map { k[$0] } },
                                     shiftedMean: columns.map { shiftedMean[$0] }, scatter: block, threads: threads)
    }

    /// Takes out the rows of `part`, which must be among the rows seen here: the inverse of
    /// `merge`. With T = this accumulator, B = `part` and A = T minus B (n_A = n_T − n_B),
    /// the mean difference δ_BT = x̄_B − x̄_T is formed from the shifts and shifted means (so a
    /// large common offset cancels exactly first), and
    ///
    ///     x̄_A = x̄_T − (n_B / n_A) δ_BT,   δ = x̄_B − x̄_A = (n_T / n_A) δ_BT,
    ///     M_A = M_T − M_B − (n_A n_B / n_T) δδᵀ,
    ///
    /// which is Chan's merge formula solved for M_A. Exact in exact arithmetic; in floating
    /// point the result carries the rounding of M_T, so its relative error grows like
    /// ‖M_T‖ / ‖M_A‖ (small when A is most of T, as a cross-validation training set is).
    /// Diagonal entries that rounding would leave below zero are set to zero.
    public mutating func subtract(_ part: CovarianceAccumulator) throws {
        guard part.featureCount == featureCount else {
            throw LagrangeError.shapeMismatch("an accumulator of \(part.featureCount) features subtracted from one of \(featureCount)")
        }
        guard part.count > 0 else { return }
        guard part.count <= count, let shift, let partShift = part.shift else {
            throw LagrangeError.invalidData("cannot take \(part.count) rows out of statistics of \(count) rows")
        }
        let p = featureCount
        guard part.count < count else {
            self = CovarianceAccumulator(featureCount: p, retainsRows: false, threads: threads)
            return
        }
        let (total, removed) = (Double(count), Double(part.count))
        let rest = total - removed
        let towardPart = (0..<p).map { k in (partShift[k] - shift[k]) + (part.shiftedMean[k] - shiftedMean[k]) }
        let delta = towardPart.map { $0 * total / rest }
        let cross = rest * removed / total
        scatter.storage.withUnsafeMutableBufferPointer { m in
            part.scatter.storage.withUnsafeBufferPointer { b in
                for i in 0..<p {
                    let di = cross * delta[i]
                    for j in 0..<p { m[i * p + j] -= b[i * p + j] + di * delta[j] }
                    m[i * p + i] = max(m[i * p + i], 0)
                }
            }
        }
        for k in 0..<p { shiftedMean[k] -= towardPart[k] * removed / rest }
        count -= part.count
        // The scatter of one row is exactly zero.
        if count == 1 { scatter = Matrix.zeros(p, p) }
        retainedStorage = nil
    }

    /// `merge` as a function: the accumulator of both sets of rows.
    public func merging(_ other: CovarianceAccumulator) throws -> CovarianceAccumulator {
        var result = self
        try result.merge(other)
        return result
    }
}
