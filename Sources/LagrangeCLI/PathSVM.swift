import ArgumentParser
import Foundation
import Lagrange

/// `lagrange path svm`: LIBSVM grid.py's search over log₂C × log₂γ, by stratified K-fold
/// cross-validation with a warm-started path over C for each γ and fold.
struct PathSVM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svm",
        abstract: "Cross-validate C-SVC over a grid of C × γ (LIBSVM's grid.py), warm-starting along C.",
        discussion: "For each γ and each fold, C runs upwards and every solve starts from the previous C's solution scaled by "
            + "C_new/C_old (feasible for the new box), with the kernel cache kept across C. Folds are stratified and drawn "
            + "from --seed. Each point keeps its certificates (one per fold). The chosen point has the highest CV accuracy; "
            + "ties go to the smaller C, then to the larger margin (smaller mean ½‖w‖² over the folds' machines), then to the "
            + "γ listed first. Default grid as grid.py: --log2c -5,15,2 and --log2g 3,-15,-2 (its -v 5 is --folds 5). "
            + "The linear kernel searches C only. With --weights COL each training fold's fit gives sample i the box C·wᵢ "
            + "(the folds stay stratified by class) and the CV accuracy counts every held-out row once (unweighted, "
            + "scikit-learn's default scoring).\n\n"
            + "With --nu-svc the search is over ν × γ for ν-SVC (LIBSVM's -s 1): --nu-grid b,e,s (default 0.1,0.9,0.1; "
            + "by default the values some training fold cannot take, ν > 2·min(n₁, n₂)/(n₁ + n₂), are left out). "
            + "For each γ and fold ν runs downwards on one kernel cache; each ν starts from LIBSVM's start, so every point's "
            + "score equals plain 'fit svm --nu' fits on the same folds. --nu-warm-start starts each ν from the previous "
            + "solution scaled by ν_new/ν_old instead (feasible: each class's Σα becomes ν_new·l/2, every α stays ≤ 1), which "
            + "reaches the same optimum value but, as the ν primal's threshold pair (b, r) is not always unique, not always "
            + "the same decision function. Ties go to the larger ν, then to the γ listed first."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var preprocessing: PreprocessingOptions

    @OptionGroup var grid: SVMGridOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Sample-weight column (left out of the features; each weight > 0 scales that sample's C in every fit; the CV accuracy is unweighted).", valueName: "column"))
    var weights: String?

    @Flag(name: .customLong("nu-svc"), help: "Search ν-SVC over ν × γ instead of C-SVC over C × γ (warm-started down ν).")
    var nuSVC = false

    @Option(name: .customLong("nu-grid"), parsing: .unconditional, help: ArgumentHelp("With --nu-svc: the ν grid as begin,end,step (values in (0, 1]).", valueName: "b,e,s"))
    var nuGrid: GridRange?

    @Flag(name: .customLong("nu-warm-start"), help: "With --nu-svc: start each ν from the previous ν's solution scaled by ν_new/ν_old (default: LIBSVM's start, the plain fits).")
    var nuWarmStart = false

    func validate() throws {
        if nuGrid != nil || nuWarmStart, !nuSVC { throw ValidationError("--nu-grid and --nu-warm-start need --nu-svc") }
        if nuWarmStart, grid.coldStart { throw ValidationError("give --nu-warm-start or --cold-start, not both") }
        if nuSVC, grid.log2c != GridRange(begin: -5, end: 15, step: 2) { throw ValidationError("--log2c has no use with --nu-svc (ν-SVC has no C)") }
        if nuSVC, weights != nil { throw ValidationError("--weights applies to a C-SVC search, not to --nu-svc") }
    }

    func run() throws {
        output.apply()
        try grid.checkOutputs(input: data.data)
        if nuSVC {
            return try PathNuSVC(data: data, preprocessing: preprocessing, grid: grid, nuGrid: nuGrid, warmStart: nuWarmStart).run()
        }
        let prepared = try PreparedData.load(data, preprocessing: preprocessing, task: .classification, weightColumn: weights,
                                             allowZeroWeights: false)
        let (dataset, sampleWeights) = (prepared.dataset, prepared.weights)
        guard let (codes, encoding) = dataset.targetLabels else {
            throw LagrangeError.invalidData("\(dataset.source): a classifier needs a target column of class labels")
        }
        let labels = codes.map { encoding.classes[$0] }
        let kernel = grid.kernel, folds = grid.folds, seed = grid.seed
        let log2Cs = try grid.log2Cs()
        let log2Gammas = try grid.log2Gammas()
        let svc = SVCParameters(kernel: KernelParameters(kind: kernel, degree: grid.degree, coef0: grid.coef0), tolerance: grid.tol,
                                cacheMegabytes: grid.cacheMB, shrinking: !grid.noShrinking, maximumIterations: grid.maxIterations)
        let parameters = SVCGridParameters(svc: svc, cs: log2Cs.map { exp2($0) }, gammas: log2Gammas.map { exp2($0) },
                                           folds: folds, seed: seed, warmStart: !grid.coldStart)
        let search = try parameters.fit(dataset.features, labels: labels, sampleWeights: sampleWeights)

        Console.print("svm grid on \(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")', \(kernel.rawValue) kernel"
            + (weights.map { ", sample weights '\($0)' (boxes C·wᵢ; accuracy unweighted)" } ?? ""))
        Console.print("\(folds)-fold stratified CV accuracy (%, seed \(seed)); rows log₂γ, columns log₂C\(grid.coldStart ? "; cold starts" : "; warm-started along C")")
        let points = search.points
        Console.print(grid.gridText(log2Cs: log2Cs, log2Gammas: log2Gammas, cells: points.map { String(format: "%.1f", 100 * $0.accuracy) }))
        grid.printCertificates(points, scoreWord: "accuracies")
        let best = search.best
        let bestG = search.bestIndex / log2Cs.count, bestC = search.bestIndex % log2Cs.count
        let gammaText = kernel == .linear ? "" : ", γ = 2^\(TextTable.format(log2Gammas[bestG])) = \(TextTable.format(best.gamma))"
        Console.print("best: C = 2^\(TextTable.format(log2Cs[bestC])) = \(TextTable.format(best.c))\(gammaText), CV accuracy "
            + "\(String(format: "%.2f", 100 * best.accuracy))% (\(best.correct)/\(best.rows)), \(TextTable.format(best.meanSupportVectors, significant: 4)) support vectors per fold")
        grid.warnAtEdge(bestIndex: search.bestIndex, log2Cs: log2Cs, log2Gammas: log2Gammas)

        try grid.writeTable(points, log2Cs: log2Cs, log2Gammas: log2Gammas, scores: [
            ("cv_accuracy", points.map(\.accuracy)), ("correct", points.map { Double($0.correct) }),
            ("rows", points.map { Double($0.rows) }),
        ])
        try grid.writeReport(
            points, title: "C-SVC grid search — \(dataset.source)",
            subtitle: "\(dataset.sampleCount) rows × \(dataset.featureCount) features, \(kernel.rawValue) kernel, \(folds)-fold stratified CV (seed \(seed))"
                + (weights.map { ", sample weights '\($0)' (boxes C·wᵢ; accuracy unweighted)" } ?? ""),
            columns: log2Cs, columnHeader: "log2 C", log2Gammas: log2Gammas, measure: "CV accuracy (%)", scoreHeader: "CV accuracy %",
            values: points.map { 100 * $0.accuracy }, scoreText: points.map { String(format: "%.2f", 100 * $0.accuracy) },
            higherIsBetter: true, bestIndex: search.bestIndex,
            notes: ["Each γ and fold is solved along C upwards, each C warm-started from the previous solution scaled by C_new/C_old\(grid.coldStart ? " (here: cold starts, α = 0 at every C)" : "")."
                    + " The chosen point has the highest CV accuracy; ties go to the smaller C, then to the larger margin (smaller mean ½‖w‖²), then to the γ listed first.",
                    "The certificate columns are the largest over the \(folds) fold fits (each fit's machines combined): KKT violation m(α) − M(α) ≤ tol \(grid.tol) when converged, duality gap = primal − dual ≥ 0."])
        if let model = grid.model {
            let refit = try search.bestParameters(svc).fit(dataset.features, labels: labels, sampleWeights: sampleWeights,
                                                            featureNames: dataset.featureNames, targetName: dataset.targetName)
            SVMOptions.warnIfNotConverged(refit.certificate)
            try ModelFile.write(prepared.stage.saved(refit), to: model)
            Console.print("model refit on all \(dataset.sampleCount) rows at the chosen point written to \(model)")
        }
    }
}

