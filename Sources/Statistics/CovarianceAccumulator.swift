import Dispatch
import Foundation
import LinearAlgebra

/// The sample mean and the scatter matrix M = Σᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ of rows that arrive in
/// blocks, in O(p²) memory whatever the number of rows.
///
/// Every row is first shifted by K, the mean of the first block (fixed from then on): y = x − K.
/// For values near a large offset (1e6 ± 1) the subtraction is exact and the y are small, so
/// neither a square nor the running mean ever carries the offset's magnitude. Each block B of
/// shifted rows (m of them) is centred on its own mean in two passes — b = mean of the rows,
/// then D = B − 1bᵀ and the residual mean r = mean of D's rows (zero but for rounding):
/// M_B = DᵀD − m rrᵀ through `dsyrk`, ȳ_B = b + r. Blocks merge by Chan, Golub & LeVeque's
/// pairwise update: with δ = ȳ_B − ȳ_A,
///
///     n = n_A + n_B,   x̄ = x̄_A + δ n_B / n,   M = M_A + M_B + δδᵀ n_A n_B / n.
///
/// The only copy is the centred block. While the row count stays at most p, the rows are also
/// kept (at most p × p numbers), so a wide problem can still take the SVD route.
public struct CovarianceAccumulator: Sendable {
    public let featureCount: Int
    /// Threads a large block is split among.
    public let threads: Int
    public internal(set) var count = 0
    /// K, the first block's mean; nil before any row.
    public internal(set) var shift: [Double]?
    /// ȳ, the mean of the shifted rows y = x − K (x̄ = K + ȳ: kept apart so that a large
    /// common offset in K cancels exactly when two accumulators merge).
    public internal(set) var shiftedMean: [Double]
    /// x̄ = K + ȳ.
    public var mean: [Double] {
        guard let shift else { return shiftedMean }
        return zip(shift, shiftedMean).map { $0 + $1 }
    }
    /// Σᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ, p × p, full symmetric.
    public internal(set) var scatter: Matrix
    /// Row-major storage of the rows seen so far while there are at most `featureCount` of
    /// them; nil once there are more.
    var retainedStorage: [Double]? = []

    /// The rows seen so far while there are at most `featureCount` of them, else nil.
    public var retainedRows: Matrix? {
        retainedStorage.flatMap { try? Matrix(rows: count, columns: featureCount, storage: $0) }
    }

    /// An empty accumulator for rows of `featureCount` features; `retainsRows` keeps the rows
    /// while there are at most `featureCount` of them (for the wide-data SVD route).
    /// `threads`: how many threads one large block may use (the caller's budget).
    public init(featureCount: Int, retainsRows: Bool = true, threads: Int = 1) {
        self.featureCount = featureCount
        self.threads = max(1, threads)
        retainedStorage = retainsRows ? [] : nil
        shiftedMean = [Double](repeating: 0, count: featureCount)
        scatter = Matrix.zeros(featureCount, featureCount)
    }

    /// The sample covariance M / (n − 1).
    public func covariance() throws -> Matrix {
        guard count >= 2 else { throw LagrangeError.notEnoughSamples("PCA needs at least 2 rows, got \(count)") }
        let scale = 1 / Double(count - 1)
        var sigma = scatter
        sigma.storage.withUnsafeMutableBufferPointer { c in for idx in c.indices { c[idx] *= scale } }
        return sigma
    }

    /// Adds every row of `block` (m × p).
    public mutating func add(_ block: Matrix) throws {
        guard block.columns == featureCount else {
            throw LagrangeError.shapeMismatch("a block of \(block.columns) columns added to an accumulator of \(featureCount) features")
        }
        try add(block, columns: nil)
    }

    /// Adds the rows of `block`, reading only the given columns (in that order) as the features.
    public mutating func add(_ block: Matrix, columns: [Int]?) throws {
        if let columns {
            guard columns.count == featureCount, columns.allSatisfy({ $0 >= 0 && $0 < block.columns }) else {
                throw LagrangeError.shapeMismatch("column selection does not give \(featureCount) features of a \(block.columns)-column block")
            }
        }
        try block.storage.withUnsafeBufferPointer { s in
            try accumulate(rows: s, rowCount: block.rows, stride: block.columns, columns: columns ?? Array(0..<featureCount))
        }
    }

