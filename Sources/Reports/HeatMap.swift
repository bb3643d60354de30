import Foundation

/// A heat map as standalone SVG: one rectangle per cell of a rows × columns grid, coloured on a
/// sequential scale (viridis, dark for the worst value, bright for the best), its value written
/// in it, and optionally one cell outlined as the chosen one.
///
/// Cells are `<rect class="cell" data-row="i" data-column="j">` (row 0 at the top), the chosen
/// cell's outline is `<rect class="chosen" data-row="i" data-column="j">`, so a reader or a test
/// can find every grid point and the mark without parsing coordinates.
public struct HeatMap: Sendable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Labels of the columns, left to right.
    public var columnLabels: [String]
    /// Labels of the rows, top to bottom.
    public var rowLabels: [String]
    /// Row-major values, rows × columns; a non-finite value is drawn grey.
    public var values: [Double]
    /// The text written in each cell (row-major); the value itself when nil.
    public var cellText: [String]?
    /// Whether the bright end of the scale is the largest value (accuracy) or the smallest (error).
    public var higherIsBetter: Bool
    /// The cell to outline.
    public var marked: (row: Int, column: Int)?
    /// What the colour measures, under the colour key.
    public var valueLabel: String

    public init(title: String, xLabel: String, yLabel: String, columnLabels: [String], rowLabels: [String], values: [Double],
                higherIsBetter: Bool, valueLabel: String, marked: (row: Int, column: Int)? = nil, cellText: [String]? = nil) {
        precondition(values.count == columnLabels.count * rowLabels.count, "one value per cell")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.columnLabels = columnLabels
        self.rowLabels = rowLabels
        self.values = values
        self.higherIsBetter = higherIsBetter
        self.valueLabel = valueLabel
        self.marked = marked
        self.cellText = cellText
    }

    /// Viridis at five stops (van der Walt & Smith), interpolated in RGB.
    static let stops: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]

    /// The colour of t ∈ [0, 1] (0 dark, 1 bright), and whether text on it should be white.
    static func color(_ t: Double) -> (fill: String, lightText: Bool) {
        let clamped = min(1, max(0, t.isFinite ? t : 0))
        let position = clamped * Double(stops.count - 1)
        let lower = min(stops.count - 2, Int(position))
        let f = position - Double(lower)
        let (a, b) = (stops[lower], stops[lower + 1])
        let rgb = [a.0 + f * (b.0 - a.0), a.1 + f * (b.1 - a.1), a.2 + f * (b.2 - a.2)].map { Int($0.rounded()) }
        return (String(format: "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]), clamped < 0.6)
    }

    public func render() -> String {
        let rows = rowLabels.count, columns = columnLabels.count
        let cellWidth = max(44.0, min(64.0, 600.0 / Double(max(1, columns))))
        let cellHeight = max(22.0, min(40.0, 420.0 / Double(max(1, rows))))
        let left = 80.0, top = 40.0
        let plotWidth = cellWidth * Double(columns), plotHeight = cellHeight * Double(rows)
        let width = max(left + plotWidth, left + 5 * 70) + 20, height = top + plotHeight + 110
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        let finite = values.filter(\.isFinite)
        let (low, high) = (finite.min() ?? 0, finite.max() ?? 1)
        func t(_ v: Double) -> Double {
            guard high > low else { return 1 }
            let u = (v - low) / (high - low)
            return higherIsBetter ? u : 1 - u
        }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" font-family="system-ui, sans-serif" font-size="11" role="img" aria-label="\(HTMLPage.escape(title))">
        <title>\(HTMLPage.escape(title))</title>
        <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="white"/>
        <text x="\(f(width / 2))" y="18" text-anchor="middle" font-size="15" font-weight="600">\(HTMLPage.escape(title))</text>

        """
        for row in 0..<rows {
            for column in 0..<columns {
                let value = values[row * columns + column]
                let x = left + Double(column) * cellWidth, y = top + Double(row) * cellHeight
                let (fill, lightText) = value.isFinite ? Self.color(t(value)) : ("#CCCCCC", false)
                let text = cellText?[row * columns + column] ?? Ticks.label(value)
                let tooltip = "\(yLabel) \(rowLabels[row]), \(xLabel) \(columnLabels[column]): \(text)"
                svg += "<rect class=\"cell\" data-row=\"\(row)\" data-column=\"\(column)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(cellWidth))\" height=\"\(f(cellHeight))\" fill=\"\(fill)\" stroke=\"white\" stroke-width=\"0.5\"><title>\(HTMLPage.escape(tooltip))</title></rect>\n"
                svg += "<text x=\"\(f(x + cellWidth / 2))\" y=\"\(f(y + cellHeight / 2 + 4))\" text-anchor=\"middle\" font-size=\"10\" fill=\"\(lightText ? "white" : "#222")\">\(HTMLPage.escape(text))</text>\n"
            }
        }
        if let marked, marked.row >= 0, marked.row < rows, marked.column >= 0, marked.column < columns {
            let x = left + Double(marked.column) * cellWidth, y = top + Double(marked.row) * cellHeight
            svg += "<rect class=\"chosen\" data-row=\"\(marked.row)\" data-column=\"\(marked.column)\" x=\"\(f(x + 1.5))\" y=\"\(f(y + 1.5))\" width=\"\(f(cellWidth - 3))\" height=\"\(f(cellHeight - 3))\" fill=\"none\" stroke=\"#D55E00\" stroke-width=\"3\"><title>chosen</title></rect>\n"
        }
        for column in 0..<columns {
            svg += "<text x=\"\(f(left + (Double(column) + 0.5) * cellWidth))\" y=\"\(f(top + plotHeight + 15))\" text-anchor=\"middle\">\(HTMLPage.escape(columnLabels[column]))</text>\n"
        }
        for row in 0..<rows {
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(top + (Double(row) + 0.5) * cellHeight + 4))\" text-anchor=\"end\">\(HTMLPage.escape(rowLabels[row]))</text>\n"
        }
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight + 34))\" text-anchor=\"middle\" font-size=\"12\">\(HTMLPage.escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(16 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">\(HTMLPage.escape(yLabel))</text>\n"
        // Colour key: five boxes from the worst value to the best.
        let keyY = top + plotHeight + 52
        svg += "<text x=\"\(f(left))\" y=\"\(f(keyY - 4))\" fill=\"#555\">\(HTMLPage.escape(valueLabel))</text>\n"
        for k in 0..<5 {
            let u = Double(k) / 4
            let value = higherIsBetter ? low + u * (high - low) : high - u * (high - low)
            svg += "<rect x=\"\(f(left + Double(k) * 70))\" y=\"\(f(keyY))\" width=\"66\" height=\"12\" fill=\"\(Self.color(u).fill)\"/>"
            svg += "<text x=\"\(f(left + Double(k) * 70 + 33))\" y=\"\(f(keyY + 26))\" text-anchor=\"middle\" fill=\"#555\">\(String(format: "%.4g", value))</text>\n"
        }
        svg += "</svg>\n"
        return svg
    }
}
