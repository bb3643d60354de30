import Foundation
import Testing
import TestSupport

/// End-to-end `fit svr --report`: the file is written, its SVG is well-formed, every training
/// row is drawn once with the printed number of support vectors in the support-vector colour,
/// and the residual histogram counts every row.
@Suite struct SVRReportCLITests {
    @Test(arguments: [["-C", "100", "--epsilon", "10"], ["-C", "100", "--nu", "0.5"]])
    func fitSVRReportOnThePrincipalComponent(_ options: [String]) throws {
        let directory = try TestPaths.temporaryDirectory()
        let report = directory.appendingPathComponent("svr.html").path
        let run = try CLIRunner.run(["fit", "svr", "--data", TestPaths.dataset("diabetes.csv")] + options + ["--report", report])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("report written to \(report)\n"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        let svgs = SVGElements.svgs(in: html)
        #expect(svgs.count == 2)
        #expect(SVGElements.parse(svgs[0]) != nil)
        let curve = try #require(SVGElements.parse(svgs[1]))
        let circles = curve.filter { $0.name == "circle" && $0.attributes["r"] == "3" }
        #expect(circles.count == 442)
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("support vectors: ") })
        let supportVectors = Int(line.dropFirst("support vectors: ".count).split(separator: " ")[0])!
        let colours = Set(circles.compactMap { $0.attributes["fill"] })
        #expect(colours.count == 2)
        let counts = colours.map { colour in circles.filter { $0.attributes["fill"] == colour }.count }
        #expect(counts.contains(supportVectors) && counts.contains(442 - supportVectors))
        #expect(html.contains("first principal component"))
        #expect(html.contains("<td>total</td><td class=\"num\">\(supportVectors)</td>"))
        #expect(html.contains("of 442 rows lie strictly inside the tube"))
    }

    @Test func reportOverTheInputIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory()
        let data = directory.appendingPathComponent("diabetes.csv").path
        try FileManager.default.copyItem(atPath: TestPaths.dataset("diabetes.csv"), toPath: data)
        let run = try CLIRunner.run(["fit", "svr", "--data", data, "--report", data])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--report would overwrite it"))
    }
}
