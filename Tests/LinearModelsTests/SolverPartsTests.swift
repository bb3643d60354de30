import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// The pieces the coordinate-descent solvers are built from, checked on their own.
@Suite struct SolverPartsTests {
    /// `GramRows` against the textbook sum Gⱼₖ = Σᵢ xᵢⱼxᵢₖ / n, with rows requested in scrambled
    /// batches of uneven sizes (so entries come both from `dgemm` and from the symmetric copy).
    /// Bound (Higham, Thm 3.5): |fl(Gⱼₖ) − Gⱼₖ| ≤ γₙ Σᵢ|xᵢⱼxᵢₖ|/n, γₙ ≈ nε; checked with 2nε.
    @Test func gramRowsMatchTheDirectSumsInAnyBatchOrder() throws {
        let data = try Fixture.tall
        let design = try Design(x: data.features, y: data.targetValues!, standardize: true, fitIntercept: true)
        let (n, p) = (design.sampleCount, design.featureCount)
        let order = (0..<p).map { ($0 * 37 + 11) % p }            // 37 is coprime with 80: a permutation
        #expect(Set(order).count == p)
        var gram = GramRows(design: design)
        var start = 0
        for size in [5, 11, 1, 30, 33] {
            gram.compute(Array(order[start ..< start + size]))
            start += size
            #expect(gram.count == start)
        }
        let x = design.columns
        for j in 0..<p {
            #expect(gram.slot[j] >= 0)
            for k in 0..<p {
                var sum = 0.0, magnitude = 0.0
                for i in 0..<n {
                    sum += x[j * n + i] * x[k * n + i]
                    magnitude += abs(x[j * n + i] * x[k * n + i])
                }
                let entry = gram.storage[gram.slot[j] * p + k]
                #expect(abs(entry - sum / Double(n)) <= 2 * Double(n) * Double.ulpOfOne * magnitude / Double(n))
                // Symmetric by construction: one of the pair is a copy of the other.
                #expect(entry == gram.storage[gram.slot[k] * p + j])
            }
        }
    }

    /// The sweep order is a uniform shuffle: a permutation of its input, a fresh one per pass,
    /// and the same sequence for every solver (fixed seed), so fits are reproducible.
    @Test func sweepOrderIsAReproduciblePermutation() {
        var a = SweepOrder(), b = SweepOrder()
        let indices = Array(0..<200)
        var first = indices, second = indices, again = indices
        a.shuffle(&first)
        a.shuffle(&second)
        b.shuffle(&again)
        #expect(first.sorted() == indices && second.sorted() == indices)
        #expect(first != indices && first != second)
        #expect(again == first)
        var empty: [Int] = [], single = [4]
        a.shuffle(&empty)
        a.shuffle(&single)
        #expect(empty.isEmpty && single == [4])
    }
}
