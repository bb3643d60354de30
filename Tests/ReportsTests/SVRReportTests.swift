import Foundation
import Reports
import Testing
import TestSupport

/// The single-fit SVR report, checked structurally: well-formed SVG, the residual histogram's
/// tube edges marked at ±ε, one circle per drawn row coloured by support vector or not, the
/// fitted line, and the counts of the data in the table.
@Suite struct SVRReportTests {
    static func data(curve: Bool) -> SVRFitReportData {
        let curveData = SVRFitReportData.Curve(
            xLabel: "pc1", yLabel: "y<", pointsX: (0..<12).map(Double.init), pointsY: (0..<12).map { Double($0 % 5) },
            isSupportVector: (0..<12).map { $0 % 3 == 0 }, curveX: (0..<50).map { Double($0) / 4 }, curveY: (0..<50).map { Double($0) / 10 })
        return SVRFitReportData(title: "svr <fit>", residuals: [-3, -1, -0.2, 0, 0.4, 1, 2.5], epsilon: 1, freeSupportVectors: 2,
                                boundedSupportVectors: 3, certificate: [("duality gap", "1e-4")], curve: curve ? curveData : nil,
                                curveCaption: "along pc1")
    }

    @Test func reportHasTheTubeTheCountsAndTheFittedFunction() throws {
        let html = SVRFitReport.render(Self.data(curve: true))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(html.contains("svr &lt;fit&gt;"))
        let svgs = SVGElements.svgs(in: html)
        #expect(svgs.count == 2)
        let histogram = try #require(SVGElements.parse(svgs[0]))
        #expect(histogram.filter { $0.name == "polyline" }.count == 1)
        for mark in ["−ε", "+ε", "0"] { #expect(svgs[0].contains(">\(mark)</text>")) }
        // Rows strictly inside the tube |r| < ε = 1: −0.2, 0, 0.4.
        #expect(html.contains("3 of 7 rows lie strictly inside the tube"))
        let curve = try #require(SVGElements.parse(svgs[1]))
        let circles = curve.filter { $0.name == "circle" && $0.attributes["r"] == "3" }
        #expect(circles.count == 12)
        #expect(circles.filter { $0.attributes["fill"] == SVGChart.palette[1] }.count == 4)   // rows 0, 3, 6, 9
        #expect(curve.filter { $0.name == "polyline" }.count == 1)
        #expect(html.contains("<td>total</td><td class=\"num\">5</td>"))
    }

    @Test func withoutACurveTheCaptionSaysWhy() {
        let html = SVRFitReport.render(Self.data(curve: false))
        #expect(SVGElements.svgs(in: html).count == 1)
        #expect(html.contains("<p>along pc1</p>"))
    }
}
