import Foundation
import Lagrange

/// Fills the Reports module's plain `SVRFitReportData` from a fitted ε-SVR (or a ν-SVR's
/// machine) and the rows it was fitted on (after any preprocessing).
enum SVRFitReportInput {
    /// Points of the fitted-function line.
    static let curvePoints = 200
    /// Training points drawn at most (an evenly spaced subset beyond).
    static let maximumPoints = 2000

    static func make(model: SVR, dataset: Dataset, kind: String) throws -> SVRFitReportData {
        let x = dataset.features
        guard let z = dataset.targetValues else {
            throw LagrangeError.invalidData("\(dataset.source): the report needs the numeric targets of the training rows")
        }
        let fitted = try model.predict(x)
        let residuals = zip(z, fitted).map { $0 - $1 }
        var certificateRows = model.certificate.quantities.map { ($0.measure.label, TextTable.format($0.value, significant: 10)) }
        certificateRows += [("tolerance", TextTable.format(model.certificate.tolerance)),
                            ("converged", model.certificate.converged ? "yes" : "no")]
        let (curve, caption) = try self.curve(model: model, x: x, targets: z, featureNames: dataset.featureNames,
                                              targetName: dataset.targetName ?? "target")
        return SVRFitReportData(
            title: "\(kind) — \(dataset.source)",
            subtitle: "\(dataset.sampleCount) rows × \(dataset.featureCount) features, kernel \(model.kernel.summary), C = \(TextTable.format(model.c)), ε = \(TextTable.format(model.epsilon, significant: 6))",
            residuals: residuals, epsilon: model.epsilon, freeSupportVectors: model.freeSupportVectors,
            boundedSupportVectors: model.boundedSupportVectors, certificate: certificateRows, curve: curve, curveCaption: caption,
            notes: ["A row with |r| < ε has β = 0 (not a support vector); |r| = ε allows 0 < |β| < C (free); |r| > ε forces |β| = C (bounded).",
                    "With sample weights the box of row i is C·wᵢ, and bounded means |βᵢ| = C·wᵢ."])
    }

    /// The fitted function along the one feature, or along the first principal component of the
    /// training rows (the other directions held at the training mean).
    static func curve(model: SVR, x: Matrix, targets z: [Double], featureNames: [String],
                      targetName: String) throws -> (SVRFitReportData.Curve?, String) {
        let p = x.columns
        var u = [Double](repeating: 0, count: x.rows)
        let toFeatures: (Double) -> [Double]
        let xLabel: String
        var caption: String
        if p == 1 {
            for row in 0..<x.rows { u[row] = x[row, 0] }
            toFeatures = { [$0] }
            xLabel = featureNames[0]
            caption = "f over the one feature"
        } else {
            let pca: PCAModel
            do {
                pca = try PCAParameters(components: .count(1)).fit(x)
            } catch {
                return (nil, "No picture: the first principal component of the training rows could not be computed (\(error)).")
            }
            let scores = try pca.transform(x)
            for row in 0..<x.rows { u[row] = scores[row, 0] }
            let mean = pca.mean, first = (0..<p).map { pca.components[0, $0] }
            toFeatures = { a in (0..<p).map { mean[$0] + a * first[$0] } }
            xLabel = String(format: "pc1 (%.1f%% of the variance)", 100 * pca.explainedVarianceRatio[0])
            caption = "f along the first principal component of the \(p) features through the training mean (the other \(p - 1) "
                + "directions held at the mean); the points are the training rows at their pc1 score and target, so a row's "
                + "vertical distance to the line is not its residual"
        }
        let low = u.min() ?? 0, high = u.max() ?? 1
        let n = curvePoints
        let positions = (0..<n).map { low + (high - low) * Double($0) / Double(n - 1) }
        var grid = Matrix.zeros(n, p)
        for (row, position) in positions.enumerated() {
            for (j, value) in toFeatures(position).enumerated() { grid[row, j] = value }
        }
        let values = try model.predict(grid)
        let supportRows = Set(model.supportVectors.indices)
        let step = max(1, (x.rows + maximumPoints - 1) / maximumPoints)
        let rows = Array(stride(from: 0, to: x.rows, by: step))
        if step > 1 { caption += "; every \(step)th training row is drawn (\(rows.count) of \(x.rows))" }
        caption += ". Support vectors are drawn in the second colour."
        return (SVRFitReportData.Curve(xLabel: xLabel, yLabel: targetName, pointsX: rows.map { u[$0] }, pointsY: rows.map { z[$0] },
                                       isSupportVector: rows.map { supportRows.contains($0) }, curveX: positions, curveY: values),
                caption)
    }
}
