import Foundation
import Testing
import TestSupport
@testable import LinearAlgebra

@Suite struct GemmTests {
    /// Every transpose combination against the naive triple loop on random matrices. Reference
    /// bound: Higham, Accuracy and Stability, Thm 3.5, |fl(AB) − AB| ≤ γₖ |A||B| with
    /// γₖ ≈ k ε; checked elementwise with a factor 2k for blocked summation orders.
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matchesTheTripleLoop(transposes: (Bool, Bool)) throws {
        var rng = SplitMix64(seed: 42)
        let (m, k, n) = (13, 37, 21)
        let a = transposes.0 ? rng.matrix(k, m) : rng.matrix(m, k)
        let b = transposes.1 ? rng.matrix(n, k) : rng.matrix(k, n)
        let c = try BLAS.multiply(a, transposes.0 ? .transposed : .none, b, transposes.1 ? .transposed : .none)
        let reference = Naive.product(a, transposeA: transposes.0, b, transposeB: transposes.1)
        let bound = Naive.absoluteProduct(a, transposeA: transposes.0, b, transposeB: transposes.1)
        #expect(c.rows == m && c.columns == n)
        #expect(Naive.withinProductBound(c, reference, bound: bound, factor: Double(2 * k)))
    }

    /// C ← α AB + β C with a prior C: the reference is α·(naive AB) + β·C, same bound plus the
    /// roundings of the two scalings.
    @Test func alphaAndBetaAccumulate() throws {
        var rng = SplitMix64(seed: 3)
        let a = rng.matrix(6, 4), b = rng.matrix(4, 5)
        let c0 = rng.matrix(6, 5)
        var c = c0
        try BLAS.gemm(a, .none, b, alpha: 2.5, beta: -0.5, into: &c)
        let ab = Naive.product(a, b)
        let bound = Naive.absoluteProduct(a, b)
        var reference = c0
        var scaledBound = bound
        for idx in reference.storage.indices {
            reference.storage[idx] = 2.5 * ab.storage[idx] - 0.5 * c0.storage[idx]
            scaledBound.storage[idx] = 2.5 * bound.storage[idx] + 0.5 * abs(c0.storage[idx])
        }
        #expect(Naive.withinProductBound(c, reference, bound: scaledBound, factor: 16))
    }

    @Test func mismatchedInnerDimensionsThrow() {
        var rng = SplitMix64(seed: 1)
        #expect(throws: LagrangeError.shapeMismatch("gemm inner dimensions 3 and 4 differ")) {
            try BLAS.multiply(rng.matrix(2, 3), .none, rng.matrix(4, 2))
        }
    }

    @Test func accumulatingIntoAWronglyShapedOutputThrows() {
        var c = Matrix.zeros(3, 3)
        #expect(throws: LagrangeError.self) {
            try BLAS.gemm(.identity(2), .none, .identity(2), beta: 1, into: &c)
        }
    }

    /// BLAS convention (reference dgemm): with β = 0, C is not read, so NaN or ∞ already in C
    /// cannot leak into the result. With an empty inner dimension the product is the zero
    /// matrix, so C must come out as all zeros.
    @Test func emptyInnerDimensionWithBetaZeroGivesZeros() throws {
        var c = Matrix(rows: 2, columns: 2, repeating: .nan)
        try BLAS.gemm(.zeros(2, 0), .none, .zeros(0, 2), into: &c)
        #expect(c.storage == [0, 0, 0, 0])
    }
}

@Suite struct GemvTests {
    /// Both orientations against the naive loop, bound γₙ|A||x| (Higham Thm 3.5) with factor 2n.
    @Test(arguments: [false, true])
    func matchesTheNaiveLoop(transposed: Bool) throws {
        var rng = SplitMix64(seed: 11)
        let a = rng.matrix(9, 14)
        let x = rng.vector(transposed ? 9 : 14)
        let y = try BLAS.multiply(a, transposed ? .transposed : .none, x)
        let xColumn = try Matrix(rows: x.count, columns: 1, storage: x)
        let reference = Naive.product(a, transposeA: transposed, xColumn)
        let bound = Naive.absoluteProduct(a, transposeA: transposed, xColumn)
        #expect(y.count == (transposed ? 14 : 9))
        #expect(Naive.withinProductBound(try Matrix(rows: y.count, columns: 1, storage: y), reference,
                                         bound: bound, factor: 28))
    }

    @Test func alphaBetaWithAKnownResult() throws {
        // [[1, 2], [3, 4]] (1, 1) = (3, 7); 2·(3, 7) + 1·(10, 20) = (16, 34), exact in binary.
        var y: [Double] = [10, 20]
        try BLAS.gemv(try Matrix(rows: [[1, 2], [3, 4]]), .none, [1, 1], alpha: 2, beta: 1, into: &y)
        #expect(y == [16, 34])
    }

    @Test func wrongVectorLengthThrows() {
        #expect(throws: LagrangeError.self) { try BLAS.multiply(.identity(3), .none, [1, 2]) }
        var y: [Double] = [1]
        #expect(throws: LagrangeError.self) { try BLAS.gemv(.identity(3), .none, [1, 2, 3], beta: 1, into: &y) }
    }

    /// As for gemm: β = 0 means y is not read, so an empty A gives y = 0 even over NaN.
    @Test func emptyMatrixWithBetaZeroGivesZeros() throws {
        var y: [Double] = [.nan, .nan]
        try BLAS.gemv(.zeros(2, 0), .none, [], into: &y)
        #expect(y == [0, 0])
    }
}

