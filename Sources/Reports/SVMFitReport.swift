import Foundation

/// What the single-fit SVM report shows, as plain numbers (filled by the command line from a
/// fitted C-SVC).
public struct SVMFitReportData: Sendable {
    /// The training decision values of one two-class machine g, split by the class of the row:
    /// g > 0 votes for `positiveClass`, g < 0 for `negativeClass`.
    public struct Machine: Sendable {
        public var negativeClass: String
        public var positiveClass: String
        public var negativeValues: [Double]
        public var positiveValues: [Double]
        /// Class indices, for the colours (the same as the decision map's).
        public var negativeIndex: Int
        public var positiveIndex: Int
        public init(negativeClass: String, positiveClass: String, negativeValues: [Double], positiveValues: [Double],
                    negativeIndex: Int = 0, positiveIndex: Int = 1) {
            self.negativeIndex = negativeIndex
            self.positiveIndex = positiveIndex
            self.negativeClass = negativeClass
            self.positiveClass = positiveClass
            self.negativeValues = negativeValues
            self.positiveValues = positiveValues
        }
    }

    public var title: String
    public var subtitle: String?
    /// The machines whose histograms are drawn (all of them, or the first few).
    public var machines: [Machine]
    /// Machines not drawn (one-vs-one with many classes).
    public var machinesLeftOut: Int
    /// Per class: label, free and bounded support vectors.
    public var supportVectors: [(label: String, free: Int, bounded: Int)]
    /// The certificate as (quantity, value) rows.
    public var certificate: [(String, String)]
    /// The picture of the decision function, when there is a plane to draw.
    public var decisionMap: DecisionMap?
    /// What the plane is (the two features, or the first two principal components).
    public var decisionMapCaption: String
    public var notes: [String]

    public init(title: String, subtitle: String? = nil, machines: [Machine], machinesLeftOut: Int = 0,
                supportVectors: [(label: String, free: Int, bounded: Int)], certificate: [(String, String)],
                decisionMap: DecisionMap?, decisionMapCaption: String, notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.machines = machines
        self.machinesLeftOut = machinesLeftOut
        self.supportVectors = supportVectors
        self.certificate = certificate
        self.decisionMap = decisionMap
        self.decisionMapCaption = decisionMapCaption
        self.notes = notes
    }
}

/// The single-fit page: per machine, histograms of the training decision values by class with
/// the margin g = ±1 and the boundary g = 0 marked; support vectors per class (free and
/// bounded at C); the certificate; and the decision function over a plane.
public enum SVMFitReport {
    /// Histogram bins over the range of a machine's decision values.
    public static let bins = 30

    public static func render(_ data: SVMFitReportData) -> String {
        var page = HTMLPage(title: data.title, subtitle: data.subtitle)
        page.heading("Decision values")
        for machine in data.machines {
            page.chart(histogram(machine), caption: "Training rows of '\(machine.negativeClass)' and '\(machine.positiveClass)' by decision value g (g > 0 votes '\(machine.positiveClass)'). Rows with |g| < 1 are inside the margin; the support vectors are the rows with g ≤ 1 on their own side.")
        }
        if data.machinesLeftOut > 0 {
            page.paragraph("\(data.machinesLeftOut) more one-vs-one machines are not drawn; the class regions below show them all at once.")
        }
        page.heading("Support vectors")
        page.table(header: ["class", "free", "bounded", "total"],
                   rows: data.supportVectors.map { [$0.label, "\($0.free)", "\($0.bounded)", "\($0.free + $0.bounded)"] },
                   caption: "Free: 0 < α < C in some machine (on the margin); bounded: α = C (inside the margin or misclassified).")
        page.heading("Certificate")
        page.table(header: ["quantity", "value"], rows: data.certificate.map { [$0.0, $0.1] })
        page.heading("Decision function")
        if let map = data.decisionMap {
            page.raw("<figure>\(map.render())<figcaption>\(HTMLPage.escape(data.decisionMapCaption))</figcaption></figure>")
        } else {
            page.paragraph(data.decisionMapCaption)
        }
        page.conventions(data.notes)
        return page.render()
    }

    /// Step outlines of the two classes' histograms over shared bins, with markers at −1, 0, +1.
    static func histogram(_ machine: SVMFitReportData.Machine) -> SVGChart {
        let all = (machine.negativeValues + machine.positiveValues).filter(\.isFinite)
        let low = min(all.min() ?? -1, -1.5), high = max(all.max() ?? 1, 1.5)
        let negative = StepHistogram(machine.negativeValues, low: low, high: high, bins: bins)
        let positive = StepHistogram(machine.positiveValues, low: low, high: high, bins: bins)
        var chart = SVGChart(title: "\(machine.negativeClass) (g < 0) vs \(machine.positiveClass) (g > 0)",
                             xLabel: "decision value g", yLabel: "training rows")
        chart.series = [SVGChart.Series(name: machine.negativeClass, x: negative.x, y: negative.y, color: DecisionMap.classColor(machine.negativeIndex)),
                        SVGChart.Series(name: machine.positiveClass, x: positive.x, y: positive.y, color: DecisionMap.classColor(machine.positiveIndex))]
        chart.markers = [SVGChart.Marker(x: -1, label: "−1"), SVGChart.Marker(x: 0, label: "0"), SVGChart.Marker(x: 1, label: "+1")]
        return chart
    }
}
