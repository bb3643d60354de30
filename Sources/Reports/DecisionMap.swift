import Foundation

/// A picture of a classifier over a plane, as standalone SVG: a grid of coloured cells (the
/// decision value g of a two-class machine on a diverging scale, or the predicted class of
/// each cell), the training points coloured by class, and the support vectors ringed.
///
/// Cells are `<rect class="cell">`, points `<circle class="point">`, and support vectors carry
/// a second `<circle class="support-vector">` ring, so the picture can be checked structurally.
public struct DecisionMap: Sendable {
    public enum Cells: Sendable {
        /// g per cell: negative for `classNames[0]`, positive for `classNames[1]`; the colour
        /// saturates at |g| = `saturation`.
        case decisionValues([Double], saturation: Double)
        /// The predicted class index per cell.
        case classes([Int])
    }

    public struct Point: Sendable {
        public var x: Double, y: Double
        public var classIndex: Int
        public var isSupportVector: Bool
        public init(x: Double, y: Double, classIndex: Int, isSupportVector: Bool) {
            self.x = x
            self.y = y
            self.classIndex = classIndex
            self.isSupportVector = isSupportVector
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// The plane shown: cell (i, j) covers x ∈ xRange split in `columns`, y ∈ yRange split in
    /// `rows`, row 0 at the bottom (smallest y).
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var rows: Int
    public var columns: Int
    /// Row-major, row 0 at the bottom.
    public var cells: Cells
    public var classNames: [String]
    public var points: [Point]

    public init(title: String, xLabel: String, yLabel: String, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                rows: Int, columns: Int, cells: Cells, classNames: [String], points: [Point]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = xRange
        self.yRange = yRange
        self.rows = rows
        self.columns = columns
        self.cells = cells
        self.classNames = classNames
        self.points = points
    }

    /// The centre of cell (row, column) in data coordinates.
    public static func cellCentre(row: Int, column: Int, rows: Int, columns: Int, xRange: ClosedRange<Double>,
                                  yRange: ClosedRange<Double>) -> (x: Double, y: Double) {
        (xRange.lowerBound + (Double(column) + 0.5) / Double(columns) * (xRange.upperBound - xRange.lowerBound),
         yRange.lowerBound + (Double(row) + 0.5) / Double(rows) * (yRange.upperBound - yRange.lowerBound))
    }

    /// The class colours: the chart palette, extended for a ninth and tenth class, then cycled.
    static let classColors = SVGChart.palette + ["#882255", "#44AA99"]

    static func classColor(_ index: Int) -> String { classColors[index % classColors.count] }

    /// Diverging colour for g: white at 0, towards class 0's colour (blue) below and class 1's
    /// (orange) above, saturated at |g| = saturation.
    static func divergingColor(_ g: Double, saturation: Double) -> String {
        guard g.isFinite else { return "#CCCCCC" }
        let t = min(1, abs(g) / saturation) * 0.7
        let target: (Double, Double, Double) = g < 0 ? (0, 114, 178) : (230, 159, 0)
        let rgb = [target.0, target.1, target.2].map { Int((255 + t * ($0 - 255)).rounded()) }
        return String(format: "#%02X%02X%02X", rgb[0], rgb[1], rgb[2])
    }

    public func render() -> String {
        let width = 560.0, height = 560.0
        let plot = (x: 70.0, y: 40.0, w: 460.0, h: 440.0)
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        let xSpan = xRange.upperBound - xRange.lowerBound, ySpan = yRange.upperBound - yRange.lowerBound
        func px(_ x: Double) -> Double { plot.x + (x - xRange.lowerBound) / xSpan * plot.w }
        func py(_ y: Double) -> Double { plot.y + plot.h - (y - yRange.lowerBound) / ySpan * plot.h }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(width)) \(f(height + 30))" width="\(f(width))" height="\(f(height + 30))" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="\(HTMLPage.escape(title))">
        <title>\(HTMLPage.escape(title))</title>
        <rect x="0" y="0" width="\(f(width))" height="\(f(height + 30))" fill="white"/>
        <text x="\(f(width / 2))" y="18" text-anchor="middle" font-size="15" font-weight="600">\(HTMLPage.escape(title))</text>

        """
        let cellWidth = plot.w / Double(columns), cellHeight = plot.h / Double(rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                let fill: String
                switch cells {
                case let .decisionValues(values, saturation): fill = Self.divergingColor(values[index], saturation: saturation)
                case let .classes(classes): fill = Self.classColor(classes[index])
                }
                let opacity: String
                if case .classes = cells { opacity = " fill-opacity=\"0.28\"" } else { opacity = "" }
                // Overlap by a hair so no seams show between cells.
                svg += "<rect class=\"cell\" x=\"\(f(plot.x + Double(column) * cellWidth))\" y=\"\(f(plot.y + plot.h - Double(row + 1) * cellHeight))\" width=\"\(f(cellWidth + 0.3))\" height=\"\(f(cellHeight + 0.3))\" fill=\"\(fill)\"\(opacity)/>\n"
            }
        }
        for t in Ticks.linear(xRange.lowerBound, xRange.upperBound) {
            svg += "<text x=\"\(f(px(t)))\" y=\"\(f(plot.y + plot.h + 16))\" text-anchor=\"middle\">\(Ticks.label(t))</text>\n"
        }
        for t in Ticks.linear(yRange.lowerBound, yRange.upperBound) {
            svg += "<text x=\"\(f(plot.x - 6))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(Ticks.label(t))</text>\n"
        }
        svg += "<rect x=\"\(f(plot.x))\" y=\"\(f(plot.y))\" width=\"\(f(plot.w))\" height=\"\(f(plot.h))\" fill=\"none\" stroke=\"#444\"/>\n"
        svg += "<text x=\"\(f(plot.x + plot.w / 2))\" y=\"\(f(plot.y + plot.h + 38))\" text-anchor=\"middle\">\(HTMLPage.escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(16 \(f(plot.y + plot.h / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLPage.escape(yLabel))</text>\n"
        for point in points where point.x.isFinite && point.y.isFinite {
            let (cx, cy) = (f(px(point.x)), f(py(point.y)))
            svg += "<circle class=\"point\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"3\" fill=\"\(Self.classColor(point.classIndex))\" stroke=\"white\" stroke-width=\"0.6\"/>"
            if point.isSupportVector {
                svg += "<circle class=\"support-vector\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"5.5\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.1\"/>"
            }
            svg += "\n"
        }
        // Legend: one key per class, and the ring.
        var x = plot.x
        let y = height - 4
        for (index, name) in classNames.enumerated() {
            svg += "<circle cx=\"\(f(x + 5))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(Self.classColor(index))\"/><text x=\"\(f(x + 13))\" y=\"\(f(y + 4))\">\(HTMLPage.escape(name))</text>\n"
            x += 13 + Double(name.count) * 7 + 16
        }
        svg += "<circle cx=\"\(f(x + 5))\" cy=\"\(f(y))\" r=\"5.5\" fill=\"none\" stroke=\"#111\"/><text x=\"\(f(x + 14))\" y=\"\(f(y + 4))\">support vector</text>\n"
        svg += "</svg>\n"
        return svg
    }
}