@Suite struct GramTests {
    /// XᵀX and XXᵀ through dsyrk against dgemm of the same operands: both are length-k inner
    /// products, so each is within γₖ|X|ᵀ|X| of the truth and of each other (factor 4k).
    @Test(arguments: [BLAS.GramSide.columns, BLAS.GramSide.rows])
    func matchesGemm(side: BLAS.GramSide) throws {
        var rng = SplitMix64(seed: 5)
        let x = rng.matrix(23, 8)
        let gram = try BLAS.gram(x, side)
        let viaGemm = side == .columns ? try BLAS.multiply(x, .transposed, x) : try BLAS.multiply(x, .none, x, .transposed)
        let bound = side == .columns ? Naive.absoluteProduct(x, transposeA: true, x) : Naive.absoluteProduct(x, x, transposeB: true)
        let order = side == .columns ? 8 : 23
        let inner = side == .columns ? 23 : 8
        #expect(gram.rows == order && gram.columns == order)
        #expect(Naive.withinProductBound(gram, viaGemm, bound: bound, factor: Double(4 * inner)))
        // The mirrored triangle makes the result exactly symmetric.
        #expect(gram == gram.transposed)
    }

    @Test func syrkAccumulatesWithBeta() throws {
        // X = [[1, 2]]: XᵀX = [[1, 2], [2, 4]]; 3·XᵀX + 1·I = [[4, 6], [6, 13]], exact.
        var c = Matrix.identity(2)
        try BLAS.syrk(try Matrix(rows: [[1, 2]]), .columns, alpha: 3, beta: 1, into: &c)
        #expect(c.storage == [4, 6, 6, 13])
    }
}

@Suite struct VectorTests {
    @Test func dotOfKnownVectors() {
        // 1·4 + 2·(−5) + 3·6 = 12, exact.
        #expect(BLAS.dot([1, 2, 3], [4, -5, 6]) == 12)
        #expect(BLAS.dot([], []) == 0)
    }

    @Test func axpyOfKnownVectors() {
        // (1, 1, 1) + 2·(1, −2, 0.5) = (3, −3, 2): small integers and halves, exact in binary.
        var y: [Double] = [1, 1, 1]
        BLAS.axpy(2, [1, -2, 0.5], &y)
        #expect(y == [3, -3, 2])
    }

    /// ‖(3, 4)·10²⁰⁰‖ = 5·10²⁰⁰: the squares overflow, dnrm2's scaling must not. Tolerance a
    /// few ulps for the scaling steps.
    @Test func nrm2DoesNotOverflow() {
        #expect(Approx.close(BLAS.nrm2([3e200, 4e200]), 5e200, relative: 4 * Double.ulpOfOne))
        #expect(Approx.close(BLAS.nrm2([3e-200, 4e-200]), 5e-200, relative: 4 * Double.ulpOfOne))
        #expect(BLAS.nrm2([]) == 0)
    }
}

@Suite struct BLASThreadTests {
    /// Library code reads OpenBLAS's thread count and never sets it: products computed from four
    /// threads at once equal the serial product to the blocked-summation bound, and the
    /// process-wide count is the same before and after.
    @Test func concurrentCallersLeaveTheThreadCountAlone() throws {
        var rng = SplitMix64(seed: 11)
        let a = rng.matrix(120, 90), b = rng.matrix(90, 70)
        let threadsBefore = BLAS.threadCount
        let outside = try BLAS.multiply(a, .none, b, .none)
        let bound = Naive.absoluteProduct(a, b)
        var results = [Matrix](repeating: Matrix.zeros(0, 0), count: 4)
        results.withUnsafeMutableBufferPointer { slots in
            Parallel.forEach(4, threads: 4) { t in slots[t] = try! BLAS.multiply(a, .none, b, .none) }
        }
        for product in results { #expect(Naive.withinProductBound(product, outside, bound: bound, factor: 2 * 2 * 90)) }
        #expect(BLAS.threadCount == threadsBefore)
    }
}

@Suite struct PointerProductTests {
    /// `multiplyByTranspose` (C = αABᵀ) and `upperGram` (upper triangle of αAAᵀ) on raw buffers,
    /// against the triple loop with the same bound as `GemmTests` (2k ε |A||B|, then scaled by α).
    @Test func productsWithTransposeMatchTheTripleLoop() throws {
        var rng = SplitMix64(seed: 5)
        let (m, n, k) = (9, 14, 33)
        let a = rng.matrix(m, k), b = rng.matrix(n, k)
        let alpha = 0.25
        var c = [Double](repeating: .nan, count: m * n)
        var upper = [Double](repeating: .nan, count: m * m)
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    BLAS.multiplyByTranspose(rows: m, columns: n, depth: k, alpha: alpha, pa.baseAddress!, pb.baseAddress!, into: pc.baseAddress!)
                }
            }
            upper.withUnsafeMutableBufferPointer { pu in
                BLAS.upperGram(rows: m, depth: k, alpha: alpha, pa.baseAddress!, into: pu.baseAddress!)
            }
        }
        let ab = Naive.product(a, b, transposeB: true), abBound = Naive.absoluteProduct(a, b, transposeB: true)
        let aa = Naive.product(a, a, transposeB: true), aaBound = Naive.absoluteProduct(a, a, transposeB: true)
        for i in 0..<m {
            for j in 0..<n {
                #expect(abs(c[i * n + j] - alpha * ab[i, j]) <= 2 * Double(k) * Double.ulpOfOne * alpha * abBound[i, j])
            }
            for j in i..<m {
                #expect(abs(upper[i * m + j] - alpha * aa[i, j]) <= 2 * Double(k) * Double.ulpOfOne * alpha * aaBound[i, j])
            }
            for j in 0..<i { #expect(upper[i * m + j].isNaN) }   // the strict lower triangle is left alone
        }
    }
}
