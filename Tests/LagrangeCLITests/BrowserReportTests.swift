import Foundation
import Testing
import TestSupport

/// Every kind of report, opened in headless Chromium: the browser lays the page out, and
/// `Fixtures/browser-layout-check.js` (run inside the page) measures what a reader would see —
/// every chart has a box, every mark has finite geometry and stays inside its chart, no label
/// is cut off or lies on another, the page needs no sideways scrolling. The findings come back
/// through the browser's DOM dump. `scripts/setup.sh` installs Chromium; without it these
/// tests are skipped (the structural SVG checks of the other report tests still run).
@Suite(.enabled(if: HeadlessBrowser.executable != nil, "needs headless Chromium (scripts/setup.sh installs it)"))
struct BrowserReportTests {
    /// A report and the command that writes it (`REPORT` stands for its path).
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "binomial path with CV (breast cancer)",
             arguments: ["path", "logistic", "--data", TestPaths.dataset("breast_cancer.csv"), "--lambdas", "30",
                         "--lambda-min-ratio", "0.01", "--cv", "5"]),
        Case(name: "multinomial path with CV (iris)",
             arguments: ["path", "logistic", "--data", TestPaths.dataset("iris.csv"), "--lambdas", "20",
                         "--lambda-min-ratio", "0.01", "--cv", "3"]),
        Case(name: "lasso path with CV (diabetes)",
             arguments: ["path", "lasso", "--data", TestPaths.dataset("diabetes.csv"), "--cv", "5"]),
        Case(name: "ridge path (diabetes)", arguments: ["path", "ridge", "--data", TestPaths.dataset("diabetes.csv")]),
        Case(name: "PCA (wine)", arguments: ["fit", "pca", "--data", TestPaths.dataset("wine.csv")]),
        Case(name: "PCA (digits, 64 features)", arguments: ["fit", "pca", "--data", TestPaths.dataset("digits.csv")]),
        Case(name: "SVM grid (iris)",
             arguments: ["path", "svm", "--data", TestPaths.dataset("iris.csv"), "--log2c", "-1,7,2", "--log2g", "1,-7,-2"]),
        Case(name: "SVR grid (diabetes)",
             arguments: ["path", "svr", "--data", TestPaths.dataset("diabetes.csv"), "--log2c", "3,9,2",
                         "--log2g", "-13,-17,-2", "--epsilon", "10", "--folds", "4"]),
        Case(name: "ν-SVC grid (iris)",
             arguments: ["path", "svm", "--data", TestPaths.dataset("iris.csv"), "--nu-svc", "--log2g", "1,-7,-2"]),
        Case(name: "SVR fit (diabetes)",
             arguments: ["fit", "svr", "--data", TestPaths.dataset("diabetes.csv"), "--scale", "standard", "-C", "100"]),
        Case(name: "SVM fit (wine, 3 classes)",
             arguments: ["fit", "svm", "--data", TestPaths.dataset("wine.csv"), "--scale", "standard"]),
    ]

    @Test(arguments: cases)
    func reportLaysOutCleanly(_ report: Case) throws {
        let directory = try TestPaths.temporaryDirectory()
        let path = directory.appendingPathComponent("report.html").path
        let run = try CLIRunner.run(report.arguments + ["--report", path], currentDirectory: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let layout = try HeadlessBrowser.layout(of: html, in: directory)
        // The browser parsed every chart the file holds, and every table row.
        #expect(layout.svgs == html.components(separatedBy: "<svg ").count - 1)
        #expect(layout.svgs > 0 && layout.marks > 0 && layout.labels > 0)
        #expect(layout.tableRows.reduce(0, +) == html.components(separatedBy: "<tr>").count - 1 - layout.tableRows.count)
        #expect(layout.problems.isEmpty, "\(layout.problems.joined(separator: "\n"))")
    }

    /// The check itself can fail: a page with each defect it looks for gets each finding.
    @Test func layoutCheckFindsEachDefect() throws {
        let directory = try TestPaths.temporaryDirectory()
        let page = """
        <!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
        <svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" font-size="12">
        <text x="190" y="20">a label running off the edge</text>
        <text x="10" y="60">first</text><text x="12" y="61">second</text>
        <rect x="150" y="50" width="100" height="20"/>
        </svg>
        <table><tbody><tr><td style="white-space:nowrap">\(String(repeating: "wide ", count: 400))</td></tr></tbody></table>
        </body></html>
        """
        let layout = try HeadlessBrowser.layout(of: page, in: directory)
        let found = layout.problems.joined(separator: "\n")
        #expect(layout.svgs == 1)
        #expect(found.contains("label \"a label running off the edge\" is cut off"))
        #expect(found.contains("labels \"first\" and \"second\" overlap"))
        #expect(found.contains("chart 1: <rect> drawn outside the chart"))
        #expect(found.contains("horizontal scrolling"))
        #expect(layout.tableRows == [1])
    }
}

/// Headless Chromium, driven from the command line: `--dump-dom` prints the page's DOM after
/// its scripts ran.
enum HeadlessBrowser {
    struct Layout: Decodable {
        var svgs: Int
        var marks: Int
        var labels: Int
        var tableRows: [Int]
        var problems: [String]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The first of the usual Chromium names on PATH (or `LAGRANGE_BROWSER`).
    static let executable: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["LAGRANGE_BROWSER"] { return URL(fileURLWithPath: chosen) }
        let directories = (environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in directories {
                let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        return nil
    }()

    static let checkScript = TestPaths.root.appendingPathComponent("Tests/LagrangeCLITests/Fixtures/browser-layout-check.js")

    /// Lays `html` out in a 1280 × 900 window with the layout check added at the end of its body.
    static func layout(of html: String, in directory: URL) throws -> Layout {
        guard let executable else { throw Failure(description: "no headless browser") }
        let script = try String(contentsOf: checkScript, encoding: .utf8)
        guard let end = html.range(of: "</body>", options: .backwards) else { throw Failure(description: "page has no </body>") }
        let page = directory.appendingPathComponent("checked-\(UUID().uuidString).html")
        try (html.replacingCharacters(in: end, with: "<script>\(script)</script></body>")).write(to: page, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = executable
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1280,900",
                             "--user-data-dir=\(directory.appendingPathComponent("browser-profile").path)",
                             "--virtual-time-budget=5000", "--dump-dom", page.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        let open = "<pre id=\"lagrange-layout-check\">"
        // The last one: the script's own text, also in the dump, names the element too.
        guard let start = dom.range(of: open, options: .backwards), let close = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw Failure(description: "the layout check did not run (browser exit \(process.terminationStatus))")
        }
        let json = String(dom[start.upperBound..<close.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        do {
            return try JSONDecoder().decode(Layout.self, from: Data(json.utf8))
        } catch {
            throw Failure(description: "the layout check's output is not its JSON: \(json.prefix(300))")
        }
    }
}
