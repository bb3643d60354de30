import LinearAlgebra
@testable import LinearModels

/// Shared by the design-construction tests (column route, threaded bands): a seeded row-major
/// design with constant, tiny (1e-170) and scaled columns, and bit-for-bit equality of two designs.
enum DesignTestData {
    static func data(n: Int, p: Int, seed: UInt64) throws -> (Matrix, [Double]) {
        var generator = SeededGenerator(seed: seed)
        var storage = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            for j in 0..<p {
                let u = Double(generator.next() % 1_000_003) / 1e6 - 0.5
                storage[i * p + j] = j % 17 == 3 ? 0.1 : (j % 29 == 5 ? 1e-170 * u : u * Double(j % 7 + 1))
            }
        }
        let y = (0..<n).map { i in storage[i * p] - 2 * storage[i * p + 1] + Double(i % 5) }
        return (try Matrix(rows: n, columns: p, storage: storage), y)
    }

    static func same(_ a: Design, _ b: Design) -> Bool {
        a.columns.map(\.bitPattern) == b.columns.map(\.bitPattern) && a.means.map(\.bitPattern) == b.means.map(\.bitPattern)
            && a.scales.map(\.bitPattern) == b.scales.map(\.bitPattern)
            && a.meanSquares.map(\.bitPattern) == b.meanSquares.map(\.bitPattern)
            && a.constantColumns == b.constantColumns && a.response.map(\.bitPattern) == b.response.map(\.bitPattern)
            && a.responseMean.bitPattern == b.responseMean.bitPattern && a.nullObjective.bitPattern == b.nullObjective.bitPattern
            && a.sampleWeights == b.sampleWeights && a.sampleCount == b.sampleCount && a.featureCount == b.featureCount
    }
}
