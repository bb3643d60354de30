import ArgumentParser
import Foundation
import Lagrange
import OpenBLASControl

/// `lagrange path lasso|ridge|enet` (the default subcommand of `path`, also `path linear …`): the whole regularization path, its table (like glmnet's
/// `print`), optional cross-validation, report, table file, model and budget.
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linear",
        abstract: "Fit a whole lasso / ridge / elastic-net path over λ, with certificates, cross-validation and a report.",
        discussion: "λ runs log-spaced from λ_max (the smallest λ with every coefficient zero; for ridge, the value at l1-ratio 0.001, "
            + "as glmnet) down to λ_max × --lambda-min-ratio. A ridge path with the default ratio goes on below it until its "
            + "leave-one-out and GCV errors turn up, so its least error is inside the grid. The table shows, per λ, the non-zero "
            + "count, % deviance explained, the norm, the relative duality gap (lasso, enet) or LOO/GCV errors (ridge), and CV "
            + "mean ± SE with --cv. A warning says when the selected λ (CV or LOO) is at an end of the grid.\n\n"
            + "cv.glmnet picks lambda.1se by default, as --select 1se; scikit-learn's LassoCV picks the minimum, --select min. "
            + "glmnet's lambda is ours for the lasso; for ridge and the elastic net glmnet scales y first (docs/conventions.md)."
    )

    @Argument(help: ArgumentHelp("lasso, ridge, enet or logistic.", valueName: "family"))
    var family: PathFamily
    @OptionGroup var data: DataOptions
    @OptionGroup var preprocessing: PreprocessingOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("Number of λ values.", valueName: "n"))
    var lambdas: Int = 100
    @Option(name: .customLong("lambda-min-ratio"), parsing: .unconditional,
            help: ArgumentHelp("Smallest λ as a fraction of λ_max (default: 1e-4 when rows > features, else 1e-2).", valueName: "r"))
    var lambdaMinRatio: Double?
    @Option(name: .customLong("l1-ratio"), parsing: .unconditional, help: ArgumentHelp("α ∈ (0, 1] for enet (default 0.5).", valueName: "α"))
    var l1Ratio: Double?
    @OptionGroup var linear: LinearModelOptions
    @OptionGroup var gap: GapToleranceOption
    @OptionGroup var logistic: LogisticOptions
    @Option(name: .customLong("measure"), help: ArgumentHelp("Logistic CV measure: deviance (default), misclassification or auc.", valueName: "measure"))
    var logisticMeasure: ClassificationMeasure?
    @Option(parsing: .unconditional, help: ArgumentHelp("K-fold cross-validation (default: none).", valueName: "K"))
    var cv: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of the CV folds (an integer from 0 to 2⁶⁴ − 1).", valueName: "S"))
    var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Which cross-validated λ --model saves: 1se (default) or min.", valueName: "rule"))
    var select: CrossValidationRule = .oneSE
    @Option(parsing: .unconditional, help: ArgumentHelp("Also fit (and with --model save) the lasso/enet whose budget Σ wⱼ(α|βⱼ| + (1−α)/2 βⱼ²) is T, on the standardized scale (for the lasso ‖β_std‖₁; the table's ‖β‖₁ is on the original scale, and both are printed).", valueName: "T"))
    var budget: Double?
    @Option(help: ArgumentHelp("Write the self-contained HTML path report here.", valueName: "file"))
    var report: String?
    @Option(help: ArgumentHelp("Write the path table as CSV here.", valueName: "file"))
    var table: String?
    @Option(help: ArgumentHelp("Save a model: at the CV-selected λ (--cv, --cv-parts), the budget (--budget), or for ridge the λ of least LOO error (GCV with --stats).", valueName: "file"))
    var model: String?
    @OptionGroup var statistics: StatisticsInputOptions
    @Option(name: .customLong("cv-parts"), parsing: .unconditional,
            help: ArgumentHelp("With --stats: K-fold cross-validation whose folds are groups of the statistics files (training sets by subtraction).", valueName: "K"))
    var cvParts: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if family == .logistic { return try LogisticPathRun.validate(self) }
        if logistic.isGiven || logisticMeasure != nil { throw ValidationError("--family and --measure apply to 'path logistic'") }
        try statistics.check(data: data)
        if statistics.isActive, logistic.weights != nil { throw ValidationError("--weights needs the rows (--data); statistics files are unweighted") }
        if statistics.isActive, preprocessing.transforms || preprocessing.selectsColumns {
            throw ValidationError("the preprocessing options need the rows (--data); statistics files hold no cells to encode, fill or scale")
        }
        if cvParts != nil, !statistics.isActive { throw ValidationError("--cv-parts needs --stats PART… (use --cv K with --data)") }
        if statistics.isActive, cv != nil { throw ValidationError("--cv needs the rows; with --stats use --cv-parts K") }
        if family != .enet, l1Ratio != nil { throw ValidationError("--l1-ratio applies to 'path enet' only") }
        if family == .ridge, budget != nil { throw ValidationError("--budget applies to lasso and enet paths") }
        if let budget, !(budget >= 0 && budget.isFinite) {
            throw ValidationError("--budget must be a finite number ≥ 0, got \(budget)")
        }
        if family == .ridge, !linear.penaltyFactors.isEmpty { throw ValidationError("--penalty-factor applies to lasso and enet paths") }
        if model != nil, family != .ridge, cv == nil, cvParts == nil, budget == nil {
            throw ValidationError("--model needs --cv K (a cross-validated λ) or --budget T for a \(family.rawValue) path")
        }
    }

    func run() throws {
        if family == .logistic { return try LogisticPathRun(command: self).run() }
        output.apply()
        try OutputPlan.check(inputs: [data.dataPath].compactMap { $0 } + statistics.stats,
                             outputs: [("--table", table), ("--report", report), ("--model", model)])
        let alpha = family == .lasso ? 1 : (family == .ridge ? 0 : (l1Ratio ?? 0.5))
        if family == .enet, alpha == 0 {
            throw LagrangeError.invalidParameter(name: "l1-ratio", value: "0", requirement: "must be above 0 for 'path enet'; use 'path ridge'")
        }
        let grid = LambdaGrid.automatic(count: lambdas, minRatio: lambdaMinRatio)
        // Cross-validation folds keep every core busy themselves: for them OpenBLAS gets one thread
        // so their products do not queue for its pool (the executable owns that setting). The
        // full-data path before the folds keeps every BLAS thread.
        if cvParts != nil { OpenBLASControl.setThreadCount(1) }
        let fitted = statistics.isActive
            ? try StatisticsFits.path(statistics.stats, options: data, linear: linear, l1Ratio: alpha, grid: grid, cvParts: cvParts, seed: seed,
                                      tolerance: gap.tol)
            : try fitRows(alpha: alpha, grid: grid)
        let (path, crossValidation) = (fitted.path, fitted.crossValidation)
        let dataset = (source: fitted.source, sampleCount: fitted.sampleCount, featureCount: fitted.featureNames.count,
                       featureNames: fitted.featureNames, targetName: fitted.targetName)
        if family != .ridge, let worst = path.certificates.filter({ !$0.converged }).compactMap({ $0.value(of: .relativeDualityGap) }).max() {
            Console.warn("the duality gap did not reach --tol \(gap.tol) at every λ (worst relative gap \(worst))")
        }
        let rows = PathTable(path: path, crossValidation: crossValidation)
        Console.print("\(family.rawValue) path on \(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")'\(family == .enet ? ", l1-ratio \(TextTable.format(alpha))" : "")\(logistic.weights.map { ", weighted by '\($0)'" } ?? "")")
        Console.print(rows.terminal.rendered.trimmingCharacters(in: .newlines))
        Console.print(rows.certificateLine)
        if let crossValidation {
            Console.print("\(crossValidation.folds)-fold CV\(cvParts == nil ? "" : " by parts") (seed \(seed)): λ_min = \(TextTable.format(crossValidation.lambdaMin)) (MSE \(TextTable.format(crossValidation.meanErrors[crossValidation.indexMin])) ± \(TextTable.format(crossValidation.standardErrors[crossValidation.indexMin]))), λ_1se = \(TextTable.format(crossValidation.lambda1SE))")
        }
        let ridge = path as? RidgePath
        // A ridge path from statistics has no leave-one-out errors (no rows): it selects by GCV.
        let (criterion, errors) = ridge.map { $0.leaveOneOutErrors.isEmpty ? ("generalized cross-validation", $0.generalizedCrossValidationErrors)
                                                                            : ("leave-one-out", $0.leaveOneOutErrors) } ?? ("", [])
        let leastLOO = errors.indices.min { errors[$0] < errors[$1] }
        if let ridge, let best = leastLOO {
            Console.print("\(criterion): least error \(TextTable.format(errors[best])) at λ = \(TextTable.format(ridge.lambdas[best]))")
            GridEdge.warn(index: best, lambdas: path.lambdas, what: "λ of least \(criterion) error")
        }
        if let crossValidation {
            GridEdge.warn(index: crossValidation.indexMin, lambdas: path.lambdas, what: "cross-validated λ_min")
            if select == .oneSE, crossValidation.index1SE != crossValidation.indexMin {
                GridEdge.warn(index: crossValidation.index1SE, lambdas: path.lambdas, what: "cross-validated λ_1se")
            }
        }

        var saved: LinearModel?
        if let budget, let elasticNet = path as? ElasticNetPath {
            let fitted = try elasticNet.fit(budget: budget, targetName: dataset.targetName).labelled(family.linear!)
            let l1 = fitted.coefficients.reduce(0) { $0 + abs($1) }
            Console.print("budget \(TextTable.format(budget)) on the standardized scale: λ = \(TextTable.format(fitted.lambda)), \(fitted.nonzeroCount) non-zero coefficients, ‖β‖₁ = \(TextTable.format(l1)) on the original scale (the table's column)")
            saved = fitted
        } else if let crossValidation {
            let index = select == .min ? crossValidation.indexMin : crossValidation.index1SE
            saved = path.model(at: index, targetName: dataset.targetName).labelled(family.linear!)
                .selected(by: crossValidation.selection(rule: select))
        } else if let leastLOO {
            saved = path.model(at: leastLOO, targetName: dataset.targetName)
        }

        if let table {
            try AtomicFile.write(CSVWriter.render(header: rows.csvHeader, columns: rows.csvColumns), to: table)
            Console.print("table written to \(table)")
        }
        if let report {
            let page = PathReport.render(rows.reportData(title: "\(family.rawValue) path — \(dataset.source)",
                                                         subtitle: "\(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")'\(family == .enet ? ", l1-ratio \(TextTable.format(alpha))" : "")",
                                                         featureNames: dataset.featureNames))
            try AtomicFile.write(page, to: report)
            Console.print("report written to \(report)")
        }
        if let model {
            guard let saved else { throw LagrangeError.invalidData("no model was selected to save") }
            try ModelFile.write(fitted.stage.saved(saved), to: model)
            Console.print("model at λ = \(TextTable.format(saved.lambda)) written to \(model)")
        }
    }

    /// The path (and `--cv`) from the rows of `--data`.
    private func fitRows(alpha: Double, grid: LambdaGrid) throws -> FittedPath {
        // Lasso and elastic net on the file's numbers alone: the design takes over the columns
        // the reader stored (no row-major table, no second copy). Cross-validation gathers rows,
        // and weights come from a table column, so those read the table as below.
        if alpha > 0, cv == nil, logistic.weights == nil,
           let dataset = try PreparedData.loadColumns(data, preprocessing: preprocessing) {
            return try fitColumns(dataset, alpha: alpha, grid: grid)
        }
        let prepared = try PreparedData.load(data, preprocessing: preprocessing, task: .regression, weightColumn: logistic.weights,
                                             allowZeroWeights: false)
        let (dataset, weights) = (prepared.dataset, prepared.weights)
        guard let y = dataset.targetValues else {
            throw LagrangeError.invalidData("\(dataset.source): the target must be numeric for a linear model")
        }
        let parameters = try linear.parameters(l1Ratio: alpha, dataset: dataset, tolerance: gap.tol)
        let path = try PathParameters(penalty: parameters, lambdas: grid)
            .fit(x: dataset.features, y: y, sampleWeights: weights, featureNames: dataset.featureNames)
        var crossValidation: CrossValidationResult?
        if let cv {
            OpenBLASControl.setThreadCount(1)
            crossValidation = try CrossValidation.run(x: dataset.features, y: y, sampleWeights: weights, parameters: parameters,
                                                      lambdas: path.lambdas, folds: cv, seed: seed)
        }
        if let crossValidation {
            let constantInData = Set(ConstantColumn.indices(in: dataset.features))
            for (j, count) in crossValidation.constantColumnFolds.enumerated() where count > 0 && !constantInData.contains(j) {
                Console.warn("column '\(dataset.featureNames[j])' is constant in the training rows of \(count) of \(crossValidation.folds) cross-validation folds; it gets coefficient 0 there (as in cv.glmnet)")
            }
        }
        return FittedPath(path: path, crossValidation: crossValidation, source: dataset.source, sampleCount: dataset.sampleCount,
                          featureNames: dataset.featureNames, targetName: dataset.targetName, stage: prepared.stage)
    }
}

