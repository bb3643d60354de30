import Dispatch
import Foundation
import LinearAlgebra

/// The mean and scatter matrix M = Σᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ of a matrix already in memory.
///
/// First x̄ = Xᵀ1/n (`dgemv`) and G = XᵀX (one `dsyrk` on X itself, no copy); the diagonal of G
/// gives every column's sum of squares, hence a rough standard deviation sⱼ. Then:
///
/// - **No large offset** (|x̄ⱼ| ≤ `offsetLimit` · sⱼ for every column): M = G − n x̄x̄ᵀ — the bare
///   floor's cost. Rounding in G is ε·Σ|xⱼxₖ| ≤ ε·n(sⱼ + |x̄ⱼ|)(sₖ + |x̄ₖ|), at most
///   (1 + limit)² = 4 times the ε·n·sⱼsₖ that even centred data incur.
/// - **Otherwise** G is dropped and the classic two-pass algorithm runs: for each block of rows
///   (small enough to stay in cache) D = X_block − 1x̄ᵀ, M += DᵀD (`dsyrk`), summing the
///   residual r = Σ rows of D / n (zero but for the rounding of x̄); then x̄ ← x̄ + r and
///   M ← M − n rrᵀ, the exact correction for having centred on x̄ + r. Offsets cost nothing
///   here: rows are centred before any product. No centred copy of the whole matrix is made.
///
/// The rough sⱼ from G is trustworthy exactly when the offset is small; when it is not,
/// cancellation makes it small or negative and the test sends the data to two passes.
enum CentredScatter {
    /// How large a column mean may be, in standard deviations, for the uncentred product.
    static let offsetLimit = 1.0

    /// Which way `compute` went.
    enum Method: Equatable { case uncentredProduct, twoPass }

    /// Numbers per centred block (about 2 MB): it stays in cache between centring and `dsyrk`.
    static let blockElements = 1 << 18

    static func compute(_ x: Matrix, threads: Int) throws -> (mean: [Double], scatter: Matrix, method: Method) {
        let (n, p) = (x.rows, x.columns)
        var mean = try BLAS.multiply(x, .transposed, [Double](repeating: 1 / Double(n), count: n))
        if let bad = mean.firstIndex(where: { !$0.isFinite }) {
            let row = (0..<n).first { !x[$0, bad].isFinite } ?? 0
            throw LagrangeError.invalidData("non-finite value in row \(row + 1), feature \(bad + 1); PCA needs finite numbers")
        }
        var gram = Matrix.zeros(p, p)
        try BLAS.syrk(x, .columns, into: &gram)
        let smallOffsets = (0..<p).allSatisfy { j in
            let offsetSquares = Double(n) * mean[j] * mean[j]
            return offsetSquares <= offsetLimit * offsetLimit * (gram[j, j] - offsetSquares)
        }
        if smallOffsets {
            try BLAS.syrk(Matrix(rows: 1, columns: p, storage: mean), .columns, alpha: -Double(n), beta: 1, into: &gram)
            return (mean, gram, .uncentredProduct)
        }
        let blockRows = max(1, min(n, blockElements / max(p, 1)))
        let parts = max(1, threads)
        var scatter = Matrix.zeros(p, p)
        var block = Matrix.zeros(blockRows, p)
        var residualParts = [Double](repeating: 0, count: parts * p)
        var start = 0
        while start < n {
            let m = min(blockRows, n - start)
            if m != block.rows { block = Matrix.zeros(m, p) }
            x.storage.withUnsafeBufferPointer { s in
                block.storage.withUnsafeMutableBufferPointer { d in
                    mean.withUnsafeBufferPointer { mu in
                        residualParts.withUnsafeMutableBufferPointer { acc in
                            // Part k owns rows [k·m/parts, (k+1)·m/parts) of the block and its own residual sums.
                            let first = start
                            Parallel.forEach(parts, threads: parts) { part in
                                let r = acc.baseAddress! + part * p
                                for i in (part * m / parts)..<((part + 1) * m / parts) {
                                    let row = s.baseAddress! + (first + i) * p
                                    let out = d.baseAddress! + i * p
                                    for k in 0..<p { let value = row[k] - mu[k]; out[k] = value; r[k] += value }
                                }
                            }
                        }
                    }
                }
            }
            try BLAS.syrk(block, .columns, beta: 1, into: &scatter)
            start += m
        }
        var residual = [Double](repeating: 0, count: p)
        for part in 0..<parts { for k in 0..<p { residual[k] += residualParts[part * p + k] } }
        for k in 0..<p { residual[k] /= Double(n); mean[k] += residual[k] }
        try BLAS.syrk(Matrix(rows: 1, columns: p, storage: residual), .columns, alpha: -Double(n), beta: 1, into: &scatter)
        return (mean, scatter, .twoPass)
    }
}
