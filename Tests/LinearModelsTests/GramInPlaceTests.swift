import Foundation
@testable import LinearModels
import LinearAlgebra
import Testing
import TestSupport

/// The Gram settle reading G in place on the `WorkingGram` cache (`GramBlock(cache:…)`) against
/// the gathered block G₍W,W₎ it replaces.
///
/// Reference: the gathered layout, bit for bit. Each member's gradient sees the same operations
/// in either layout (g ← g − Δ·G₍:,a₎ entry by entry, the merge's axpy entry by entry), so
/// coefficients, gradients and the restricted gap must be equal exactly — on one block (sweeps,
/// an inner cycle over the non-zeros and its merge, members in an order unlike the cache's) and
/// along whole paths (lasso and elastic net, where both routes run through `gramSettle`).
@Suite struct GramInPlaceTests {
    @Test func inPlaceBlockEqualsTheGatheredBlockBitForBit() throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 40, columns: 300, seed: 12)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        var gram = WorkingGram(featureCount: 300, sampleCount: 40, limit: 200)
        for batch in [[5, 80, 17, 3], Array(100..<130), [250, 251, 9, 60, 61, 62], Array(30..<55)] {
            let included = gram.include(batch, design: design)
            #expect(included)
        }
        // Most of the cache (a few cached features left out), in an order unlike the slots'.
        var members = gram.features.filter { $0 % 7 != 0 }
        var generator = SeededGenerator(seed: 4)
        members.shuffle(using: &generator)
        #expect(CoordinateDescent.sweepsInCache(members: members.count, cached: gram.count))
        let solver = try CoordinateDescent(design: design, l1Ratio: 0.8, weights: [Double](repeating: 1, count: 300),
                                           tolerance: 1e-7, maxPasses: 1_000)
        let g0 = design.correlations(design.response)
        let (l1, l2) = (0.06, 0.015)
        let gradients = members.map { g0[$0] }, start = [Double](repeating: 0, count: members.count)
        var gathered = GramBlock(features: members, gram: gram.block(members), gradient: gradients, beta: start,
                                 solver: solver, l1: l1, l2: l2)
        var inPlace = GramBlock(cache: gram, features: members, gradient: gradients, beta: start, solver: solver, l1: l1, l2: l2)
        #expect(inPlace.stride == gram.stride && inPlace.gradient.count == gram.count)
        let initialGathered = gathered.gradient, initialInPlace = inPlace.gradient
        for round in 0..<4 {
            var order = Array(members.indices)
            order.shuffle(using: &generator)
            let a = gathered.sweep(order, box: nil), b = inPlace.sweep(order, box: nil)
            #expect(a.bitPattern == b.bitPattern, "round \(round)")
            let active = members.indices.filter { gathered.beta[$0] != 0 }
            #expect(active == members.indices.filter { inPlace.beta[$0] != 0 })
            var (innerA, innerB) = (gathered.restricted(to: active), inPlace.restricted(to: active))
            let (beforeA, beforeB) = (innerA.beta, innerB.beta)
            for _ in 0..<3 {
                _ = innerA.sweep(Array(active.indices.reversed()), box: nil)
                _ = innerB.sweep(Array(active.indices.reversed()), box: nil)
            }
            gathered.merge(innerA, positions: active, before: beforeA)
            inPlace.merge(innerB, positions: active, before: beforeB)
            #expect(gathered.beta.map(\.bitPattern) == inPlace.beta.map(\.bitPattern), "round \(round)")
            #expect(gathered.memberGradients.map(\.bitPattern) == inPlace.memberGradients.map(\.bitPattern), "round \(round)")
            let gapA = gathered.restrictedGap(from: start, gradient: initialGathered, residualSquare: 1)
            let gapB = inPlace.restrictedGap(from: start, gradient: initialInPlace, residualSquare: 1)
            #expect(gapA.bitPattern == gapB.bitPattern, "round \(round)")
        }
        #expect(gathered.beta.contains { $0 != 0 }, "the sweeps moved something")
    }

    func path(_ design: Design, lambdas: [Double], tolerance: Double, l1Ratio: Double, inPlace: Bool)
        -> (betas: [[Double]], certificates: [ElasticNetCertificate], settles: Int, inPlace: Int) {
        let p = design.featureCount
        var solver = try! CoordinateDescent(design: design, l1Ratio: l1Ratio, weights: [Double](repeating: 1, count: p),
                                            tolerance: tolerance, maxPasses: 1_000_000)
        solver.readsGramInPlace = inPlace
        var previous = lambdas[0]
        var betas: [[Double]] = [], certificates: [ElasticNetCertificate] = []
        for lambda in lambdas {
            certificates.append(solver.solve(lambda: lambda, previousLambda: previous))
            previous = lambda
            betas.append(solver.beta)
        }
        return (betas, certificates, solver.effort.gramSettles, solver.inPlaceSettles)
    }

    @Test(arguments: [(1e-4, 1.0), (1e-7, 1.0), (1e-6, 0.5)])
    func pathsInPlaceEqualGatheredPathsBitForBit(tolerance: Double, l1Ratio: Double) throws {
        let (x, y) = ScreeningTests.wideDesign(rows: 60, columns: 800, seed: 23)
        let design = try Design(x: x, y: y, standardize: true, fitIntercept: true)
        let top = lambdaMax(gradient: design.correlations(design.response), weights: [Double](repeating: 1, count: 800),
                            l1Ratio: l1Ratio)
        let lambdas = (0..<40).map { top * pow(0.01, Double($0) / 39) }
        let inPlace = path(design, lambdas: lambdas, tolerance: tolerance, l1Ratio: l1Ratio, inPlace: true)
        let gathered = path(design, lambdas: lambdas, tolerance: tolerance, l1Ratio: l1Ratio, inPlace: false)
        #expect(inPlace.inPlace > 0 && gathered.inPlace == 0 && inPlace.settles == gathered.settles)
        for l in lambdas.indices {
            #expect(inPlace.certificates[l].converged)
            #expect(inPlace.betas[l].map(\.bitPattern) == gathered.betas[l].map(\.bitPattern), "λ index \(l)")
            #expect(inPlace.certificates[l].dualityGap.bitPattern == gathered.certificates[l].dualityGap.bitPattern)
            #expect(inPlace.certificates[l].iterations == gathered.certificates[l].iterations)
        }
    }
}
