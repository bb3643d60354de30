import LinearAlgebra
import Statistics
import Testing
import TestSupport

/// Merging is exact up to rounding, associative and commutative, and safe with large offsets.
///
/// Reference: the data are xᵢⱼ = offsetⱼ + aᵢⱼ/16 with small integers aᵢⱼ, every value exactly
/// representable, so the scatter Σ(x − x̄)(x − x̄)ᵀ = (n Σaⱼaₖ − ΣaⱼΣaₖ) / (256 n) has an exact
/// integer numerator: the reference is correctly rounded (as in DecompositionTests'
/// LargeOffsetTests), independent of any accumulation order.
@Suite struct MergeExactnessTests {
    static let offsets: [Double] = [1e8, -1e8, 3e7, 0, 1e8 + 0.5]
    static let parts = 1000
    static let rowsPerPart = 40
    static let relative = 1e-12

    /// Integers a ∈ [−64, 63] (the last column with 9× the spread); part k's rows are shifted by
    /// k mod 7 so the parts' means differ, as real shards' do.
    static func integers() -> [[Int]] {
        var generator = SplitMix64(seed: 14)
        return (0..<(parts * rowsPerPart)).map { i in
            (0..<offsets.count).map { j in
                let base = Int(generator.next() >> 57) - 64 + (i / rowsPerPart) % 7
                return j == offsets.count - 1 ? 3 * base : base
            }
        }
    }

    static func rows(_ a: ArraySlice<[Int]>) throws -> Matrix {
        try Matrix(rows: a.map { row in row.enumerated().map { offsets[$0.offset] + Double($0.element) / 16 } })
    }

    static func exactScatter(_ a: [[Int]]) -> Matrix {
        let (n, p) = (a.count, offsets.count)
        var m = Matrix.zeros(p, p)
        for j in 0..<p {
            for k in 0..<p {
                var sumJ = 0, sumK = 0, sumJK = 0
                for row in a { sumJ += row[j]; sumK += row[k]; sumJK += row[j] * row[k] }
                m[j, k] = Double(n * sumJK - sumJ * sumK) / Double(256 * n)
            }
        }
        return m
    }

    static func exactMean(_ a: [[Int]]) -> [Double] {
        (0..<offsets.count).map { j in offsets[j] + Double(a.reduce(0) { $0 + $1[j] }) / Double(16 * a.count) }
    }

    static func names() -> [String] { (1...offsets.count).map { "x\($0)" } }

    static func partStatistics(_ a: [[Int]]) throws -> [SufficientStatistics] {
        try (0..<parts).map { k in
            var s = try SufficientStatistics(columnNames: names(), targetName: "x5")
            try s.add(try rows(a[(k * rowsPerPart) ..< ((k + 1) * rowsPerPart)]))
            return s
        }
    }

    /// ‖A − B‖_F / ‖B‖_F.
    static func relativeDifference(_ a: Matrix, _ b: Matrix) -> Double {
        var difference = 0.0, scale = 0.0
        for k in a.storage.indices {
            difference += (a.storage[k] - b.storage[k]) * (a.storage[k] - b.storage[k])
            scale += b.storage[k] * b.storage[k]
        }
        return (difference / scale).squareRoot()
    }

    /// A balanced binary tree of merges (as Spark's treeReduce does).
    static func treeMerge(_ parts: ArraySlice<SufficientStatistics>) throws -> SufficientStatistics {
        if parts.count == 1 { return parts.first! }
        let middle = parts.startIndex + parts.count / 2
        return try treeMerge(parts[..<middle]).merging(try treeMerge(parts[middle...]))
    }

