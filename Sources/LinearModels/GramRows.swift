import LinearAlgebra

/// Rows of the Gram matrix G = XᵀX/n of a design, computed lazily, a batch at a time (one `dsyrk`
/// and one `dgemm`), and each entry only once. G is symmetric, so the entries of a new row for features
/// that already have a row are copied from those rows; only the block
///
///     G[B, U] = X_Bᵀ X_U / n,   B = the batch, U = every feature without a row yet (B ⊆ U),
///
/// is multiplied, its B × B block by `dsyrk` (one triangle, mirrored, so G is exactly
/// symmetric): |B|·(|U| − |B|/2)·n multiply-adds instead of |B|·p·n. A path that ends up
/// needing every row pays p²n/2 instead of p²n.
///
/// X_B and X_U must be contiguous for `dgemm` without packing them anew for every batch, so the
/// design's columns are kept in a permuted copy: positions 0..<count hold the features that have
/// rows (position = slot), the rest those that do not, and each batch is swapped to the front of
/// the rest (every column moves at most twice over a whole path). The copy is made by the first
/// batch's first swap (copy-on-write); the rows' buffer is reserved once, for p rows.
struct GramRows {
    let sampleCount: Int
    let featureCount: Int
    /// Slot of feature j (its row is `storage[slot·p ..< (slot + 1)·p]`, in feature order), −1 without a row.
    private(set) var slot: [Int]
    /// The rows, slot after slot.
    private(set) var storage: [Double] = []
    /// Number of rows computed.
    private(set) var count = 0
    /// The design's columns (n values each) in position order; shared with the design until the
    /// first batch's swaps copy them.
    private var permutedColumns: [Double]
    private var featureAt: [Int]
    private var positionOf: [Int]

    init(design: Design) {
        sampleCount = design.sampleCount
        featureCount = design.featureCount
        slot = [Int](repeating: -1, count: design.featureCount)
        permutedColumns = design.columns
        featureAt = Array(0..<design.featureCount)
        positionOf = featureAt
    }

    /// Every row already computed: G itself (p × p, row-major), as sufficient statistics give it.
    init(full gram: [Double], featureCount p: Int, sampleCount n: Int) {
        sampleCount = n
        featureCount = p
        slot = Array(0..<p)
        storage = gram
        count = p
        permutedColumns = []
        featureAt = Array(0..<p)
        positionOf = featureAt
    }

    /// Computes the rows of `batch`: distinct features without a row.
    mutating func compute(_ batch: [Int]) {
        guard !batch.isEmpty else { return }
        let (n, p) = (sampleCount, featureCount)
        let first = count
        moveToFront(batch)
        let (k, rest) = (batch.count, p - first - batch.count)
        // G[B, B] by `dsyrk` (one triangle: half the work of `dgemm`), G[B, U − B] by `dgemm`.
        var diagonal = [Double](repeating: 0, count: k * k)
        var block = [Double](repeating: 0, count: k * rest)
        permutedColumns.withUnsafeBufferPointer { x in
            let front = x.baseAddress! + first * n
            diagonal.withUnsafeMutableBufferPointer { d in
                BLAS.upperGram(rows: k, depth: n, alpha: 1 / Double(n), front, into: d.baseAddress!)
            }
            block.withUnsafeMutableBufferPointer { c in
                BLAS.multiplyByTranspose(rows: k, columns: rest, depth: n, alpha: 1 / Double(n), front, front + k * n,
                                         into: c.baseAddress!)
            }
        }
        if storage.isEmpty { storage.reserveCapacity(p * p) }
        storage.append(contentsOf: repeatElement(0, count: k * p))
        storage.withUnsafeMutableBufferPointer { rows in
            for (a, j) in batch.enumerated() {
                let row = (first + a) * p
                for (b, i) in batch.enumerated() { rows[row + i] = a <= b ? diagonal[a * k + b] : diagonal[b * k + a] }
                for t in 0..<rest { rows[row + featureAt[first + k + t]] = block[a * rest + t] }
                for s in 0..<first { rows[row + featureAt[s]] = rows[s * p + j] }
                slot[j] = first + a
            }
        }
        count += k
    }

    /// Swaps the columns of `batch` to positions count, count + 1, … .
    private mutating func moveToFront(_ batch: [Int]) {
        let n = sampleCount
        permutedColumns.withUnsafeMutableBufferPointer { x in
            for (a, j) in batch.enumerated() {
                precondition(slot[j] < 0, "feature \(j) already has a Gram row")
                let target = count + a, current = positionOf[j]
                guard current != target else { continue }
                let other = featureAt[target]
                for i in 0..<n { x.swapAt(current * n + i, target * n + i) }
                featureAt[target] = j
                featureAt[current] = other
                positionOf[j] = target
                positionOf[other] = current
            }
        }
    }
}