    /// Adds `rowCount` rows of a row-major buffer whose rows are `stride` apart, reading the
    /// features from `columns` (in that order): for numbers read in place, such as the parts
    /// of `CSVReader.forEachBlockInPlace`.
    public mutating func add(rows: UnsafeBufferPointer<Double>, rowCount: Int, stride: Int, columns: [Int]) throws {
        guard columns.count == featureCount, columns.allSatisfy({ $0 >= 0 && $0 < stride }), rowCount >= 0,
              rows.count >= rowCount * stride else {
            throw LagrangeError.shapeMismatch("\(rowCount) rows of stride \(stride) with columns \(columns) do not fit a buffer of \(rows.count) numbers and \(featureCount) features")
        }
        try accumulate(rows: rows, rowCount: rowCount, stride: stride, columns: columns)
    }

    /// `add(rows:…)` without the checks, for callers that built the arguments themselves.
    mutating func accumulate(rows s: UnsafeBufferPointer<Double>, rowCount m: Int, stride: Int, columns source: [Int]) throws {
        let p = featureCount
        guard m > 0 else { return }
        let inverseM = 1 / Double(m)
        let contiguous = stride == p && source.elementsEqual(0..<p)
        if shift == nil {
            // The first block fixes the shift K at its own mean.
            var sums = [Double](repeating: 0, count: p)
            Self.sumRows(s, rowCount: m, stride: stride, source: source, contiguous: contiguous, into: &sums)
            shift = sums.map { $0 * inverseM }
        }
        let shift = self.shift!
        // Both passes split the rows among the cores when the block is large enough to pay for it.
        let parts = m * p >= Self.parallelElements ? max(1, min(threads, m)) : 1
        // Pass 1: the shifted rows y = x − K (gathered into a contiguous block) and their mean b.
        var partialSums = [Double](repeating: 0, count: parts * p)
        // One extra row at the end carries the merge term (filled in after pass 2).
        var centred = [Double](unsafeUninitializedCapacity: (m + 1) * p) { d, initialized in
            source.withUnsafeBufferPointer { src in
                shift.withUnsafeBufferPointer { k0 in
                    partialSums.withUnsafeMutableBufferPointer { acc in
                        Self.split(m, into: parts) { part, rows in
                            let sums = acc.baseAddress! + part * p
                            for i in rows {
                                let row = s.baseAddress! + i * stride
                                let out = d.baseAddress! + i * p
                                if contiguous {
                                    for k in 0..<p { let y = row[k] - k0[k]; out[k] = y; sums[k] += y }
                                } else {
                                    for k in 0..<p { let y = row[src[k]] - k0[k]; out[k] = y; sums[k] += y }
                                }
                            }
                        }
                    }
                }
            }
            for k in 0..<p { d[m * p + k] = 0 }
            initialized = (m + 1) * p
        }
        var blockMean = Self.reduce(partialSums, parts: parts, width: p)
        if let bad = blockMean.firstIndex(where: { !$0.isFinite }) {
            let row = (0..<m).first { !s[$0 * stride + source[bad]].isFinite } ?? 0
            throw LagrangeError.invalidData("non-finite value in row \(count + row + 1), feature \(bad + 1); PCA needs finite numbers")
        }
        for k in 0..<p { blockMean[k] *= inverseM }
        // Pass 2: D = Y − 1bᵀ in place, and its residual mean r (zero but for rounding).
        var partialResiduals = [Double](repeating: 0, count: parts * p)
        centred.withUnsafeMutableBufferPointer { d in
            blockMean.withUnsafeBufferPointer { b in
                partialResiduals.withUnsafeMutableBufferPointer { acc in
                    Self.split(m, into: parts) { part, rows in
                        let r = acc.baseAddress! + part * p
                        for i in rows {
                            let out = d.baseAddress! + i * p
                            for k in 0..<p { let value = out[k] - b[k]; out[k] = value; r[k] += value }
                        }
                    }
                }
            }
        }
        var residual = Self.reduce(partialResiduals, parts: parts, width: p)
        for k in 0..<p { residual[k] *= inverseM; blockMean[k] += residual[k] }
        retain(rows: s, rowCount: m, stride: stride, source: source)
        // M += DᵀD + δδᵀ n_A m / n, with δ = ȳ_B − ȳ_A, in one `dsyrk` on D with the extra row
        // √(n_A m / n) δ. (The exact block scatter is DᵀD − m rrᵀ; r is a rounding residue, so
        // m rrᵀ is ε² relative to DᵀD and left out.)
        let previous = count
        let total = previous + m
        var delta = [Double](repeating: 0, count: p)
        for k in 0..<p { delta[k] = blockMean[k] - shiftedMean[k] }
        let mergeScale = (Double(previous) * Double(m) / Double(total)).squareRoot()
        for k in 0..<p { centred[m * p + k] = mergeScale * delta[k] }
        let centredBlock = try Matrix(rows: m + 1, columns: p, storage: centred)
        try BLAS.syrk(centredBlock, .columns, beta: 1, into: &scatter)
        let weightOfBlock = Double(m) / Double(total)
        for k in 0..<p { shiftedMean[k] += delta[k] * weightOfBlock }
        count = total
    }

