import Foundation

/// What the SVM grid-search report shows, as plain numbers (the command line fills it from a
/// C-SVC or ε-SVR grid search; Reports does not depend on the SVM module).
public struct SVMGridReportData: Sendable {
    public var title: String
    public var subtitle: String?
    /// Increasing log₂C values (the heat map's columns).
    public var log2Cs: [Double]
    /// log₂γ values in grid order (the heat map's rows, top to bottom); nil for the linear kernel.
    public var log2Gammas: [Double]?
    /// What was cross-validated, e.g. "CV accuracy (%)" or "CV mean squared error".
    public var measure: String
    /// The measure at every point, γ-major (index g·|C| + c).
    public var values: [Double]
    /// Accuracy (true) or an error (false).
    public var higherIsBetter: Bool
    /// Index of the chosen point (γ-major).
    public var bestIndex: Int
    /// Mean support vectors per fold fit, and SMO iterations summed over the folds, per point.
    public var supportVectors: [Double]
    public var iterations: [Double]
    /// The certificate table (one row per point).
    public var tableHeader: [String]
    public var tableRows: [[String]]
    /// Lines of explanation (folds, tie rule, warm starts).
    public var notes: [String]
    /// The searched parameter as the columns show it ("log₂C"; "ν" for a ν-SVC grid, whose
    /// `log2Cs` then hold the ν values), and its name in the text ("C"; "ν").
    public var parameterLabel = "log₂C"
    public var parameterName = "C"

    public init(title: String, subtitle: String? = nil, log2Cs: [Double], log2Gammas: [Double]?, measure: String,
                values: [Double], higherIsBetter: Bool, bestIndex: Int, supportVectors: [Double], iterations: [Double],
                tableHeader: [String], tableRows: [[String]], notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.log2Cs = log2Cs
        self.log2Gammas = log2Gammas
        self.measure = measure
        self.values = values
        self.higherIsBetter = higherIsBetter
        self.bestIndex = bestIndex
        self.supportVectors = supportVectors
        self.iterations = iterations
        self.tableHeader = tableHeader
        self.tableRows = tableRows
        self.notes = notes
    }
}

/// The grid-search page: the heat map of the CV measure over log₂C × log₂γ with the chosen
/// point outlined, support vectors and SMO iterations along C (or ν), and the certificate table.
public enum SVMGridReport {
    /// Beyond this many γ values the along-C charts show only the chosen γ.
    public static let maximumLines = 8

    public static func render(_ data: SVMGridReportData) -> String {
        var page = HTMLPage(title: data.title, subtitle: data.subtitle)
        let columns = data.log2Cs.count
        let gammaLabels = data.log2Gammas.map { $0.map { Ticks.label($0) } } ?? ["—"]
        let (bestRow, bestColumn) = data.bestIndex.quotientAndRemainder(dividingBy: columns)
        page.heading("Cross-validation over the grid")
        let map = HeatMap(title: data.measure, xLabel: data.parameterLabel, yLabel: data.log2Gammas == nil ? "" : "log₂γ",
                          columnLabels: data.log2Cs.map { Ticks.label($0) }, rowLabels: gammaLabels, values: data.values,
                          higherIsBetter: data.higherIsBetter, valueLabel: data.measure, marked: (bestRow, bestColumn),
                          cellText: data.values.map { TextTable.format($0, significant: 4) })
        page.raw("<figure>\(map.render())<figcaption>\(HTMLPage.escape("One cell per (\(data.parameterName), γ); brighter is better. The outlined cell is the chosen point (\(data.parameterLabel) \(Ticks.label(data.log2Cs[bestColumn]))\(data.log2Gammas.map { ", log₂γ \(Ticks.label($0[bestRow]))" } ?? "")).")) </figcaption></figure>")

        let shownRows = gammaLabels.count <= maximumLines ? Array(gammaLabels.indices) : [bestRow]
        let which = shownRows.count == 1 && gammaLabels.count > 1 ? " at the chosen γ" : ""
        func along(_ values: [Double], title: String, yLabel: String) -> SVGChart {
            var chart = SVGChart(title: title, xLabel: data.parameterLabel, yLabel: yLabel)
            chart.series = shownRows.map { g in
                SVGChart.Series(name: data.log2Gammas == nil ? "" : "log₂γ = \(gammaLabels[g])", x: data.log2Cs,
                                y: (0..<columns).map { values[g * columns + $0] })
            }
            chart.series += shownRows.enumerated().map { position, g in
                SVGChart.Series(name: "", x: data.log2Cs, y: (0..<columns).map { values[g * columns + $0] }, style: .points,
                                color: SVGChart.palette[position % SVGChart.palette.count])
            }
            chart.markers = [SVGChart.Marker(x: data.log2Cs[bestColumn], label: "chosen \(data.parameterName)")]
            return chart
        }
        page.heading("Along \(data.parameterName)")
        page.chart(along(data.supportVectors, title: "Support vectors\(which)", yLabel: "support vectors (mean per fold)"),
                   caption: "Support vectors of the fold fits along \(data.parameterName), one line per γ.")
        page.chart(along(data.iterations, title: "SMO iterations\(which)", yLabel: "iterations (sum over folds)"),
                   caption: "SMO iterations along \(data.parameterName), summed over the folds; with warm starts each \(data.parameterName) starts from the previous \(data.parameterName)'s solution.")
        page.conventions(data.notes)
        page.heading("Certificates per point")
        page.table(header: data.tableHeader, rows: data.tableRows)
        return page.render()
    }
}
