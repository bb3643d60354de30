import ArgumentParser
import Foundation
import Lagrange

/// `lagrange path lasso|ridge|enet`: the whole regularization path, its table (like glmnet's
/// `print`), optional cross-validation, report, table file, model and budget.
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Fit a whole lasso / ridge / elastic-net path over λ, with certificates, cross-validation and a report.",
        discussion: """
        λ runs log-spaced from λ_max (the smallest λ with every coefficient zero) down to
        λ_max × --lambda-min-ratio (default 1e-4 when rows > features, else 1e-2). The table shows,
        per λ, the non-zero count, % deviance explained, the norm, the relative duality gap
        (lasso/enet) or LOO/GCV errors (ridge), and CV mean ± SE with --cv.
        """
    )

    @Argument(help: ArgumentHelp("lasso, ridge or enet.", valueName: "family"))
    var family: LinearModelFamily
    @OptionGroup var data: DataOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("Number of λ values.", valueName: "n"))
    var lambdas: Int = 100
    @Option(name: .customLong("lambda-min-ratio"), parsing: .unconditional, help: ArgumentHelp("Smallest λ as a fraction of λ_max.", valueName: "r"))
    var lambdaMinRatio: Double?
    @Option(name: .customLong("l1-ratio"), parsing: .unconditional, help: ArgumentHelp("α ∈ (0, 1] for enet (default 0.5).", valueName: "α"))
    var l1Ratio: Double?
    @OptionGroup var linear: LinearModelOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("K-fold cross-validation.", valueName: "K"))
    var cv: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of the CV folds (an integer from 0 to 2⁶⁴ − 1).", valueName: "S"))
    var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Which cross-validated λ --model saves: 1se (default) or min.", valueName: "rule"))
    var select: CrossValidationRule = .oneSE
    @Option(parsing: .unconditional, help: ArgumentHelp("Also fit (and with --model save) the lasso/enet whose budget Σ wⱼ(α|βⱼ| + (1−α)/2 βⱼ²) on the standardized scale is T.", valueName: "T"))
    var budget: Double?
    @Option(help: ArgumentHelp("Write the self-contained HTML path report here.", valueName: "file"))
    var report: String?
    @Option(help: ArgumentHelp("Write the path table as CSV here.", valueName: "file"))
    var table: String?
    @Option(help: ArgumentHelp("Save a model: at the CV-selected λ (--cv), the budget (--budget), or for ridge the λ of least LOO error.", valueName: "file"))
    var model: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if family != .enet, l1Ratio != nil { throw ValidationError("--l1-ratio applies to 'path enet' only") }
        if family == .ridge, budget != nil { throw ValidationError("--budget applies to lasso and enet paths") }
        if let budget, !(budget >= 0 && budget.isFinite) {
            throw ValidationError("--budget must be a finite number ≥ 0, got \(budget)")
        }
        if family == .ridge, !linear.penaltyFactors.isEmpty { throw ValidationError("--penalty-factor applies to lasso and enet paths") }
        if model != nil, family != .ridge, cv == nil, budget == nil {
            throw ValidationError("--model needs --cv K (a cross-validated λ) or --budget T for a \(family.rawValue) path")
        }
    }

    func run() throws {
        output.apply()
        try OutputPlan.check(inputs: [data.data], outputs: [("--table", table), ("--report", report), ("--model", model)])
        let (dataset, y) = try regressionData(data)
        let alpha = family == .lasso ? 1 : (family == .ridge ? 0 : (l1Ratio ?? 0.5))
        if family == .enet, alpha == 0 {
            throw LagrangeError.invalidParameter(name: "l1-ratio", value: "0", requirement: "must be above 0 for 'path enet'; use 'path ridge'")
        }
        let parameters = try linear.parameters(l1Ratio: alpha, dataset: dataset)
        let grid = LambdaGrid.automatic(count: lambdas, minRatio: lambdaMinRatio)
        let view: PathView
        if family == .ridge {
            view = .ridge(try RidgePath.fit(x: dataset.features, y: y, standardize: parameters.standardize,
                                            fitIntercept: parameters.fitIntercept, lambdas: grid, featureNames: dataset.featureNames))
        } else {
            let path = try ElasticNetPath.fit(x: dataset.features, y: y, parameters: parameters, lambdas: grid, featureNames: dataset.featureNames)
            if let worst = path.certificates.filter({ !$0.converged }).map(\.relativeGap).max() {
                Console.warn("the duality gap did not reach --tol \(linear.tol) at every λ (worst relative gap \(worst))")
            }
            view = .elasticNet(path)
        }
        var crossValidation: CrossValidationResult?
        if let cv {
            crossValidation = try CrossValidation.run(x: dataset.features, y: y, parameters: parameters, lambdas: view.lambdas,
                                                      folds: cv, seed: seed)
        }
        if let crossValidation {
            let constantInData = Set(ConstantColumn.indices(in: dataset.features))
            for (j, count) in crossValidation.constantColumnFolds.enumerated() where count > 0 && !constantInData.contains(j) {
                Console.warn("column '\(dataset.featureNames[j])' is constant in the training rows of \(count) of \(crossValidation.folds) cross-validation folds; it gets coefficient 0 there (as in cv.glmnet)")
            }
        }
        let rows = PathTable(view: view, family: family, crossValidation: crossValidation)
        Console.print("\(family.rawValue) path on \(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")'\(family == .enet ? ", l1-ratio \(TextTable.format(alpha))" : "")")
        Console.print(rows.terminal.rendered.trimmingCharacters(in: .newlines))
        Console.print(view.certificateLine)
        if let crossValidation {
            Console.print("\(crossValidation.folds)-fold CV (seed \(seed)): λ_min = \(TextTable.format(crossValidation.lambdaMin)) (MSE \(TextTable.format(crossValidation.meanErrors[crossValidation.indexMin])) ± \(TextTable.format(crossValidation.standardErrors[crossValidation.indexMin]))), λ_1se = \(TextTable.format(crossValidation.lambda1SE))")
        }
        if case let .ridge(path) = view, let best = path.leaveOneOutErrors.indices.min(by: { path.leaveOneOutErrors[$0] < path.leaveOneOutErrors[$1] }) {
            Console.print("leave-one-out: least error \(TextTable.format(path.leaveOneOutErrors[best])) at λ = \(TextTable.format(path.lambdas[best]))")
        }

        var saved: LinearModel?
        if let budget, case let .elasticNet(path) = view {
            var fitted = try path.fit(budget: budget, targetName: dataset.targetName)
            fitted.family = family
            Console.print("budget \(TextTable.format(budget)): λ = \(TextTable.format(fitted.lambda)), \(fitted.nonzeroCount) non-zero coefficients")
            saved = fitted
        } else if let crossValidation {
            let index = select == .min ? crossValidation.indexMin : crossValidation.index1SE
            var fitted = view.model(at: index, targetName: dataset.targetName)
            fitted.family = family
            fitted.crossValidation = crossValidation.selection(rule: select)
            saved = fitted
        } else if case let .ridge(path) = view {
            let best = path.leaveOneOutErrors.indices.min { path.leaveOneOutErrors[$0] < path.leaveOneOutErrors[$1] } ?? 0
            saved = path.model(at: best, targetName: dataset.targetName)
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
            try ModelFile.write(saved, to: model)
            Console.print("model at λ = \(TextTable.format(saved.lambda)) written to \(model)")
        }
    }
}

