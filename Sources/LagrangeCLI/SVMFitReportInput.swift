import Foundation
import Lagrange

/// Fills the Reports module's plain `SVMFitReportData` from a fitted C-SVC and the rows it was
/// fitted on (after any preprocessing: the features as the model sees them).
enum SVMFitReportInput {
    /// Cells per side of the decision-function picture.
    static let gridSize = 60
    /// Training points drawn at most (an evenly spaced subset beyond).
    static let maximumPoints = 2000
    /// One-vs-one machines whose histograms are drawn at most.
    static let maximumHistograms = 6

    static func make(model: SVC, dataset: Dataset) throws -> SVMFitReportData {
        let x = dataset.features
        let classIndex = Dictionary(uniqueKeysWithValues: model.classes.enumerated().map { ($1, $0) })
        guard let (codes, encoding) = dataset.targetLabels else {
            throw LagrangeError.invalidData("\(dataset.source): the report needs the class labels of the training rows")
        }
        let rowClass = codes.map { classIndex[encoding.classes[$0]] ?? 0 }
        let values = try model.decisionFunction(x)
        let k = model.classes.count
        // Column order of decisionFunction: one column positive for classes[1] (two classes), or
        // pairs (i, j), i < j, positive for i.
        var pairs: [(negative: Int, positive: Int)] = []
        if k == 2 {
            pairs = [(0, 1)]
        } else {
            for i in 0..<k { for j in (i + 1)..<k { pairs.append((j, i)) } }
        }
        let machines = pairs.prefix(maximumHistograms).enumerated().map { column, pair in
            SVMFitReportData.Machine(
                negativeClass: model.classes[pair.negative], positiveClass: model.classes[pair.positive],
                negativeValues: (0..<x.rows).filter { rowClass[$0] == pair.negative }.map { values[$0, column] },
                positiveValues: (0..<x.rows).filter { rowClass[$0] == pair.positive }.map { values[$0, column] },
                negativeIndex: pair.negative, positiveIndex: pair.positive)
        }
        let certificate = model.certificate
        var certificateRows = certificate.quantities.map { ($0.measure.label, TextTable.format($0.value, significant: 10)) }
        certificateRows += [("tolerance", TextTable.format(certificate.tolerance)), ("converged", certificate.converged ? "yes" : "no")]
        let (map, caption) = try decisionMap(model: model, x: x, rowClass: rowClass, featureNames: dataset.featureNames)
        return SVMFitReportData(
            title: "C-SVC — \(dataset.source)",
            subtitle: "\(dataset.sampleCount) rows × \(dataset.featureCount) features, \(k) classes, kernel \(model.kernel.summary), C = \(TextTable.format(model.c))",
            machines: Array(machines), machinesLeftOut: max(0, pairs.count - maximumHistograms),
            supportVectors: model.supportVectorCounts.map { ($0.label, $0.free, $0.bounded) },
            certificate: certificateRows, decisionMap: map, decisionMapCaption: caption,
            notes: [k == 2 ? "Two classes: g > 0 is '\(model.classes[1])' (scikit-learn's sign)."
                        : "One-vs-one: machine (i, j), i < j, is positive for class i; a row gets the class with the most votes (ties to the lower index).",
                    "Certificate: for several classes, objectives and gaps are summed over the machines and the KKT violation is the largest."])
    }

    /// The picture of the decision function: over the two features, or over the plane through
    /// the training mean spanned by the first two principal components (Decomposition's PCA of
    /// the training rows), the other directions held at the mean.
    static func decisionMap(model: SVC, x: Matrix, rowClass: [Int], featureNames: [String]) throws -> (DecisionMap?, String) {
        let p = x.columns
        guard p >= 2 else { return (nil, "One feature: there is no plane to draw.") }
        var u = [Double](repeating: 0, count: x.rows), v = u
        var toFeatures: (Double, Double) -> [Double]
        var xLabel = featureNames[0], yLabel = featureNames.count > 1 ? featureNames[1] : "x2"
        var caption: String
        if p == 2 {
            for row in 0..<x.rows { u[row] = x[row, 0]; v[row] = x[row, 1] }
            toFeatures = { [$0, $1] }
            caption = "The decision function over the two features"
        } else {
            let pca: PCAModel
            do {
                pca = try PCAParameters(components: .count(2)).fit(x)
            } catch {
                return (nil, "No picture: the principal components of the training rows could not be computed (\(error)).")
            }
            let scores = try pca.transform(x)
            for row in 0..<x.rows { u[row] = scores[row, 0]; v[row] = scores[row, 1] }
            let mean = pca.mean, first = (0..<p).map { pca.components[0, $0] }, second = (0..<p).map { pca.components[1, $0] }
            toFeatures = { a, b in (0..<p).map { mean[$0] + a * first[$0] + b * second[$0] } }
            xLabel = String(format: "pc1 (%.1f%% of the variance)", 100 * pca.explainedVarianceRatio[0])
            yLabel = String(format: "pc2 (%.1f%%)", 100 * pca.explainedVarianceRatio[1])
            caption = "The decision function on the plane through the training mean spanned by the first two principal components "
                + "of the \(p) features (the other \(p - 2) directions held at the mean); the points are the training rows projected "
                + "onto the plane, so a point may sit on a cell of another class"
        }
        func padded(_ values: [Double]) -> ClosedRange<Double> {
            let low = values.min() ?? 0, high = values.max() ?? 1
            let pad = high > low ? 0.05 * (high - low) : 0.5
            return (low - pad)...(high + pad)
        }
        let xRange = padded(u), yRange = padded(v)
        let n = gridSize
        var grid = Matrix.zeros(n * n, p)
        for row in 0..<n {
            for column in 0..<n {
                let centre = DecisionMap.cellCentre(row: row, column: column, rows: n, columns: n, xRange: xRange, yRange: yRange)
                for (j, value) in toFeatures(centre.x, centre.y).enumerated() { grid[row * n + column, j] = value }
            }
        }
        let cells: DecisionMap.Cells
        if model.classes.count == 2 {
            let g = try model.decisionFunction(grid)
            cells = .decisionValues((0..<(n * n)).map { g[$0, 0] }, saturation: 2)
            caption += ": cell colour is g (blue g < 0, '\(model.classes[0])'; orange g > 0, '\(model.classes[1])'; white at the boundary g = 0, full colour beyond |g| = 2)."
        } else {
            cells = .classes(try model.predictClassIndices(grid))
            caption += ": cell colour is the predicted class."
        }
        let supportRows = Set(model.supportVectors.indices)
        let step = max(1, (x.rows + maximumPoints - 1) / maximumPoints)
        let points = stride(from: 0, to: x.rows, by: step).map { row in
            DecisionMap.Point(x: u[row], y: v[row], classIndex: rowClass[row], isSupportVector: supportRows.contains(row))
        }
        if step > 1 { caption += " Every \(step)th training row is drawn (\(points.count) of \(x.rows))." }
        caption += " Ringed points are support vectors."
        let title = p == 2 ? "Decision function" : "Decision function on the first two principal components"
        return (DecisionMap(title: title, xLabel: xLabel, yLabel: yLabel, xRange: xRange, yRange: yRange, rows: n, columns: n,
                            cells: cells, classNames: model.classes, points: points), caption)
    }
}