/// A grid of exponents `begin,end,step` (grid.py's form): begin, begin + step, … up to end.
struct GridRange: ExpressibleByArgument, Equatable {
    var begin: Double
    var end: Double
    var step: Double

    init(begin: Double, end: Double, step: Double) {
        self.begin = begin
        self.end = end
        self.step = step
    }

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let b = parts[0], let e = parts[1], let s = parts[2] else { return nil }
        self.init(begin: b, end: e, step: s)
    }

    var defaultValueDescription: String {
        [begin, end, step].map { TextTable.format($0) }.joined(separator: ",")
    }

    /// The exponents, checked to run the stated way (C upwards: the warm-start direction).
    func values(name: String, increasing: Bool) throws -> [Double] {
        guard begin.isFinite, end.isFinite, step.isFinite, step != 0, (end - begin) / step >= 0 else {
            throw ValidationError("--\(name) \(defaultValueDescription): the step must be non-zero and lead from begin to end")
        }
        let count = Int(((end - begin) / step + 1e-9).rounded(.down)) + 1
        guard count <= 1000 else { throw ValidationError("--\(name) \(defaultValueDescription) has more than 1000 values") }
        let values = (0..<count).map { begin + Double($0) * step }
        return increasing && step < 0 ? values.reversed() : values
    }
}
