import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// The working-set solver for wide lassos (`WorkingSetDescent`) against the plain coordinate
/// descent (`CoordinateDescent`) and against the optimality conditions.
///
/// References:
/// - objective gap: both solvers certify gaps G₁, G₂ with P(β) − P* ≤ G, so
///   |P(β₁) − P(β₂)| ≤ max(G₁, G₂); and the loss is (1/n)-strongly convex in the prediction,
///   (1/2n)‖X(β − β*)‖² ≤ P(β) − P* ≤ G, so ‖X(β₁ − β₂)‖/√n ≤ √(2G₁) + √(2G₂);
/// - a valid certificate: its primal value is the objective of its β recomputed here from
///   scratch (1e-12 relative), and its dual value is below the primal value of a plain coordinate
///   descent fit at relative gap 1e-13 (D(θ) ≤ P* ≤ P(β_ref)); the dual point is feasible only
///   for the features not screened, so the rescaled residual over every feature may certify less;
/// - screening: a feature screened at λ is zero at the optimum; checked on a fit at relative gap
///   1e-13 by the KKT condition |xⱼᵀr/n| ≤ λ + 2√(2g) (g that fit's gap, unit-variance columns).
@Suite struct WorkingSetDescentTests {
    func path(_ design: Design, lambdas: [Double], tolerance: Double, wide: Bool)
        -> [(beta: [Double], certificate: ElasticNetCertificate, screened: [Int])] {
        let p = design.featureCount
        let weights = [Double](repeating: 1, count: p)
        var out: [(beta: [Double], certificate: ElasticNetCertificate, screened: [Int])] = []
        if wide {
            var solver = WorkingSetDescent(design: design, weights: weights, tolerance: tolerance, maxPasses: 1_000_000)
            var previous = lambdas[0]
            for lambda in lambdas {
                let certificate = solver.solve(lambda: lambda, previousLambda: previous)
                previous = lambda
                out.append((solver.beta, certificate, (0..<p).filter { solver.screening.screened[$0] }))
            }
        } else {
            var solver = try! CoordinateDescent(design: design, l1Ratio: 1, weights: weights, tolerance: tolerance, maxPasses: 1_000_000)
            var previous = lambdas[0]
            for lambda in lambdas {
                let certificate = solver.solve(lambda: lambda, previousLambda: previous)
                previous = lambda
                out.append((solver.beta, certificate, []))
            }
        }
        return out
    }

    func grid(_ design: Design, count: Int, minRatio: Double) -> [Double] {
        let top = lambdaMax(gradient: design.correlations(design.response),
                            weights: [Double](repeating: 1, count: design.featureCount), l1Ratio: 1)
        return (0..<count).map { top * pow(minRatio, Double($0) / Double(count - 1)) }
    }

    /// The full certificate of standardized-scale β, every feature included.
    func fullCertificate(_ beta: [Double], design: Design, lambda: Double) -> ElasticNetCertificate {
        let r = design.residual(of: beta)
        return ElasticNetCertificate.evaluate(beta: beta, residual: r, gradient: design.correlations(r), response: design.response,
                                              weights: [Double](repeating: 1, count: beta.count), meanSquares: design.meanSquares,
                                              lambda: lambda, l1Ratio: 1, nullObjective: design.nullObjective, passes: 0, tolerance: 1)
    }

