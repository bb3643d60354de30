import Lagrange

/// What `path logistic` prints and writes for either family, from its per-λ table.
protocol ClassificationPathTable {
    var certificateLine: String { get }
    var terminal: TextTable { get }
    var csvHeader: [String] { get }
    var csvColumns: [CSVColumn] { get }
    func reportData(title: String, subtitle: String) -> PathReportData
}

extension LogisticPathTable: ClassificationPathTable {}
extension MultinomialPathTable: ClassificationPathTable {}

extension PathCommand {
    /// Prints a logistic path (its table, certificates and CV line) and writes `--table`,
    /// `--report` and, with CV, the model at the selected λ (`--model`).
    /// - Parameters:
    ///   - heading: "binomial logistic path", "multinomial logistic path".
    ///   - stage: the preprocessing saved in front of the model, if any.
    ///   - model: the path's model at a λ index.
    func emitLogisticPath(_ table: some ClassificationPathTable, heading: String, source: String, description: String,
                          crossValidation cv: ClassificationCrossValidationResult?, measureTitle: String,
                          stage: PreprocessingStage?, model: (Int) -> LogisticModel) throws {
        Console.print("\(heading) on \(source): \(description)")
        Console.print(table.terminal.rendered.trimmingCharacters(in: .newlines))
        Console.print(table.certificateLine)
        if let cv {
            Console.print("\(cv.folds)-fold stratified CV (seed \(seed)) on \(measureTitle): λ_min = \(TextTable.format(cv.lambdaMin)) (\(TextTable.format(cv.means[cv.indexMin])) ± \(TextTable.format(cv.standardErrors[cv.indexMin]))), λ_1se = \(TextTable.format(cv.lambda1SE))")
        }
        if let file = self.table {
            try AtomicFile.write(CSVWriter.render(header: table.csvHeader, columns: table.csvColumns), to: file)
            Console.print("table written to \(file)")
        }
        if let file = report {
            try AtomicFile.write(PathReport.render(table.reportData(title: "\(heading) — \(source)", subtitle: description)), to: file)
            Console.print("report written to \(file)")
        }
        if let file = self.model, let cv {
            let rule = select == .min ? "min" : "1se"
            let saved = model(select == .min ? cv.indexMin : cv.index1SE).selected(by: cv.selection(rule: rule))
            try ModelFile.write(stage.saved(saved), to: file)
            Console.print("model at λ = \(TextTable.format(saved.lambda)) written to \(file)")
        }
    }
}
