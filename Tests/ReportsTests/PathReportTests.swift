import Reports
import Testing

@Suite struct PathReportTests {
    let data = PathReportData(
        title: "lasso path — a <b>&", lambdas: [1, 0.1, 0.01], featureNames: ["x<1>", "y"],
        coefficients: [[0, 0], [0.5, 0], [1, -0.2]], nonzeroCounts: [0, 1, 2], norms: [0, 0.5, 1.2], normLabel: "‖β‖₁",
        cvMean: [3, 2, 2.1], cvStandardError: [0.2, 0.1, 0.1], cvLabel: "5-fold cross-validation",
        lambdaMin: 0.1, lambda1SE: 0.1, tableHeader: ["lambda", "nonzero"], tableRows: [["1", "0"], ["0.1", "1"], ["0.01", "2"]],
        notes: ["gap note"])

    @Test func selfContainedPageWithThreeChartsAndTable() {
        let html = PathReport.render(data)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // No scripts, no external resources (the only URL allowed is the SVG namespace).
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("λ_min") && html.contains("λ_1se") && html.contains("non-zero coefficients"))
        // Names are escaped.
        #expect(html.contains("x&lt;1&gt;") && !html.contains("x<1>"))
        #expect(html.contains("a &lt;b&gt;&amp;"))
        #expect(html.contains("<td class=\"num\">0.01</td>"))
    }

    @Test func withoutCrossValidationTwoCharts() {
        var plain = data
        plain.cvMean = nil
        plain.cvStandardError = nil
        plain.lambdaMin = nil
        plain.lambda1SE = nil
        #expect(PathReport.render(plain).components(separatedBy: "<svg").count - 1 == 2)
    }
}
