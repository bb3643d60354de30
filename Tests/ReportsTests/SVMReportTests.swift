import Foundation
import Reports
import Testing
import TestSupport

/// The SVM grid and single-fit reports, checked structurally: the SVG is well-formed, there is
/// one cell per grid point, the chosen point is outlined at its cell, and the counts are the data's.
@Suite struct SVMReportTests {
    static let grid = SVMGridReportData(
        title: "grid <iris> & co", log2Cs: [-1, 1, 3], log2Gammas: [1, -1], measure: "CV accuracy (%)",
        values: [90, 95, 96, 93, 97, 97], higherIsBetter: true, bestIndex: 4,
        supportVectors: [80, 50, 40, 70, 45, 30], iterations: [100, 120, 150, 90, 110, 130],
        tableHeader: ["log2 C", "log2 γ", "CV accuracy %"],
        tableRows: [["-1", "1", "90"], ["1", "1", "95"], ["3", "1", "96"], ["-1", "-1", "93"], ["1", "-1", "97"], ["3", "-1", "97"]],
        notes: ["ties to the smaller C"])

    @Test func gridReportHasOneCellPerPointAndMarksTheChosenOne() throws {
        let html = SVMGridReport.render(Self.grid)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(html.contains("grid &lt;iris&gt; &amp; co"))
        let svgs = SVGElements.svgs(in: html)
        #expect(svgs.count == 3)   // heat map, support vectors, iterations
        let heat = try #require(SVGElements.parse(svgs[0]))
        let cells = heat.filter { $0.attributes["class"] == "cell" }
        #expect(cells.count == 6)
        // Every (row, column) once: rows are γ in grid order, columns C upwards.
        let positions = Set(cells.map { "\($0.attributes["data-row"]!),\($0.attributes["data-column"]!)" })
        #expect(positions.count == 6)
        let chosen = heat.filter { $0.attributes["class"] == "chosen" }
        #expect(chosen.count == 1)
        // bestIndex 4 = γ row 1 (log₂γ −1), C column 1 (log₂C 1).
        #expect(chosen.first?.attributes["data-row"] == "1" && chosen.first?.attributes["data-column"] == "1")
        // The table has one row per point.
        #expect(html.components(separatedBy: "<tr>").count - 1 == 1 + 6)
        // The along-C charts: one line per γ, and the chosen C marked.
        let along = try #require(SVGElements.parse(svgs[1]))
        #expect(along.filter { $0.name == "polyline" }.count == 2)
        #expect(svgs[1].contains("chosen C"))
    }

    /// With more γ values than `maximumLines`, the along-C charts keep only the chosen γ.
    @Test func manyGammasShowOnlyTheChosenLine() throws {
        var data = Self.grid
        let gammas = (0..<10).map { Double(3 - 2 * $0) }
        data.log2Gammas = gammas
        data.values = (0..<30).map { Double($0) }
        data.supportVectors = data.values
        data.iterations = data.values
        data.bestIndex = 29
        data.tableRows = []
        let svgs = SVGElements.svgs(in: SVMGridReport.render(data))
        let heat = try #require(SVGElements.parse(svgs[0]))
        #expect(heat.filter { $0.attributes["class"] == "cell" }.count == 30)
        let chosen = try #require(heat.first { $0.attributes["class"] == "chosen" })
        #expect(chosen.attributes["data-row"] == "9" && chosen.attributes["data-column"] == "2")
        #expect(try #require(SVGElements.parse(svgs[1])).filter { $0.name == "polyline" }.count == 1)
    }

    /// Error measure: the smallest value gets the brightest colour (viridis' yellow end).
    @Test func errorHeatMapIsBrightAtTheSmallestValue() throws {
        let map = HeatMap(title: "mse", xLabel: "log₂C", yLabel: "log₂γ", columnLabels: ["0", "1"], rowLabels: ["0"],
                          values: [5, 1], higherIsBetter: false, valueLabel: "mse")
        let cells = try #require(SVGElements.parse(map.render())).filter { $0.attributes["class"] == "cell" }
        #expect(cells.map { $0.attributes["fill"] } == ["#440154", "#FDE725"])
    }

    static func fit(cells: DecisionMap.Cells, machines: Int) -> SVMFitReportData {
        let points = (0..<10).map { DecisionMap.Point(x: Double($0), y: Double($0 % 3), classIndex: $0 % 2, isSupportVector: $0 < 4) }
        let map = DecisionMap(title: "map", xLabel: "a", yLabel: "b", xRange: -1...10, yRange: -1...3, rows: 5, columns: 4,
                              cells: cells, classNames: ["no", "yes<"], points: points)
        let machine = SVMFitReportData.Machine(negativeClass: "no", positiveClass: "yes<", negativeValues: [-2, -1, -0.5, 0.2],
                                               positiveValues: [3, 1, 0.9])
        return SVMFitReportData(title: "fit", machines: Array(repeating: machine, count: machines), machinesLeftOut: 0,
                                supportVectors: [("no", 1, 1), ("yes<", 2, 0)], certificate: [("duality gap", "1e-4")],
                                decisionMap: map, decisionMapCaption: "plane")
    }

    @Test func fitReportHasHistogramsCountsAndTheDecisionMap() throws {
        let html = SVMFitReport.render(Self.fit(cells: .decisionValues((0..<20).map { Double($0) - 10 }, saturation: 2), machines: 1))
        #expect(!html.contains("<script") && !html.contains("href="))
        let svgs = SVGElements.svgs(in: html)
        #expect(svgs.count == 2)
        let histogram = try #require(SVGElements.parse(svgs[0]))
        #expect(histogram.filter { $0.name == "polyline" }.count == 2)        // one outline per class
        for mark in ["−1", "+1"] { #expect(svgs[0].contains(">\(mark)</text>")) }
        let map = try #require(SVGElements.parse(svgs[1]))
        #expect(map.filter { $0.attributes["class"] == "cell" }.count == 20)
        #expect(map.filter { $0.attributes["class"] == "point" }.count == 10)
        #expect(map.filter { $0.attributes["class"] == "support-vector" }.count == 4)
        // Support-vector table: free, bounded, total per class.
        #expect(html.contains("<td>yes&lt;</td><td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">2</td>"))
        // Decision value 0 is white; negative leans to class 0's blue, positive to class 1's orange.
        #expect(DecisionMapColours.at(0) == "#FFFFFF")
    }

    @Test func multiclassMapColoursByClass() throws {
        let html = SVMFitReport.render(Self.fit(cells: .classes((0..<20).map { $0 % 3 }), machines: 3))
        let svgs = SVGElements.svgs(in: html)
        #expect(svgs.count == 4)
        let map = try #require(SVGElements.parse(svgs[3]))
        let fills = Set(map.filter { $0.attributes["class"] == "cell" }.compactMap { $0.attributes["fill"] })
        #expect(fills == Set(SVGChart.palette.prefix(3)))
    }
}

/// The diverging scale at a value, read back from a one-cell map.
enum DecisionMapColours {
    static func at(_ g: Double) -> String? {
        let map = DecisionMap(title: "t", xLabel: "x", yLabel: "y", xRange: 0...1, yRange: 0...1, rows: 1, columns: 1,
                              cells: .decisionValues([g], saturation: 2), classNames: ["a", "b"], points: [])
        return SVGElements.parse(map.render())?.first { $0.attributes["class"] == "cell" }?.attributes["fill"]
    }
}
