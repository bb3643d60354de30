import KernelLoops
import LinearAlgebra

extension KernelRows {
    /// Columns of a weighted sum are read four at a time: each loaded slice of eight rows is
    /// multiplied by four broadcast entries (one per column), so the row data is read once per
    /// four columns instead of once per column.
    static let accumulationGroup = 4
    /// The group of the `KernelLoops` C loops (RBF, `vectorLoops`): eight columns per loaded
    /// slice, half the loads per entry of four, with the registers of AVX-512.
    static let vectorAccumulationGroup = 8

    /// The group size in use: `vectorAccumulationGroup` where the C loops compute the values.
    var accumulationGroupInUse: Int {
        if vectorLoops, case .rbf = kernel { return Self.vectorAccumulationGroup }
        return Self.accumulationGroup
    }

    /// Adds a weighted sum of kernel columns to `out`, for rows t ∈ [start, end):
    ///
    ///     out[t − start] += Σ_c weights[c] · Double(Float(sign(j_c) · sign(t) · K(x_{j_c}, xₜ)))
    ///
    /// with j_c = `columns[c]`, the terms added one by one in the order of `columns`, each entry
    /// exactly the Float that `fillColumn(j_c, …)` writes (the same inner products, summed from 0
    /// in feature order, the same kernel map, the same rounding). So the result is bit for bit
    /// the loop `for c { column = fillColumn(j_c); for t { out[t] += w_c · column[t] } }`, for
    /// any split of the rows or the columns — without storing a column: a gradient
    /// reconstruction reads hundreds of columns once, and storing them would evict the columns
    /// the solver reads every iteration.
    ///
    /// `cached(j)` may return the stored column j (entries valid over [0, end)), which is then
    /// read instead of computed; the values are the same either way.
    ///
    /// Rows are split across `columnThreads` threads (each writes its own rows of `out`).
    func accumulateColumns(_ columns: [Int], weights: [Double], from start: Int, to end: Int, signs: UnsafePointer<Double>?,
                           cached: (Int) -> UnsafePointer<Float>?, into out: UnsafeMutablePointer<Double>) {
        precondition(columns.count == weights.count)
        let count = end - start
        guard count > 0, !columns.isEmpty else { return }
        let stored = columns.map(cached)
        let pieces = columnThreads > 1 && count * columns.count * featureCount >= Self.parallelWorkThreshold
            ? min(Self.maximumChunks, max(1, count / Self.blockLength)) : 1
        let pieceLength = (count + pieces - 1) / pieces
        Parallel.forEach(pieces, threads: columnThreads) { piece in
            let from = start + piece * pieceLength
            let to = min(end, from + pieceLength)
            guard from < to else { return }
            accumulateSerial(columns, weights: weights, stored: stored, from: from, to: to, signs: signs,
                             into: out + (from - start))
        }
    }

    /// `accumulateColumns` on one thread, a block of `blockLength` rows at a time: within the
    /// block the columns are taken in order, those not stored in groups of up to
    /// `accumulationGroupInUse`, each group's kernel values computed together and then added column
    /// by column.
    private func accumulateSerial(_ columns: [Int], weights: [Double], stored: [UnsafePointer<Float>?], from start: Int,
                                  to end: Int, signs: UnsafePointer<Double>?, into out: UnsafeMutablePointer<Double>) {
        let group = accumulationGroupInUse
        withUnsafeTemporaryAllocation(of: Double.self, capacity: group * Self.blockLength) { buffer in
            let values = buffer.baseAddress!
            var blockStart = start
            while blockStart < end {
                let length = min(Self.blockLength, end - blockStart)
                let target = out + (blockStart - start)
                var c = 0
                while c < columns.count {
                    if let column = stored[c] {
                        let w = weights[c], source = column + blockStart
                        for t in 0..<length { target[t] += w * Double(source[t]) }
                        c += 1
                        continue
                    }
                    // The next run of up to `group` columns that are not stored.
                    var width = 1
                    while width < group, c + width < columns.count, stored[c + width] == nil { width += 1 }
                    kernelValues(columns, c, width: width, from: blockStart, length: length, signs: signs, into: values)
                    for g in 0..<width {
                        let w = weights[c + g], source = values + g * Self.blockLength
                        for t in 0..<length { target[t] += w * Double(Float(source[t])) }
                    }
                    c += width
                }
                blockStart += length
            }
        }
    }

    /// values[g·blockLength + t] = sign(j)·sign(t)·K(x_j, x_{from+t}) in Double (to be rounded
    /// to Float by the caller) for j = columns[first + g], g < width, t < length: inner products
    /// eight rows by up to four columns at a time (up to eight in the C loops), each summed from
    /// 0 in feature order as `fillSerial` sums it, then the kernel map.
    private func kernelValues(_ columns: [Int], _ first: Int, width: Int, from: Int, length: Int,
                              signs: UnsafePointer<Double>?, into values: UnsafeMutablePointer<Double>) {
        let p = featureCount, n = rowCount
        let features = self.features, norms = squaredNorms
        let stride = Self.blockLength
        if vectorLoops, case let .rbf(gamma) = kernel {
            withUnsafeTemporaryAllocation(of: Int.self, capacity: width) { indices in
                for g in 0..<width { indices[g] = columns[first + g] }
                lagrange_rbf_values(features, n, p, norms, signs, gamma, indices.baseAddress!, width, from, length, values, stride)
            }
            return
        }
        let base = features + from
        // Column indices padded to four with the first (its extra sums are computed, not used).
        let j0 = columns[first]
        let j1 = width > 1 ? columns[first + 1] : j0
        let j2 = width > 2 ? columns[first + 2] : j0
        let j3 = width > 3 ? columns[first + 3] : j0
        var t = 0
        while t + 8 <= length {
            var s0 = SIMD8<Double>(repeating: 0), s1 = s0, s2 = s0, s3 = s0
            for k in 0..<p {
                let row = features + k * n
                let slice = UnsafeRawPointer(base + k * n + t).loadUnaligned(as: SIMD8<Double>.self)
                s0 += SIMD8(repeating: row[j0]) * slice
                s1 += SIMD8(repeating: row[j1]) * slice
                s2 += SIMD8(repeating: row[j2]) * slice
                s3 += SIMD8(repeating: row[j3]) * slice
            }
            UnsafeMutableRawPointer(values + t).storeBytes(of: s0, as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(values + stride + t).storeBytes(of: s1, as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(values + 2 * stride + t).storeBytes(of: s2, as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(values + 3 * stride + t).storeBytes(of: s3, as: SIMD8<Double>.self)
            t += 8
        }
        while t < length {
            for g in 0..<width {
                let j = columns[first + g]
                var sum = 0.0
                for k in 0..<p { sum += features[k * n + j] * base[k * n + t] }
                values[g * stride + t] = sum
            }
            t += 1
        }
        let blockNorms = norms + from
        for g in 0..<width {
            let j = columns[first + g]
            let normJ = norms[j]
            let dots = values + g * stride
            if case let .rbf(gamma) = kernel {
                for t in 0..<length {
                    dots[t] = Kernel.exponential(-gamma * max(0, normJ + blockNorms[t] - 2 * dots[t]))
                }
            } else {
                for t in 0..<length {
                    dots[t] = kernel.value(dot: dots[t], squaredNormA: normJ, squaredNormB: blockNorms[t])
                }
            }
            if let signs {
                let signJ = signs[j], blockSigns = signs + from
                for t in 0..<length { dots[t] = dots[t] * (signJ * blockSigns[t]) }
            }
        }
    }
}
