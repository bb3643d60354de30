import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// The gradient-form settle of `CoordinateDescent` (`gramSettle`, `WorkingGram`, `GramBlock`).
///
/// References:
/// - `WorkingGram` entries: the definition Gₐᵦ = xₐᵀxᵦ/n, each inner product recomputed here by a
///   plain loop over the design's columns (1e-13 relative to √(vₐvᵦ)), exactly symmetric, and
///   unchanged when later batches grow the cache;
/// - the two routes (Gram settle and residual settle) on one path: each certifies its own gap
///   G ≥ P(β) − P*, so |P(β₁) − P(β₂)| ≤ max(G₁, G₂), and strong convexity of the loss in the
///   prediction gives ‖X(β₁ − β₂)‖/√n ≤ √(2G₁) + √(2G₂) (as in `WorkingSetDescentTests`); the
///   Gram route's primal value equals the objective of its β recomputed from scratch (1e-12
///   relative): its residual is the true one, not a drifted copy;
/// - `GramBlock.restrictedGap`: the restricted problem's duality gap computed directly from
///   r = y − Xβ (primal (1/2n)‖r‖² + λ‖β‖₁, dual at s·r with s = min(1, minₐ λ/|xₐᵀr/n|) over
///   the block) — the formula of `ElasticNetCertificate` — to 1e-11 relative to P(0).
@Suite struct GramSettleTests {
    @Test func gramEntriesAreTheInnerProducts() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 40, columns: 300, seed: 5)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        var gram = WorkingGram(featureCount: 300, sampleCount: 40, limit: 200)
        let batches = [[7, 3, 250], [3, 9, 0, 120], (100..<170).map { $0 }]
        var cached: [Int] = []
        for batch in batches {
            let included = gram.include(batch, design: design)
            #expect(included)
            for j in batch where !cached.contains(j) { cached.append(j) }
        }
        #expect(gram.features == cached)
        let pastLimit = gram.include((170..<300).map { $0 }, design: design)
        #expect(!pastLimit, "past the limit the cache refuses")
        #expect(gram.count == cached.count)
        let block = gram.block(cached)
        let m = cached.count, n = 40
        for a in 0..<m {
            for b in 0..<m {
                let (j, k) = (cached[a], cached[b])
                var direct = 0.0
                for i in 0..<n { direct += design.columns[j * n + i] * design.columns[k * n + i] }
                direct /= Double(n)
                let scale = (design.meanSquares[j] * design.meanSquares[k]).squareRoot()
                #expect(abs(block[a * m + b] - direct) <= 1e-13 * scale)
                #expect(block[a * m + b] == block[b * m + a])
            }
        }
    }

    /// The cache's G lives in a class (`GramStorage`), but the cache is a value: two copies that
    /// cache different features afterwards each keep their own entries (a shared storage is copied
    /// before a write; without that, the second copy's new rows would overwrite the first's).
    @Test func copiesOfTheCacheKeepTheirOwnEntries() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 30, columns: 120, seed: 8)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        var gram = WorkingGram(featureCount: 120, sampleCount: 30, limit: 100)
        let first = gram.include([4, 50, 7], design: design)
        var copy = gram
        let second = gram.include([60, 61, 62], design: design), third = copy.include([10, 11], design: design)
        #expect(first && second && third)
        #expect(gram.features == [4, 50, 7, 60, 61, 62] && copy.features == [4, 50, 7, 10, 11])
        for (cache, features) in [(gram, [60, 4, 61, 62]), (copy, [10, 4, 11])] {
            let block = cache.block(features), m = features.count
            for a in 0..<m {
                for b in 0..<m {
                    let (j, k) = (features[a], features[b])
                    var direct = 0.0
                    for i in 0..<30 { direct += design.columns[j * 30 + i] * design.columns[k * 30 + i] }
                    direct /= 30
                    #expect(abs(block[a * m + b] - direct) <= 1e-13 * (design.meanSquares[j] * design.meanSquares[k]).squareRoot())
                }
            }
        }
    }

    func path(_ design: Design, lambdas: [Double], tolerance: Double, gram: Bool, l1Ratio: Double = 1)
        -> [(beta: [Double], certificate: ElasticNetCertificate)] {
        let p = design.featureCount
        var solver = try! CoordinateDescent(design: design, l1Ratio: l1Ratio, weights: [Double](repeating: 1, count: p),
                                            tolerance: tolerance, maxPasses: 1_000_000)
        solver.usesGram = gram
        var previous = lambdas[0]
        var out: [(beta: [Double], certificate: ElasticNetCertificate)] = []
        for lambda in lambdas {
            let certificate = solver.solve(lambda: lambda, previousLambda: previous)
            previous = lambda
            out.append((solver.beta, certificate))
        }
        return out
    }

    @Test(arguments: [(1e-3, 1.0), (1e-7, 1.0), (1e-6, 0.5)])
    func gramRouteMatchesResidualRouteWithinTheGapBound(tolerance: Double, l1Ratio: Double) throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 60, columns: 800, seed: 21)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let top = lambdaMax(gradient: design.correlations(design.response), weights: [Double](repeating: 1, count: 800),
                            l1Ratio: l1Ratio)
        let lambdas = (0..<40).map { top * pow(0.01, Double($0) / 39) }
        let withGram = path(design, lambdas: lambdas, tolerance: tolerance, gram: true, l1Ratio: l1Ratio)
        let plain = path(design, lambdas: lambdas, tolerance: tolerance, gram: false, l1Ratio: l1Ratio)
        let n = Double(design.sampleCount)
        for l in lambdas.indices {
            let (a, b) = (withGram[l].certificate, plain[l].certificate)
            #expect(a.converged && b.converged)
            #expect(a.relativeGap <= tolerance)
            let beta = withGram[l].beta
            let r = design.residual(of: beta)
            let (l1, l2) = (lambdas[l] * l1Ratio, lambdas[l] * (1 - l1Ratio))
            let objective = r.reduce(0) { $0 + $1 * $1 } / (2 * n) + l1 * beta.reduce(0) { $0 + abs($1) }
                + l2 / 2 * beta.reduce(0) { $0 + $1 * $1 }
            #expect(abs(objective - a.primalObjective) <= 1e-12 * design.nullObjective)
            #expect(abs(a.primalObjective - b.primalObjective) <= max(a.dualityGap, b.dualityGap) + 1e-14 * design.nullObjective)
            let difference = zip(beta, plain[l].beta).map { $0 - $1 }
            let distance = (design.residual(of: difference).enumerated()
                .map { design.response[$0.offset] - $0.element }.reduce(0) { $0 + $1 * $1 } / n).squareRoot()
            #expect(distance <= (2 * a.dualityGap).squareRoot() + (2 * b.dualityGap).squareRoot() + 1e-10)
        }
    }

    @Test func restrictedGapIsTheCertificateOfTheBlock() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 50, columns: 400, seed: 9)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let n = 50
        let members = [4, 17, 90, 91, 200, 333, 399]
        var gram = WorkingGram(featureCount: 400, sampleCount: n, limit: 64)
        let included = gram.include(members, design: design)
        #expect(included)
        let lambda = 0.05
        // A start with two non-zeros, then a few sweeps move the block.
        var start = [Double](repeating: 0, count: 400)
        start[17] = 0.3
        start[200] = -0.2
        let r0 = design.residual(of: start)
        let g0 = design.correlations(r0)
        var block = GramBlock(features: members, gram: gram.block(members), gradient: members.map { g0[$0] },
                              beta: members.map { start[$0] }, meanSquares: members.map { design.meanSquares[$0] },
                              thresholds: members.map { _ in lambda }, denominators: members.map { design.meanSquares[$0] })
        for _ in 0..<3 { _ = block.sweep(Array(members.indices), box: nil) }
        let estimate = block.restrictedGap(from: members.map { start[$0] }, gradient: members.map { g0[$0] },
                                           residualSquare: r0.reduce(0) { $0 + $1 * $1 } / Double(n))
        var beta = [Double](repeating: 0, count: 400)
        for (a, j) in members.enumerated() { beta[j] = block.beta[a] }
        let r = design.residual(of: beta)
        let g = design.correlations(r)
        let square = r.reduce(0) { $0 + $1 * $1 } / Double(n)
        let primal = square / 2 + lambda * beta.reduce(0) { $0 + abs($1) }
        let scale = members.map { lambda / max(abs(g[$0]), lambda) }.min()!
        let responseDot = zip(design.response, r).reduce(0) { $0 + $1.0 * $1.1 } / Double(n)
        let dual = scale * responseDot - scale * scale * square / 2
        #expect(abs(estimate - (primal - dual)) <= 1e-11 * design.nullObjective)
        #expect(primal - dual > 0)
    }
}
