import DataIO
import Foundation
import LinearAlgebra
import SVM
import Testing
import TestSupport

/// The warm-started C-path and the cross-validated grid search, against plain fits.
@Suite struct SVCPathTests {
    static func iris() throws -> (Matrix, [String]) {
        let data = try DataLoader.dataset(path: TestPaths.dataset("iris.csv"), options: DatasetOptions(task: .classification))
        let (codes, encoding) = data.targetLabels!
        return (data.features, codes.map { encoding.classes[$0] })
    }

    /// Reference: weak duality. Every feasible α has dual W(α) ≤ W* and every (w, b) has primal
    /// P ≥ P* = W*, so two solves of the same problem, warm- and cold-started, must have
    /// overlapping intervals [W, P]: W_warm ≤ P_cold and W_cold ≤ P_warm, per machine. The
    /// allowance 1e-6·max(1, |P|) covers the Float-cached Q (relative rounding 6e-8).
    @Test func warmStartedPathMatchesColdStartedFits() throws {
        let (x, labels) = try Self.iris()
        let cs = SVCGridParameters.libsvmCs
        for gamma in [2.0, 0.125] {
            var grid = SVCGridParameters(svc: SVCParameters(tolerance: 1e-3), cs: cs, gammas: [gamma], folds: 2)
            let warm = try grid.path(x, labels: labels, gamma: gamma)
            grid.warmStart = false
            let cold = try grid.path(x, labels: labels, gamma: gamma)
            for (c, (w, k)) in zip(cs, zip(warm, cold)) {
                let plain = try SVCParameters(c: c, kernel: KernelParameters(gamma: .value(gamma)), tolerance: 1e-3).fit(x, labels: labels)
                // The cold path is the plain fit on a cached Q reused across C: bit for bit.
                #expect(k == plain, "cold path differs from the plain fit at C = \(c)")
                for (mw, mk) in zip(w.machines, k.machines) {
                    #expect(mw.certificate.converged && mk.certificate.converged)
                    let allowance = 1e-6 * max(1, abs(mk.certificate.primalObjective))
                    #expect(mw.certificate.dualObjective <= mk.certificate.primalObjective + allowance, "C = \(c), γ = \(gamma)")
                    #expect(mk.certificate.dualObjective <= mw.certificate.primalObjective + allowance, "C = \(c), γ = \(gamma)")
                }
            }
        }
    }

    /// Reference: a brute-force loop of plain fits (`SVCParameters.fit` on each fold's training
    /// rows, `predict` on its held-out rows) over the same stratified folds. The cold-started
    /// search must count the same correct predictions at every (C, γ); the warm-started one
    /// too at a tight tolerance (1e-6), where the solutions agree far inside any margin.
    @Test(arguments: [false, true])
    func gridAccuracyMatchesBruteForce(warmStart: Bool) throws {
        let (x, labels) = try Self.iris()
        let tolerance = warmStart ? 1e-6 : 1e-3
        let cs = [0.25, 1, 4, 64, 1024]
        let gammas = [2.0, 0.5, 0.03125]
        let grid = SVCGridParameters(svc: SVCParameters(tolerance: tolerance), cs: cs, gammas: gammas, folds: 5, seed: 7,
                                     warmStart: warmStart)
        let search = try grid.fit(x, labels: labels)
        for (g, gamma) in gammas.enumerated() {
            for (ci, c) in cs.enumerated() {
                var correct = 0
                for fold in 0..<5 {
                    let train = search.foldOfRow.indices.filter { search.foldOfRow[$0] != fold }
                    let held = search.foldOfRow.indices.filter { search.foldOfRow[$0] == fold }
                    let model = try SVCParameters(c: c, kernel: KernelParameters(gamma: .value(gamma)), tolerance: tolerance)
                        .fit(x.selectingRows(train), labels: train.map { labels[$0] })
                    let predicted = try model.predict(x.selectingRows(held))
                    correct += zip(predicted, held).filter { $0 == labels[$1] }.count
                }
                let point = search.points[g * cs.count + ci]
                #expect(point.c == c && point.gamma == gamma)
                #expect(point.correct == correct, "C = \(c), γ = \(gamma): search \(point.correct), brute force \(correct)")
                #expect(point.converged)
            }
        }
    }

