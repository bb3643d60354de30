import Dispatch
import KernelLoops
import LinearAlgebra
import Foundation

/// The training rows a solver's kernel columns are computed from: a private feature-major copy
/// (entry (j, k) at k·rowCount + j; rows can be swapped, so the active set of a shrinking solver
/// stays a contiguous prefix) and every row's squared norm ‖xᵢ‖², computed once.
///
/// A column K(x_j, x_i), j ∈ [start, end), is computed in blocks of `blockLength` rows: the
/// inner products accumulate eight rows at a time, feature by feature, dⱼ += xᵢₖ·xⱼₖ for
/// k = 0, 1, …, reading eight contiguous entries per feature (a vector multiply–add across j;
/// each dⱼ is still summed from 0 in the plain k order, so values do not depend on the
/// blocking), then the kernel's map runs over the block — for RBF the vectorizable
/// `Kernel.exponential`. Long columns are split across cores.
///
/// RBF columns go through the C loops of `KernelLoops` (`vectorLoops`): the same operations on
/// every entry in the same order, so the same bits, but compiled for the processor's widest
/// vectors (AVX-512 or AVX2, picked at load time) where Swift's code is limited to the x86-64
/// baseline's two doubles per instruction. The Swift loops stay as the reference the C loops
/// are tested against, and serve the other kernels.
final class KernelRows {
    let kernel: Kernel
    let rowCount: Int
    let featureCount: Int
    /// featureCount × rowCount: feature k of row j at k·rowCount + j.
    let features: UnsafeMutablePointer<Double>
    let squaredNorms: UnsafeMutablePointer<Double>

    /// Rows per block of a column: the block's inner products (8 bytes each) and the feature
    /// slices it reads stay in the first-level cache.
    static let blockLength = 256

    /// Columns with at least this many multiply-adds are split in two across cores; below it
    /// the dispatch overhead (a few µs) costs more than it saves. Above it, pieces of at least
    /// half the threshold.
    static let parallelWorkThreshold = 40_000
    /// Upper bound on the pieces a column is cut into.
    static let maximumChunks = 8

    /// Threads for one column: 1 when the caller already runs solvers in parallel (one-vs-one
    /// machines). Each thread writes its own chunk of the column.
    let columnThreads: Int

    /// Whether RBF entries are computed by the `KernelLoops` C loops (false: the Swift loops,
    /// the reference in tests). Other kernels always use the Swift loops.
    let vectorLoops: Bool

    /// The rows `indices` of `x`, in that order.
    init(_ x: Matrix, indices: [Int], kernel: Kernel, columnThreads: Int = 1, vectorLoops: Bool = true) {
        self.kernel = kernel
        self.columnThreads = columnThreads
        self.vectorLoops = vectorLoops
        rowCount = indices.count
        featureCount = x.columns
        features = .allocate(capacity: max(1, rowCount * featureCount))
        squaredNorms = .allocate(capacity: max(1, rowCount))
        let p = featureCount, n = rowCount
        x.storage.withUnsafeBufferPointer { source in
            for (target, index) in indices.enumerated() {
                var norm = 0.0
                for k in 0..<p {
                    let value = source[index * p + k]
                    features[k * n + target] = value
                    norm += value * value
                }
                squaredNorms[target] = norm
            }
        }
    }

    deinit {
        features.deallocate()
        squaredNorms.deallocate()
    }

    /// Exchanges rows `i` and `j`.
    func swapRows(_ i: Int, _ j: Int) {
        guard i != j else { return }
        let n = rowCount
        for k in 0..<featureCount { swap(&features[k * n + i], &features[k * n + j]) }
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

    /// One block of rows at a time: inner products eight rows at a time, feature by feature
    /// (each sum in k order from 0), then the kernel map over the block, then the signs and the
    /// Float rounding.
    private func fillSerial(_ i: Int, from start: Int, to end: Int, signs: UnsafePointer<Double>?, into out: UnsafeMutablePointer<Float>) {
        let p = featureCount, n = rowCount
        let features = self.features, norms = squaredNorms
        let normI = norms[i]
        let kernel = self.kernel
        let signI = signs?[i] ?? 1
        if vectorLoops, case let .rbf(gamma) = kernel {
            lagrange_rbf_column(features, n, p, norms, signs, gamma, i, start, end - start, out)
            return
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.blockLength) { dotBuffer in
            let dots = dotBuffer.baseAddress!
            var blockStart = start
            while blockStart < end {
                let length = min(Self.blockLength, end - blockStart)
                let base = features + blockStart
                var t = 0
                // Eight rows at a time with the sums in registers (a plain loop over t inside
                // the loop over k would store and reload them once per feature).
                while t + 8 <= length {
                    var sums = SIMD8<Double>(repeating: 0)
                    for k in 0..<p {
                        let slice = UnsafeRawPointer(base + k * n + t).loadUnaligned(as: SIMD8<Double>.self)
                        sums += SIMD8(repeating: features[k * n + i]) * slice
                    }
                    UnsafeMutableRawPointer(dots + t).storeBytes(of: sums, as: SIMD8<Double>.self)
                    t += 8
                }
                while t < length {
                    var sum = 0.0
                    for k in 0..<p { sum += features[k * n + i] * base[k * n + t] }
                    dots[t] = sum
                    t += 1
                }
                let blockNorms = norms + blockStart
                let target = out + (blockStart - start)
                if case let .rbf(gamma) = kernel {
                    // Kernel.value's RBF formula, spelled out so the loop has no switch.
                    for t in 0..<length {
                        dots[t] = Kernel.exponential(-gamma * max(0, normI + blockNorms[t] - 2 * dots[t]))
                    }
                } else {
                    for t in 0..<length {
                        dots[t] = kernel.value(dot: dots[t], squaredNormA: normI, squaredNormB: blockNorms[t])
                    }
                }
                // ±1 · ±1 · K is exact, so the sign may be applied before the Float rounding.
                if let signs {
                    let blockSigns = signs + blockStart
                    for t in 0..<length { target[t] = Float(dots[t] * (signI * blockSigns[t])) }
                } else {
                    for t in 0..<length { target[t] = Float(dots[t]) }
                }
                blockStart += length
            }
        }
    }
}
