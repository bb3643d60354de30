@testable import LinearModels
import LinearAlgebra
import Testing

/// `FaceFactor`: the Cholesky factor of H_FF kept through appends and removals.
///
/// Reference: H x = b checked by multiplying back, after every change, for x = `solve(b)`
/// (residual ≤ 1e-10 relative to ‖H‖·‖x‖), on H = AᵀA + I/10 for a random 40 × 30 A; and the
/// same F factored afresh (`rebuild`, `dpotrf`) solves to the same x within 1e-10 relative.
/// A feature whose column is a combination of the others' (H singular) is refused.
@Suite struct FaceFactorTests {
    static func matrix(_ size: Int) -> [[Double]] {
        var generator = SeededGenerator(seed: 11)
        let rows = size + 10
        let a = (0..<(rows * size)).map { _ in Double.random(in: -1...1, using: &generator) }
        var h = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        for i in 0..<size {
            for j in 0..<size {
                var value = i == j ? 0.1 : 0
                for r in 0..<rows { value += a[r * size + i] * a[r * size + j] }
                h[i][j] = value
            }
        }
        return h
    }

    static func checkSolves(_ factor: FaceFactor, _ h: [[Double]]) {
        let f = factor.features
        let b = f.indices.map { Double($0 % 7) - 3 }
        let x = factor.solve(b)
        let scale = h.flatMap { $0 }.map(abs).max()! * x.map(abs).max()!
        for (r, a) in f.enumerated() {
            let row = f.indices.reduce(0.0) { $0 + h[a][f[$1]] * x[$1] }
            #expect(abs(row - b[r]) <= 1e-10 * scale)
        }
        var fresh = FaceFactor()
        let rebuilt = fresh.rebuild(f, entry: { h[$0][$1] })
        #expect(rebuilt)
        let y = fresh.solve(b)
        for t in f.indices { #expect(abs(x[t] - y[t]) <= 1e-10 * x.map(abs).max()!) }
    }

    @Test func appendsAndRemovalsKeepTheFactor() {
        let h = Self.matrix(30)
        var factor = FaceFactor()
        for j in [4, 9, 0, 17, 22, 3, 28, 11, 6, 19, 25, 1] {
            let column = factor.features.map { h[j][$0] }
            let appended = factor.append(j, column: column, diagonal: h[j][j])
            #expect(appended)
        }
        Self.checkSolves(factor, h)
        for position in [0, 5, -1, 3] {
            factor.remove(at: position < 0 ? factor.count - 1 : position)
            Self.checkSolves(factor, h)
        }
        for j in [14, 4, 29] {
            let column = factor.features.map { h[j][$0] }
            let appended = factor.append(j, column: column, diagonal: h[j][j])
            #expect(appended)
        }
        Self.checkSolves(factor, h)
        #expect(factor.count == 11)
    }

    @Test func aDependentFeatureIsRefused() {
        // Columns 0 and 1 of a rank-2 Gram matrix, then a third equal to their sum.
        let u = [1.0, 2, 0, -1], v = [0.0, 1, 3, 1]
        let w = zip(u, v).map { $0 + $1 }
        let columns = [u, v, w]
        let h: [[Double]] = columns.map { a in columns.map { b in zip(a, b).reduce(0.0) { $0 + $1.0 * $1.1 } } }
        var factor = FaceFactor()
        let first = factor.append(0, column: [], diagonal: h[0][0])
        let second = factor.append(1, column: [h[1][0]], diagonal: h[1][1])
        let dependent = factor.append(2, column: [h[2][0], h[2][1]], diagonal: h[2][2])
        #expect(first && second && !dependent)
        #expect(factor.count == 2)
    }
}