extension PathCommand {
    /// The path from a dataset stored column by column: the same parameters, warnings and fit
    /// as `fitRows` on the row-major dataset, the design built on the dataset's own storage.
    fileprivate func fitColumns(_ dataset: consuming ColumnDataset, alpha: Double, grid: LambdaGrid) throws -> FittedPath {
        let (source, sampleCount, featureNames, targetName) = (dataset.source, dataset.sampleCount, dataset.featureNames, dataset.targetName)
        let parameters = try linear.parameters(l1Ratio: alpha, featureNames: featureNames, source: source, tolerance: gap.tol)
        // Under --quiet the warnings would be dropped, so the columns are not looked for.
        if !Console.quiet, !linear.noStandardize || !linear.noIntercept {
            for j in ConstantColumn.indices(inColumns: dataset.columns) {
                Console.warn("column '\(featureNames[j])' is constant, so its coefficient is 0 (as in glmnet); leave it out with --drop \(featureNames[j])")
            }
        }
        let path = try PathParameters(penalty: parameters, lambdas: grid).fit(consume dataset)
        return FittedPath(path: path, crossValidation: nil, source: source, sampleCount: sampleCount,
                          featureNames: featureNames, targetName: targetName, stage: nil)
    }
}

/// A fitted path with what the table, report and model need to know of its data.
struct FittedPath {
    var path: any RegularizationPath
    var crossValidation: CrossValidationResult?
    var source: String
    var sampleCount: Int
    var featureNames: [String]
    var targetName: String?
    /// The preprocessing learned before the fits (saved in front of the model), if any.
    var stage: PreprocessingStage? = nil
}
