import Foundation
@testable import LinearModels
import LinearAlgebra
import Modeling
import Testing

/// The elastic-net path's sparse coefficient storage (`SparsePathCoefficients`).
///
/// Reference: the dense arrays the path kept before, rebuilt here from the solver's state at each
/// λ (`solver.beta` and `Design.originalScale`, run by the same steps as `ElasticNetPath.fit`).
/// Every dense view, intercept, count, norm and budget must equal them bit for bit. Predictions
/// from the stored entries must agree with the dense product to rounding: both are within
/// γₚ₊₁ (Σⱼ |xᵢⱼ βⱼ| + |b|) of the exact value (γₖ = k·u/(1 − k·u), u = 2⁻⁵³), so within twice that
/// of each other.
@Suite struct SparsePathStorageTests {
    /// The dense per-λ state of the solver, run the way `ElasticNetPath.fit(design:)` runs it.
    struct DenseReference {
        var standardized: [[Double]] = []
        var original: [[Double]] = []
        var intercepts: [Double] = []
    }

    func denseReference(design: Design, parameters: ElasticNetParameters, lambdas: [Double]) throws -> DenseReference {
        let p = design.featureCount
        let weights = try ElasticNetPath.normalizedPenaltyFactors(parameters.penaltyFactors, count: p)
        var solver = try SolverChoice.make(design: design, l1Ratio: parameters.l1Ratio, weights: weights,
                                           tolerance: parameters.tolerance, maxPasses: parameters.maximumIterations,
                                           box: try parameters.box(design: design, weights: weights))
        if weights.contains(0) {
            _ = solver.solve(lambda: .greatestFiniteMagnitude / 4, previousLambda: .greatestFiniteMagnitude / 4)
        }
        let top = lambdaMax(gradient: solver.gradient, weights: weights, l1Ratio: parameters.l1Ratio)
        var previous = max(top, lambdas[0])
        var reference = DenseReference()
        for lambda in lambdas {
            _ = solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
            let (beta, b) = design.originalScale(solver.beta)
            reference.standardized.append(solver.beta)
            reference.original.append(beta)
            reference.intercepts.append(b)
        }
        return reference
    }

    static func bits(_ v: [Double]) -> [UInt64] { v.map(\.bitPattern) }

