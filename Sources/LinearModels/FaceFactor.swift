import LinearAlgebra

/// The Cholesky factor of the lasso's face Hessian H = G_FF + diag(rₐ) (G the Gram matrix of the
/// standardized features, rₐ = λ(1−α)wₐ) for an ordered set F of features, kept as F changes one
/// feature at a time instead of factored afresh (|F|³/3) for every face step:
///
///     append j:   L ← [L 0; lᵀ d],   L l = H_F,j,   d = √(H_jj − lᵀl)                  O(|F|²)
///     remove i:   drop row and column i; the block below, L₃₃, becomes the factor of
///                 L₃₃L₃₃ᵀ + x xᵀ (x the dropped column below i: a rank-one update)      O((|F| − i)²)
///
/// L is lower triangular, column-major with a fixed leading dimension: the triangular solves are
/// BLAS's (`dtrsv`) and the rank-one update runs down contiguous columns. A feature whose d² is
/// not clearly positive (H_F∪j numerically singular, e.g. |F| ≥ n) is refused.
struct FaceFactor {
    /// The features of F in factor order.
    private(set) var features: [Int] = []
    /// L(r, c) at `factor[c · stride + r]`, r ≥ c.
    private var factor: [Double] = []
    private var stride = 0
    /// The ridge scale λ(1−α) the factor was built with (its diagonal depends on it).
    private(set) var ridgeScale = 0.0

    /// A new feature is refused when d² ≤ this fraction of H_jj (its column is within ~1e-5
    /// relative of the span of the others: a step would be dominated by rounding).
    static let pivotFraction = 1e-10

    var count: Int { features.count }

    /// Empties F (and records the ridge scale of what will be factored next).
    mutating func clear(ridgeScale: Double) {
        features.removeAll(keepingCapacity: true)
        self.ridgeScale = ridgeScale
    }

    /// Factors H for `newFeatures` afresh (`dpotrf`); `entry(a, b)` gives H between features a
    /// and b. False (F left empty) when H is not numerically positive definite.
    mutating func rebuild(_ newFeatures: [Int], entry: (Int, Int) -> Double) -> Bool {
        let k = newFeatures.count
        features.removeAll(keepingCapacity: true)
        reserve(k)
        for (c, b) in newFeatures.enumerated() {
            for r in c..<k { factor[c * stride + r] = entry(newFeatures[r], b) }
        }
        guard Cholesky.factorLowerInPlace(&factor, order: k, leadingDimension: stride) else { return false }
        features = newFeatures
        return true
    }

    /// Appends `feature` with H against the current features (`column`, in factor order) and
    /// H_jj (`diagonal`); false (nothing changed) when it would make H numerically singular.
    mutating func append(_ feature: Int, column: [Double], diagonal: Double) -> Bool {
        let k = count
        reserve(k + 1)
        var l = column
        factor.withUnsafeBufferPointer { f in
            l.withUnsafeMutableBufferPointer { l in
                BLAS.solveLowerTriangular(order: k, f.baseAddress!, leadingDimension: stride, transposed: false, l.baseAddress!)
            }
        }
        let pivot = diagonal - l.reduce(0) { $0 + $1 * $1 }
        guard pivot > Self.pivotFraction * diagonal else { return false }
        for t in 0..<k { factor[t * stride + k] = l[t] }
        factor[k * stride + k] = pivot.squareRoot()
        features.append(feature)
        return true
    }

    /// Removes the feature at factor position `i`.
    mutating func remove(at i: Int) {
        let k = count, s = stride
        precondition(i >= 0 && i < k, "no feature at factor position \(i)")
        // Unsafe pointers: the shift of the later rows and columns and a rank-one update of the
        // trailing block, O((k − i)²) per removed feature.
        factor.withUnsafeMutableBufferPointer { f in
            let base = f.baseAddress!
            var x = Array(UnsafeBufferPointer(start: base + i * s + i + 1, count: k - 1 - i))
            // Columns before i lose row i; later columns move left one, also losing row i.
            for c in 0..<i {
                let column = base + c * s
                for r in i + 1 ..< k { column[r - 1] = column[r] }
            }
            for c in i + 1 ..< k {
                let from = base + c * s, to = base + (c - 1) * s
                for r in c..<k { to[r - 1] = from[r] }
            }
            // L₃₃ ← factor of L₃₃L₃₃ᵀ + x xᵀ (rows and columns i ..< k − 1 now), column by column.
            let m = k - 1 - i
            x.withUnsafeMutableBufferPointer { x in
                for t in 0..<m {
                    let column = base + (i + t) * s + i
                    let diagonal = column[t]
                    let r = (diagonal * diagonal + x[t] * x[t]).squareRoot()
                    let (cosine, sine) = (r / diagonal, x[t] / diagonal)
                    column[t] = r
                    for u in t + 1 ..< m {
                        let value = (column[u] + sine * x[u]) / cosine
                        column[u] = value
                        x[u] = cosine * x[u] - sine * value
                    }
                }
            }
        }
        features.remove(at: i)
    }

    /// x with H x = b (b in factor order): L z = b, then Lᵀ x = z.
    func solve(_ b: [Double]) -> [Double] {
        var x = b
        factor.withUnsafeBufferPointer { f in
            x.withUnsafeMutableBufferPointer { x in
                BLAS.solveLowerTriangular(order: count, f.baseAddress!, leadingDimension: stride, transposed: false, x.baseAddress!)
                BLAS.solveLowerTriangular(order: count, f.baseAddress!, leadingDimension: stride, transposed: true, x.baseAddress!)
            }
        }
        return x
    }

    /// Room for `order` features (the leading dimension grows by half at least; entries kept).
    private mutating func reserve(_ order: Int) {
        guard order > stride else { return }
        let newStride = max(order + order / 2, 32)
        factor = CycleBlock.regrown(factor, size: count, stride: stride, to: newStride)
        stride = newStride
    }
}
