import Foundation
import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// `Kernel.exponential` (the RBF kernel's vectorizable eˣ) against the C library's `exp` (glibc
/// on Linux, correctly rounded in practice and documented within 1 ulp), and the kernel columns
/// built on it against entry-by-entry evaluation.
@Suite struct KernelExponentialTests {
    /// Seeded arguments over the whole supported range [−745, 0]: exponentially distributed with
    /// mean 20 (where RBF arguments −γd² fall), uniform over [−745, 0], and the edges.
    static func arguments() -> [Double] {
        var generator = SplitMix64(seed: 12)
        var values = (0..<200_000).map { _ in log(Double.random(in: Double.ulpOfOne..<1, using: &generator)) * 20 }
        values += (0..<100_000).map { _ in -Double.random(in: 0...745, using: &generator) }
        values += [0, -0.0, -Double.leastNonzeroMagnitude, -1e-300, -1e-17, -0.5 * log(2), -log(2), -708.39, -708.3899, -708.3901, -745]
        return values
    }

    /// Within 1 ulp of `exp` above the cutoff −708.39, and 0 below it where exp(x) ≤ 2.3·10⁻³⁰⁸
    /// (the documented absolute error); e⁰ = 1 exactly.
    @Test func withinOneUlpOfLibm() {
        var worst = 0.0
        for x in Self.arguments() {
            let reference = exp(x), value = Kernel.exponential(x)
            if x < -708.39 {
                #expect(value == 0 && reference <= 2.3e-308, "x = \(x)")
            } else {
                worst = max(worst, abs(value - reference) / reference.ulp)
            }
        }
        #expect(worst <= 1)
        #expect(Kernel.exponential(0) == 1)
        #expect(Kernel.exponential(-0.0) == 1)
    }

    /// Rounded to Float (how kernel columns are cached), the same value as `exp` on every
    /// argument tested: a 1-ulp difference in Double moves the Float only within 2⁻⁵² of a Float
    /// rounding boundary.
    @Test func sameFloatAsLibm() {
        var mismatches = 0
        for x in Self.arguments() where Float(Kernel.exponential(x)) != Float(exp(x)) { mismatches += 1 }
        #expect(mismatches == 0)
    }

    /// A column spanning several blocks (`KernelRows.blockLength`), started inside a block (a
    /// cached prefix) and after row exchanges, equals Float(yᵢyⱼ·value(xᵢᵀxⱼ, ‖xᵢ‖², ‖xⱼ‖²)) with
    /// the inner products summed in feature order, bit for bit, for every kernel.
    @Test(arguments: QMatrixTests.kernels)
    func blockedColumnsEqualEntryByEntryValues(kernel: Kernel) throws {
        let (x, labels) = try QMatrixTests.data(rows: 700, columns: 13, seed: 21)
        #expect(x.rows > 2 * KernelRows.blockLength)
        let n = x.rows
        let rows = KernelRows(x, indices: Array(0..<n), kernel: kernel, columnThreads: 1)
        var order = Array(0..<n), signs = labels
        for (i, j) in [(0, 699), (5, 300), (256, 257), (511, 3)] {
            rows.swapRows(i, j)
            order.swapAt(i, j)
            signs.swapAt(i, j)
        }
        func dot(_ a: Int, _ b: Int) -> Double {
            var sum = 0.0
            for k in 0..<x.columns { sum += x[a, k] * x[b, k] }
            return sum
        }
        var mismatches = 0
        for (i, start) in [(0, 0), (257, 133), (699, 511)] {
            var column = [Float](repeating: .nan, count: n - start)
            signs.withUnsafeBufferPointer { s in
                column.withUnsafeMutableBufferPointer { rows.fillColumn(i, from: start, to: n, signs: s.baseAddress, into: $0.baseAddress!) }
            }
            for j in start..<n {
                let a = order[i], b = order[j]
                let value = kernel.value(dot: dot(a, b), squaredNormA: dot(a, a), squaredNormB: dot(b, b))
                if column[j - start] != Float(signs[i] * signs[j] * value) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }
}
