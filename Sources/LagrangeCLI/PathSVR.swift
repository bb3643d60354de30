import ArgumentParser
import Foundation
import Lagrange

/// `lagrange path svr`: the grid search of `path svm` for ε-SVR, by the K-fold cross-validated
/// mean squared error (unstratified seeded folds), with ε fixed and a warm-started path over C
/// for each γ and fold.
struct PathSVR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svr",
        abstract: "Cross-validate ε-SVR over a grid of C × γ (ε fixed), warm-starting along C.",
        discussion: "The options and outputs of 'path svm', for a numeric target. For each γ and each fold, C runs upwards and "
            + "every solve starts from the previous C's solution scaled by C_new/C_old (feasible: Σ(α − α*) stays 0 and each "
            + "multiplier stays within the new box), with the kernel cache kept across C. Folds are drawn from --seed (rows "
            + "shuffled and dealt round robin, not stratified). The chosen point has the smallest CV mean squared error; exact "
            + "ties go to the smaller C, then to the γ listed first. ε is --epsilon (LIBSVM's -p), the same at every point."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var preprocessing: PreprocessingOptions
    @OptionGroup var grid: SVMGridOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("Half-width ε ≥ 0 of the insensitive tube, fixed over the grid (LIBSVM's -p).", valueName: "eps"))
    var epsilon: Double = 0.1
    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        try grid.checkOutputs(input: data.data)
        let prepared = try PreparedData.load(data, preprocessing: preprocessing, task: .regression, weightColumn: nil, allowZeroWeights: false)
        let dataset = prepared.dataset
        guard let z = dataset.targetValues else {
            throw LagrangeError.invalidData("\(dataset.source): a regression needs a numeric target column")
        }
        let kernel = grid.kernel, folds = grid.folds, seed = grid.seed
        let log2Cs = try grid.log2Cs()
        let log2Gammas = try grid.log2Gammas()
        let svr = SVRParameters(epsilon: epsilon, kernel: KernelParameters(kind: kernel, degree: grid.degree, coef0: grid.coef0),
                                tolerance: grid.tol, cacheMegabytes: grid.cacheMB, shrinking: !grid.noShrinking,
                                maximumIterations: grid.maxIterations)
        let parameters = SVRGridParameters(svr: svr, cs: log2Cs.map { exp2($0) }, gammas: log2Gammas.map { exp2($0) },
                                           folds: folds, seed: seed, warmStart: !grid.coldStart)
        let search = try parameters.fit(dataset.features, targets: z)
        let points = search.points

        Console.print("svr grid on \(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")', \(kernel.rawValue) kernel, ε = \(TextTable.format(epsilon))")
        Console.print("\(folds)-fold CV mean squared error (seed \(seed)); rows log₂γ, columns log₂C\(grid.coldStart ? "; cold starts" : "; warm-started along C")")
        Console.print(grid.gridText(log2Cs: log2Cs, log2Gammas: log2Gammas, cells: points.map { TextTable.format($0.meanSquaredError, significant: 4) }))
        grid.printCertificates(points, scoreWord: "errors")
        let best = search.best
        let bestG = search.bestIndex / log2Cs.count, bestC = search.bestIndex % log2Cs.count
        let gammaText = kernel == .linear ? "" : ", γ = 2^\(TextTable.format(log2Gammas[bestG])) = \(TextTable.format(best.gamma))"
        Console.print("best: C = 2^\(TextTable.format(log2Cs[bestC])) = \(TextTable.format(best.c))\(gammaText), CV mean squared error "
            + "\(TextTable.format(best.meanSquaredError, significant: 6)), \(TextTable.format(best.meanSupportVectors, significant: 4)) support vectors per fold")
        grid.warnAtEdge(bestIndex: search.bestIndex, log2Cs: log2Cs, log2Gammas: log2Gammas)

        try grid.writeTable(points, log2Cs: log2Cs, log2Gammas: log2Gammas, scores: [
            ("cv_mse", points.map(\.meanSquaredError)), ("rows", points.map { Double($0.rows) }),
        ])
        try grid.writeReport(
            points, title: "ε-SVR grid search — \(dataset.source)",
            subtitle: "\(dataset.sampleCount) rows × \(dataset.featureCount) features, \(kernel.rawValue) kernel, ε = \(TextTable.format(epsilon)), \(folds)-fold CV (seed \(seed))",
            columns: log2Cs, columnHeader: "log2 C", log2Gammas: log2Gammas, measure: "CV mean squared error", scoreHeader: "CV MSE",
            values: points.map(\.meanSquaredError), scoreText: points.map { TextTable.format($0.meanSquaredError, significant: 6) },
            higherIsBetter: false, bestIndex: search.bestIndex,
            notes: ["Each γ and fold is solved along C upwards, each C warm-started from the previous solution scaled by C_new/C_old\(grid.coldStart ? " (here: cold starts, α = 0 at every C)" : "")."
                    + " The chosen point has the smallest CV mean squared error; exact ties go to the smaller C, then to the γ listed first.",
                    "The certificate columns are the largest over the \(folds) fold fits: KKT violation m(α) − M(α) ≤ tol \(grid.tol) when converged, duality gap = primal − dual ≥ 0."])
        if let model = grid.model {
            let refit = try search.bestParameters(svr).fit(dataset)
            SVMOptions.warnIfNotConverged(refit.certificate)
            try ModelFile.write(prepared.stage.saved(refit), to: model)
            Console.print("model refit on all \(dataset.sampleCount) rows at the chosen point written to \(model)")
        }
    }
}