    @Test(arguments: [1e-3, 1e-6, 1e-10])
    func matchesPlainCoordinateDescentWithinTheGapBound(tolerance: Double) throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 60, columns: 800, seed: 21)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let lambdas = grid(design, count: 40, minRatio: 0.01)
        let wide = path(design, lambdas: lambdas, tolerance: tolerance, wide: true)
        let plain = path(design, lambdas: lambdas, tolerance: tolerance, wide: false)
        let reference = path(design, lambdas: lambdas, tolerance: 1e-13, wide: false)
        let n = Double(design.sampleCount)
        for l in lambdas.indices {
            let (a, b) = (wide[l].certificate, plain[l].certificate)
            #expect(a.converged && b.converged)
            #expect(a.relativeGap <= tolerance)
            let full = fullCertificate(wide[l].beta, design: design, lambda: lambdas[l])
            #expect(abs(full.primalObjective - a.primalObjective) <= 1e-12 * design.nullObjective)
            #expect(a.dualObjective <= reference[l].certificate.primalObjective + 1e-12 * design.nullObjective)
            #expect(abs(a.primalObjective - b.primalObjective) <= max(a.dualityGap, b.dualityGap) + 1e-14 * design.nullObjective)
            let difference = zip(wide[l].beta, plain[l].beta).map { $0 - $1 }
            let distance = (design.residual(of: difference).enumerated()
                .map { design.response[$0.offset] - $0.element }.reduce(0) { $0 + $1 * $1 } / n).squareRoot()
            #expect(distance <= (2 * a.dualityGap).squareRoot() + (2 * b.dualityGap).squareRoot() + 1e-10)
        }
    }

    @Test func screenedFeaturesAreZeroAtTheOptimum() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 60, columns: 600, seed: 11)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let lambdas = grid(design, count: 30, minRatio: 0.01)
        let reference = path(design, lambdas: lambdas, tolerance: 1e-13, wide: false)
        var screenedTotal = 0
        for tolerance in [1e-2, 1e-4, 1e-7] {
            for (l, result) in path(design, lambdas: lambdas, tolerance: tolerance, wide: true).enumerated() {
                #expect(result.certificate.converged)
                let beta = reference[l].beta
                let gap = reference[l].certificate.dualityGap
                let g = design.correlations(design.residual(of: beta))
                for j in result.screened {
                    #expect(result.beta[j] == 0)
                    #expect(beta[j] == 0, "λ[\(l)] feature \(j) screened at tolerance \(tolerance), optimum has \(beta[j])")
                    #expect(abs(g[j]) <= lambdas[l] + 2 * (2 * gap).squareRoot() + 1e-12)
                }
                screenedTotal += result.screened.count
            }
        }
        #expect(screenedTotal > 10_000)
    }

    /// A single small λ from a cold start on a 50 × 2,000 design: the first working set holds
    /// `initialSize` features and the solution has more non-zeros than that, so the set must double
    /// several times (at least ⌈log₂(|support| / initialSize)⌉ + 1 outer rounds) before the gap closes.
    @Test func workingSetGrowsUntilTheSupportFits() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 50, columns: 2_000, seed: 7)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let lambda = grid(design, count: 2, minRatio: 0.02)[1]
        var solver = WorkingSetDescent(design: design, weights: [Double](repeating: 1, count: 2_000), tolerance: 1e-8,
                                       maxPasses: 1_000_000)
        let certificate = solver.solve(lambda: lambda, previousLambda: lambda)
        #expect(certificate.converged)
        let support = solver.beta.filter { $0 != 0 }.count
        #expect(support > 4 * WorkingSetDescent.initialSize)
        #expect(solver.outerRounds >= 4)
        let full = fullCertificate(solver.beta, design: design, lambda: lambda)
        #expect(abs(full.primalObjective - certificate.primalObjective) <= 1e-12 * design.nullObjective)
        let reference = path(design, lambdas: [lambda], tolerance: 1e-13, wide: false)[0]
        #expect(certificate.dualObjective <= reference.certificate.primalObjective + 1e-12 * design.nullObjective)
        #expect(certificate.primalObjective - reference.certificate.primalObjective <= 1e-8 * design.nullObjective)
    }

    /// `GapSafeScreening.mayScreenBeyondZeroColumns`: whenever it says no, the test itself
    /// (`provesZero`, at correlation 0, the most favourable) fails for every feature with vⱼ > 0 —
    /// checked on radii around the switch point of a design with varied vⱼ, wⱼ and a zero column.
    @Test func screeningShortcutNeverSkipsAProvableFeature() {
        var generator = TestSupport.SplitMix64(seed: 8)
        let p = 200
        var meanSquares = (0..<p).map { _ in 0.1 + Double(generator.next() % 1000) / 100 }
        meanSquares[17] = 0
        let weights = (0..<p).map { _ in 0.2 + Double(generator.next() % 1000) / 250 }
        let screening = GapSafeScreening(meanSquares: meanSquares, weights: weights)
        #expect(screening.zeroColumns == [17])
        let l1 = 0.37
        let switchRadius = l1 / screening.smallestRootPerWeight
        var skipped = 0
        for step in -200...200 {
            let radius = switchRadius * (1 + Double(step) * 1e-13)
            guard !screening.mayScreenBeyondZeroColumns(radius: radius, l1: l1) else { continue }
            skipped += 1
            for j in 0..<p where meanSquares[j] > 0 {
                #expect(!GapSafeScreening.provesZero(scaledCorrelation: 0, radius: radius,
                                                     rootAugmentedMeanSquare: meanSquares[j].squareRoot(), threshold: l1 * weights[j]))
            }
        }
        #expect(skipped > 0)
    }

    /// k-th smallest against a sort, with ties and duplicates (reference: `sorted()[k − 1]`).
    @Test func selectionFindsTheKthSmallest() {
        var generator = TestSupport.SplitMix64(seed: 5)
        for size in [1, 2, 3, 10, 101, 1000] {
            let values = (0..<size).map { _ in Double(generator.next() % 50) / 7 }
            let sorted = values.sorted()
            for k in Set([1, 2, size / 2 + 1, size].filter { $0 >= 1 && $0 <= size }) {
                #expect(Selection.smallest(k, of: values) == sorted[k - 1])
            }
        }
    }
}
