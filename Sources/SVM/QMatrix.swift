import LinearAlgebra
/// What the SMO solver sees of its problem: columns of the Hessian Q of the dual, on demand,
/// its diagonal, and index exchanges (the solver keeps its active set as a prefix).
///
/// The solver never learns whether Q comes from classification (Qᵢⱼ = yᵢyⱼK(xᵢ, xⱼ)) or
/// regression (2n variables over n samples), nor that columns are cached.
protocol QMatrix: AnyObject {
    /// The number of dual variables.
    var size: Int { get }
    /// Qᵢᵢ for every variable, in the current order.
    func diagonal() -> [Double]
    /// Q[i, 0..<length] in the current order. The pointer stays valid, with these entries,
    /// until the first of: the second `column` call after this one, a later call for column i
    /// with a larger length, the next `swapIndices` (so a solver may hold Qᵢ while it fetches
    /// Qⱼ).
    func column(_ i: Int, length: Int) -> UnsafePointer<Float>
    /// Exchanges variables i and j (rows and columns of Q) for each pair, in order.
    func swapIndices(_ pairs: [(Int, Int)])
    /// gradient[t] += Δᵢ·Qₜᵢ + Δⱼ·Qₜⱼ for t < length (the SMO gradient update).
    func addColumns(_ i: Int, _ deltaI: Double, _ j: Int, _ deltaJ: Double, to gradient: UnsafeMutablePointer<Double>, length: Int)
    /// The solver reads no entry at or beyond `length` until the next `column` call with a
    /// longer length (its active set has shrunk to that prefix): a cache may drop those
    /// entries. Invalidates returned columns as `swapIndices` does.
    func activePrefixShrank(to length: Int)
    /// out[t − start] += Σ_c weights[c]·Q[t, columns[c]] for t ∈ [start, end), the terms added
    /// one by one in the order of `columns` (a gradient rebuilt from many columns). The result is
    /// bit for bit the loop over `column(columns[c], length: end)`, whatever is cached.
    func accumulateColumns(_ columns: [Int], weights: [Double], from start: Int, to end: Int, into out: UnsafeMutablePointer<Double>)
    /// Whether `column` hands out stored columns (true), so the solver may read two columns and
    /// update the gradient itself, fused with its next search; false when `addColumns` avoids
    /// building the columns (the solver then calls it).
    var storesColumns: Bool { get }
}

extension QMatrix {
    func addColumns(_ i: Int, _ deltaI: Double, _ j: Int, _ deltaJ: Double, to gradient: UnsafeMutablePointer<Double>, length: Int) {
        let columnI = column(i, length: length)
        let columnJ = column(j, length: length)
        for t in 0..<length { gradient[t] += Double(columnI[t]) * deltaI + Double(columnJ[t]) * deltaJ }
    }

    func activePrefixShrank(to length: Int) {}

    var storesColumns: Bool { true }

    func accumulateColumns(_ columns: [Int], weights: [Double], from start: Int, to end: Int, into out: UnsafeMutablePointer<Double>) {
        accumulateThroughColumns(columns, weights: weights, from: start, to: end, into: out)
    }

    /// `accumulateColumns` by fetching each column with `column(_:length:)`.
    func accumulateThroughColumns(_ columns: [Int], weights: [Double], from start: Int, to end: Int,
                                  into out: UnsafeMutablePointer<Double>) {
        for (j, w) in zip(columns, weights) {
            let column = self.column(j, length: end)
            for t in start..<end { out[t - start] += w * Double(column[t]) }
        }
    }
}

/// Q of C-SVC: Qᵢⱼ = yᵢyⱼK(xᵢ, xⱼ), with yᵢ = ±1.
final class ClassificationQ: QMatrix {
    private let rows: KernelRows
    private let cache: KernelColumnCache
    private var labels: [Double]
    let size: Int

    /// Samples `indices` of `x` with labels ±1.
    init(_ x: Matrix, indices: [Int], labels: [Double], kernel: Kernel, cacheBytes: Int, columnThreads: Int = 1) {
        rows = KernelRows(x, indices: indices, kernel: kernel, columnThreads: columnThreads)
        size = indices.count
        self.labels = labels
        cache = KernelColumnCache(slotCount: size, maximumLength: size, budgetBytes: cacheBytes)
    }

    func diagonal() -> [Double] {
        (0..<size).map { rows.diagonalValue($0) }
    }

    func column(_ i: Int, length: Int) -> UnsafePointer<Float> {
        let length = max(1, length)
        let (pointer, valid) = cache.column(i, length: length)
        if valid < length {
            labels.withUnsafeBufferPointer { signs in
                rows.fillColumn(i, from: valid, to: length, signs: signs.baseAddress, into: pointer + valid)
            }
        }
        return UnsafePointer(pointer)
    }

