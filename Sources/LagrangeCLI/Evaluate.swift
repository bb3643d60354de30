import ArgumentParser
import Foundation
import Lagrange

/// `lagrange evaluate`: a saved model scored on labelled (held-out) data.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a saved model on labelled data: accuracy, balanced accuracy, confusion matrix, per-class precision / recall / F1 and AUC (two classes) for a classifier; MSE, RMSE, MAE and R² for a regressor.",
        discussion: """
        The data needs the model's feature columns and its target column, by name. Rows whose
        target is missing, and rows the model leaves out (--missing omit), are not scored; their
        count goes to standard error. The AUC uses the decision values, positive for the second
        class in the model's class order. Definitions are scikit-learn's (sklearn.metrics).
        """
    )

    @Option(help: ArgumentHelp("Model file written by 'lagrange fit'.", valueName: "file"))
    var model: String

    @Option(help: ArgumentHelp("CSV file with a header row, with the target column ('-' for standard input), or LIBSVM text (.svm/.libsvm).", valueName: "file"))
    var data: String

    @Option(help: ArgumentHelp("Input format: csv or libsvm (default: from the file name).", valueName: "format"))
    var format: DataFormatArgument?

    @OptionGroup var csvFormat: CSVFormatOptions

    @Flag(help: "Print the scores as JSON.")
    var json = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        output.apply()
        let fitted = try ModelRegistry.load(path: model)
        let kind = type(of: fitted).modelKind
        let classifier = fitted as? any Classifier
        guard let targetName = fitted.targetName, classifier != nil || fitted is any Regressor else {
            throw DataError(.modelFile, file: model, "is a '\(kind)' model, which has no target to score; evaluate scores classifiers and regressors")
        }
        let table: CSVTable
        if (format?.format ?? DataFormat.infer(path: data)) == .libsvm {
            // The format `fit` reads: features f1…fp and the label, as `predict` reads it.
            table = try InputTable.read(path: data, format: format, csv: csvFormat, featureCount: fitted.featureNames.count)
        } else {
            var csv = try csvFormat.csvOptions(for: data)
            if classifier != nil { csv.keepText = .columns([targetName]) }
            table = try CSVReader(options: csv).read(path: data)
        }
        guard let j = table.columnNames.firstIndex(of: targetName) else {
            throw DataError(.unknownColumn, file: table.source, "the model's target column '\(targetName)' is missing; evaluate needs the true values")
        }
        let binary = classifier.map { $0.classes.count == 2 && fitted.hasDecisionValues } ?? false
        let outputs = try ModelInput.outputs(fitted, table: table, decision: binary, warnOmitted: false)
        let omitted = Set(outputs.omittedRows)
        var report = EvaluationReport(model: model, kind: kind, data: table.source, target: targetName)
        if let classifier {
            let truth: [String?] = table.textColumns[j] ?? table.values.column(j).map { $0.isNaN ? nil : NumberFormatting.shortest($0) }
            let rows = (0..<table.rowCount).filter { truth[$0] != nil && !omitted.contains($0) }
            try report.setScored(rows.count, of: table.rowCount, missingTarget: truth.filter { $0 == nil }.count)
            guard case let .text(predicted)? = outputs.columns.first(where: { $0.name == "prediction" })?.values else {
                throw LagrangeError.invalidData("the '\(kind)' model gave no prediction column")
            }
            var decision: [Double]?
            if binary, case let .numbers(values)? = outputs.columns.first(where: { $0.name == "decision" })?.values {
                decision = rows.map { values[$0] }
            }
            report.classification = try ClassificationScores(truth: rows.map { truth[$0]! }, predicted: rows.map { predicted[$0] },
                                                             decisionValues: decision, positiveClass: binary ? classifier.classes[1] : nil)
        } else {
            if let text = table.firstText[j] {
                throw DataError(.nonNumeric, file: table.source, line: text.line, column: j + 1,
                                "non-numeric value '\(text.text ?? "")' in the target column '\(targetName)' of a regression")
            }
            let truth = table.values.column(j)
            let rows = (0..<table.rowCount).filter { !truth[$0].isNaN && !omitted.contains($0) }
            try report.setScored(rows.count, of: table.rowCount, missingTarget: truth.filter(\.isNaN).count)
            guard case let .numbers(predicted)? = outputs.columns.first(where: { $0.name == "prediction" })?.values else {
                throw LagrangeError.invalidData("the '\(kind)' model gave no prediction column")
            }
            report.regression = try RegressionScores(truth: rows.map { truth[$0] }, predicted: rows.map { predicted[$0] })
        }
        if report.notScored > 0 {
            Console.warn("\(report.notScored) of \(table.rowCount) rows not scored (\(report.missingTarget) with a missing target, "
                + "\(report.notScored - report.missingTarget) left out by the model for a missing cell)")
        }
        Console.print(json ? try report.json() : report.text)
    }
}

/// What `evaluate` prints, as text or JSON.
struct EvaluationReport: Encodable {
    let model: String
    let kind: String
    let data: String
    let target: String
    var scored = 0
    var notScored = 0
    var missingTarget = 0
    var classification: ClassificationScores?
    var regression: RegressionScores?

    init(model: String, kind: String, data: String, target: String) {
        self.model = model
        self.kind = kind
        self.data = data
        self.target = target
    }

    mutating func setScored(_ count: Int, of total: Int, missingTarget: Int) throws {
        guard count > 0 else {
            throw LagrangeError.invalidData("\(data): no row can be scored (every row has a missing target, or a missing cell the model leaves out)")
        }
        scored = count
        notScored = total - count
        self.missingTarget = missingTarget
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    var text: String {
        let f = { (value: Double) in TextTable.format(value, significant: 6) }
        var out = "\(kind) model \(model) on \(data): \(scored) rows scored, target '\(target)'\n"
        if let scores = classification {
            var summary = [("accuracy", f(scores.accuracy)), ("balanced accuracy", f(scores.balancedAccuracy))]
            if let auc = scores.auc { summary.append(("AUC", "\(f(auc)) (decision values; positive class '\(scores.positiveClass ?? "")')")) }
            summary += [("macro F1", f(scores.macroF1)), ("weighted F1", f(scores.weightedF1))]
            out += Self.aligned(summary)
            var confusion = TextTable(header: ["true \\ predicted"] + scores.classes)
            for (label, row) in zip(scores.classes, scores.confusion) { confusion.append([label] + row.map(String.init)) }
            out += "confusion matrix (rows: true class, columns: predicted class)\n" + confusion.rendered
            var perClass = TextTable(header: ["class", "precision", "recall", "F1", "support"])
            for c in scores.perClass { perClass.append([c.label, f(c.precision), f(c.recall), f(c.f1), "\(c.support)"]) }
            out += "per class\n" + perClass.rendered
        }
        if let scores = regression {
            out += Self.aligned([("MSE", f(scores.meanSquaredError)), ("RMSE", f(scores.rootMeanSquaredError)),
                                 ("MAE", f(scores.meanAbsoluteError)), ("R²", f(scores.r2))])
        }
        return out
    }

    private static func aligned(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 + "\n" }.joined()
    }
}