    /// The configurations: wide lasso (residual solver), tall design with constant and 1e-170
    /// columns (covariance solver), elastic net, no standardization, no intercept, an unpenalized
    /// feature, sample weights, coefficient limits.
    func configurations() throws -> [(name: String, design: Design, parameters: ElasticNetParameters)] {
        let (wideX, wideY) = ScreeningTests.wideDesign(rows: 40, columns: 300, seed: 21)
        let (tallX, tallY) = try DesignTestData.data(n: 120, p: 40, seed: 4)
        let weights = (0..<40).map { 0.5 + Double($0 % 3) }
        var factors = [Double](repeating: 1, count: 300)
        factors[7] = 0
        func design(_ x: Matrix, _ y: [Double], _ parameters: ElasticNetParameters, weights: [Double]? = nil) throws -> Design {
            try Design(x: x, y: y, sampleWeights: weights, standardize: parameters.standardize, fitIntercept: parameters.fitIntercept)
        }
        var out: [(name: String, design: Design, parameters: ElasticNetParameters)] = []
        for (name, parameters, tall, rowWeights) in [
            ("wide lasso", try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-8), false, nil),
            ("wide enet 0.3", try ElasticNetParameters(l1Ratio: 0.3, tolerance: 1e-8), false, nil),
            ("wide no standardize", try ElasticNetParameters(l1Ratio: 1, standardize: false, tolerance: 1e-8), false, nil),
            ("wide no intercept", try ElasticNetParameters(l1Ratio: 1, fitIntercept: false, tolerance: 1e-8), false, nil),
            ("wide unpenalized x8", try ElasticNetParameters(l1Ratio: 1, penaltyFactors: factors, tolerance: 1e-8), false, nil),
            ("wide weighted", try ElasticNetParameters(l1Ratio: 0.8, tolerance: 1e-8), false, weights),
            ("wide nonnegative", try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-8, limits: .nonnegative), false, nil),
            ("tall lasso", try ElasticNetParameters(l1Ratio: 1, tolerance: 1e-10), true, nil),
            ("tall enet 0.5", try ElasticNetParameters(l1Ratio: 0.5, tolerance: 1e-10), true, nil),
        ] as [(String, ElasticNetParameters, Bool, [Double]?)] {
            out.append((name, try tall ? design(tallX, tallY, parameters) : design(wideX, wideY, parameters, weights: rowWeights), parameters))
        }
        return out
    }

    @Test func denseViewsEqualTheSolverStateBitForBit() throws {
        for (name, design, parameters) in try configurations() {
            let p = design.featureCount
            let probe = try ElasticNetPath.fit(design: design, parameters: parameters, lambdas: .automatic(count: 30),
                                               featureNames: (1...p).map { "x\($0)" })
            let lambdas = probe.lambdas
            let path = try ElasticNetPath.fit(design: design, parameters: parameters, lambdas: .values(lambdas),
                                              featureNames: (1...p).map { "x\($0)" })
            let reference = try denseReference(design: design, parameters: parameters, lambdas: lambdas)
            #expect(path.lambdas.count == lambdas.count, "\(name)")
            let (original, standardized) = (path.coefficients, path.standardizedCoefficients)
            var stored = 0
            for l in lambdas.indices {
                #expect(Self.bits(path.coefficients(at: l)) == Self.bits(reference.original[l]), "\(name) λ[\(l)] original")
                #expect(Self.bits(path.standardizedCoefficients(at: l)) == Self.bits(reference.standardized[l]), "\(name) λ[\(l)] standardized")
                #expect(Self.bits(original[l]) == Self.bits(reference.original[l]), "\(name) λ[\(l)] dense view")
                #expect(Self.bits(standardized[l]) == Self.bits(reference.standardized[l]), "\(name) λ[\(l)] dense view")
                #expect(path.intercepts[l].bitPattern == reference.intercepts[l].bitPattern, "\(name) λ[\(l)] intercept")
                // The stored entries: increasing features, and every other coefficient +0.0 on both scales.
                let (indices, values) = path.nonzeros(at: l)
                let standardizedValues = path.standardizedNonzeros(at: l).values
                #expect(zip(indices.dropFirst(), indices).allSatisfy { $0 > $1 }, "\(name) λ[\(l)] order")
                var rebuilt = [Double](repeating: 0, count: p), rebuiltStandardized = rebuilt
                for (e, j) in indices.enumerated() {
                    rebuilt[j] = values[values.startIndex + e]
                    rebuiltStandardized[j] = standardizedValues[standardizedValues.startIndex + e]
                }
                #expect(Self.bits(rebuilt) == Self.bits(reference.original[l]), "\(name) λ[\(l)] entries")
                #expect(Self.bits(rebuiltStandardized) == Self.bits(reference.standardized[l]), "\(name) λ[\(l)] entries")
                #expect(indices.count == reference.standardized[l].filter { $0.bitPattern != 0 }.count, "\(name) λ[\(l)] stored count")
                stored += indices.count
            }
            #expect(stored > 0, "\(name): the path has non-zero coefficients")
            #expect(stored < lambdas.count * p, "\(name): the storage is sparse")
            // Per-λ summaries, bit for bit against the dense formulas.
            let dense = reference.original
            #expect(path.nonzeroCounts == dense.map { $0.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }, "\(name) counts")
            #expect(Self.bits(path.l1Norms) == Self.bits(dense.map { $0.reduce(0) { $0 + abs($1) } }), "\(name) ‖β‖₁")
            #expect(Self.bits(path.l2Norms) == Self.bits(dense.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() }), "\(name) ‖β‖₂")
            let a = parameters.l1Ratio
            let denseBudgets = reference.standardized.map { beta in
                beta.indices.reduce(0.0) { $0 + path.penaltyFactors[$1] * (a * abs(beta[$1]) + (1 - a) / 2 * beta[$1] * beta[$1]) }
            }
            #expect(Self.bits(path.budgets) == Self.bits(denseBudgets), "\(name) budgets")
        }
    }

    @Test func predictionsFromTheStoredEntriesMatchTheDenseProduct() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 40, columns: 300, seed: 21)
        let (test, _) = ScreeningTests.wideDesign(rows: 25, columns: 300, seed: 22)
        let u = Double.ulpOfOne / 2
        let gamma = Double(300 + 1) * u / (1 - Double(300 + 1) * u)
        // The lasso path is sparse (the stored-entry sum); α = 0.05 fills it (the BLAS product).
        for l1Ratio in [1.0, 0.05] {
            let path = try ElasticNetPath.fit(x: x, y: y, parameters: try ElasticNetParameters(l1Ratio: l1Ratio, tolerance: 1e-8),
                                              lambdas: .automatic(count: 30))
            let density = Double(path.nonzeroCounts.reduce(0, +)) / Double(path.lambdas.count * 300)
            #expect(l1Ratio == 1 ? density <= ElasticNetPath.sparsePredictionDensity : density > ElasticNetPath.sparsePredictionDensity)
            let predictions = try path.predict(test)
            let b = try Matrix(rows: path.lambdas.count, columns: 300, storage: path.coefficients.flatMap { $0 })
            let product = try BLAS.multiply(b, .none, test, .transposed)
            for l in path.lambdas.indices {
                let beta = path.coefficients(at: l)
                for i in 0..<test.rows {
                    let magnitude = (0..<300).reduce(0) { $0 + abs(test[i, $1] * beta[$1]) } + abs(path.intercepts[l])
                    let dense = product[l, i] + path.intercepts[l]
                    #expect(abs(predictions[l][i] - dense) <= 2 * gamma * magnitude, "α \(l1Ratio) λ[\(l)] row \(i)")
                }
            }
        }
    }

    @Test func aNegativeZeroCoefficientIsKept() {
        var storage = SparsePathCoefficients(featureCount: 5)
        storage.append(standardized: [0, -0.0, 2, 0, -4], scales: [1, 2, 4, 8, 2])
        storage.append(standardized: [0, 0, 0, 0, 0], scales: [1, 2, 4, 8, 2])
        #expect(storage.count == 2)
        #expect(Array(storage.indices[storage.range(0)]) == [1, 2, 4])
        #expect(storage.range(1).isEmpty)
        #expect(Self.bits(storage.dense(0, standardized: true)) == Self.bits([0, -0.0, 2, 0, -4]))
        #expect(Self.bits(storage.dense(0, standardized: false)) == Self.bits([0, -0.0, 0.5, 0, -2]))
        #expect(Self.bits(storage.dense(1, standardized: false)) == Self.bits([0, 0, 0, 0, 0]))
    }

    /// The intercept from the stored entries equals `originalScale`'s, including the one case
    /// where skipping a ±0 term would matter (ȳ = −0.0 with a negative column mean).
    @Test func theInterceptFromStoredEntriesIsTheDenseOne() throws {
        let outcomes = [Design.ColumnOutcome(constant: false, mean: -1.5, scale: 2, meanSquare: 1),
                        Design.ColumnOutcome(constant: false, mean: 0.25, scale: 0.5, meanSquare: 1),
                        Design.ColumnOutcome(constant: false, mean: -3, scale: 1, meanSquare: 1)]
        for yMean in [-0.0, 0.0, 1.25] {
            var response = try Design.Response(y: [1, -1, 2], sampleWeights: nil, count: 3, rows: nil, fitIntercept: false)
            response.mean = yMean
            let design = Design(columns: [Double](repeating: 0, count: 9), n: 3, p: 3, response: response, outcomes: outcomes)
            for beta in [[0.0, 0, 0], [0, 3, 0], [-0.0, 0, 0], [1, 0, -2]] {
                var storage = SparsePathCoefficients(featureCount: 3)
                storage.append(standardized: beta, scales: design.scales)
                let entries = storage.range(0)
                let sparse = design.originalIntercept(indices: storage.indices[entries], coefficients: storage.original[entries])
                #expect(sparse.bitPattern == design.originalScale(beta).intercept.bitPattern, "ȳ \(yMean), β \(beta)")
            }
        }
    }
}
