import Foundation
import Lagrange

/// The per-λ table of a path, in three forms: terminal (like glmnet's `print`), CSV, report.
struct PathTable {
    let path: any RegularizationPath
    let crossValidation: CrossValidationResult?

    private var family: LinearModelFamily { path.family }
    private var lambdas: [Double] { path.lambdas }
    /// The dense L × p coefficients (an elastic-net path builds them from its sparse storage on
    /// each access: each output reads them once).
    private var coefficients: [[Double]] { path.coefficients }
    private var nonzero: [Int] { path.nonzeroCounts }

    /// The certificate quantities shown per λ, with their column names and titles.
    private static let certificateColumns: [(measure: CertificateMeasure, name: String, title: String)] = [
        (.relativeDualityGap, "relative_gap", "rel. gap"), (.dualityGap, "duality_gap", "gap"),
        (.relativeNormalEquationResidual, "normal_eq_residual", "NE resid."),
    ]

    /// Named numeric columns (shared by the three forms).
    private var columns: [PathColumn] {
        var out: [(String, String, [Double], Int)] = [("lambda", "λ", lambdas, 5), ("nonzero", "Df", nonzero.map(Double.init), 0),
                                                      ("pct_dev", "%Dev", path.devianceExplained.map { 100 * $0 }, 4)]
        out.append(family == .ridge ? ("l2_norm", "‖β‖₂", path.l2Norms, 5) : ("l1_norm", "‖β‖₁", path.l1Norms, 5))
        let (before, after) = (path.diagnostics.filter { !$0.followsCertificate }, path.diagnostics.filter(\.followsCertificate))
        for diagnostic in before { out.append((diagnostic.name, diagnostic.title, diagnostic.values, diagnostic.isCount ? 0 : 5)) }
        let certificates = path.certificates
        for column in Self.certificateColumns {
            let values = certificates.compactMap { $0.value(of: column.measure) }
            if values.count == certificates.count, !values.isEmpty { out.append((column.name, column.title, values, 2)) }
        }
        for diagnostic in after { out.append((diagnostic.name, diagnostic.title, diagnostic.values, diagnostic.isCount ? 0 : 5)) }
        if let cv = crossValidation {
            out.append(("cv_mean", "CV MSE", cv.meanErrors, 5))
            out.append(("cv_se", "± SE", cv.standardErrors, 3))
        }
        return out
    }

    /// One line on the path's certificates.
    var certificateLine: String {
        let certificates = path.certificates
        let worst = { (measure: CertificateMeasure) in certificates.compactMap { $0.value(of: measure) }.max() ?? 0 }
        if family == .ridge {
            return "certificates: largest relative normal-equation residual \(TextTable.format(worst(.relativeNormalEquationResidual), significant: 3))"
        }
        let iterations = certificates.compactMap { $0.value(of: .iterations) }.reduce(0, +)
        let tolerance = certificates.first?.tolerance ?? .nan
        return "certificates: largest relative duality gap \(TextTable.format(worst(.relativeDualityGap), significant: 3)) (tol \(TextTable.format(tolerance, significant: 3)); gap / ((1/2n)‖y − ȳ‖²) on the standardized scale), largest KKT violation \(TextTable.format(worst(.maximumKKTViolation), significant: 3)), \(Int(iterations)) coordinate passes"
    }

    /// glmnet `print`-like: Df, %Dev, λ, then the norm, the certificate and CV.
    var terminal: TextTable {
        PathColumns.terminal(columns, rows: lambdas.count, indexMin: crossValidation?.indexMin, index1SE: crossValidation?.index1SE)
    }

    var csvHeader: [String] { columns.map(\.name) + featureNames.map { "coef_\($0)" } + ["intercept"] }

    private var featureNames: [String] { path.featureNames }
    private var intercepts: [Double] { path.intercepts }

    var csvColumns: [CSVColumn] {
        let coefs = coefficients
        // Counts (digits 0) are written as integers, `2`, not `2.0`.
        return columns.map { $0.digits == 0 ? .text($0.values.map { String(Int($0)) }) : .numbers($0.values) } + featureNames.indices.map { j in .numbers(coefs.map { $0[j] }) } + [.numbers(intercepts)]
    }

    func reportData(title: String, subtitle: String, featureNames: [String]) -> PathReportData {
        let cols = columns
        let header = cols.map(\.name)
        let rows = PathColumns.reportRows(cols, rows: lambdas.count)
        var notes = [
            "Objective (1/2n)‖y − b − Xβ‖² + λ(α‖β‖₁ + (1−α)/2‖β‖²) on standardized features (population sd, glmnet's convention); coefficients are shown on the original scale.",
        ]
        switch family {
        case .lasso, .enet:
            notes.append("relative_gap is the duality gap of each λ divided by (1/2n)‖y − ȳ‖², from a feasible dual point (the rescaled residual); every λ stops when it is ≤ the tolerance.")
            notes.append("screened is the number of features gap-safe screening proved zero at that λ (Fercoq, Gramfort & Salmon 2015): from the final primal–dual pair, every feature whose correlation with the dual point stays below λα wⱼ over the whole ball the gap allows; a safe rule never drops a feature that is active at the optimum.")
        case .ridge:
            notes.append("loo_mse is the exact leave-one-out error (closed form, equal to n refits); gcv_mse the generalized cross-validation error; normal_eq_residual the relative residual of the normal equations.")
        }
        return PathReportData(title: title, subtitle: subtitle, lambdas: lambdas, featureNames: featureNames,
                              coefficients: coefficients, nonzeroCounts: nonzero,
                              norms: family == .ridge ? path.l2Norms : path.l1Norms, normLabel: family == .ridge ? "‖β‖₂" : "‖β‖₁",
                              cvMean: crossValidation?.meanErrors, cvStandardError: crossValidation?.standardErrors,
                              cvLabel: crossValidation.map { "\($0.folds)-fold cross-validation" } ?? "",
                              lambdaMin: crossValidation?.lambdaMin, lambda1SE: crossValidation?.lambda1SE,
                              tableHeader: header, tableRows: rows, notes: notes)
    }
}