    /// Sample weights (wᵢ = 0.5 + (i mod 4)/2, the weighted fixtures' rule). Reference: the same
    /// brute-force loop with `SVCParameters.fit(_:labels:sampleWeights:)` on each fold's
    /// training rows and their weights; held-out rows count once each (unweighted accuracy).
    /// Cold: equal counts; warm: equal at tol 1e-6, as above.
    @Test(arguments: [false, true])
    func weightedGridAccuracyMatchesBruteForce(warmStart: Bool) throws {
        let (x, labels) = try Self.iris()
        let weights = (0..<x.rows).map { 0.5 + Double($0 % 4) / 2 }
        let tolerance = warmStart ? 1e-6 : 1e-3
        let cs = [0.25, 4, 256]
        let gammas = [2.0, 0.125]
        let grid = SVCGridParameters(svc: SVCParameters(tolerance: tolerance), cs: cs, gammas: gammas, folds: 4, seed: 3,
                                     warmStart: warmStart)
        let search = try grid.fit(x, labels: labels, sampleWeights: weights)
        var differsFromUnweighted = false
        let unweighted = try grid.fit(x, labels: labels)
        for (g, gamma) in gammas.enumerated() {
            for (ci, c) in cs.enumerated() {
                var correct = 0
                for fold in 0..<4 {
                    let train = search.foldOfRow.indices.filter { search.foldOfRow[$0] != fold }
                    let held = search.foldOfRow.indices.filter { search.foldOfRow[$0] == fold }
                    let model = try SVCParameters(c: c, kernel: KernelParameters(gamma: .value(gamma)), tolerance: tolerance)
                        .fit(x.selectingRows(train), labels: train.map { labels[$0] }, sampleWeights: train.map { weights[$0] })
                    let predicted = try model.predict(x.selectingRows(held))
                    correct += zip(predicted, held).filter { $0 == labels[$1] }.count
                }
                let point = search.points[g * cs.count + ci]
                #expect(point.correct == correct, "C = \(c), γ = \(gamma): search \(point.correct), brute force \(correct)")
                #expect(point.converged)
                let plain = unweighted.points[g * cs.count + ci]
                if plain.certificates != point.certificates { differsFromUnweighted = true }
            }
        }
        #expect(search.foldOfRow == unweighted.foldOfRow)
        #expect(differsFromUnweighted)
    }

    /// Reference: the definition of stratification — every class's rows split as evenly as
    /// possible (⌊n_c/k⌋ or ⌈n_c/k⌉ per fold) — and determinism in the seed.
    @Test func foldsAreStratifiedAndSeeded() {
        let codes = (0..<103).map { $0 % 7 == 0 ? 2 : ($0 % 3 == 0 ? 1 : 0) }
        let folds = SVCGridParameters.stratifiedFolds(codes: codes, classCount: 3, folds: 4, seed: 11)
        #expect(folds == SVCGridParameters.stratifiedFolds(codes: codes, classCount: 3, folds: 4, seed: 11))
        #expect(folds != SVCGridParameters.stratifiedFolds(codes: codes, classCount: 3, folds: 4, seed: 12))
        for code in 0..<3 {
            let size = codes.filter { $0 == code }.count
            for fold in 0..<4 {
                let count = zip(codes, folds).filter { $0 == code && $1 == fold }.count
                #expect(count == size / 4 || count == (size + 3) / 4)
            }
        }
        let sizes = (0..<4).map { fold in folds.filter { $0 == fold }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
    }

    /// Reference: the documented rule — highest accuracy, then smaller C, then larger margin.
    @Test func tiesGoToSmallerCThenLargerMargin() throws {
        let (x, labels) = try Self.iris()
        let search = try SVCGridParameters(cs: [1, 4, 16], gammas: [0.5, 0.125], folds: 3).fit(x, labels: labels)
        let best = search.best
        for point in search.points {
            #expect(point.correct <= best.correct)
            if point.correct == best.correct {
                #expect(point.c >= best.c)
                if point.c == best.c { #expect(point.halfNormSquared >= best.halfNormSquared) }
            }
        }
    }
}
