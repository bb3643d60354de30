import ArgumentParser
import Foundation
import Lagrange

/// `lagrange path svm --nu-svc`: the ν-SVC search over ν × γ, printed, tabled, reported and
/// refit as the C-SVC search is (`PathSVM`), with ν in the place of log₂C.
struct PathNuSVC {
    var data: DataOptions
    var preprocessing: PreprocessingOptions
    var grid: SVMGridOptions
    var nuGrid: GridRange?
    var warmStart: Bool

    /// The default ν grid, 0.1, 0.2, …, 0.9.
    static let defaultGrid = GridRange(begin: 0.1, end: 0.9, step: 0.1)

    /// The ν values, largest first (the warm-start direction), rounded to 12 decimals so that
    /// 0.1 + 2·0.1 reads 0.3.
    func nus() throws -> [Double] {
        let values = try (nuGrid ?? Self.defaultGrid).values(name: "nu-grid", increasing: true)
        return values.reversed().map { ($0 * 1e12).rounded() / 1e12 }
    }

    func run() throws {
        let prepared = try PreparedData.load(data, preprocessing: preprocessing, task: .classification, weightColumn: nil,
                                             allowZeroWeights: false)
        let dataset = prepared.dataset
        guard let (codes, encoding) = dataset.targetLabels else {
            throw LagrangeError.invalidData("\(dataset.source): a classifier needs a target column of class labels")
        }
        let labels = codes.map { encoding.classes[$0] }
        let kernel = grid.kernel, folds = grid.folds, seed = grid.seed
        let log2Gammas = try grid.log2Gammas()
        let base = NuSVCParameters(kernel: KernelParameters(kind: kernel, degree: grid.degree, coef0: grid.coef0), tolerance: grid.tol,
                                   cacheMegabytes: grid.cacheMB, shrinking: !grid.noShrinking, maximumIterations: grid.maxIterations)
        var parameters = NuSVCGridParameters(nuSVC: base, nus: try nus(), gammas: log2Gammas.map { exp2($0) }, folds: folds, seed: seed,
                                             warmStart: warmStart)
        if nuGrid == nil {
            let limit = parameters.largestFeasibleNu(labels: labels)
            let feasible = parameters.nus.filter { $0 <= limit }
            guard !feasible.isEmpty else {
                throw LagrangeError.invalidData("\(dataset.source): the classes are too unbalanced for the default ν grid (every training fold needs ν ≤ \(TextTable.format(limit, significant: 4))); give --nu-grid")
            }
            if feasible.count < parameters.nus.count {
                Console.print("note: ν above \(TextTable.format(limit, significant: 4)) is infeasible for some training fold (2·min(n₁, n₂)/(n₁ + n₂)); the grid stops at \(TextTable.format(feasible[0]))")
            }
            parameters.nus = feasible
        }
        let nus = parameters.nus
        let search = try parameters.fit(dataset.features, labels: labels)
        let ascending = Array(nus.reversed())
        // The search is ν-descending; the printed grid, table and report read left to right upwards.
        let order = search.points.indices.map { index -> Int in
            let (g, column) = index.quotientAndRemainder(dividingBy: nus.count)
            return g * nus.count + (nus.count - 1 - column)
        }
        let points = order.map { search.points[$0] }
        let bestIndex = order.firstIndex(of: search.bestIndex)!

        Console.print("svm grid on \(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")', \(kernel.rawValue) kernel, ν-SVC")
        Console.print("\(folds)-fold stratified CV accuracy (%, seed \(seed)); rows log₂γ, columns ν\(warmStart ? "; warm-started down ν" : "; LIBSVM's start at every ν")")
        Console.print(grid.gridText(log2Cs: ascending, log2Gammas: log2Gammas, cells: points.map { String(format: "%.1f", 100 * $0.accuracy) }))
        grid.printCertificates(points, gapName: "largest relative duality gap gap/(Σ box + Σα)",
                               gap: points.flatMap(\.certificates).compactMap(\.relativeDualityGap).max() ?? 0, scoreWord: "accuracies")
        let best = search.best
        let bestG = bestIndex / nus.count
        let gammaText = kernel == .linear ? "" : ", γ = 2^\(TextTable.format(log2Gammas[bestG])) = \(TextTable.format(best.gamma))"
        Console.print("best: ν = \(TextTable.format(best.nu))\(gammaText), CV accuracy "
            + "\(String(format: "%.2f", 100 * best.accuracy))% (\(best.correct)/\(best.rows)), \(TextTable.format(best.meanSupportVectors, significant: 4)) support vectors per fold")
        if kernel != .linear, log2Gammas.count > 1, bestG == 0 || bestG == log2Gammas.count - 1 {
            Console.warn("the chosen point is at an edge of the γ grid; widen --log2g")
        }

        try grid.writeTable(points, log2Cs: [], log2Gammas: log2Gammas, scores: [
            ("cv_accuracy", points.map(\.accuracy)), ("correct", points.map { Double($0.correct) }),
            ("rows", points.map { Double($0.rows) }),
        ], nus: ascending)
        try grid.writeReport(
            points, title: "ν-SVC grid search — \(dataset.source)",
            subtitle: "\(dataset.sampleCount) rows × \(dataset.featureCount) features, \(kernel.rawValue) kernel, \(folds)-fold stratified CV (seed \(seed))",
            columns: ascending, columnHeader: "ν", log2Gammas: log2Gammas, measure: "CV accuracy (%)", scoreHeader: "CV accuracy %",
            values: points.map { 100 * $0.accuracy }, scoreText: points.map { String(format: "%.2f", 100 * $0.accuracy) },
            higherIsBetter: true, bestIndex: bestIndex,
            notes: ["Each γ and fold is solved along ν downwards on one kernel cache, "
                    + (warmStart ? "each ν warm-started from the previous solution scaled by ν_new/ν_old (same optimum value; the threshold pair (b, r) is not always unique, so borderline held-out rows can differ from plain fits)."
                       : "each ν from LIBSVM's start: every point's score is that of plain fits on the same folds.")
                    + " The chosen point has the highest CV accuracy; ties go to the larger ν, then to the γ listed first.",
                    "The certificate columns are the largest over the \(folds) fold fits (each fit's ν problems combined): KKT violation ≤ tol \(grid.tol) and relative duality gap gap/(Σ box + Σα) ≤ tol when converged."],
            parameter: (label: "ν", name: "ν"))
        if let model = grid.model {
            let refit = try search.bestParameters(base).fit(dataset)
            SVMOptions.warnIfNotConverged(refit.certificate)
            try ModelFile.write(prepared.stage.saved(refit), to: model)
            Console.print("model refit on all \(dataset.sampleCount) rows at the chosen point written to \(model)")
        }
    }
}
