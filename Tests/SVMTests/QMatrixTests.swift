import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// Unit tests of the Q-matrices behind the solver (`ClassificationQ`, `RegressionQ`) and of the
/// kernel rows they compute columns from: columns after index swaps against freshly computed
/// ones, the lifetime of a returned column, and the kernel the columns evaluate.
@Suite struct QMatrixTests {
    static let kernels: [Kernel] = [.linear, .rbf(gamma: 0.4), .polynomial(gamma: 0.3, coef0: 1, degree: 3),
                                    .sigmoid(gamma: 0.2, coef0: -0.5)]

    /// n × p features uniform in [−1, 1] and labels ±1, seeded.
    static func data(rows: Int, columns: Int, seed: UInt64) throws -> (x: Matrix, labels: [Double]) {
        var generator = SplitMix64(seed: seed)
        let storage = (0..<rows * columns).map { _ in Double.random(in: -1...1, using: &generator) }
        let labels = (0..<rows).map { _ in Bool.random(using: &generator) ? 1.0 : -1.0 }
        return (try Matrix(rows: rows, columns: columns, storage: storage), labels)
    }

    static func copy(_ pointer: UnsafePointer<Float>, _ count: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// Drives `q` through rounds of column requests (random columns, random lengths) and batches
    /// of exchanges shaped like shrinking steps (a variable swapped with the end of a shrinking
    /// prefix), tracking the order; every entry of every column returned must equal the entry
    /// of a freshly built, never-swapped Q at the original indices, bit for bit (the same Float
    /// rounding of the same kernel value), and so must the diagonal.
    static func checkColumnsFollowSwaps(_ q: QMatrix, fresh: QMatrix, seed: UInt64) {
        let n = q.size
        let reference = (0..<n).map { copy(fresh.column($0, length: n), n) }
        let freshDiagonal = fresh.diagonal()
        var order = Array(0..<n)
        var generator = SplitMix64(seed: seed)
        var mismatches = 0
        for _ in 0..<60 {
            for _ in 0..<6 {
                let i = Int.random(in: 0..<n, using: &generator), length = Int.random(in: 1...n, using: &generator)
                let column = q.column(i, length: length)
                for t in 0..<length where column[t] != reference[order[i]][order[t]] { mismatches += 1 }
            }
            var active = Int.random(in: 2...n, using: &generator)
            var pairs: [(Int, Int)] = []
            for _ in 0..<Int.random(in: 1...5, using: &generator) where active > 1 {
                active -= 1
                pairs.append((Int.random(in: 0...active, using: &generator), active))
            }
            q.swapIndices(pairs)
            for (i, j) in pairs { order.swapAt(i, j) }
        }
        #expect(mismatches == 0)
        #expect(q.diagonal() == order.map { freshDiagonal[$0] })
    }

    /// C-SVC columns through the cache: with one of two columns of budget (0 bytes: constant
    /// eviction, partial columns dropped by swaps) and with room for everything.
    @Test(arguments: kernels, [0, 1 << 20])
    func classificationColumnsFollowSwaps(kernel: Kernel, cacheBytes: Int) throws {
        let (x, labels) = try Self.data(rows: 50, columns: 6, seed: 1)
        let indices = Array(stride(from: 49, through: 0, by: -2)) + Array(stride(from: 0, to: 50, by: 2))
        let chosen = indices.map { labels[$0] }
        let q = ClassificationQ(x, indices: indices, labels: chosen, kernel: kernel, cacheBytes: cacheBytes)
        let fresh = ClassificationQ(x, indices: indices, labels: chosen, kernel: kernel, cacheBytes: 1 << 24)
        Self.checkColumnsFollowSwaps(q, fresh: fresh, seed: 2)
    }

    /// ε-SVR columns (2n variables over n cached kernel columns).
    @Test(arguments: kernels, [0, 1 << 20])
    func regressionColumnsFollowSwaps(kernel: Kernel, cacheBytes: Int) throws {
        let (x, _) = try Self.data(rows: 30, columns: 4, seed: 3)
        let q = RegressionQ(x, kernel: kernel, cacheBytes: cacheBytes, columnThreads: 1)
        let fresh = RegressionQ(x, kernel: kernel, cacheBytes: 1 << 24, columnThreads: 1)
        Self.checkColumnsFollowSwaps(q, fresh: fresh, seed: 4)
    }

    /// The lifetime in `QMatrix.column`'s doc comment: after every request, the column returned
    /// by the request before it (unless the new request was for the same column at a larger
    /// length) still reads the entries it had — with the smallest cache, where the column
    /// storage is under the most pressure.
    @Test(arguments: [false, true])
    func aHeldColumnSurvivesTheNextRequest(regression: Bool) throws {
        let (x, labels) = try Self.data(rows: 40, columns: 3, seed: 5)
        let q: QMatrix = regression ? RegressionQ(x, kernel: .rbf(gamma: 0.5), cacheBytes: 0, columnThreads: 1)
            : ClassificationQ(x, indices: Array(0..<40), labels: labels, kernel: .rbf(gamma: 0.5), cacheBytes: 0)
        var generator = SplitMix64(seed: 6)
        var previous: (column: Int, length: Int, pointer: UnsafePointer<Float>, values: [Float])?
        var checked = 0
        for _ in 0..<2000 {
            let i = Int.random(in: 0..<q.size, using: &generator), length = Int.random(in: 1...q.size, using: &generator)
            let pointer = q.column(i, length: length)
            if let previous, previous.column != i || length <= previous.length {
                #expect(Self.copy(previous.pointer, previous.length) == previous.values)
                checked += 1
            }
            previous = (i, length, pointer, Self.copy(pointer, length))
        }
        #expect(checked > 1900)
    }

    /// `RegressionQ.addColumns` reads the kernel columns through the variable → sample map
    /// instead of expanding Qᵢ and Qⱼ; its doc claims the result is bit-identical to the
    /// expanded update gₜ += Qₜᵢ·Δᵢ + Qₜⱼ·Δⱼ (the protocol's default), including after swaps.
    @Test func regressionGradientUpdateEqualsTheExpandedOne() throws {
        let (x, _) = try Self.data(rows: 25, columns: 3, seed: 7)
        let q = RegressionQ(x, kernel: .rbf(gamma: 0.8), cacheBytes: 0, columnThreads: 1)
        var generator = SplitMix64(seed: 8)
        let n = q.size
        for round in 0..<40 {
            if round % 5 == 4 {
                q.swapIndices([(Int.random(in: 0..<n, using: &generator), Int.random(in: 0..<n, using: &generator))])
            }
            let i = Int.random(in: 0..<n, using: &generator), j = Int.random(in: 0..<n, using: &generator)
            let deltaI = Double.random(in: -2...2, using: &generator), deltaJ = Double.random(in: -2...2, using: &generator)
            let length = Int.random(in: 1...n, using: &generator)
            let start = (0..<n).map { _ in Double.random(in: -5...5, using: &generator) }
            let columnI = Self.copy(q.column(i, length: length), length)
            let columnJ = Self.copy(q.column(j, length: length), length)
            var expected = start
            for t in 0..<length { expected[t] += Double(columnI[t]) * deltaI + Double(columnJ[t]) * deltaJ }
            var fused = start
            fused.withUnsafeMutableBufferPointer { q.addColumns(i, deltaI, j, deltaJ, to: $0.baseAddress!, length: length) }
            #expect(fused == expected, "round \(round)")
        }
    }

    // MARK: The kernel the columns evaluate

    /// Training and prediction evaluate one kernel function (`Kernel.value`): every entry of a
    /// training column is Float(yᵢyⱼ·value(xᵢᵀxⱼ, ‖xᵢ‖², ‖xⱼ‖²)) with the inner products
    /// summed in feature order, bit for bit, and the diagonal is value(‖xᵢ‖², ‖xᵢ‖², ‖xᵢ‖²).
    /// Prediction (`forEachBlock`) computes its inner products with dgemm, in another order,
    /// so it agrees with the training entries to their Float rounding: 2⁻²⁴ relative, checked
    /// at 1e-7·max(1, |K|).
    @Test(arguments: kernels)
    func trainingColumnsEvaluateThePredictionKernel(kernel: Kernel) throws {
        let (x, labels) = try Self.data(rows: 37, columns: 7, seed: 9)
        let n = x.rows
        let rows = KernelRows(x, indices: Array(0..<n), kernel: kernel, columnThreads: 1)
        func dot(_ a: Int, _ b: Int) -> Double {
            var sum = 0.0
            for k in 0..<x.columns { sum += x[a, k] * x[b, k] }
            return sum
        }
        var trained = [Float](repeating: 0, count: n * n)
        labels.withUnsafeBufferPointer { signs in
            trained.withUnsafeMutableBufferPointer { out in
                for i in 0..<n { rows.fillColumn(i, from: 0, to: n, signs: signs.baseAddress, into: out.baseAddress! + i * n) }
            }
        }
        for i in 0..<n {
            #expect(rows.diagonalValue(i) == kernel.value(dot: dot(i, i), squaredNormA: dot(i, i), squaredNormB: dot(i, i)))
            for j in 0..<n {
                let value = kernel.value(dot: dot(i, j), squaredNormA: dot(i, i), squaredNormB: dot(j, j))
                #expect(trained[i * n + j] == Float(labels[i] * labels[j] * value), "K(x\(i), x\(j))")
            }
        }
        var largest = 0.0
        try kernel.forEachBlock(x, x) { start, block in
            for r in 0..<block.rows {
                for j in 0..<n {
                    let i = start + r
                    let training = Double(trained[i * n + j]) * labels[i] * labels[j]
                    largest = max(largest, abs(block[r, j] - training) / max(1, abs(training)))
                }
            }
        }
        #expect(largest <= 1e-7)
    }

    /// A column long enough to be split across cores (n·p ≥ `parallelWorkThreshold`) equals
    /// the serial one bit for bit: each entry's inner product is summed in feature order
    /// whatever the split. Also from a start inside the column (a cached prefix).
    @Test func parallelColumnsEqualSerialOnes() throws {
        let (x, labels) = try Self.data(rows: 3000, columns: 20, seed: 10)
        #expect(x.rows * x.columns >= KernelRows.parallelWorkThreshold)
        let kernel = Kernel.rbf(gamma: 0.1)
        let parallel = KernelRows(x, indices: Array(0..<x.rows), kernel: kernel, columnThreads: 2)
        let serial = KernelRows(x, indices: Array(0..<x.rows), kernel: kernel, columnThreads: 1)
        for (i, start) in [(0, 0), (1234, 0), (2999, 977)] {
            var a = [Float](repeating: 0, count: x.rows), b = a
            labels.withUnsafeBufferPointer { signs in
                a.withUnsafeMutableBufferPointer { parallel.fillColumn(i, from: start, to: x.rows, signs: signs.baseAddress, into: $0.baseAddress!) }
                b.withUnsafeMutableBufferPointer { serial.fillColumn(i, from: start, to: x.rows, signs: signs.baseAddress, into: $0.baseAddress!) }
            }
            #expect(a == b)
        }
    }
}
