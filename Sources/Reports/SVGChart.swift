import Foundation

/// A 2-D chart rendered as standalone SVG text: axes with nice ticks (linear or log10 on x),
/// line, point and bar series, error bars, labelled vertical markers, an optional top axis
/// with its own labels, and a legend. No scripts, no external resources.
public struct SVGChart: Sendable {
    public enum Scale: Sendable { case linear, log10 }

    public enum Style: Sendable { case line, points, bars }

    public struct Series: Sendable {
        public var name: String
        public var x: [Double]
        public var y: [Double]
        public var style: Style
        public var color: String?
        /// Write the name beside the last point (for many labelled lines, e.g. coefficient paths).
        public var labelAtEnd: Bool

        public init(name: String, x: [Double], y: [Double], style: Style = .line, color: String? = nil, labelAtEnd: Bool = false) {
            self.name = name
            self.x = x
            self.y = y
            self.style = style
            self.color = color
            self.labelAtEnd = labelAtEnd
        }
    }

    /// A vertical bar from `low` to `high` at `x` (e.g. ± one standard error).
    public struct ErrorBar: Sendable {
        public var x: Double, low: Double, high: Double
        public init(x: Double, low: Double, high: Double) { self.x = x; self.low = low; self.high = high }
    }

    /// A dashed vertical line at `x`, labelled (e.g. λ_min).
    public struct Marker: Sendable {
        public var x: Double, label: String
        public init(x: Double, label: String) { self.x = x; self.label = label }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var xScale: Scale = .linear
    public var width = 720.0
    public var height = 420.0
    public var series: [Series] = []
    public var errorBars: [ErrorBar] = []
    public var markers: [Marker] = []
    /// Labels along the top edge at the given x positions (e.g. non-zero counts along λ).
    public var topAxis: (title: String, ticks: [(x: Double, label: String)])?
    public var showLegend = true

    public init(title: String, xLabel: String, yLabel: String, xScale: Scale = .linear) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
    }

    /// The Okabe–Ito colour-blind-safe palette, cycled.
    public static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

    public func color(at index: Int) -> String { series[index].color ?? Self.palette[index % Self.palette.count] }

    public func render() -> String {
        let hasEndLabels = series.contains { $0.labelAtEnd }
        let legend = series.indices.filter { !series[$0].labelAtEnd && !series[$0].name.isEmpty }
        let showsLegend = showLegend && legend.count > 1
        // End labels get the room their longest name needs (up to `maxEndLabelWidth`; longer
        // names are shortened with an ellipsis and keep the full name as a tooltip).
        let endLabelWidth = series.filter(\.labelAtEnd).map { Self.textWidth($0.name) }.max() ?? 0
        let margin = (left: 70.0, right: hasEndLabels ? min(endLabelWidth, Self.maxEndLabelWidth) + 12 : 20.0,
                      top: topAxis == nil ? 40.0 : 70.0,
                      bottom: showsLegend ? 78.0 : 55.0)
        let plot = (x: margin.left, y: margin.top, w: width - margin.left - margin.right, h: height - margin.top - margin.bottom)
        let xs = series.flatMap(\.x) + markers.map(\.x) + errorBars.map(\.x)
        var ys = series.flatMap(\.y) + errorBars.flatMap { [$0.low, $0.high] }
        if series.contains(where: { $0.style == .bars }) { ys.append(0) }
        let xFinite = xs.filter { $0.isFinite && (xScale == .linear || $0 > 0) }
        let yFinite = ys.filter(\.isFinite)
        var xDomain = (xFinite.min() ?? 0, xFinite.max() ?? 1)
        var yDomain = (yFinite.min() ?? 0, yFinite.max() ?? 1)
        if xDomain.0 == xDomain.1 { xDomain = xScale == .log10 ? (xDomain.0 / 2, xDomain.1 * 2) : (xDomain.0 - 0.5, xDomain.1 + 0.5) }
        if yDomain.0 == yDomain.1 { yDomain = (yDomain.0 - 0.5, yDomain.1 + 0.5) }
        let yPad = (yDomain.1 - yDomain.0) * 0.05
        yDomain = (yDomain.0 - (yDomain.0 == 0 ? 0 : yPad), yDomain.1 + yPad)
        let hasBars = series.contains(where: { $0.style == .bars })
        let barSlot = hasBars && xScale == .linear ? 0.5 : 0
        // Bars get half a slot on each side; points and lines 3 % of the range, so no mark
        // sits on the frame.
        let xPad = xScale == .linear && !hasBars ? (xDomain.1 - xDomain.0) * 0.03 : 0
        xDomain = (xDomain.0 - barSlot - xPad, xDomain.1 + barSlot + xPad)
        let integerX = xFinite.allSatisfy { $0 == $0.rounded() }

        func px(_ x: Double) -> Double {
            let t = xScale == .log10 ? (log10(x) - log10(xDomain.0)) / (log10(xDomain.1) - log10(xDomain.0))
                                     : (x - xDomain.0) / (xDomain.1 - xDomain.0)
            return plot.x + t * plot.w
        }
        func py(_ y: Double) -> Double { plot.y + plot.h - (y - yDomain.0) / (yDomain.1 - yDomain.0) * plot.h }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }

        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" font-family="system-ui, sans-serif" font-size="12" role="img" aria-label="\(HTMLPage.escape(title))">
        <title>\(HTMLPage.escape(title))</title>
        <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="white"/>
        <text x="\(f(width / 2))" y="18" text-anchor="middle" font-size="15" font-weight="600">\(HTMLPage.escape(title))</text>

