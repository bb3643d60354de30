import Foundation
import Lagrange

/// The per-λ table of a path, in three forms: terminal (like glmnet's `print`), CSV, report.
struct PathTable {
    let view: PathView
    let family: LinearModelFamily
    let crossValidation: CrossValidationResult?

    private var lambdas: [Double] { view.lambdas }

    private var coefficients: [[Double]] {
        switch view {
        case let .elasticNet(p): return p.coefficients
        case let .ridge(p): return p.coefficients
        }
    }

    private var deviance: [Double] {
        switch view {
        case let .elasticNet(p): return p.devianceExplained
        case let .ridge(p): return p.devianceExplained
        }
    }

    private var nonzero: [Int] { coefficients.map { $0.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } } }
    private var l1: [Double] { coefficients.map { $0.reduce(0) { $0 + abs($1) } } }
    private var l2: [Double] { coefficients.map { $0.reduce(0) { $0 + $1 * $1 }.squareRoot() } }

    /// Named numeric columns (shared by the three forms).
    private var columns: [(name: String, values: [Double], digits: Int)] {
        var out: [(String, [Double], Int)] = [("lambda", lambdas, 5), ("nonzero", nonzero.map(Double.init), 0),
                                              ("pct_dev", deviance.map { 100 * $0 }, 4)]
        switch view {
        case let .elasticNet(p):
            out.append(("l1_norm", l1, 5))
            out.append(("relative_gap", p.certificates.map(\.relativeGap), 2))
            out.append(("duality_gap", p.certificates.map(\.dualityGap), 2))
            out.append(("screened", p.screenedCounts.map(Double.init), 0))
        case let .ridge(p):
            out.append(("l2_norm", l2, 5))
            out.append(("loo_mse", p.leaveOneOutErrors, 5))
            out.append(("gcv_mse", p.generalizedCrossValidationErrors, 5))
            out.append(("normal_eq_residual", p.certificates.map(\.relativeResidual), 2))
        }
        if let cv = crossValidation {
            out.append(("cv_mean", cv.meanErrors, 5))
            out.append(("cv_se", cv.standardErrors, 3))
        }
        return out
    }

    /// glmnet `print`-like: Df, %Dev, λ, then the norm, the certificate and CV.
    var terminal: TextTable {
        let cols = columns
        let titles = ["lambda": "λ", "nonzero": "Df", "pct_dev": "%Dev", "l1_norm": "‖β‖₁", "l2_norm": "‖β‖₂",
                      "relative_gap": "rel. gap", "duality_gap": "gap", "loo_mse": "LOO MSE", "gcv_mse": "GCV MSE",
                      "normal_eq_residual": "NE resid.", "cv_mean": "CV MSE", "cv_se": "± SE", "screened": "screened"]
        let shown = cols.filter { $0.name != "duality_gap" }
        var table = TextTable(header: [""] + shown.map { titles[$0.name] ?? $0.name })
        for l in lambdas.indices {
            var row = ["\(l + 1)"]
            for column in shown {
                let v = column.values[l]
                row.append(column.digits == 0 ? "\(Int(v))" : TextTable.format(v, significant: column.digits == 2 ? 2 : 4))
            }
            if let cv = crossValidation {
                if l == cv.indexMin { row[0] += " min" }
                if l == cv.index1SE { row[0] += " 1se" }
            }
            table.append(row)
        }
        return table
    }

    var csvHeader: [String] { columns.map(\.name) + featureNames.map { "coef_\($0)" } + ["intercept"] }

    private var featureNames: [String] {
        switch view {
        case let .elasticNet(p): return p.featureNames
        case let .ridge(p): return p.featureNames
        }
    }

    private var intercepts: [Double] {
        switch view {
        case let .elasticNet(p): return p.intercepts
        case let .ridge(p): return p.intercepts
        }
    }

    var csvColumns: [CSVColumn] {
        let coefs = coefficients
        return columns.map { .numbers($0.values) } + featureNames.indices.map { j in .numbers(coefs.map { $0[j] }) } + [.numbers(intercepts)]
    }

    func reportData(title: String, subtitle: String, featureNames: [String]) -> PathReportData {
        let cols = columns
        let header = cols.map(\.name)
        let rows = lambdas.indices.map { l in
            cols.map { $0.digits == 0 ? "\(Int($0.values[l]))" : TextTable.format($0.values[l], significant: max($0.digits, 3)) }
        }
        var notes = [
            "Objective (1/2n)‖y − b − Xβ‖² + λ(α‖β‖₁ + (1−α)/2‖β‖²) on standardized features (population sd, glmnet's convention); coefficients are shown on the original scale.",
        ]
        switch view {
        case .elasticNet:
            notes.append("relative_gap is the duality gap of each λ divided by (1/2n)‖y − ȳ‖², from a feasible dual point (the rescaled residual); every λ stops when it is ≤ the tolerance.")
            notes.append("screened is the number of features gap-safe screening proved zero at that λ (Fercoq, Gramfort & Salmon 2015): from the final primal–dual pair, every feature whose correlation with the dual point stays below λα wⱼ over the whole ball the gap allows; a safe rule never drops a feature that is active at the optimum.")
        case .ridge:
            notes.append("loo_mse is the exact leave-one-out error (closed form, equal to n refits); gcv_mse the generalized cross-validation error; normal_eq_residual the relative residual of the normal equations.")
        }
        return PathReportData(title: title, subtitle: subtitle, lambdas: lambdas, featureNames: featureNames,
                              coefficients: coefficients, nonzeroCounts: nonzero,
                              norms: family == .ridge ? l2 : l1, normLabel: family == .ridge ? "‖β‖₂" : "‖β‖₁",
                              cvMean: crossValidation?.meanErrors, cvStandardError: crossValidation?.standardErrors,
                              cvLabel: crossValidation.map { "\($0.folds)-fold cross-validation" } ?? "",
                              lambdaMin: crossValidation?.lambdaMin, lambda1SE: crossValidation?.lambda1SE,
                              tableHeader: header, tableRows: rows, notes: notes)
    }
}
