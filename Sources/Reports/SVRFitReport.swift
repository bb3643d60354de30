import Foundation

/// What the single-fit SVR report shows, as plain numbers (filled by the command line from a
/// fitted ε-SVR or ν-SVR).
public struct SVRFitReportData: Sendable {
    /// The fitted function along one direction: the training rows at (uᵢ, zᵢ) and f along u.
    public struct Curve: Sendable {
        public var xLabel: String
        public var yLabel: String
        /// Training rows: position along the direction, target, support vector or not.
        public var pointsX: [Double]
        public var pointsY: [Double]
        public var isSupportVector: [Bool]
        /// f at increasing positions along the direction (the other directions held at the mean).
        public var curveX: [Double]
        public var curveY: [Double]
        public init(xLabel: String, yLabel: String, pointsX: [Double], pointsY: [Double], isSupportVector: [Bool],
                    curveX: [Double], curveY: [Double]) {
            self.xLabel = xLabel
            self.yLabel = yLabel
            self.pointsX = pointsX
            self.pointsY = pointsY
            self.isSupportVector = isSupportVector
            self.curveX = curveX
            self.curveY = curveY
        }
    }

    public var title: String
    public var subtitle: String?
    /// Training residuals zᵢ − f(xᵢ).
    public var residuals: [Double]
    /// Half-width ε of the tube (given, or fitted by ν-SVR).
    public var epsilon: Double
    /// Support vectors with 0 < |β| < C (on the tube's edge) and with |β| = C (outside it).
    public var freeSupportVectors: Int
    public var boundedSupportVectors: Int
    /// The certificate as (quantity, value) rows.
    public var certificate: [(String, String)]
    public var curve: Curve?
    public var curveCaption: String
    public var notes: [String]

    public init(title: String, subtitle: String? = nil, residuals: [Double], epsilon: Double, freeSupportVectors: Int,
                boundedSupportVectors: Int, certificate: [(String, String)], curve: Curve?, curveCaption: String,
                notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.residuals = residuals
        self.epsilon = epsilon
        self.freeSupportVectors = freeSupportVectors
        self.boundedSupportVectors = boundedSupportVectors
        self.certificate = certificate
        self.curve = curve
        self.curveCaption = curveCaption
        self.notes = notes
    }
}

/// The single-fit SVR page: the histogram of the training residuals r = z − f(x) with the
/// ε-tube (r = ±ε) and r = 0 marked; support vectors free (|r| = ε, 0 < |β| < C) and bounded
/// (|r| ≥ ε, |β| = C); the certificate; and the fitted function along one direction.
public enum SVRFitReport {
    /// Histogram bins over the range of the residuals.
    public static let bins = 30

    public static func render(_ data: SVRFitReportData) -> String {
        var page = HTMLPage(title: data.title, subtitle: data.subtitle)
        page.heading("Residuals and the ε-tube")
        let inside = data.residuals.filter { abs($0) < data.epsilon }.count
        page.chart(histogram(data.residuals, epsilon: data.epsilon),
                   caption: "Training residuals r = z − f(x); the markers are the tube's edges r = ±ε (ε = \(TextTable.format(data.epsilon, significant: 6))) and r = 0. \(inside) of \(data.residuals.count) rows lie strictly inside the tube and are not support vectors.")
        page.heading("Support vectors")
        page.table(header: ["", "count"],
                   rows: [["free (0 < |β| < C, on the tube's edge)", "\(data.freeSupportVectors)"],
                          ["bounded (|β| = C, on or outside the edge)", "\(data.boundedSupportVectors)"],
                          ["total", "\(data.freeSupportVectors + data.boundedSupportVectors)"]])
        page.heading("Certificate")
        page.table(header: ["quantity", "value"], rows: data.certificate.map { [$0.0, $0.1] })
        page.heading("Fitted function")
        if let curve = data.curve {
            page.chart(chart(curve), caption: data.curveCaption)
        } else {
            page.paragraph(data.curveCaption)
        }
        page.conventions(data.notes)
        return page.render()
    }

    /// Step outline of the residual histogram, with markers at −ε, 0, +ε.
    static func histogram(_ residuals: [Double], epsilon: Double) -> SVGChart {
        let finite = residuals.filter(\.isFinite)
        let reach = max(1.5 * epsilon, 1e-12)
        let low = min(finite.min() ?? -reach, -reach), high = max(finite.max() ?? reach, reach)
        let outline = StepHistogram(finite, low: low, high: high, bins: bins)
        var chart = SVGChart(title: "Training residuals", xLabel: "residual z − f(x)", yLabel: "training rows")
        chart.series = [SVGChart.Series(name: "rows", x: outline.x, y: outline.y)]
        chart.markers = [SVGChart.Marker(x: -epsilon, label: "−ε"), SVGChart.Marker(x: 0, label: "0"),
                         SVGChart.Marker(x: epsilon, label: "+ε")]
        return chart
    }

    /// The training rows (support vectors and the others as two point series) and f as a line.
    static func chart(_ curve: SVRFitReportData.Curve) -> SVGChart {
        var chart = SVGChart(title: "Fitted function", xLabel: curve.xLabel, yLabel: curve.yLabel)
        let rows = curve.pointsX.indices
        let support = rows.filter { curve.isSupportVector[$0] }, other = rows.filter { !curve.isSupportVector[$0] }
        chart.series = [
            SVGChart.Series(name: "inside the tube", x: other.map { curve.pointsX[$0] }, y: other.map { curve.pointsY[$0] },
                            style: .points, color: DecisionMap.classColor(0)),
            SVGChart.Series(name: "support vectors", x: support.map { curve.pointsX[$0] }, y: support.map { curve.pointsY[$0] },
                            style: .points, color: DecisionMap.classColor(1)),
            SVGChart.Series(name: "f", x: curve.curveX, y: curve.curveY),
        ]
        return chart
    }
}
