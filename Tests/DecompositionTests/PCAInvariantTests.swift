import Decomposition
import LinearAlgebra
import Testing
import TestSupport

/// Invariants every fit must satisfy, whatever the data.
@Suite struct PCAInvariantTests {
    /// Backward-stable symmetric eigensolvers give ‖Σv − λv‖ ≤ c·p·ε·‖Σ‖ and VVᵀ = I to c·p·ε;
    /// with c = 10 these bounds are still ≥ 10⁶ times smaller than a wrong eigenpair would give.
    static func residualBound(p: Int) -> Double { 10 * Double(p) * Double.ulpOfOne }

    @Test(arguments: ["iris.csv", "wine.csv", "digits.csv"])
    func certificateIsSmall(file: String) throws {
        let target = ["iris.csv": "species", "wine.csv": "cultivar", "digits.csv": "digit"][file]!
        let data = try PCATestData.features(file, target: target)
        let model = try PCAParameters().fit(data.features, featureNames: data.featureNames)
        #expect(model.certificate.relativeEigenResidual <= Self.residualBound(p: data.featureCount))
        #expect(model.certificate.orthonormalityError <= Self.residualBound(p: data.featureCount))
        #expect(model.certificate.maximumEigenResidual <= Self.residualBound(p: data.featureCount) * model.explainedVariance[0])
    }

    /// DESIGN.md: each component's largest-|loading| entry is positive.
    @Test func signConvention() throws {
        let data = try PCATestData.features("wine.csv", target: "cultivar")
        let model = try PCAParameters().fit(data.features)
        for c in 0..<model.componentCount {
            let row = Array(model.components.row(c))
            let largest = row.max { abs($0) < abs($1) }!
            #expect(largest > 0, "component \(c + 1)")
        }
    }

    /// Whitened training scores have sample variance exactly 1 (closed form: zᵢ = vᵢᵀ(x − x̄)/√λᵢ,
    /// so Var(zᵢ) = vᵢᵀΣvᵢ/λᵢ = 1); rounding leaves ~p·ε, checked to 1e-10.
    @Test func whitenedScoresHaveUnitVariance() throws {
        let data = try PCATestData.features("wine.csv", target: "cultivar")
        let model = try PCAParameters(components: .count(6), whiten: true).fit(data.features)
        let scores = try model.transform(data.features)
        for c in 0..<6 {
            let column = scores.column(c)
            let mean = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(column.count - 1)
            #expect(abs(mean) <= 1e-10)
            #expect(abs(variance - 1) <= 1e-10, "component \(c + 1): variance \(variance)")
        }
    }

    /// At full rank V is orthogonal, so x̄ + Vᵀ V (x − x̄) = x; rounding gives ~p·ε·max|x|.
    @Test(arguments: [false, true])
    func inverseAtFullRankRecoversData(whiten: Bool) throws {
        let data = try PCATestData.features("wine.csv", target: "cultivar")
        let model = try PCAParameters(whiten: whiten).fit(data.features)
        #expect(model.componentCount == data.featureCount)
        let back = try model.inverseTransform(try model.transform(data.features))
        let scale = data.features.storage.map(abs).max()!
        #expect(Approximate.maxAbsoluteDifference(back.storage, data.features.storage) <= 1e-10 * scale)
    }

    /// Closed form: on the training rows, (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖² = ((n − 1)/n) Σ_{i > k} λᵢ.
    @Test func reconstructionErrorIsTheDroppedVariance() throws {
        let data = try PCATestData.features("wine.csv", target: "cultivar")
        let all = try PCAParameters().fit(data.features)
        let spectrum = try #require(all.spectrum)
        let n = Double(data.sampleCount)
        for k in [1, 3, 7, 12] {
            let model = try PCAParameters(components: .count(k)).fit(data.features)
            let expected = (n - 1) / n * spectrum[k...].reduce(0, +)
            let measured = try model.reconstructionError(data.features)
            // Relative 1e-8: the dropped variance is a difference of sums over ~10⁵-sized
            // entries (proline), so cancellation costs a few digits of the 16.
            #expect(Approximate.close(measured, expected, relative: 1e-8), "k = \(k): \(measured) vs \(expected)")
            #expect(Approximate.close(model.trainingReconstructionError, expected, relative: 1e-8))
        }
    }

    /// `--variance f` keeps the smallest k whose cumulative ratio reaches f (iris ratios
    /// 0.9246, 0.9777, 0.9948, 1).
    @Test func varianceFractionPicksSmallestK() throws {
        let data = try PCATestData.features("iris.csv", target: "species")
        let cases: [(Double, Int)] = [(0.5, 1), (0.92, 1), (0.95, 2), (0.99, 3), (1.0, 4)]
        for (fraction, expected) in cases {
            let model = try PCAParameters(components: .varianceFraction(fraction)).fit(data.features)
            #expect(model.componentCount == expected, "fraction \(fraction)")
        }
    }
}
