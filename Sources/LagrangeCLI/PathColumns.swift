import Lagrange

/// A named per-λ column of a path table (shared by the Gaussian and logistic paths).
typealias PathColumn = (name: String, title: String, values: [Double], digits: Int)

enum PathColumns {
    /// glmnet `print`-like terminal table: one row per λ, the columns' titles (all but the raw
    /// duality gap), integers for counts, and the CV-selected rows marked `min` / `1se`.
    static func terminal(_ columns: [PathColumn], rows: Int, indexMin: Int?, index1SE: Int?) -> TextTable {
        let shown = columns.filter { $0.name != "duality_gap" }
        var table = TextTable(header: [""] + shown.map(\.title))
        for l in 0..<rows {
            var row = ["\(l + 1)"]
            for column in shown {
                let v = column.values[l]
                row.append(column.digits == 0 ? "\(Int(v))" : TextTable.format(v, significant: column.digits == 2 ? 2 : 4))
            }
            if l == indexMin { row[0] += " min" }
            if l == index1SE { row[0] += " 1se" }
            table.append(row)
        }
        return table
    }

    /// The report's table rows: integers for counts, at least 3 significant digits otherwise.
    static func reportRows(_ columns: [PathColumn], rows: Int) -> [[String]] {
        (0..<rows).map { l in
            columns.map { $0.digits == 0 ? "\(Int($0.values[l]))" : TextTable.format($0.values[l], significant: max($0.digits, 3)) }
        }
    }

    /// The per-λ columns of a logistic path (binomial or multinomial): λ, Df, %Dev, the norm
    /// (`normTitle`), relative and raw gaps, and the CV mean ± SE when cross-validated.
    static func logistic(lambdas: [Double], nonzeroCounts: [Int], devianceExplained: [Double], norms: [Double], normTitle: String,
                         certificates: [LogisticCertificate], crossValidation cv: ClassificationCrossValidationResult?) -> [PathColumn] {
        var out: [PathColumn] = [
            ("lambda", "λ", lambdas, 5), ("nonzero", "Df", nonzeroCounts.map(Double.init), 0),
            ("pct_dev", "%Dev", devianceExplained.map { 100 * $0 }, 4), ("l1_norm", normTitle, norms, 5),
            ("relative_gap", "rel. gap", certificates.map(\.relativeGap), 2),
            ("duality_gap", "gap", certificates.map(\.dualityGap), 2),
        ]
        if let cv {
            out.append(("cv_\(cv.measure.rawValue)", "CV \(cv.measure.rawValue)", cv.means, 5))
            out.append(("cv_se", "± SE", cv.standardErrors, 3))
        }
        return out
    }

    /// The certificate summary line of a logistic path; `dual` names the dual ("logistic", "multinomial").
    static func logisticCertificateLine(_ certificates: [LogisticCertificate], tolerance: Double, dual: String) -> String {
        let passes = certificates.reduce(0) { $0 + $1.iterations }
        return "certificates: largest relative duality gap \(TextTable.format(certificates.map(\.relativeGap).max() ?? 0, significant: 3)) (tol \(TextTable.format(tolerance, significant: 3)); gap / null-model loss on the standardized scale, from the \(dual) dual), largest KKT violation \(TextTable.format(certificates.map(\.maximumKKTViolation).max() ?? 0, significant: 3)), \(passes) coordinate passes"
    }
}
