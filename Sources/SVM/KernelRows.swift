import Dispatch
import LinearAlgebra
import Foundation

/// The training rows a solver's kernel columns are computed from: a private row-major copy
/// (rows can be swapped, so the active set of a shrinking solver stays a contiguous prefix)
/// and every row's squared norm ‖xᵢ‖², computed once.
///
/// A column K(x_j, x_i), j ∈ [start, end), is one pass of inner products over contiguous rows
/// followed by the kernel's scalar map; long columns are split across cores.
final class KernelRows {
    let kernel: Kernel
    let rowCount: Int
    let featureCount: Int
    /// rowCount × featureCount, row-major.
    private let rows: UnsafeMutablePointer<Double>
    private let squaredNorms: UnsafeMutablePointer<Double>

    /// Columns with at least this many multiply-adds are split in two across cores; below it
    /// the dispatch overhead (a few µs) costs more than it saves. Above it, pieces of at least
    /// half the threshold.
    static let parallelWorkThreshold = 40_000
    /// Upper bound on the pieces a column is cut into.
    static let maximumChunks = 8

    /// Threads for one column: 1 when the caller already runs solvers in parallel (one-vs-one
    /// machines). Each thread writes its own chunk of the column.
    let columnThreads: Int

    /// The rows `indices` of `x`, in that order.
    init(_ x: Matrix, indices: [Int], kernel: Kernel, columnThreads: Int = 1) {
        self.kernel = kernel
        self.columnThreads = columnThreads
        rowCount = indices.count
        featureCount = x.columns
        rows = .allocate(capacity: max(1, rowCount * featureCount))
        squaredNorms = .allocate(capacity: max(1, rowCount))
        let p = featureCount
        x.storage.withUnsafeBufferPointer { source in
            for (target, index) in indices.enumerated() {
                var norm = 0.0
                for k in 0..<p {
                    let value = source[index * p + k]
                    rows[target * p + k] = value
                    norm += value * value
                }
                squaredNorms[target] = norm
            }
        }
    }

    deinit {
        rows.deallocate()
        squaredNorms.deallocate()
    }

    /// Exchanges rows `i` and `j`.
    func swapRows(_ i: Int, _ j: Int) {
        guard i != j else { return }
        let p = featureCount
        for k in 0..<p { swap(&rows[i * p + k], &rows[j * p + k]) }
        swap(&squaredNorms[i], &squaredNorms[j])
    }

    /// K(xᵢ, xᵢ).
    func diagonalValue(_ i: Int) -> Double {
        kernel.value(dot: squaredNorms[i], squaredNormA: squaredNorms[i], squaredNormB: squaredNorms[i])
    }

    /// Writes `out[j − start] = sign(i) · sign(j) · K(xᵢ, xⱼ)` for j ∈ [start, end), where the
    /// signs are ±1 labels (nil: all +1).
    func fillColumn(_ i: Int, from start: Int, to end: Int, signs: UnsafePointer<Double>?, into out: UnsafeMutablePointer<Float>) {
        let count = end - start
        guard count > 0 else { return }
        let work = count * featureCount
        if columnThreads > 1, work >= Self.parallelWorkThreshold {
            // More chunks than cores, so a core that is busy elsewhere does not hold up the
            // column: the dispatcher hands the remaining chunks to whichever core is free.
            let chunks = min(Self.maximumChunks, work / (Self.parallelWorkThreshold / 2))
            let chunkLength = (count + chunks - 1) / chunks
            Parallel.forEach(chunks, threads: columnThreads) { chunk in
                let from = start + chunk * chunkLength
                let to = min(end, from + chunkLength)
                if from < to { fillSerial(i, from: from, to: to, signs: signs, into: out + (from - start)) }
            }
        } else {
            fillSerial(i, from: start, to: end, signs: signs, into: out)
        }
    }

    /// Inner products go four rows at a time: four independent accumulation chains keep the
    /// floating-point units busy (one chain is latency-bound), and each row's sum keeps the
    /// plain k = 0, 1, … order, so values do not depend on the blocking.
    private func fillSerial(_ i: Int, from start: Int, to end: Int, signs: UnsafePointer<Double>?, into out: UnsafeMutablePointer<Float>) {
        let p = featureCount
        let rows = self.rows, norms = squaredNorms
        let xi = rows + i * p
        let normI = norms[i]
        let kernel = self.kernel
        let signI = signs?[i] ?? 1
        @inline(__always) func store(_ dot: Double, _ j: Int) {
            var value = kernel.value(dot: dot, squaredNormA: normI, squaredNormB: norms[j])
            // ±1 · ±1 · K is exact, so the sign may be applied before the Float rounding.
            if let signs { value *= signI * signs[j] }
            out[j - start] = Float(value)
        }
        var j = start
        while j + 4 <= end {
            let x0 = rows + j * p, x1 = x0 + p, x2 = x1 + p, x3 = x2 + p
            var d0 = 0.0, d1 = 0.0, d2 = 0.0, d3 = 0.0
            for k in 0..<p {
                let v = xi[k]
                d0 += v * x0[k]
                d1 += v * x1[k]
                d2 += v * x2[k]
                d3 += v * x3[k]
            }
            store(d0, j)
            store(d1, j + 1)
            store(d2, j + 2)
            store(d3, j + 3)
            j += 4
        }
        while j < end {
            let xj = rows + j * p
            var dot = 0.0
            for k in 0..<p { dot += xi[k] * xj[k] }
            store(dot, j)
            j += 1
        }
    }
}