/// The fitted path, whichever engine produced it.
enum PathView {
    case elasticNet(ElasticNetPath)
    case ridge(RidgePath)

    var lambdas: [Double] {
        switch self {
        case let .elasticNet(p): return p.lambdas
        case let .ridge(p): return p.lambdas
        }
    }

    func model(at index: Int, targetName: String?) -> LinearModel {
        switch self {
        case let .elasticNet(p): return p.model(at: index, targetName: targetName)
        case let .ridge(p): return p.model(at: index, targetName: targetName)
        }
    }

    var certificateLine: String {
        switch self {
        case let .elasticNet(p):
            let gaps = p.certificates.map(\.relativeGap)
            let kkt = p.certificates.map(\.maxKKTViolation).max() ?? 0
            let passes = p.certificates.reduce(0) { $0 + $1.passes }
            return "certificates: largest relative duality gap \(TextTable.format(gaps.max() ?? 0, significant: 3)) (tol \(TextTable.format(p.parameters.tolerance, significant: 3)); gap / ((1/2n)‖y − ȳ‖²) on the standardized scale), largest KKT violation \(TextTable.format(kkt, significant: 3)), \(passes) coordinate passes"
        case let .ridge(p):
            let worst = p.certificates.map(\.relativeResidual).max() ?? 0
            return "certificates: largest relative normal-equation residual \(TextTable.format(worst, significant: 3))"
        }
    }
}
