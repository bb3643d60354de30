import LinearAlgebra

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so every random test sees
/// the same numbers on every run and machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A rows × columns matrix of independent uniform(−1, 1) entries.
    mutating func matrix(_ rows: Int, _ columns: Int) -> Matrix {
        let values = (0..<rows * columns).map { _ in Double.random(in: -1..<1, using: &self) }
        return try! Matrix(rows: rows, columns: columns, storage: values)
    }

    mutating func vector(_ count: Int) -> [Double] {
        (0..<count).map { _ in Double.random(in: -1..<1, using: &self) }
    }
}

/// Reference results computed the slow, obvious way.
enum Naive {
    /// op(A) op(B) by the textbook triple loop.
    static func product(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false) -> Matrix {
        let opA = transposeA ? transpose(a) : a
        let opB = transposeB ? transpose(b) : b
        var c = Matrix.zeros(opA.rows, opB.columns)
        for i in 0..<opA.rows {
            for j in 0..<opB.columns {
                var sum = 0.0
                for k in 0..<opA.columns { sum += opA[i, k] * opB[k, j] }
                c[i, j] = sum
            }
        }
        return c
    }

    /// |op(A)| |op(B)|: the scale of the rounding-error bound of a product.
    static func absoluteProduct(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false) -> Matrix {
        let absA = try! Matrix(rows: a.rows, columns: a.columns, storage: a.storage.map(abs))
        let absB = try! Matrix(rows: b.rows, columns: b.columns, storage: b.storage.map(abs))
        return product(absA, transposeA: transposeA, absB, transposeB: transposeB)
    }

    static func transpose(_ a: Matrix) -> Matrix {
        var t = Matrix.zeros(a.columns, a.rows)
        for i in 0..<a.rows { for j in 0..<a.columns { t[j, i] = a[i, j] } }
        return t
    }

    /// Frobenius norm.
    static func frobenius(_ a: Matrix) -> Double {
        a.storage.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// max |aᵢⱼ − bᵢⱼ| (∞ for different shapes).
    static func maxDifference(_ a: Matrix, _ b: Matrix) -> Double {
        guard a.rows == b.rows, a.columns == b.columns else { return .infinity }
        return zip(a.storage, b.storage).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// Whether every |computed − reference| ≤ factor · ε · bound, elementwise (Higham's
    /// forward-error bound for a length-k inner product is γₖ|a||b| ≈ k ε |a||b|).
    static func withinProductBound(_ computed: Matrix, _ reference: Matrix, bound: Matrix, factor: Double) -> Bool {
        guard computed.rows == reference.rows, computed.columns == reference.columns else { return false }
        for idx in computed.storage.indices
        where abs(computed.storage[idx] - reference.storage[idx]) > factor * Double.ulpOfOne * bound.storage[idx] {
            return false
        }
        return true
    }
}
