import Foundation
import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// The C loops of `KernelLoops` (RBF columns and rebuild blocks, `KernelRows.vectorLoops`)
/// against the Swift loops they replace, bit for bit: the same Float entries, the same Double
/// sums. Shapes cover every path of the C code: 32-row steps, 8-row steps and single-row tails,
/// starts inside a step, rows exchanged, with and without signs, groups of 1 to 4 columns,
/// arguments below the exponential's cutoff (large γ) and distances rounded below 0 (repeated
/// rows).
@Suite struct KernelLoopsTests {
    /// Rows uniform in [−1, 1], with a few rows repeated (‖x‖² + ‖x′‖² − 2xᵀx′ can round below 0
    /// for x = x′ at another index), and labels ±1.
    static func data(rows: Int, columns: Int, seed: UInt64) throws -> (x: Matrix, labels: [Double]) {
        var generator = SplitMix64(seed: seed)
        var storage = (0..<rows * columns).map { _ in Double.random(in: -1...1, using: &generator) * 3 }
        for (target, source) in [(5, 1), (40, 1), (77, 3), (rows - 1, 2)] where target < rows && source < rows {
            for k in 0..<columns { storage[target * columns + k] = storage[source * columns + k] }
        }
        let labels = (0..<rows).map { _ in Bool.random(using: &generator) ? 1.0 : -1.0 }
        return (try Matrix(rows: rows, columns: columns, storage: storage), labels)
    }

    /// γ = 0.05 (the benchmark's), 0.7, and 300 (most arguments below −708.39: entries 0).
    static let gammas: [Double] = [0.05, 0.7, 300]

    /// Two `KernelRows` over the same rows, the C loops and the Swift loops, with the same rows
    /// exchanged in both.
    static func pair(_ x: Matrix, gamma: Double, threads: Int = 1) -> (vector: KernelRows, reference: KernelRows) {
        let indices = Array(0..<x.rows).reversed().map { $0 }
        let vector = KernelRows(x, indices: indices, kernel: .rbf(gamma: gamma), columnThreads: threads, vectorLoops: true)
        let reference = KernelRows(x, indices: indices, kernel: .rbf(gamma: gamma), columnThreads: 1, vectorLoops: false)
        for (i, j) in [(0, x.rows - 1), (3, 70), (31, 32), (64, 9)] where max(i, j) < x.rows {
            vector.swapRows(i, j)
            reference.swapRows(i, j)
        }
        return (vector, reference)
    }

    @Test(arguments: gammas)
    func columnsEqualTheSwiftLoops(gamma: Double) throws {
        for (rows, features) in [(1, 3), (7, 1), (45, 20), (300, 13)] {
            let (x, labels) = try Self.data(rows: rows, columns: features, seed: 31 + UInt64(rows))
            let (vector, reference) = Self.pair(x, gamma: gamma)
            var mismatches = 0
            for i in Set([0, rows / 2, rows - 1]) {
                for start in Set([0, 1, min(rows - 1, 9), min(rows - 1, 33)]) {
                    for end in Set([rows, max(start + 1, rows - 7)]) where end <= rows {
                        for useSigns in [true, false] {
                            var a = [Float](repeating: .nan, count: end - start), b = a
                            labels.withUnsafeBufferPointer { s in
                                let signs = useSigns ? s.baseAddress : nil
                                a.withUnsafeMutableBufferPointer { vector.fillColumn(i, from: start, to: end, signs: signs, into: $0.baseAddress!) }
                                b.withUnsafeMutableBufferPointer { reference.fillColumn(i, from: start, to: end, signs: signs, into: $0.baseAddress!) }
                            }
                            // Compared as bit patterns (Float == would let −0 equal +0).
                            if a.map(\.bitPattern) != b.map(\.bitPattern) { mismatches += 1 }
                        }
                    }
                }
            }
            #expect(mismatches == 0, "\(rows) × \(features)")
        }
    }

    /// Weighted sums of columns (`accumulateColumns`, the gradient rebuild) on one and two
    /// threads, nothing cached, equal the Swift loops' sums bit for bit.
    @Test(arguments: gammas, [1, 2])
    func accumulatedColumnsEqualTheSwiftLoops(gamma: Double, threads: Int) throws {
        let (x, labels) = try Self.data(rows: 613, columns: 20, seed: 41)
        let (vector, reference) = Self.pair(x, gamma: gamma, threads: threads)
        var generator = SplitMix64(seed: 42)
        for count in [1, 2, 3, 4, 5, 11] {
            let columns = (0..<count).map { _ in Int.random(in: 0..<613, using: &generator) }
            let weights = columns.map { _ in Double.random(in: -2...2, using: &generator) }
            for start in [0, 5, 300] {
                for useSigns in [true, false] {
                    var a = [Double](repeating: 0.125, count: 613 - start), b = a
                    labels.withUnsafeBufferPointer { s in
                        let signs = useSigns ? s.baseAddress : nil
                        a.withUnsafeMutableBufferPointer {
                            vector.accumulateColumns(columns, weights: weights, from: start, to: 613, signs: signs,
                                                     cached: { _ in nil }, into: $0.baseAddress!)
                        }
                        b.withUnsafeMutableBufferPointer {
                            reference.accumulateColumns(columns, weights: weights, from: start, to: 613, signs: signs,
                                                        cached: { _ in nil }, into: $0.baseAddress!)
                        }
                    }
                    #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "\(count) columns from \(start)")
                }
            }
        }
    }
}