    /// When the cache can hold all of Q, through `column` (the columns are stored for the
    /// iterations to come); otherwise computed block by block (`KernelRows.accumulateColumns`)
    /// without storing them, columns already cached over [0, end) read from the cache. The same
    /// values either way.
    func accumulateColumns(_ columns: [Int], weights: [Double], from start: Int, to end: Int, into out: UnsafeMutablePointer<Double>) {
        if cache.budgetFloats >= size * size {
            return accumulateStoredColumns(columns, weights: weights, from: start, to: end, into: out)
        }
        let cache = self.cache
        labels.withUnsafeBufferPointer { signs in
            rows.accumulateColumns(columns, weights: weights, from: start, to: end, signs: signs.baseAddress,
                                   cached: { cache.storedColumn($0, length: end) }, into: out)
        }
    }

    /// `accumulateThroughColumns` four columns per pass over the rows: each out[t] takes its
    /// terms in the order of `columns`, one rounding after each as in the column-by-column loop
    /// (so bit for bit its result), while out is read and written once per four columns. Only
    /// when the budget holds all of Q: then no column is evicted and every request has the same
    /// length, so the four pointers of a group stay valid together (a column repeated in a group
    /// is found cached at that length, not moved).
    private func accumulateStoredColumns(_ columns: [Int], weights: [Double], from start: Int, to end: Int,
                                         into out: UnsafeMutablePointer<Double>) {
        var c = 0
        while c + 4 <= columns.count {
            let a = column(columns[c], length: end), b = column(columns[c + 1], length: end)
            let d = column(columns[c + 2], length: end), e = column(columns[c + 3], length: end)
            let wa = weights[c], wb = weights[c + 1], wd = weights[c + 2], we = weights[c + 3]
            for t in start..<end {
                var sum = out[t - start]
                sum += wa * Double(a[t])
                sum += wb * Double(b[t])
                sum += wd * Double(d[t])
                sum += we * Double(e[t])
                out[t - start] = sum
            }
            c += 4
        }
        while c < columns.count {
            let a = column(columns[c], length: end), wa = weights[c]
            for t in start..<end { out[t - start] += wa * Double(a[t]) }
            c += 1
        }
    }

    /// Cached columns are cut to the active prefix, so more of the columns the solver now reads
    /// fit in the budget — unless the budget holds all of Q (then the tails are kept for the
    /// unshrink and for the next solve on this Q).
    func activePrefixShrank(to length: Int) {
        guard cache.budgetFloats < size * size else { return }
        cache.truncate(to: length)
    }

    func swapIndices(_ pairs: [(Int, Int)]) {
        cache.swapSlots(pairs)
        for (i, j) in pairs {
            rows.swapRows(i, j)
            labels.swapAt(i, j)
        }
    }
}

/// Q of ε-SVR: 2n variables (α, α*) over n samples, with signs sₜ = +1 for t < n and −1 for
/// t ≥ n, and Qₜᵤ = sₜsᵤK(x_{t mod n}, x_{u mod n}). Kernel columns of the n samples are
/// cached at full length and expanded into one of two alternating buffers.
final class RegressionQ: QMatrix {
    private let rows: KernelRows
    private let cache: KernelColumnCache
    private let sampleCount: Int
    /// Sample behind each variable, and its sign, in the solver's current order.
    private var sampleOf: [Int]
    private var signOf: [Float]
    private var buffers: [UnsafeMutablePointer<Float>]
    /// Which variable's column each buffer holds and over how many entries (−1: none), so the
    /// column the solver asks for twice in an iteration (selection, then update) is expanded
    /// once.
    private var bufferVariable = [-1, -1]
    private var bufferLength = [0, 0]
    private var lastReturned = 1
    let size: Int

