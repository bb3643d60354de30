import Foundation
@testable import SVM
import TestSupport

/// A Q-matrix given entry by entry, for unit tests of the solver.
///
/// Every entry is a Double that Float represents exactly, so the solver (which reads Float
/// columns) and the tests' Double references work on the same matrix, and the only differences
/// between them are the rounding of the solver's own arithmetic.
///
/// It holds the solver to the `QMatrix` lifetime promise strictly: a column is written into one
/// of three buffers, and the buffer of the column returned two calls earlier is overwritten
/// with NaN, as are everything after `length`, the previous column when the same column is
/// asked for at a larger length, and every buffer on `swapIndices`. A solver that reads a
/// column after its lifetime, or past its length, reads NaN, and NaN reaches α or ∇f.
final class DenseQ: QMatrix {
    let size: Int
    /// size × size, row-major, in the original variable order.
    let entries: [Double]
    /// order[t] = the original index of the variable now at position t.
    private(set) var order: [Int]
    private let buffers: [UnsafeMutablePointer<Float>]
    private var calls = 0
    /// The column and length of the last call.
    private var last = (column: -1, length: 0)

    init(size: Int, entries: [Double]) {
        precondition(entries.count == size * size)
        precondition(entries.allSatisfy { Double(Float($0)) == $0 }, "entries must be Float-representable")
        self.size = size
        self.entries = entries
        order = Array(0..<size)
        buffers = (0..<3).map { _ in
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: max(1, size))
            buffer.initialize(repeating: .nan, count: max(1, size))
            return buffer
        }
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// Q between original indices a and b.
    func entry(_ a: Int, _ b: Int) -> Double { entries[a * size + b] }

    func diagonal() -> [Double] { order.map { entry($0, $0) } }

    func column(_ i: Int, length: Int) -> UnsafePointer<Float> {
        let target = buffers[calls % 3]
        buffers[(calls + 1) % 3].update(repeating: .nan, count: size)
        if i == last.column, length > last.length { buffers[(calls + 2) % 3].update(repeating: .nan, count: size) }
        last = (i, length)
        calls += 1
        for t in 0..<size { target[t] = t < length ? Float(entry(order[i], order[t])) : .nan }
        return UnsafePointer(target)
    }

    func swapIndices(_ pairs: [(Int, Int)]) {
        for (i, j) in pairs { order.swapAt(i, j) }
        for buffer in buffers { buffer.update(repeating: .nan, count: size) }
    }
}

/// A C-SVC-shaped dual min ½αᵀQα + pᵀα, yᵀα = 0, 0 ≤ α ≤ C with an explicit Q, and the
/// references the solver tests compare against, all in the original variable order and in
/// plain Double arithmetic written independently of the solver.
struct ExplicitDual {
    var size: Int
    /// Q, row-major, Float-representable entries.
    var q: [Double]
    var linearTerm: [Double]
    var labels: [Double]
    var upperBounds: [Double]

