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
}
