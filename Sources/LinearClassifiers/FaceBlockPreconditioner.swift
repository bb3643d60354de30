import LinearAlgebra

/// The block-Jacobi preconditioner of the multinomial face Newton step
/// (`MultinomialSolver.faceNewtonStep`): one block per support feature, over its classes in the
/// support, and one over the intercepts.
///
/// The face Hessian couples the classes of one feature through the softmax: its (j, c), (j, l)
/// entry is
///
///     Aⱼ[c, l] = Σᵢ ωᵢ xᵢⱼ² pᵢc(δcl − pᵢl) + δcl λ(1−α)wⱼ,
///
/// (the intercepts' block the same with xᵢⱼ = 1 and no ridge). The diagonal alone (Jacobi) leaves
/// that coupling to conjugate gradients, and it is the badly conditioned part: a row's softmax
/// Hessian diag(pᵢ) − pᵢpᵢᵀ has eigenvalues from ~min pᵢc down to 0 along 1. A feature with all K
/// classes in the support has Aⱼ1 = λ(1−α)wⱼ1, singular for the lasso; the step works on the
/// complement of 1 there (the caller projects), so the block is inverted as Aⱼ + (tr Aⱼ/K)·11ᵀ/K,
/// which acts as Aⱼ on that complement and is positive definite. Each block is factored once
/// (Cholesky, K ≤ a few dozen); a block that does not factor falls back to its diagonal.
///
/// The sums Σᵢ ωᵢxᵢⱼ² pᵢc pᵢl for every feature and class pair are one `dgemm` of the squared
/// support columns with the n × (K(K+1)/2 + K) matrix of the ωᵢpᵢcpᵢl and ωᵢpᵢc: about K/4 of a
/// conjugate-gradient iteration's two products.
struct FaceBlockPreconditioner {
    /// Per support feature (position f), the range of its coefficients in the support vector.
    let ranges: [Range<Int>]
    /// Per support feature, the lower Cholesky factor of its block (row-major s × s), or empty
    /// when it fell back to `diagonal`.
    private var factors: [[Double]]
    private var diagonal: [Double]
    private var interceptFactor: [Double]
    private var interceptDiagonal: [Double]
    let classCount: Int

    /// - Parameters:
    ///   - support: coefficient indices j·K + c, grouped by feature in ascending order.
    ///   - columns: the support features' columns, n × f column-major (feature f = the f-th
    ///     distinct feature of `support`).
    ///   - ridge: λ(1−α)wⱼ per support feature position.
    init(support: [Int], classes k: Int, columns: [Double], sampleCount n: Int, probability: [Double], weights omega: [Double],
         ridge: [Double], fitIntercept: Bool, floor: Double) {
        classCount = k
        var ranges: [Range<Int>] = []
        var start = 0
        for s in support.indices.dropFirst() where support[s] / k != support[start] / k {
            ranges.append(start..<s)
            start = s
        }
        if !support.isEmpty { ranges.append(start..<support.count) }
        self.ranges = ranges
        let f = ranges.count
        // Column layout of the weight matrix: pairs c ≤ l at `pairIndex(c, l)`, then ωᵢpᵢc at pairs + c.
        let pairs = k * (k + 1) / 2
        let width = pairs + k
        func pairIndex(_ c: Int, _ l: Int) -> Int { let (a, b) = c <= l ? (c, l) : (l, c); return a * k - a * (a - 1) / 2 + (b - a) }
        var weighted = [Double](repeating: 0, count: n * width)
        for c in 0..<k {
            for l in c..<k {
                let column = pairIndex(c, l) * n
                for i in 0..<n { weighted[column + i] = omega[i] * probability[c * n + i] * probability[l * n + i] }
            }
            for i in 0..<n { weighted[(pairs + c) * n + i] = omega[i] * probability[c * n + i] }
        }
        let squares = columns.map { $0 * $0 }
        var sums = [Double](repeating: 0, count: f * width)
        squares.withUnsafeBufferPointer { x in
            weighted.withUnsafeBufferPointer { w in
                sums.withUnsafeMutableBufferPointer { g in
                    BLAS.columnMajorTransposeTimesClasses(rows: n, columns: f, classes: width, x.baseAddress!, w.baseAddress!,
                                                          into: g.baseAddress!)
                }
            }
        }
        factors = []
        diagonal = [Double](repeating: 1, count: support.count)
        for (position, range) in ranges.enumerated() {
            let classes = range.map { support[$0] % k }
            let s = classes.count
            var block = [Double](repeating: 0, count: s * s)
            for a in 0..<s {
                for b in 0..<s {
                    let (c, l) = (classes[a], classes[b])
                    var value = -sums[position * width + pairIndex(c, l)]
                    if a == b { value += sums[position * width + pairs + c] + ridge[position] }
                    block[a * s + b] = value
                }
                diagonal[range.lowerBound + a] = max(block[a * s + a], floor)
            }
            factors.append(Self.factor(block, size: s, full: s == k, floor: floor) ?? [])
        }
        interceptDiagonal = [Double](repeating: 1, count: k)
        interceptFactor = []
        if fitIntercept {
            var block = [Double](repeating: 0, count: k * k)
            for c in 0..<k {
                for l in 0..<k {
                    var total = 0.0
                    if c == l {
                        for i in 0..<n { total += omega[i] * probability[c * n + i] * (1 - probability[c * n + i]) }
                    } else {
                        for i in 0..<n { total -= weighted[pairIndex(c, l) * n + i] }
                    }
                    block[c * k + l] = total
                }
                interceptDiagonal[c] = max(block[c * k + c], floor)
            }
            interceptFactor = Self.factor(block, size: k, full: true, floor: floor) ?? []
        }
    }