    /// Qᵢⱼ = yᵢyⱼ·K(xᵢ, xⱼ) rounded to Float, with K evaluated by `Kernel.value` from inner
    /// products summed in feature order (as `KernelRows` sums them, so a `ClassificationQ` on
    /// the same points holds the same Float entries); p = −e; Cᵢ = c.
    static func classification(points: [[Double]], labels: [Double], kernel: Kernel, c: Double) -> ExplicitDual {
        let n = points.count
        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var sum = 0.0
            for k in a.indices { sum += a[k] * b[k] }
            return sum
        }
        var q = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                let value = kernel.value(dot: dot(points[i], points[j]), squaredNormA: dot(points[i], points[i]),
                                         squaredNormB: dot(points[j], points[j]))
                q[i * n + j] = Double(Float(labels[i] * labels[j] * value))
            }
        }
        return ExplicitDual(size: n, q: q, linearTerm: [Double](repeating: -1, count: n), labels: labels,
                            upperBounds: [Double](repeating: c, count: n))
    }

    /// `count` points in the plane from two overlapping Gaussian clouds (labels ±1, alternating),
    /// seeded; the dual of an RBF C-SVC on them.
    static func randomRBF(count: Int, seed: UInt64, gamma: Double = 0.5, c: Double = 1) -> ExplicitDual {
        let (points, labels) = randomClouds(count: count, seed: seed)
        return classification(points: points, labels: labels, kernel: .rbf(gamma: gamma), c: c)
    }

    /// The points and labels behind `randomRBF`.
    static func randomClouds(count: Int, seed: UInt64) -> (points: [[Double]], labels: [Double]) {
        var generator = SplitMix64(seed: seed)
        func gaussian() -> Double {
            // Box–Muller.
            let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
            let v = Double.random(in: 0..<1, using: &generator)
            return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
        }
        var points: [[Double]] = [], labels: [Double] = []
        for t in 0..<count {
            let label: Double = t % 2 == 0 ? 1 : -1
            points.append([gaussian() + label * 0.8, gaussian()])
            labels.append(label)
        }
        return (points, labels)
    }

    func matrix() -> DenseQ { DenseQ(size: size, entries: q) }

    func problem(_ q: QMatrix) -> DualProblem {
        DualProblem(q: q, linearTerm: linearTerm, labels: labels, upperBounds: upperBounds,
                    initialAlpha: [Double](repeating: 0, count: size))
    }

    /// ∇f(α) = Qα + p, summed in index order.
    func gradient(_ alpha: [Double]) -> [Double] {
        (0..<size).map { i in
            var sum = linearTerm[i]
            for j in 0..<size { sum += q[i * size + j] * alpha[j] }
            return sum
        }
    }

    /// f(α) = ½αᵀQα + pᵀα.
    func objective(_ alpha: [Double]) -> Double {
        let g = gradient(alpha)
        return (0..<size).reduce(0) { $0 + alpha[$1] * (g[$1] + linearTerm[$1]) } / 2
    }

    /// m(α) − M(α) from the definitions: m = max over I_up of −yₜ∇ₜf, M = min over I_low,
    /// I_up = {yₜ = +1, αₜ < Cₜ} ∪ {yₜ = −1, αₜ > 0}, I_low = {yₜ = +1, αₜ > 0} ∪ {yₜ = −1, αₜ < Cₜ}.
    func violation(_ alpha: [Double], gradient g: [Double]) -> Double {
        var m = -Double.infinity, bigM = Double.infinity
        for t in 0..<size {
            let value = -labels[t] * g[t]
            let belowUpper = alpha[t] < upperBounds[t], aboveLower = alpha[t] > 0
            if labels[t] > 0 ? belowUpper : aboveLower { m = max(m, value) }
            if labels[t] > 0 ? aboveLower : belowUpper { bigM = min(bigM, value) }
        }
        return m - bigM
    }

    /// Largest |Qᵢⱼ|.
    var largestEntry: Double { q.map(abs).max() ?? 0 }

    /// A bound on the rounding in a gradient the solver maintained over `updates` SMO updates,
    /// against the reference sum. An update adds Δᵢ·Qₜᵢ + Δⱼ·Qₜⱼ (|Δ| ≤ C) to an entry of size
    /// ≤ |p| + Σ|α||Q| ≤ 1 + n·C·max|Q|: four roundings (two products, their sum, the new
    /// entry), together ≤ ε(1 + (n + 4)·C·max|Q|). Ḡ (which rebuilds shrunk entries) takes at
    /// most two column additions per update, each as large; the rebuild and the reference sum
    /// add n roundings each. Hence 4ε(updates + 2n)(1 + (n + 4)·C·max|Q|).
    func gradientRoundingBound(updates: Int) -> Double {
        let c = upperBounds.max() ?? 0
        let magnitude = 1 + Double(size + 4) * c * largestEntry
        return 4 * Double.ulpOfOne * Double(updates + 2 * size) * magnitude
    }
}

extension SMOSolver {
    /// α in the original variable order.
    var originalAlpha: [Double] {
        var values = [Double](repeating: 0, count: count)
        for t in 0..<count { values[originalIndex[t]] = alpha[t] }
        return values
    }

    /// ∇f as the solver holds it, in the original variable order.
    var originalGradient: [Double] {
        var values = [Double](repeating: 0, count: count)
        for t in 0..<count { values[originalIndex[t]] = gradient[t] }
        return values
    }
}
