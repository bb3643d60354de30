import LinearAlgebra
import Reports
import Testing

@Suite struct PCAReportTests {
    func data(components k: Int, labels: [String]?) throws -> PCAReportData {
        let loadings = try Matrix(rows: [[0.8, 0.6, 0], [-0.6, 0.8, 0], [0, 0, 1]].prefix(k).map { $0 })
        return PCAReportData(source: "toy <data>.csv", sampleCount: 4, featureNames: ["a", "b&c", "d"],
                             explainedVarianceRatio: Array([0.7, 0.2, 0.1].prefix(k)), spectrumRatio: [0.7, 0.2, 0.1],
                             explainedVariance: Array([7, 2, 1].prefix(k)), loadings: loadings,
                             firstScores: k >= 2 ? [1, 2, 3, 4] : [], secondScores: k >= 2 ? [0, -1, 1, 0] : [],
                             labels: labels, labelName: labels == nil ? nil : "kind", whiten: false,
                             maxEigenResidual: 1e-15, orthonormalityError: 2e-16)
    }

    @Test func rendersEveryPartEscaped() throws {
        let html = PCAReport.render(try data(components: 2, labels: ["x", "y", "x", "<b>"]))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("PCA — toy &lt;data&gt;.csv"))
        #expect(html.contains("b&amp;c"))
        #expect(html.contains("&lt;b&gt;") && !html.contains("<b>"))
        #expect(html.components(separatedBy: "<svg").count == 3)   // scree + scatter
        #expect(html.contains("2 kept"))                             // marker: 2 of 3 components kept
        #expect(html.contains("<td class=\"num\">0.8000</td>"))      // loadings table
        #expect(!html.contains("<script"))
    }

    @Test func oneComponentHasNoScatter() throws {
        let html = PCAReport.render(try data(components: 1, labels: nil))
        #expect(html.components(separatedBy: "<svg").count == 2)
        #expect(html.contains("no second axis"))
    }

    /// More than `maximumLabelClasses` (10) labels: the rarest share one grey "other".
    @Test func manyLabelsFoldIntoOther() throws {
        var d = try data(components: 2, labels: nil)
        d.labels = (0..<20).map { "class\($0)" }
        d.labelName = "kind"
        d.firstScores = (0..<20).map(Double.init)
        d.secondScores = (0..<20).map { Double($0 % 3) }
        let html = PCAReport.render(d)
        #expect(html.contains(">other</text>"))
    }
}
