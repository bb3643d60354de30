import ArgumentParser
import Foundation
import Lagrange
import OpenBLASControl

/// `lagrange path logistic`: the binomial elastic-net path, its table, optional stratified
/// cross-validation (deviance, misclassification or AUC), report, table file and model.
struct LogisticPathRun {
    let command: PathCommand

    /// Usage checks for the logistic path (exit 2).
    static func validate(_ command: PathCommand) throws {
        if command.budget != nil { throw ValidationError("--budget applies to lasso and enet paths") }
        if command.model != nil, command.cv == nil {
            throw ValidationError("--model needs --cv K (a cross-validated λ) for a logistic path")
        }
        if command.logisticMeasure != nil, command.cv == nil { throw ValidationError("--measure needs --cv K") }
    }

    func run() throws {
        let c = command
        c.output.apply()
        let prepared = try c.logistic.prepared(c.data, preprocessing: c.preprocessing)
        let (dataset, weights) = (prepared.dataset, prepared.weights)
        let (labels, encoding) = dataset.targetLabels!
        if try c.logistic.family(classes: encoding.classes) == .multinomial {
            return try MultinomialPathRun(command: c).run(dataset: dataset, weights: weights, stage: prepared.stage)
        }
        let alpha = c.l1Ratio ?? 1
        let parameters = try LogisticOptions.parameters(l1Ratio: alpha, linear: c.linear, dataset: dataset, tolerance: c.gap.tol)
        let path = try LogisticPath.fit(x: dataset.features, labels: labels, classes: encoding.classes, sampleWeights: weights,
                                        parameters: parameters,
                                        lambdas: .automatic(count: c.lambdas, minRatio: c.lambdaMinRatio),
                                        featureNames: dataset.featureNames)
        if let worst = path.certificates.filter({ !$0.converged }).map(\.relativeGap).max() {
            Console.warn("the duality gap did not reach --tol \(c.gap.tol) at every λ (worst relative gap \(worst))")
        }
        let measure = c.logisticMeasure ?? .deviance
        var crossValidation: ClassificationCrossValidationResult?
        if let k = c.cv {
            // The folds run concurrently, one BLAS thread each; the full-data path above kept them all.
            OpenBLASControl.setThreadCount(1)
            crossValidation = try ClassificationCrossValidation.run(
                x: dataset.features, labels: labels, classes: encoding.classes, sampleWeights: weights, parameters: parameters,
                lambdas: path.lambdas, folds: k, seed: c.seed, measure: measure)
        }
        let table = LogisticPathTable(path: path, crossValidation: crossValidation)
        let description = "\(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")' (log-odds of '\(encoding.classes[1])' against '\(encoding.classes[0])'), l1-ratio \(TextTable.format(alpha))\(weights != nil ? ", weighted by '\(c.logistic.weights!)'" : "")"
        try c.emitLogisticPath(table, heading: "binomial logistic path", source: dataset.source, description: description,
                               crossValidation: crossValidation, measureTitle: measure.title, stage: prepared.stage) {
            path.model(at: $0, targetName: dataset.targetName)
        }
    }
}

/// The per-λ table of a logistic path: terminal (like glmnet's `print`), CSV and report.
struct LogisticPathTable {
    let path: LogisticPath
    let crossValidation: ClassificationCrossValidationResult?

    private var columns: [PathColumn] {
        PathColumns.logistic(lambdas: path.lambdas, nonzeroCounts: path.nonzeroCounts, devianceExplained: path.devianceExplained,
                             norms: path.l1Norms, normTitle: "‖β‖₁", certificates: path.certificates, crossValidation: crossValidation)
    }

    var certificateLine: String {
        PathColumns.logisticCertificateLine(path.certificates, tolerance: path.parameters.tolerance, dual: "logistic")
    }

    var terminal: TextTable {
        PathColumns.terminal(columns, rows: path.lambdas.count, indexMin: crossValidation?.indexMin, index1SE: crossValidation?.index1SE)
    }

    var csvHeader: [String] { columns.map(\.name) + path.featureNames.map { "coef_\($0)" } + ["intercept"] }

    var csvColumns: [CSVColumn] {
        let coefficients = path.coefficients
        return columns.map { .numbers($0.values) } + path.featureNames.indices.map { j in .numbers(coefficients.map { $0[j] }) }
            + [.numbers(path.intercepts)]
    }

    func reportData(title: String, subtitle: String) -> PathReportData {
        let cols = columns
        let rows = PathColumns.reportRows(cols, rows: path.lambdas.count)
        let notes = [
            "Objective −(1/n)·log-likelihood + λ(α‖β‖₁ + (1−α)/2‖β‖²) (glmnet's binomial convention; with sample weights the weighted mean of the log-loss, weights normalized to sum to 1) on standardized features (population sd); coefficients are shown on the original scale, as log-odds of '\(path.classes[1])' against '\(path.classes[0])'.",
            "relative_gap is the duality gap of each λ divided by the loss of the intercept-only model, from a feasible point of the logistic (negative-entropy) dual: the residual y − p, centred and rescaled so |xⱼᵀθ|/n ≤ λα; every λ stops when it is ≤ the tolerance.",
            "pct_dev is glmnet's dev.ratio: 1 − deviance / null deviance. The path ends early, as glmnet's does, when it exceeds 99.9% or gains less than 1e-5 from one λ to the next.",
        ]
        return PathReportData(title: title, subtitle: subtitle, lambdas: path.lambdas, featureNames: path.featureNames,
                              coefficients: path.coefficients, nonzeroCounts: path.nonzeroCounts, norms: path.l1Norms,
                              normLabel: "‖β‖₁", cvMean: crossValidation?.means, cvStandardError: crossValidation?.standardErrors,
                              cvLabel: crossValidation.map { "\($0.folds)-fold stratified cross-validation" } ?? "",
                              lambdaMin: crossValidation?.lambdaMin, lambda1SE: crossValidation?.lambda1SE,
                              tableHeader: cols.map(\.name), tableRows: rows, notes: notes,
                              cvMeasure: crossValidation?.measure.title ?? "mean squared error")
    }
}
