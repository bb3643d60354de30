import DataIO
import Foundation
import LinearAlgebra
import SVM
import Testing
import TestSupport

/// The warm-started ε-SVR C-path and its cross-validated grid search, against plain fits.
@Suite struct SVRPathTests {
    /// diabetes (442 × 10), features standardized by hand so that γ near 1/p is sensible.
    static func diabetes() throws -> (Matrix, [Double]) {
        let data = try DataLoader.dataset(path: TestPaths.dataset("diabetes.csv"), options: DatasetOptions(task: .regression))
        var x = data.features
        for j in 0..<x.columns {
            let column = (0..<x.rows).map { x[$0, j] }
            let mean = column.reduce(0, +) / Double(x.rows)
            let sd = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x.rows)).squareRoot()
            for i in 0..<x.rows { x[i, j] = (x[i, j] - mean) / sd }
        }
        return (x, data.targetValues!)
    }

    /// Reference: the definition of K-fold CV. Every row is held out exactly once; the fold
    /// sizes differ by at most one; the same seed gives the same folds.
    @Test func foldsCoverEveryRowOnce() {
        let folds = SVRGridParameters.folds(rows: 442, folds: 5, seed: 7)
        let sizes = (0..<5).map { k in folds.filter { $0 == k }.count }
        #expect(sizes.reduce(0, +) == 442)
        #expect(sizes.max()! - sizes.min()! <= 1)
        #expect(folds == SVRGridParameters.folds(rows: 442, folds: 5, seed: 7))
        #expect(folds != SVRGridParameters.folds(rows: 442, folds: 5, seed: 8))
    }

    /// Reference: a hand computation. CV MSE at one grid point = (1/n) Σ over folds of the
    /// squared errors on the held-out rows of a plain `SVRParameters.fit` on the other folds'
    /// rows, with the search's own fold assignment. Cold-started, the path's solve at each C
    /// is the plain fit's solve (α = 0, the same Q), so the sums agree to rounding of the
    /// summation order only (1e-12 relative). Warm-started at tol 1e-7, the solution differs
    /// from the plain one by the tolerance only: 1e-5 relative.
    @Test func crossValidatedErrorEqualsIndependentFits() throws {
        let (x, z) = try Self.diabetes()
        let cs = [1.0, 8, 64], gammas = [0.1, 0.025]
        let epsilon = 5.0
        for warm in [false, true] {
            let tol = warm ? 1e-7 : 1e-3
            let base = SVRParameters(epsilon: epsilon, tolerance: tol)
            let search = try SVRGridParameters(svr: base, cs: cs, gammas: gammas, folds: 4, seed: 3, warmStart: warm).fit(x, targets: z)
            #expect(search.points.count == cs.count * gammas.count)
            for (index, point) in search.points.enumerated() where index == 1 || index == 5 {
                var squaredErrors = 0.0
                for fold in 0..<4 {
                    let train = search.foldOfRow.indices.filter { search.foldOfRow[$0] != fold }
                    let held = search.foldOfRow.indices.filter { search.foldOfRow[$0] == fold }
                    let model = try SVRParameters(c: point.c, epsilon: epsilon, kernel: KernelParameters(gamma: .value(point.gamma)),
                                                  tolerance: tol).fit(x.selectingRows(train), targets: train.map { z[$0] })
                    let predicted = try model.predict(x.selectingRows(held))
                    for (value, row) in zip(predicted, held) { squaredErrors += (z[row] - value) * (z[row] - value) }
                }
                let hand = squaredErrors / Double(x.rows)
                let allowance = (warm ? 1e-5 : 1e-12) * hand
                #expect(abs(point.meanSquaredError - hand) <= allowance, "C = \(point.c), γ = \(point.gamma), warm \(warm): \(point.meanSquaredError) vs \(hand)")
                #expect(point.converged)
            }
        }
    }

    /// Reference: weak duality, as for C-SVC (SVCPathTests): warm- and cold-started solves of
    /// the same problem have overlapping [dual, primal] intervals; the cold path is the plain fit.
    @Test func warmStartedPathMatchesColdStartedFits() throws {
        let (x, z) = try Self.diabetes()
        let cs = [0.5, 2, 8, 32, 128]
        let base = SVRParameters(epsilon: 5, kernel: KernelParameters(gamma: .value(0.1)))
        var grid = SVRGridParameters(svr: base, cs: cs, gammas: [0.1])
        let warm = try grid.path(x, targets: z, gamma: 0.1)
        grid.warmStart = false
        let cold = try grid.path(x, targets: z, gamma: 0.1)
        for (c, (w, k)) in zip(cs, zip(warm, cold)) {
            var plainParameters = base
            plainParameters.c = c
            #expect(k == (try plainParameters.fit(x, targets: z)), "cold path differs from the plain fit at C = \(c)")
            #expect(w.certificate.converged && k.certificate.converged)
            let allowance = 1e-6 * max(1, abs(k.certificate.primalObjective))
            #expect(w.certificate.dualObjective <= k.certificate.primalObjective + allowance, "C = \(c)")
            #expect(k.certificate.dualObjective <= w.certificate.primalObjective + allowance, "C = \(c)")
        }
        // Warm starts save work along C.
        #expect(warm.dropFirst().reduce(0) { $0 + $1.certificate.iterations } < cold.dropFirst().reduce(0) { $0 + $1.certificate.iterations })
    }

    /// Reference: the documented rule — smallest CV MSE; the refit parameters carry its C and γ.
    @Test func bestPointHasTheSmallestError() throws {
        let (x, z) = try Self.diabetes()
        let base = SVRParameters(epsilon: 5)
        let search = try SVRGridParameters(svr: base, cs: [1, 4, 16], gammas: [0.1, 0.01], folds: 3).fit(x, targets: z)
        let smallest = search.points.map(\.meanSquaredError).min()!
        #expect(search.best.meanSquaredError == smallest)
        let refit = search.bestParameters(base)
        #expect(refit.c == search.best.c && refit.kernel.gamma == .value(search.best.gamma))
    }

    @Test func rejectsBadGrids() throws {
        let (x, z) = try Self.diabetes()
        #expect(throws: LagrangeError.self) { try SVRGridParameters(cs: [2, 1]).fit(x, targets: z) }
        #expect(throws: LagrangeError.self) { try SVRGridParameters(folds: 1).fit(x, targets: z) }
        #expect(throws: LagrangeError.self) { try SVRGridParameters(svr: SVRParameters(epsilon: -1)).fit(x, targets: z) }
    }
}