        """
        // Grid and ticks.
        var xTicks = xScale == .log10 ? Ticks.logarithmic(xDomain.0, xDomain.1) : Ticks.linear(xDomain.0, xDomain.1)
        if integerX, xScale == .linear {
            // Integer data (components, counts): integer ticks only.
            xTicks = xTicks.filter { $0 == $0.rounded() }
            if xTicks.count < 2 { xTicks = Array(stride(from: ceil(xDomain.0), through: floor(xDomain.1), by: 1)) }
        }
        for t in xTicks where px(t) >= plot.x - 0.5 && px(t) <= plot.x + plot.w + 0.5 {
            svg += "<line x1=\"\(f(px(t)))\" y1=\"\(f(plot.y))\" x2=\"\(f(px(t)))\" y2=\"\(f(plot.y + plot.h))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(f(px(t)))\" y=\"\(f(plot.y + plot.h + 16))\" text-anchor=\"middle\">\(Ticks.label(t))</text>\n"
        }
        for t in Ticks.linear(yDomain.0, yDomain.1) {
            svg += "<line x1=\"\(f(plot.x))\" y1=\"\(f(py(t)))\" x2=\"\(f(plot.x + plot.w))\" y2=\"\(f(py(t)))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(f(plot.x - 6))\" y=\"\(f(py(t) + 4))\" text-anchor=\"end\">\(Ticks.label(t))</text>\n"
        }
        svg += "<rect x=\"\(f(plot.x))\" y=\"\(f(plot.y))\" width=\"\(f(plot.w))\" height=\"\(f(plot.h))\" fill=\"none\" stroke=\"#444\"/>\n"
        svg += "<text x=\"\(f(plot.x + plot.w / 2))\" y=\"\(f(plot.y + plot.h + 38))\" text-anchor=\"middle\">\(HTMLPage.escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(16 \(f(plot.y + plot.h / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLPage.escape(yLabel))</text>\n"
        if let topAxis {
            for tick in topAxis.ticks where tick.x.isFinite && px(tick.x) >= plot.x - 0.5 && px(tick.x) <= plot.x + plot.w + 0.5 {
                svg += "<text x=\"\(f(px(tick.x)))\" y=\"\(f(plot.y - 6))\" text-anchor=\"middle\" fill=\"#555\">\(HTMLPage.escape(tick.label))</text>\n"
            }
            svg += "<text x=\"\(f(plot.x + plot.w / 2))\" y=\"\(f(plot.y - 24))\" text-anchor=\"middle\" fill=\"#555\">\(HTMLPage.escape(topAxis.title))</text>\n"
        }
        // Data.
        var endLabels: [(y: Double, text: String, color: String)] = []
        let barWidth = barSlot > 0 ? plot.w / (xDomain.1 - xDomain.0) * 0.7 : 4
        for (k, s) in series.enumerated() {
            let color = self.color(at: k)
            let points = zip(s.x, s.y).filter { $0.0.isFinite && $0.1.isFinite && (xScale == .linear || $0.0 > 0) }
            switch s.style {
            case .line:
                let path = points.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " ")
                svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\" points=\"\(path)\"><title>\(HTMLPage.escape(s.name))</title></polyline>\n"
            case .points:
                for (x, y) in points {
                    svg += "<circle cx=\"\(f(px(x)))\" cy=\"\(f(py(y)))\" r=\"3\" fill=\"\(color)\" fill-opacity=\"0.75\"/>\n"
                }
            case .bars:
                for (x, y) in points {
                    let top = min(py(y), py(0)), bottom = max(py(y), py(0))
                    svg += "<rect x=\"\(f(px(x) - barWidth / 2))\" y=\"\(f(top))\" width=\"\(f(barWidth))\" height=\"\(f(bottom - top))\" fill=\"\(color)\" fill-opacity=\"0.8\"><title>\(HTMLPage.escape(s.name)): \(Ticks.label(y))</title></rect>\n"
                }
            }
            if s.labelAtEnd, let last = points.last {
                endLabels.append((y: py(last.1) + 4, text: s.name, color: color))
            }
        }
        // End labels, pushed apart so that lines ending close together stay readable.
        // End labels, pushed apart so that lines ending close together stay readable, then
        // moved up together if the last one would fall off the bottom of the chart.
        endLabels.sort { $0.y < $1.y }
        let labelSpacing = 12.0
        for k in endLabels.indices.dropFirst() where endLabels[k].y < endLabels[k - 1].y + labelSpacing {
            endLabels[k].y = endLabels[k - 1].y + labelSpacing
        }
        if let last = endLabels.last, last.y > height - 4 {
            let shift = min(last.y - (height - 4), max(0, (endLabels.first?.y ?? 0) - 14))
            for k in endLabels.indices { endLabels[k].y -= shift }
        }
        for label in endLabels {
            let shown = Self.shortened(label.text, toWidth: Self.maxEndLabelWidth)
            let tooltip = shown == label.text ? "" : "<title>\(HTMLPage.escape(label.text))</title>"
            svg += "<text x=\"\(f(plot.x + plot.w + 4))\" y=\"\(f(label.y))\" fill=\"\(label.color)\">\(tooltip)\(HTMLPage.escape(shown))</text>\n"
        }
        for bar in errorBars where bar.low.isFinite && bar.high.isFinite {
            let x = px(bar.x)
            svg += "<path d=\"M\(f(x - 2)),\(f(py(bar.low))) H\(f(x + 2)) M\(f(x)),\(f(py(bar.low))) V\(f(py(bar.high))) M\(f(x - 2)),\(f(py(bar.high))) H\(f(x + 2))\" stroke=\"#888\" fill=\"none\"/>\n"
        }
        // Marker labels sit right of their line (left of it near the right edge); a label that
        // would touch the one before it goes one row lower.
        var labelRows: [(left: Double, right: Double, row: Int)] = []
        for marker in markers.sorted(by: { px($0.x) < px($1.x) }) where marker.x.isFinite {
            let x = px(marker.x)
            let width = Self.textWidth(marker.label)
            let anchorsLeft = x + 3 + width > plot.x + plot.w
            let left = anchorsLeft ? x - 3 - width : x + 3
            var row = 0
            while labelRows.contains(where: { $0.row == row && $0.left < left + width + 4 && left < $0.right + 4 }) { row += 1 }
            labelRows.append((left, left + width, row))
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(plot.y))\" x2=\"\(f(x))\" y2=\"\(f(plot.y + plot.h))\" stroke=\"#333\" stroke-dasharray=\"4 3\"/>\n"
            svg += "<text x=\"\(f(left))\" y=\"\(f(plot.y + 12 + 14 * Double(row)))\" fill=\"#333\">\(HTMLPage.escape(marker.label))</text>\n"
        }
        // Legend for named, unlabelled series: one row under the axis title, clear of the data.
        if showsLegend {
            var x = plot.x
            let y = height - 22
            for k in legend {
                svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"10\" height=\"10\" fill=\"\(color(at: k))\"/>"
                svg += "<text x=\"\(f(x + 14))\" y=\"\(f(y + 9))\">\(HTMLPage.escape(series[k].name))</text>\n"
                x += 14 + Double(series[k].name.count) * 7 + 18
            }
        }
        svg += "</svg>\n"
        return svg
    }

    /// The widest end label drawn in full, in pixels.
    static let maxEndLabelWidth = 200.0

    /// An upper estimate of the width of `text` at the charts' 12 px font: 7.2 px a character
    /// (0.6 em, the average advance of DejaVu Sans, the widest common sans-serif fallback).
    static func textWidth(_ text: String) -> Double { Double(text.count) * 7.2 }

    /// `text`, cut and ended with "…" so that its estimated width is at most `width`.
    static func shortened(_ text: String, toWidth width: Double) -> String {
        guard textWidth(text) > width else { return text }
        return String(text.prefix(max(1, Int(width / 7.2) - 1))) + "…"
    }
}
