import KernelLoops
@testable import LinearModels
import LinearAlgebra
import Testing

/// The vector loop of the Gram settle (`lagrange_subtract_multiple`, KernelLoops/GramLoops.c) and
/// the reused block buffer (`WorkingGram.block(_:into:)`).
///
/// References: the Swift loop g[c] -= δ·row[c] that the C loop replaces — the same two roundings
/// per entry, so equality is bit for bit, for every length (vector body and scalar tail) and
/// every offset (unaligned starts); and `WorkingGram.block(_:)`, the fresh-array gather.
@Suite struct GramLoopsTests {
    @Test func vectorLoopEqualsTheSwiftLoopBitForBit() {
        var generator = SeededGenerator(seed: 11)
        for count in 0...41 {
            for offset in 0..<3 {
                let row = (0..<(count + offset)).map { _ in Double.random(in: -3...3, using: &generator) }
                let start = (0..<(count + offset)).map { _ in Double.random(in: -1e3...1e3, using: &generator) * .random(in: 1e-9...1, using: &generator) }
                let delta = Double.random(in: -2...2, using: &generator) / 3
                var expected = start
                for c in offset..<(count + offset) { expected[c] -= delta * row[c] }
                var actual = start
                actual.withUnsafeMutableBufferPointer { g in
                    row.withUnsafeBufferPointer { r in
                        lagrange_subtract_multiple(g.baseAddress! + offset, r.baseAddress! + offset, delta, count)
                    }
                }
                #expect(actual.map(\.bitPattern) == expected.map(\.bitPattern), "count \(count), offset \(offset)")
            }
        }
    }

    @Test func reusedBlockBufferHoldsTheSameBlock() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 30, columns: 120, seed: 8)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        var gram = WorkingGram(featureCount: 120, sampleCount: 30, limit: 120)
        let included = gram.include(Array(0..<90), design: design)
        #expect(included)
        var storage: [Double] = []
        // Growing, shrinking and reordered member lists, one buffer throughout.
        for members in [[4, 1, 7], Array(10..<60), [59, 3, 22, 8], Array((0..<90).reversed()), [5]] {
            gram.block(members, into: &storage)
            let m = members.count
            #expect(storage.count >= m * m)
            #expect(Array(storage[0..<(m * m)]) == gram.block(members))
        }
    }
}
