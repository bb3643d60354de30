import Foundation

/// What a regularization-path report shows, as plain data (filled by the command line from a
/// fitted path; Reports does not depend on the model modules).
public struct PathReportData: Sendable {
    public var title: String
    public var subtitle: String?
    /// Decreasing λ values.
    public var lambdas: [Double]
    public var featureNames: [String]
    /// Original-scale coefficients, one array of p per λ.
    public var coefficients: [[Double]]
    public var nonzeroCounts: [Int]
    /// The norm the second chart uses on its x axis (‖β‖₁ for lasso / elastic net, ‖β‖₂ for ridge).
    public var norms: [Double]
    public var normLabel: String
    /// Cross-validation curve (mean and standard error of the held-out MSE per λ), if any.
    public var cvMean: [Double]?
    public var cvStandardError: [Double]?
    public var cvLabel: String
    public var lambdaMin: Double?
    public var lambda1SE: Double?
    /// What the CV curve measures (its y axis), e.g. "mean squared error" or "binomial deviance".
    public var cvMeasure: String
    /// The table under the charts.
    public var tableHeader: [String]
    public var tableRows: [[String]]
    /// Lines of explanation (conventions, certificate scaling).
    public var notes: [String]
    /// A model with one coefficient vector per class (the multinomial): one coefficient chart per
    /// class, in place of the single one of `coefficients`.
    public var classCoefficients: [ClassPaths] = []

    /// One class's original-scale coefficients, one array of p per λ.
    public struct ClassPaths: Sendable {
        public var name: String
        public var coefficients: [[Double]]

        public init(name: String, coefficients: [[Double]]) {
            self.name = name
            self.coefficients = coefficients
        }
    }

    public init(title: String, subtitle: String? = nil, lambdas: [Double], featureNames: [String], coefficients: [[Double]],
                nonzeroCounts: [Int], norms: [Double], normLabel: String, cvMean: [Double]? = nil,
                cvStandardError: [Double]? = nil, cvLabel: String = "cross-validation", lambdaMin: Double? = nil,
                lambda1SE: Double? = nil, tableHeader: [String], tableRows: [[String]], notes: [String] = [],
                cvMeasure: String = "mean squared error") {
        self.title = title
        self.subtitle = subtitle
        self.lambdas = lambdas
        self.featureNames = featureNames
        self.coefficients = coefficients
        self.nonzeroCounts = nonzeroCounts
        self.norms = norms
        self.normLabel = normLabel
        self.cvMean = cvMean
        self.cvStandardError = cvStandardError
        self.cvLabel = cvLabel
        self.lambdaMin = lambdaMin
        self.lambda1SE = lambda1SE
        self.tableHeader = tableHeader
        self.tableRows = tableRows
        self.notes = notes
        self.cvMeasure = cvMeasure
    }
}

/// The regularization-path page: coefficient paths against log λ (non-zero counts on the top
/// axis), the same paths against the norm, the CV curve with ±1 SE bars and λ_min / λ_1se
/// marked, and the path table. One self-contained HTML file.
public enum PathReport {
    /// At most this many feature paths get a label at their end (the largest at the last λ).
    public static let labelledPaths = 12
    /// Top-axis labels shown along λ.
    public static let topAxisLabels = 8

    public static func render(_ data: PathReportData) -> String {
        var page = HTMLPage(title: data.title, subtitle: data.subtitle)
        let p = data.featureNames.count
        let positive = data.lambdas.indices.filter { data.lambdas[$0] > 0 }
        let panels = data.classCoefficients.isEmpty ? [PathReportData.ClassPaths(name: "", coefficients: data.coefficients)]
            : data.classCoefficients
        for panel in panels {
            let coefficients = panel.coefficients
            let finalSize = (0..<p).map { j in abs(coefficients.last?[j] ?? 0) }
            let labelled = Set((0..<p).sorted { finalSize[$0] > finalSize[$1] }.prefix(labelledPaths))
            func paths(against x: [Double]) -> [SVGChart.Series] {
                (0..<p).map { j in
                    SVGChart.Series(name: data.featureNames[j], x: x, y: coefficients.map { $0[j] },
                                    labelAtEnd: labelled.contains(j))
                }
            }
            let suffix = panel.name.isEmpty ? "" : " — class \(panel.name)"
            var byLambda = SVGChart(title: "Coefficient paths\(suffix)", xLabel: "λ (log scale)", yLabel: "coefficient (original scale)", xScale: .log10)
            byLambda.series = paths(against: data.lambdas).map { series in
                var s = series
                s.x = positive.map { series.x[$0] }
                s.y = positive.map { series.y[$0] }
                return s
            }
            byLambda.showLegend = p <= labelledPaths
            let step = max(1, positive.count / topAxisLabels)
            byLambda.topAxis = ("non-zero coefficients",
                                stride(from: 0, to: positive.count, by: step).map { (data.lambdas[positive[$0]], "\(data.nonzeroCounts[positive[$0]])") })
            if let lambdaMin = data.lambdaMin { byLambda.markers.append(.init(x: lambdaMin, label: "λ_min")) }
            if let lambda1SE = data.lambda1SE { byLambda.markers.append(.init(x: lambda1SE, label: "λ_1se")) }
            page.chart(byLambda, caption: panel.name.isEmpty
                ? "Each line is one feature’s coefficient against λ (log scale): large λ, where every coefficient is zero, on the right. The top axis counts the non-zero coefficients."
                : "Each line is one feature’s coefficient for class \(panel.name) against λ (log scale). The top axis counts the features non-zero in some class.")

            var byNorm = SVGChart(title: "Coefficient paths against \(data.normLabel)\(suffix)", xLabel: data.normLabel, yLabel: "coefficient (original scale)")
            byNorm.series = paths(against: data.norms)
            byNorm.showLegend = p <= labelledPaths
            page.chart(byNorm, caption: "The same paths against the size of the coefficient vector.")
        }

        if let mean = data.cvMean, let se = data.cvStandardError {
            var cv = SVGChart(title: data.cvLabel, xLabel: "λ (log scale)", yLabel: data.cvMeasure, xScale: .log10)
            cv.series = [SVGChart.Series(name: "mean", x: positive.map { data.lambdas[$0] }, y: positive.map { mean[$0] }, style: .points)]
            cv.errorBars = positive.map { SVGChart.ErrorBar(x: data.lambdas[$0], low: mean[$0] - se[$0], high: mean[$0] + se[$0]) }
            if let lambdaMin = data.lambdaMin { cv.markers.append(.init(x: lambdaMin, label: "λ_min")) }
            if let lambda1SE = data.lambda1SE { cv.markers.append(.init(x: lambda1SE, label: "λ_1se")) }
            cv.showLegend = false
            page.chart(cv, caption: "Held-out \(data.cvMeasure) ± 1 standard error per λ; λ_min optimizes it, λ_1se is the largest λ within one standard error of the optimum.")
        }
        page.conventions(data.notes)
        page.heading("Path table")
        page.table(header: data.tableHeader, rows: data.tableRows)
        return page.render()
    }
}
