import Foundation
import LinearAlgebra

/// What the PCA report shows, as plain numbers: the Reports module knows nothing of the
/// Decomposition module, the command line fills this in from a fitted model.
public struct PCAReportData: Sendable {
    public var source: String
    public var sampleCount: Int
    public var featureNames: [String]
    /// λᵢ / trace Σ for the kept components.
    public var explainedVarianceRatio: [Double]
    /// λᵢ / trace Σ for every component, when known (a longer scree plot).
    public var spectrumRatio: [Double]?
    public var explainedVariance: [Double]
    /// k × p, row i the loadings of component i.
    public var loadings: Matrix
    /// Scores on the first two components of the sampled rows (empty when k < 2).
    public var firstScores: [Double]
    public var secondScores: [Double]
    /// One label per sampled row, when a label column was given.
    public var labels: [String]?
    public var labelName: String?
    public var whiten: Bool
    /// Certificate lines: max ‖Σv − λv‖ and max|VVᵀ − I|.
    public var maxEigenResidual: Double
    public var orthonormalityError: Double

    public init(source: String, sampleCount: Int, featureNames: [String], explainedVarianceRatio: [Double],
                spectrumRatio: [Double]?, explainedVariance: [Double], loadings: Matrix, firstScores: [Double],
                secondScores: [Double], labels: [String]?, labelName: String?, whiten: Bool,
                maxEigenResidual: Double, orthonormalityError: Double) {
        self.source = source
        self.sampleCount = sampleCount
        self.featureNames = featureNames
        self.explainedVarianceRatio = explainedVarianceRatio
        self.spectrumRatio = spectrumRatio
        self.explainedVariance = explainedVariance
        self.loadings = loadings
        self.firstScores = firstScores
        self.secondScores = secondScores
        self.labels = labels
        self.labelName = labelName
        self.whiten = whiten
        self.maxEigenResidual = maxEigenResidual
        self.orthonormalityError = orthonormalityError
    }
}

/// The PCA report: one self-contained HTML page with the scree plot (ratio and cumulative),
/// the scores of the first two components coloured by label, and the loadings table.
public enum PCAReport {
    /// Label classes beyond this many share one grey "other", so the legend stays readable
    /// (ten, so that digit-like labels 0…9 each keep a colour).
    public static let maximumLabelClasses = 10
    /// The chart palette, extended by two distinct colours for the ninth and tenth class.
    static let classColors = SVGChart.palette + ["#882255", "#44AA99"]
    static let otherColor = "#BBBBBB"

    public static func render(_ data: PCAReportData) -> String {
        let k = data.explainedVarianceRatio.count
        var page = HTMLPage(title: "PCA — \(data.source)",
                            subtitle: "\(data.sampleCount) rows, \(data.featureNames.count) features, \(k) component\(k == 1 ? "" : "s") kept\(data.whiten ? " (whitened scores)" : "")")
        page.heading("Scree plot")
        page.chart(screeChart(data), caption: "Bars: share of the total variance explained by each component; line: cumulative share. Kept components are left of the dashed marker.")
        page.heading("Scores on the first two components")
        if let scatter = scoreChart(data) {
            let shown = data.firstScores.count
            let sampled = shown < data.sampleCount ? " (a uniform sample of \(shown) of the \(data.sampleCount) rows)" : ""
            page.chart(scatter, caption: "Each point is a row\(sampled)\(data.labelName.map { ", coloured by '\($0)'" } ?? "").")
        } else {
            page.paragraph("Only one component was kept, so there is no second axis to plot.")
        }
        page.heading("Loadings")
        let header = ["feature"] + (0..<k).map { "pc\($0 + 1)" }
        let rows = data.featureNames.indices.map { j in
            [data.featureNames[j]] + (0..<k).map { String(format: "%.4f", data.loadings[$0, j]) }
        }
        page.table(header: header, rows: rows, caption: "Component i is the unit vector vᵢ with Σvᵢ = λᵢvᵢ; its largest-|loading| entry is positive.")
        page.heading("Certificate")
        page.paragraph("max over kept components of ‖Σv − λv‖ = \(String(format: "%.3g", data.maxEigenResidual)); orthonormality error max|VVᵀ − I| = \(String(format: "%.3g", data.orthonormalityError)).")
        return page.render()
    }

    static func screeChart(_ data: PCAReportData) -> SVGChart {
        let ratios = data.spectrumRatio ?? data.explainedVarianceRatio
        let index = ratios.indices.map { Double($0 + 1) }
        var cumulative: [Double] = []
        var running = 0.0
        for r in ratios { running += r; cumulative.append(running) }
        var chart = SVGChart(title: "Explained variance ratio", xLabel: "component", yLabel: "share of total variance")
        chart.series = [
            SVGChart.Series(name: "ratio", x: index, y: ratios, style: .bars),
            SVGChart.Series(name: "cumulative", x: index, y: cumulative, style: .line),
            SVGChart.Series(name: "", x: index, y: cumulative, style: .points, color: SVGChart.palette[1]),
        ]
        let kept = data.explainedVarianceRatio.count
        if kept < ratios.count { chart.markers = [SVGChart.Marker(x: Double(kept) + 0.5, label: "\(kept) kept")] }
        return chart
    }

    static func scoreChart(_ data: PCAReportData) -> SVGChart? {
        guard data.explainedVarianceRatio.count >= 2, !data.firstScores.isEmpty else { return nil }
        func axis(_ c: Int) -> String { String(format: "pc%d (%.1f%%)", c + 1, 100 * data.explainedVarianceRatio[c]) }
        var chart = SVGChart(title: "Scores", xLabel: axis(0), yLabel: axis(1))
        guard let labels = data.labels else {
            chart.series = [SVGChart.Series(name: "rows", x: data.firstScores, y: data.secondScores, style: .points)]
            return chart
        }
        var order: [String] = []
        var counts: [String: Int] = [:]
        for label in labels {
            if counts[label] == nil { order.append(label) }
            counts[label, default: 0] += 1
        }
        order.sort()
        let named = order.count <= maximumLabelClasses ? order : Array(order.sorted { counts[$0]! > counts[$1]! }.prefix(maximumLabelClasses - 1)).sorted()
        let other = "other"
        for (index, name) in (named + (named.count < order.count ? [other] : [])).enumerated() {
            let members = labels.indices.filter { name == other ? !named.contains(labels[$0]) : labels[$0] == name }
            let color = index < named.count ? classColors[index % classColors.count] : otherColor
            chart.series.append(SVGChart.Series(name: name, x: members.map { data.firstScores[$0] },
                                                y: members.map { data.secondScores[$0] }, style: .points, color: color))
        }
        return chart
    }
}