    init(_ x: Matrix, kernel: Kernel, cacheBytes: Int, columnThreads: Int) {
        sampleCount = x.rows
        size = 2 * x.rows
        rows = KernelRows(x, indices: Array(0..<x.rows), kernel: kernel, columnThreads: columnThreads)
        cache = KernelColumnCache(slotCount: sampleCount, maximumLength: sampleCount, budgetBytes: cacheBytes)
        sampleOf = (0..<size).map { $0 % x.rows }
        signOf = (0..<size).map { $0 < x.rows ? 1 : -1 }
        buffers = [.allocate(capacity: max(1, size)), .allocate(capacity: max(1, size))]
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    func diagonal() -> [Double] {
        (0..<size).map { rows.diagonalValue(sampleOf[$0]) }
    }

    func column(_ i: Int, length: Int) -> UnsafePointer<Float> {
        let length = min(length, size)
        for b in 0..<2 where bufferVariable[b] == i && bufferLength[b] >= length {
            lastReturned = b
            return UnsafePointer(buffers[b])
        }
        let kernelColumn = self.kernelColumn(sampleOf[i])
        // Never overwrite the column returned last: the solver may still hold it.
        let target = 1 - lastReturned
        let out = buffers[target]
        let signI = signOf[i]
        sampleOf.withUnsafeBufferPointer { samples in
            signOf.withUnsafeBufferPointer { signs in
                for j in 0..<length { out[j] = signI * signs[j] * kernelColumn[samples[j]] }
            }
        }
        bufferVariable[target] = i
        bufferLength[target] = length
        lastReturned = target
        return UnsafePointer(out)
    }

    /// Fused with the lookup: reads the two samples' kernel columns through the variable→sample
    /// map instead of expanding Qⱼ into a buffer first. Qₜᵢ = sₜsᵢK, and (±K)·Δ = K·(±Δ)
    /// exactly, so the result is bit-identical to the expanded form.
    func addColumns(_ i: Int, _ deltaI: Double, _ j: Int, _ deltaJ: Double, to gradient: UnsafeMutablePointer<Double>, length: Int) {
        let kernelI = kernelColumn(sampleOf[i])
        let kernelJ = kernelColumn(sampleOf[j])
        let length = min(length, size)
        let signedDeltaI = Double(signOf[i]) * deltaI, signedDeltaJ = Double(signOf[j]) * deltaJ
        sampleOf.withUnsafeBufferPointer { samples in
            signOf.withUnsafeBufferPointer { signs in
                for t in 0..<length {
                    let sample = samples[t]
                    let sign = Double(signs[t])
                    gradient[t] += Double(kernelI[sample]) * (sign * signedDeltaI) + Double(kernelJ[sample]) * (sign * signedDeltaJ)
                }
            }
        }
    }

    /// Reads each column's kernel column through the variable→sample map instead of expanding
    /// Qⱼ into a buffer first (as `addColumns`): w·Qₜⱼ = w·sₜsⱼK = K·(sₜ·(sⱼ·w)) exactly, so
    /// each term, and so the sum in the order of `columns`, is bit for bit the column loop's.
    ///
    /// A long range of rows (a gradient rebuild over most shrunk variables) is accumulated by
    /// sample instead (`accumulateBySample`): the same terms in the same order per row, read
    /// contiguously rather than gathered through the map.
    func accumulateColumns(_ columns: [Int], weights: [Double], from start: Int, to end: Int, into out: UnsafeMutablePointer<Double>) {
        let end = min(end, size)
        guard start < end else { return }
        if 2 * (end - start) >= sampleCount {
            return accumulateBySample(columns, weights: weights, from: start, to: end, into: out)
        }
        sampleOf.withUnsafeBufferPointer { samples in
            signOf.withUnsafeBufferPointer { signs in
                for (j, w) in zip(columns, weights) {
                    let kernel = kernelColumn(samples[j])
                    let signedWeight = Double(signs[j]) * w
                    for t in start..<end { out[t - start] += Double(kernel[samples[t]]) * (Double(signs[t]) * signedWeight) }
                }
            }
        }
    }

    /// `accumulateColumns` with the rows laid out by sample: row t of sign +1 lives in
    /// plus[sample(t)] during the sum, of sign −1 in minus[sample(t)] (a sample has at most one
    /// variable of each sign). Each column then updates both arrays over every sample, a
    /// contiguous loop,
    ///
    ///     plus[s] += K[s]·(+1·sⱼw),   minus[s] += K[s]·(−1·sⱼw),
    ///
    /// the very term the row loop adds (sₜ·(sⱼ·w) with sₜ = ±1), in the same column order; the
    /// slots of samples with no row in range take terms that are never read. Rows are copied in
    /// before and out after. Worth it when the range covers about half the samples or more:
    /// the row loop gathers one entry per row, this loop streams two per sample.
    private func accumulateBySample(_ columns: [Int], weights: [Double], from start: Int, to end: Int,
                                    into out: UnsafeMutablePointer<Double>) {
        let n = sampleCount
        let plus = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let minus = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer { plus.deallocate(); minus.deallocate() }
        plus.initialize(repeating: 0, count: n)
        minus.initialize(repeating: 0, count: n)
        sampleOf.withUnsafeBufferPointer { samples in
            signOf.withUnsafeBufferPointer { signs in
                for t in start..<end {
                    if signs[t] > 0 { plus[samples[t]] = out[t - start] } else { minus[samples[t]] = out[t - start] }
                }
                for (j, w) in zip(columns, weights) {
                    let kernel = kernelColumn(samples[j])
                    let signedWeight = Double(signs[j]) * w
                    let plusWeight = 1.0 * signedWeight, minusWeight = -1.0 * signedWeight
                    for s in 0..<n {
                        let value = Double(kernel[s])
                        plus[s] += value * plusWeight
                        minus[s] += value * minusWeight
                    }
                }
                for t in start..<end { out[t - start] = signs[t] > 0 ? plus[samples[t]] : minus[samples[t]] }
            }
        }
    }

    /// The full kernel column K(·, x_sample), from the cache or computed.
    private func kernelColumn(_ sample: Int) -> UnsafePointer<Float> {
        let (pointer, valid) = cache.column(sample, length: sampleCount)
        if valid < sampleCount {
            rows.fillColumn(sample, from: valid, to: sampleCount, signs: nil, into: pointer + valid)
        }
        return UnsafePointer(pointer)
    }

    /// Columns are expanded from kernel columns on request; `addColumns` reads the kernel
    /// columns directly.
    var storesColumns: Bool { false }

    func swapIndices(_ pairs: [(Int, Int)]) {
        for (i, j) in pairs {
            sampleOf.swapAt(i, j)
            signOf.swapAt(i, j)
        }
        bufferVariable = [-1, -1]
    }
}