    /// The lower Cholesky factor of `block` (+ (tr/size)·11ᵀ/size when `full`), or nil when a
    /// pivot is not above `floor`.
    static func factor(_ block: [Double], size s: Int, full: Bool, floor: Double) -> [Double]? {
        var a = block
        if full {
            var trace = 0.0
            for d in 0..<s { trace += a[d * s + d] }
            let shift = trace / Double(s) / Double(s)
            for index in 0..<(s * s) { a[index] += shift }
        }
        for column in 0..<s {
            var pivot = a[column * s + column]
            for m in 0..<column { pivot -= a[column * s + m] * a[column * s + m] }
            guard pivot > floor, pivot.isFinite else { return nil }
            let root = pivot.squareRoot()
            a[column * s + column] = root
            for row in (column + 1)..<max(s, column + 1) {
                var value = a[row * s + column]
                for m in 0..<column { value -= a[row * s + m] * a[column * s + m] }
                a[row * s + column] = value / root
            }
        }
        return a
    }

    /// Solves L Lᵀ x = b in place on `values[offset ..< offset + s]`.
    static func solve(_ l: [Double], size s: Int, _ values: inout [Double], offset: Int) {
        for row in 0..<s {
            var value = values[offset + row]
            for m in 0..<row { value -= l[row * s + m] * values[offset + m] }
            values[offset + row] = value / l[row * s + row]
        }
        for row in stride(from: s - 1, through: 0, by: -1) {
            var value = values[offset + row]
            for m in (row + 1)..<max(s, row + 1) { value -= l[m * s + row] * values[offset + m] }
            values[offset + row] = value / l[row * s + row]
        }
    }

    /// M⁻¹ applied to the coefficients' part `v` and the intercepts' part `vb` (the caller projects).
    func apply(_ v: [Double], _ vb: [Double]) -> ([Double], [Double]) {
        var z = v, zb = vb
        for (position, range) in ranges.enumerated() {
            if factors[position].isEmpty {
                for s in range { z[s] /= diagonal[s] }
            } else {
                Self.solve(factors[position], size: range.count, &z, offset: range.lowerBound)
            }
        }
        if interceptFactor.isEmpty {
            for c in 0..<classCount { zb[c] /= interceptDiagonal[c] }
        } else {
            Self.solve(interceptFactor, size: classCount, &zb, offset: 0)
        }
        return (z, zb)
    }
}
