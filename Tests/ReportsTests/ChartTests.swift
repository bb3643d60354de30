import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Reports

@Suite struct TicksTests {
    // Reference: Heckbert's nice numbers — steps of 1, 2 or 5 × 10^k covering the range.
    @Test func linearTicksAreNiceSteps() {
        #expect(Ticks.linear(0, 1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0])
        #expect(Ticks.linear(-3, 97, target: 6) == [0, 20, 40, 60, 80])
        #expect(Ticks.niceStep(0.37) == 0.5)
        #expect(Ticks.niceStep(1.5) == 2)
        #expect(Ticks.niceStep(7) == 10)
    }

    @Test func logTicksArePowersOfTenOverManyDecades() {
        #expect(Ticks.logarithmic(1e-4, 10) == [1e-4, 1e-3, 1e-2, 1e-1, 1, 10])
        // Fewer than three decades: 1, 2, 5 × 10^k.
        #expect(Ticks.logarithmic(1, 10) == [1, 2, 5, 10])
    }

    @Test func labelsAreShort() {
        #expect(Ticks.label(0) == "0")
        #expect(Ticks.label(0.25) == "0.25")
        #expect(Ticks.label(1e-5) == "1e-5")
        #expect(Ticks.label(2e6) == "2e6")
    }
}

@Suite struct SVGChartTests {
    private func parses(_ xml: String) -> Bool {
        let parser = XMLParser(data: Data(xml.utf8))
        return parser.parse()
    }

    @Test func chartIsWellFormedSVGWithEverySeries() {
        var chart = SVGChart(title: "Paths <&> \"quotes\"", xLabel: "log λ", yLabel: "β", xScale: .log10)
        chart.series = [
            SVGChart.Series(name: "age", x: [1e-3, 1e-2, 1e-1, 1], y: [0.5, 0.3, 0.1, 0], labelAtEnd: true),
            SVGChart.Series(name: "bmi & co", x: [1e-3, 1e-2, 1e-1, 1], y: [-0.2, -0.1, 0, 0], labelAtEnd: true),
        ]
        chart.errorBars = [SVGChart.ErrorBar(x: 1e-2, low: 0.1, high: 0.2)]
        chart.markers = [SVGChart.Marker(x: 1e-2, label: "λ_min")]
        chart.topAxis = (title: "non-zeros", ticks: [(x: 1e-3, label: "2"), (x: 1, label: "0")])
        let svg = chart.render()
        #expect(parses(svg))
        #expect(svg.contains("Paths &lt;&amp;&gt; &quot;quotes&quot;"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.contains(">bmi &amp; co</text>"))
        #expect(svg.contains("λ_min"))
    }

    @Test func barsAndPointsRender() {
        var chart = SVGChart(title: "Scree", xLabel: "component", yLabel: "ratio")
        chart.series = [SVGChart.Series(name: "ratio", x: [1, 2, 3], y: [0.7, 0.2, 0.1], style: .bars),
                        SVGChart.Series(name: "scores", x: [1, 2, 3], y: [0.1, 0.5, 0.9], style: .points)]
        let svg = chart.render()
        #expect(parses(svg))
        #expect(svg.components(separatedBy: "<rect").count - 1 == 2 + 3 + 2) // background, frame, 3 bars, 2 legend keys
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
    }

    @Test func nonFiniteAndNonPositiveLogValuesAreSkipped() {
        var chart = SVGChart(title: "t", xLabel: "x", yLabel: "y", xScale: .log10)
        chart.series = [SVGChart.Series(name: "s", x: [0, 1, 10, .nan], y: [1, 2, .infinity, 3])]
        let svg = chart.render()
        #expect(parses(svg))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }
}

@Suite struct HTMLPageTests {
    @Test func pageIsSelfContainedAndEscaped() {
        var page = HTMLPage(title: "Report <1>", subtitle: "a & b")
        page.heading("Table")
        page.table(header: ["λ", "name"], rows: [["0.5", "<script>"]])
        page.paragraph("x < y")
        let html = page.render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Report &lt;1&gt;</title>"))
        #expect(html.contains("<td class=\"num\">0.5</td><td>&lt;script&gt;</td>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("href="))
    }

    @Test func textTableAlignsColumns() {
        var table = TextTable(header: ["name", "value"])
        table.append(["a", "1"])
        table.append(["long name", "12.5"])
        #expect(table.rendered == "name       value\na              1\nlong name   12.5\n")
    }
}

@Suite struct StepHistogramTests {
    // Reference: counting by hand — bins of width 1 over [0, 4]; 4 (the right edge) goes to the
    // last bin, NaN is left out; the outline starts and ends on zero.
    @Test func countsByHandAndClosedOutline() {
        let outline = StepHistogram([0, 0.5, 1.2, 3.9, 4, .nan], low: 0, high: 4, bins: 4)
        #expect(outline.x == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
        #expect(outline.y == [0, 2, 2, 1, 1, 0, 0, 2, 2, 0])
    }
}
