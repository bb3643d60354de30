import Foundation
import Lagrange

/// What the three grid searches (`path svm`, `path svm --nu-svc`, `path svr`) print and write
/// alike: the certificate summary, the `--table` CSV and the `--report` page.
extension SVMGridOptions {
    /// The certificate line (converged fold fits, largest KKT violation, the largest `gapName`,
    /// SMO iterations), and a warning when a fold fit stopped at the iteration cap (`scoreWord`
    /// names what such fits make unreliable: "accuracies", "errors").
    func printCertificates(_ points: [some GridPointCertificates], gapName: String = "largest relative duality gap",
                           gap: Double? = nil, scoreWord: String) {
        let fits = points.count * folds
        let unconverged = points.reduce(0) { $0 + $1.certificates.filter { !$0.converged }.count }
        let largestGap = gap ?? points.map(\.largestRelativeDualityGap).max() ?? 0
        Console.print("certificates: \(fits - unconverged) of \(fits) fold fits converged (tol \(tol)); largest KKT violation "
            + "\(TextTable.format(points.map(\.maximumKKTViolation).max() ?? 0, significant: 3)), \(gapName) "
            + "\(TextTable.format(largestGap, significant: 3)), \(points.reduce(0) { $0 + $1.iterations }) SMO iterations")
        if unconverged > 0 {
            Console.warn("\(unconverged) fold fits stopped at the iteration cap; their \(scoreWord) come from solutions that are not optimal")
        }
    }

    /// Writes `--table`, when given (`SVMGridOptions.table`).
    func writeTable(_ points: [some GridPointCertificates], log2Cs: [Double], log2Gammas: [Double],
                    scores: [(name: String, values: [Double])], nus: [Double]? = nil) throws {
        guard let table else { return }
        try AtomicFile.write(Self.table(points, log2Cs: log2Cs, log2Gammas: log2Gammas, folds: folds, scores: scores, nus: nus),
                             to: table)
        Console.print("table written to \(table)")
    }

    /// Writes `--report`, when given: the heat map of `values` over `columns` (log₂C, or ν) ×
    /// log₂γ with `bestIndex` marked, support vectors and iterations along the columns, and the
    /// certificate table (first header cell `columnHeader`, score column `scoreHeader`/`scoreText`).
    func writeReport(_ points: [some GridPointCertificates], title: String, subtitle: String, columns: [Double],
                     columnHeader: String, log2Gammas: [Double], measure: String, scoreHeader: String, values: [Double],
                     scoreText: [String], higherIsBetter: Bool, bestIndex: Int, notes: [String],
                     parameter: (label: String, name: String)? = nil) throws {
        guard let report else { return }
        var page = SVMGridReportData(
            title: title, subtitle: subtitle, log2Cs: columns, log2Gammas: kernel == .linear ? nil : log2Gammas, measure: measure,
            values: values, higherIsBetter: higherIsBetter, bestIndex: bestIndex,
            supportVectors: points.map(\.meanSupportVectors), iterations: points.map { Double($0.iterations) },
            tableHeader: [columnHeader, "log2 γ", scoreHeader, "support vectors (mean per fold)", "iterations", "max KKT violation",
                          "max duality gap", "converged"],
            tableRows: Self.certificateRows(points, log2Cs: columns, log2Gammas: log2Gammas, score: scoreText),
            notes: notes)
        if let parameter {
            page.parameterLabel = parameter.label
            page.parameterName = parameter.name
        }
        try AtomicFile.write(SVMGridReport.render(page), to: report)
        Console.print("report written to \(report)")
    }
}
