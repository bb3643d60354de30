import Foundation
import Testing
import TestSupport

/// End-to-end `path svm --report`, `path svr` and `fit svm --report`: the files are written,
/// their SVG is well-formed, the heat map has one cell per grid point with the chosen point
/// outlined at the cell of the printed `best:` line, and the counts match the table and the
/// printed summary.
@Suite struct SVMReportCLITests {
    /// The rows of the HTML table after the header, as cell texts.
    static func tableRows(_ html: String) -> [[String]] {
        let body = html.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first ?? ""
        return body.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "</td>").dropLast().map { cell in String(cell[cell.index(after: cell.firstIndex(of: ">")!)...]) }
        }
    }

    static func csvRows(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    }

    @Test func pathSVMReportMarksTheChosenCell() throws {
        let directory = try TestPaths.temporaryDirectory()
        let report = directory.appendingPathComponent("grid.html").path
        let table = directory.appendingPathComponent("grid.csv").path
        let run = try CLIRunner.run(["path", "svm", "--data", TestPaths.dataset("iris.csv"), "--log2c", "-1,7,2",
                                     "--log2g", "1,-7,-2", "--report", report, "--table", table])
        #expect(run.status == 0)
        #expect(run.stdout.contains("report written to \(report)"))
        // best: C = 2^1, γ = 2^-3 (PathSVMCLITests): column 1 of -1,1,3,5,7 and row 2 of 1,-1,-3,-5,-7.
        #expect(run.stdout.contains("best: C = 2^1 = 2, γ = 2^-3 = 0.125"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        let svgs = SVGElements.svgs(in: html)
        #expect(svgs.count == 3)
        let heat = try #require(SVGElements.parse(svgs[0]))
        #expect(heat.filter { $0.attributes["class"] == "cell" }.count == 25)
        let chosen = heat.filter { $0.attributes["class"] == "chosen" }
        #expect(chosen.count == 1 && chosen[0].attributes["data-row"] == "2" && chosen[0].attributes["data-column"] == "1")
        for svg in svgs.dropFirst() { #expect(SVGElements.parse(svg) != nil) }
        // The certificate table matches the CSV table, point for point.
        let rows = Self.tableRows(html), csv = try Self.csvRows(table)
        #expect(rows.count == 25 && csv.count == 25)
        for (row, line) in zip(rows, csv) {
            #expect(Double(row[0]) == Double(line[0]) && Double(row[1]) == Double(line[1]))   // log₂C, log₂γ
            #expect(row[2] == String(format: "%.2f", 100 * Double(line[4])!))                   // CV accuracy
            #expect(Double(row[4]) == Double(line[9]))                                          // iterations
            #expect(row[7] == (line[12] == "true" ? "yes" : "no"))
        }
    }

    @Test func pathSVRGridTableReportAndRefit() throws {
        let directory = try TestPaths.temporaryDirectory()
        let report = directory.appendingPathComponent("svr.html").path
        let table = directory.appendingPathComponent("svr.csv").path
        let model = directory.appendingPathComponent("svr.json").path
        let run = try CLIRunner.run(["path", "svr", "--data", TestPaths.dataset("diabetes.csv"), "--log2c", "3,9,2",
                                     "--log2g", "-13,-17,-2", "--epsilon", "10", "--folds", "4", "--seed", "2",
                                     "--report", report, "--table", table, "--model", model])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("4-fold CV mean squared error (seed 2)"))
        #expect(run.stdout.contains("48 of 48 fold fits converged"))
        let csv = try Self.csvRows(table)
        #expect(csv.count == 12)
        let mse = csv.map { Double($0[4])! }
        let best = mse.indices.min { mse[$0] < mse[$1] }!
        let html = try String(contentsOfFile: report, encoding: .utf8)
        let heat = try #require(SVGElements.parse(SVGElements.svgs(in: html)[0]))
        #expect(heat.filter { $0.attributes["class"] == "cell" }.count == 12)
        let chosen = try #require(heat.first { $0.attributes["class"] == "chosen" })
        #expect(chosen.attributes["data-row"] == "\(best / 4)" && chosen.attributes["data-column"] == "\(best % 4)")
        #expect(Self.tableRows(html).count == 12)

        let inspect = try CLIRunner.run(["inspect", "--model", model, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        let stored = try #require(object["model"] as? [String: Any])
        #expect(stored["c"] as? Double == Double(csv[best][2]))
        #expect(stored["epsilon"] as? Double == 10)
    }

    /// The number after "support vectors: " in a fit summary.
    static func supportVectorCount(_ stdout: String) throws -> Int {
        let line = try #require(stdout.split(separator: "\n").first { $0.hasPrefix("support vectors: ") })
        return Int(line.dropFirst("support vectors: ".count).split(separator: " ")[0])!
    }

    @Test func fitSVMReportThreeClassesOnPrincipalComponents() throws {
        let directory = try TestPaths.temporaryDirectory()
        let report = directory.appendingPathComponent("fit.html").path
        let run = try CLIRunner.run(["fit", "svm", "--data", TestPaths.dataset("iris.csv"), "--report", report])
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("report written to \(report)\n"))
        let html = try String(contentsOfFile: report, encoding: .utf8)
        let svgs = SVGElements.svgs(in: html)
        #expect(svgs.count == 3 + 1)    // a histogram per pair of the 3 classes, and the map
        let map = try #require(SVGElements.parse(svgs[3]))
        #expect(map.filter { $0.attributes["class"] == "cell" }.count == 60 * 60)
        #expect(map.filter { $0.attributes["class"] == "point" }.count == 150)
        #expect(map.filter { $0.attributes["class"] == "support-vector" }.count == (try Self.supportVectorCount(run.stdout)))
        #expect(html.contains("first two principal components"))
        // The support-vector table: setosa's row as printed.
        let printed = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("setosa ") }).split(separator: " ")
        #expect(html.contains("<td>setosa</td><td class=\"num\">\(printed[1])</td><td class=\"num\">\(printed[2])</td><td class=\"num\">\(printed[3])</td>"))
    }

    @Test func fitSVMReportTwoFeaturesTwoClasses() throws {
        let directory = try TestPaths.temporaryDirectory()
        let data = directory.appendingPathComponent("petals.csv").path
        let report = directory.appendingPathComponent("fit.html").path
        let iris = try String(contentsOfFile: TestPaths.dataset("iris.csv"), encoding: .utf8).split(separator: "\n")
        let rows = iris.dropFirst().filter { !$0.hasSuffix("setosa") }.map { line -> String in
            let cells = line.split(separator: ",")
            return "\(cells[2]),\(cells[3]),\(cells[4])"
        }
        try (["petal_length,petal_width,species"] + rows).joined(separator: "\n").appending("\n").write(toFile: data, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["fit", "svm", "--data", data, "--report", report])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        let svgs = SVGElements.svgs(in: html)
        #expect(svgs.count == 2)
        let histogram = try #require(SVGElements.parse(svgs[0]))
        #expect(histogram.filter { $0.name == "polyline" }.count == 2)
        let map = try #require(SVGElements.parse(svgs[1]))
        #expect(map.filter { $0.attributes["class"] == "cell" }.count == 3600)
        #expect(map.filter { $0.attributes["class"] == "point" }.count == 100)
        #expect(map.filter { $0.attributes["class"] == "support-vector" }.count == (try Self.supportVectorCount(run.stdout)))
        #expect(html.contains("over the two features"))
    }

    @Test func reportOverTheInputIsRefused() throws {
        let directory = try TestPaths.temporaryDirectory()
        let data = directory.appendingPathComponent("iris.csv").path
        try FileManager.default.copyItem(atPath: TestPaths.dataset("iris.csv"), toPath: data)
        let run = try CLIRunner.run(["fit", "svm", "--data", data, "--report", data])
        #expect(run.status == 1)
        #expect(run.stderr.contains("--report would overwrite it"))
        let svr = try CLIRunner.run(["path", "svr", "--data", data, "--report", data])
        #expect(svr.status == 1)
    }
}
