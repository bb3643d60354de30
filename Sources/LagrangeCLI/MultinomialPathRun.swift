import ArgumentParser
import Foundation
import Lagrange
import OpenBLASControl

/// `lagrange path logistic --family multinomial [--grouped]` (the default for a target with more
/// than two classes): the multinomial elastic-net path, its table, optional stratified
/// cross-validation (deviance or misclassification), report, table file and model.
struct MultinomialPathRun {
    let command: PathCommand

    func run(dataset: Dataset, weights: [Double]?, stage: PreprocessingStage?) throws {
        let c = command
        let (labels, encoding) = dataset.targetLabels!
        let alpha = c.l1Ratio ?? 1
        let penalty = c.logistic.multinomialPenalty
        let parameters = try LogisticOptions.parameters(l1Ratio: alpha, linear: c.linear, dataset: dataset, tolerance: c.gap.tol)
        let path = try MultinomialPath.fit(x: dataset.features, labels: labels, classes: encoding.classes, sampleWeights: weights,
                                           parameters: parameters, penalty: penalty,
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
            crossValidation = try MultinomialCrossValidation.run(
                x: dataset.features, labels: labels, classes: encoding.classes, sampleWeights: weights, parameters: parameters,
                penalty: penalty, lambdas: path.lambdas, folds: k, seed: c.seed, measure: measure)
        }
        let table = MultinomialPathTable(path: path, crossValidation: crossValidation)
        let description = "\(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")' (\(encoding.classes.count) classes: \(encoding.classes.joined(separator: ", "))), \(penalty.rawValue) penalty, l1-ratio \(TextTable.format(alpha))\(weights != nil ? ", weighted by '\(c.logistic.weights!)'" : "")"
        try c.emitLogisticPath(table, heading: "multinomial logistic path", source: dataset.source, description: description,
                               crossValidation: crossValidation, measureTitle: MultinomialPathTable.title(measure), stage: stage) {
            path.model(at: $0, targetName: dataset.targetName)
        }
    }
}

/// The per-λ table of a multinomial path: terminal, CSV (one coefficient column per class and
/// feature, `coef_<class>_<feature>`, and one intercept per class) and report (one coefficient
/// chart per class).
struct MultinomialPathTable {
    let path: MultinomialPath
    let crossValidation: ClassificationCrossValidationResult?

    static func title(_ measure: ClassificationMeasure) -> String {
        measure == .deviance ? "multinomial deviance" : measure.title
    }

    private var columns: [PathColumn] {
        PathColumns.logistic(lambdas: path.lambdas, nonzeroCounts: path.nonzeroCounts, devianceExplained: path.devianceExplained,
                             norms: path.l1Norms, normTitle: "Σ‖βₖ‖₁", certificates: path.certificates, crossValidation: crossValidation)
    }

    var certificateLine: String {
        PathColumns.logisticCertificateLine(path.certificates, tolerance: path.parameters.tolerance, dual: "multinomial")
    }

    var terminal: TextTable {
        PathColumns.terminal(columns, rows: path.lambdas.count, indexMin: crossValidation?.indexMin, index1SE: crossValidation?.index1SE)
    }

    var csvHeader: [String] {
        columns.map(\.name) + path.classes.flatMap { k in path.featureNames.map { "coef_\(k)_\($0)" } }
            + path.classes.map { "intercept_\($0)" }
    }

    var csvColumns: [CSVColumn] {
        let coefficients = path.coefficients
        return columns.map { .numbers($0.values) }
            + path.classes.indices.flatMap { k in path.featureNames.indices.map { j in CSVColumn.numbers(coefficients.map { $0[k][j] }) } }
            + path.classes.indices.map { k in .numbers(path.intercepts.map { $0[k] }) }
    }

    func reportData(title: String, subtitle: String) -> PathReportData {
        let cols = columns
        let rows = PathColumns.reportRows(cols, rows: path.lambdas.count)
        let grouped = path.penalty == .grouped
        let notes = [
            "Objective −(1/n)·log-likelihood + λ Σₖ (α‖βₖ‖₁ + (1−α)/2‖βₖ‖²) (glmnet's multinomial convention, symmetric parametrization: one coefficient vector and intercept per class\(grouped ? "; grouped: α Σⱼ ‖βⱼ·‖₂ over each feature's class coefficients instead of the ℓ₁ term" : "")) on standardized features (population sd); coefficients on the original scale, intercepts centred over the classes.",
            "relative_gap is the duality gap of each λ divided by the loss of the intercept-only model, from a feasible point of the multinomial (negative-entropy) dual: the residual Y − P, centred per class and rescaled so the dual norm constraint holds; every λ stops when it is ≤ the tolerance.",
            "Df counts the features with a non-zero coefficient in some class. pct_dev is glmnet's dev.ratio; the path ends early, as glmnet's does, when it exceeds 99.9% or gains less than 1e-5 from one λ to the next.",
        ]
        var data = PathReportData(title: title, subtitle: subtitle, lambdas: path.lambdas, featureNames: path.featureNames,
                                  coefficients: path.coefficients.map { $0[0] }, nonzeroCounts: path.nonzeroCounts,
                                  norms: path.l1Norms, normLabel: "Σ‖βₖ‖₁", cvMean: crossValidation?.means,
                                  cvStandardError: crossValidation?.standardErrors,
                                  cvLabel: crossValidation.map { "\($0.folds)-fold stratified cross-validation" } ?? "",
                                  lambdaMin: crossValidation?.lambdaMin, lambda1SE: crossValidation?.lambda1SE,
                                  tableHeader: cols.map(\.name), tableRows: rows, notes: notes,
                                  cvMeasure: crossValidation.map { Self.title($0.measure) } ?? "mean squared error")
        data.classCoefficients = path.classes.indices.map { k in
            PathReportData.ClassPaths(name: path.classes[k], coefficients: path.coefficients.map { $0[k] })
        }
        return data
    }
}
