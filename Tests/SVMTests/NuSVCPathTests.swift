import DataIO
import Foundation
import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// The ν-SVC grid search (ν × γ, warm-started down ν) against plain `NuSVCParameters` fits.
@Suite struct NuSVCPathTests {
    static func iris() throws -> (Matrix, [String]) {
        let data = try DataLoader.dataset(path: TestPaths.dataset("iris.csv"), options: DatasetOptions(task: .classification))
        let (codes, encoding) = data.targetLabels!
        return (data.features, codes.map { encoding.classes[$0] })
    }

    /// Reference: a brute-force loop of plain fits (`NuSVCParameters.fit` on each fold's
    /// training rows, `predict` on its held-out rows) over the search's own stratified folds.
    /// Cold starts (the default) are LIBSVM's start on a Q reused along ν, so the fits are the
    /// plain ones bit for bit (equal certificates) and the counts equal. Warm starts reach
    /// the same optimum value — weak duality: W_warm ≤ P_plain and W_plain ≤ P_warm per fold,
    /// allowance 1e-6·max(1, |P|) for the Float-cached Q — but not always the same threshold
    /// pair (b, r), which the ν primal does not fix uniquely, so their counts are not compared.
    @Test(arguments: [false, true])
    func gridAccuracyMatchesBruteForce(warmStart: Bool) throws {
        let (x, labels) = try Self.iris()
        let tolerance = 1e-3
        let nus = [0.8, 0.5, 0.3, 0.1]
        let gammas = [2.0, 0.125]
        let grid = NuSVCGridParameters(nuSVC: NuSVCParameters(tolerance: tolerance), nus: nus, gammas: gammas, folds: 5, seed: 7,
                                       warmStart: warmStart)
        let search = try grid.fit(x, labels: labels)
        // The C-SVC search draws the same folds for the same seed.
        #expect(search.foldOfRow == SVCGridParameters(gammas: gammas, folds: 5, seed: 7).cGridFolds(labels))
        for (g, gamma) in gammas.enumerated() {
            for (index, nu) in nus.enumerated() {
                var correct = 0
                var certificates: [SVMCertificate] = []
                for fold in 0..<5 {
                    let train = search.foldOfRow.indices.filter { search.foldOfRow[$0] != fold }
                    let held = search.foldOfRow.indices.filter { search.foldOfRow[$0] == fold }
                    let model = try NuSVCParameters(nu: nu, kernel: KernelParameters(gamma: .value(gamma)), tolerance: tolerance)
                        .fit(x.selectingRows(train), labels: train.map { labels[$0] })
                    certificates.append(model.certificate)
                    let predicted = try model.predict(x.selectingRows(held))
                    correct += zip(predicted, held).filter { $0 == labels[$1] }.count
                }
                let point = search.points[g * nus.count + index]
                #expect(point.nu == nu && point.gamma == gamma)
                #expect(point.converged)
                if warmStart {
                    for (w, p) in zip(point.certificates, certificates) {
                        let allowance = 1e-6 * max(1, abs(p.primalObjective))
                        #expect(w.dualObjective <= p.primalObjective + allowance && p.dualObjective <= w.primalObjective + allowance)
                    }
                } else {
                    #expect(point.correct == correct, "ν = \(nu), γ = \(gamma): search \(point.correct), brute force \(correct)")
                    #expect(point.certificates == certificates, "cold start differs from the plain fits at ν = \(nu)")
                }
                for certificate in point.certificates {
                    #expect((certificate.relativeDualityGap ?? .infinity) <= tolerance)
                }
            }
        }
    }

    /// Reference: the documented rule — highest accuracy, then the larger ν, then earlier γ.
    @Test func tiesGoToLargerNu() throws {
        let (x, labels) = try Self.iris()
        let search = try NuSVCGridParameters(nus: [0.6, 0.3, 0.1], gammas: [0.5, 0.125], folds: 3).fit(x, labels: labels)
        let best = search.best
        for (index, point) in search.points.enumerated() {
            #expect(point.correct <= best.correct)
            if point.correct == best.correct {
                #expect(point.nu <= best.nu)
                if point.nu == best.nu { #expect(index >= search.bestIndex) }
            }
        }
    }

    /// ν above 2·min(n₁, n₂)/(n₁ + n₂) in a training fold is refused, naming the limit, and
    /// `largestFeasibleNu` is that limit over the folds; the grid must run downwards.
    @Test func infeasibleOrIncreasingNuIsRefused() throws {
        let cancer = try DataLoader.dataset(path: TestPaths.dataset("breast_cancer.csv"), options: DatasetOptions(task: .classification))
        let (codes, encoding) = cancer.targetLabels!
        let labels = codes.map { encoding.classes[$0] }
        let grid = NuSVCGridParameters(nus: [0.8, 0.5], gammas: [0.001], folds: 3)
        let limit = grid.largestFeasibleNu(labels: labels)
        // 212 and 357 rows; each training fold keeps about 2/3 of each class: limit ≈ 2·212/569.
        #expect(abs(limit - 2 * 212.0 / 569) < 0.01)
        #expect(throws: LagrangeError.self) { try grid.fit(cancer.features, labels: labels) }
        #expect(throws: LagrangeError.self) { try NuSVCGridParameters(nus: [0.1, 0.5]).validate() }
        #expect(throws: LagrangeError.self) { try NuSVCGridParameters(nus: [1.5, 0.5]).validate() }
    }
}

extension SVCGridParameters {
    /// The folds `fit` would draw for these labels.
    func cGridFolds(_ labels: [String]) -> [Int] {
        let encoding = LabelEncoding(fitting: labels)
        return Self.stratifiedFolds(codes: encoding.encode(labels)!, classCount: encoding.count, folds: folds, seed: seed)
    }
}