    /// Blocks with at least this many numbers are processed by all cores.
    static let parallelElements = 1 << 16

    /// Calls `body(part, rows)` for `parts` consecutive row ranges covering 0..<m, concurrently
    /// when there is more than one part.
    private static func split(_ m: Int, into parts: Int, _ body: (Int, Range<Int>) -> Void) {
        let range = { (part: Int) in (part * m / parts)..<((part + 1) * m / parts) }
        // Part k owns the rows range(k) and its own partial sums.
        Parallel.forEach(parts, threads: parts) { body($0, range($0)) }
    }

    /// Sums `parts` rows of `width` partial sums.
    private static func reduce(_ partials: [Double], parts: Int, width: Int) -> [Double] {
        var total = [Double](repeating: 0, count: width)
        for part in 0..<parts { for k in 0..<width { total[k] += partials[part * width + k] } }
        return total
    }

    /// Column sums of the selected features of `m` rows.
    private static func sumRows(_ s: UnsafeBufferPointer<Double>, rowCount m: Int, stride: Int, source: [Int],
                                contiguous: Bool, into sums: inout [Double]) {
        let p = sums.count
        sums.withUnsafeMutableBufferPointer { acc in
            for i in 0..<m {
                let row = s.baseAddress! + i * stride
                if contiguous {
                    for k in 0..<p { acc[k] += row[k] }
                } else {
                    for k in 0..<p { acc[k] += row[source[k]] }
                }
            }
        }
    }

    private mutating func retain(rows s: UnsafeBufferPointer<Double>, rowCount m: Int, stride: Int, source: [Int]) {
        guard retainedStorage != nil else { return }
        guard count + m <= featureCount else {
            retainedStorage = nil
            return
        }
        for i in 0..<m { for k in source { retainedStorage!.append(s[i * stride + k]) } }
    }
}

extension CovarianceAccumulator {
    /// Takes in every row `other` has seen, as if its blocks had been added here: the pairwise
    /// update of the type's comment with A = this accumulator and B = `other`, whose mean
    /// difference δ = (K_B − K_A) + (ȳ_B − ȳ_A) is formed from the shifts and shifted means so
    /// a large common offset cancels exactly first. Lets several threads accumulate their own
    /// blocks and be combined at the end. (Kept rows join in this order, A's then B's.)
    public mutating func merge(_ other: CovarianceAccumulator) throws {
        guard other.featureCount == featureCount else {
            throw LagrangeError.shapeMismatch("an accumulator of \(other.featureCount) features merged into one of \(featureCount)")
        }
        guard other.count > 0 else { return }
        guard count > 0, let shift, let otherShift = other.shift else {
            self = other
            return
        }
        let p = featureCount
        let total = count + other.count
        let delta = (0..<p).map { k in (otherShift[k] - shift[k]) + (other.shiftedMean[k] - shiftedMean[k]) }
        let cross = Double(count) * Double(other.count) / Double(total)
        let weightOfOther = Double(other.count) / Double(total)
        scatter.storage.withUnsafeMutableBufferPointer { m in
            other.scatter.storage.withUnsafeBufferPointer { b in
                for i in 0..<p {
                    let di = cross * delta[i]
                    for j in 0..<p { m[i * p + j] += b[i * p + j] + di * delta[j] }
                }
            }
        }
        for k in 0..<p { shiftedMean[k] += delta[k] * weightOfOther }
        if let mine = retainedStorage, let theirs = other.retainedStorage, total <= featureCount {
            retainedStorage = mine + theirs
        } else {
            retainedStorage = nil
        }
        count = total
    }
}