    @Test func thousandPartsWithOffsetsOf1e8MatchTheExactScatter() throws {
        let a = Self.integers()
        let exact = Self.exactScatter(a)
        let mean = Self.exactMean(a)
        let parts = try Self.partStatistics(a)
        var onePass = try SufficientStatistics(columnNames: Self.names(), targetName: "x5")
        try onePass.add(try Self.rows(a[...]))
        let leftFold = try SufficientStatistics.merged(parts)
        let tree = try Self.treeMerge(parts[...])
        let reversed = try SufficientStatistics.merged(parts.reversed())
        var generator = SplitMix64(seed: 7)
        let shuffled = try SufficientStatistics.merged(parts.shuffled(using: &generator))
        for merged in [onePass, leftFold, tree, reversed, shuffled] {
            #expect(merged.count == a.count)
            #expect(Self.relativeDifference(merged.scatter, exact) <= Self.relative)
            for j in mean.indices { #expect(Approximate.close(merged.mean[j], mean[j], absolute: 1e-12 * 8, relative: 1e-15)) }
        }
        // Any two trees agree with each other as closely.
        #expect(Self.relativeDifference(tree.scatter, leftFold.scatter) <= Self.relative)
        #expect(Self.relativeDifference(shuffled.scatter, reversed.scatter) <= Self.relative)
        // The covariance the fits use.
        let covariance = try tree.moments.covariance()
        let exactCovariance = try Matrix(rows: exact.rows, columns: exact.columns, storage: exact.storage.map { $0 / Double(a.count - 1) })
        #expect(Self.relativeDifference(covariance, exactCovariance) <= Self.relative)
    }

    @Test func subtractingAFoldGivesTheStatisticsOfTheRest() throws {
        let a = Self.integers()
        let parts = try Self.partStatistics(a)
        let total = try Self.treeMerge(parts[...])
        // Fold: every 10th part.
        let fold = try SufficientStatistics.merged(stride(from: 3, to: parts.count, by: 10).map { parts[$0] })
        var rest = total
        try rest.subtract(fold)
        var restRows: [[Int]] = []
        for k in 0..<parts.count where k % 10 != 3 {
            restRows += a[(k * Self.rowsPerPart) ..< ((k + 1) * Self.rowsPerPart)]
        }
        #expect(rest.count == restRows.count)
        #expect(Self.relativeDifference(rest.scatter, Self.exactScatter(restRows)) <= Self.relative)
        let mean = Self.exactMean(restRows)
        for j in mean.indices { #expect(Approximate.close(rest.mean[j], mean[j], absolute: 1e-12 * 8, relative: 1e-15)) }
        // Subtracting everything leaves nothing; subtracting more than there is refuses.
        var nothing = fold
        try nothing.subtract(fold)
        #expect(nothing.count == 0)
        #expect(throws: LagrangeError.self) { try nothing.subtract(fold) }
    }

    @Test func emptyStatisticsAreTheIdentityOfMerge() throws {
        let a = Self.integers()
        let part = try Self.partStatistics(a)[0]
        let empty = try SufficientStatistics(columnNames: Self.names(), targetName: "x5")
        let left = try empty.merging(part), right = try part.merging(empty)
        #expect(left.scatter == part.scatter && right.scatter == part.scatter)
        #expect(left.mean == part.mean && right.count == part.count)
    }

    @Test func partsOfOtherColumnsOrTargetsAreRefusedInOneLine() throws {
        let base = try SufficientStatistics(columnNames: ["a", "b", "y"], targetName: "y")
        let renamed = try SufficientStatistics(columnNames: ["a", "c", "y"], targetName: "y")
        let reordered = try SufficientStatistics(columnNames: ["b", "a", "y"], targetName: "y")
        let untargeted = try SufficientStatistics(columnNames: ["a", "b", "y"])
        for other in [renamed, reordered, untargeted] {
            do {
                _ = try base.merging(other)
                Issue.record("merged incompatible statistics")
            } catch let LagrangeError.invalidData(message) {
                #expect(!message.contains("\n"))
                #expect(message.contains("cannot be merged"))
            }
        }
    }

    @Test func selectingColumnsEqualsTheStatisticsOfThoseColumns() throws {
        let a = Array(Self.integers().prefix(500))
        var all = try SufficientStatistics(columnNames: Self.names())
        try all.add(try Self.rows(a[...]))
        let chosen = try all.selecting(features: ["x4", "x1"], target: "x2")
        #expect(chosen.columnNames == ["x4", "x1", "x2"])
        #expect(chosen.featureNames == ["x4", "x1"] && chosen.targetName == "x2")
        let exact = Self.exactScatter(a)
        let order = [3, 0, 1]
        for (r, i) in order.enumerated() { for (c, j) in order.enumerated() { #expect(chosen.scatter[r, c] == all.scatter[i, j]) } }
        #expect(Self.relativeDifference(chosen.scatter, try Matrix(rows: order.map { i in order.map { exact[i, $0] } })) <= Self.relative)
    }
}
