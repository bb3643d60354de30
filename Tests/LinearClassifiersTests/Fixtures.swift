import DataIO
import Foundation
@testable import LinearClassifiers
import LinearAlgebra
import Modeling
import TestSupport

/// Loading of the peer fixtures (see Fixtures/make_*.{R,py} for how each was produced).
enum Fixture {
    static func json(_ name: String) throws -> [String: Any] {
        guard let url = url(name) else { throw LagrangeError.invalidData("fixture \(name) is missing") }
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static func url(_ name: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
    }

    static func classification(_ path: String, target: String? = nil, drop: [String] = []) throws -> Dataset {
        try DataLoader.dataset(path: path, options: DatasetOptions(task: .classification, target: target, drop: drop))
    }

    /// Datasets/breast_cancer.csv: 569 × 30, classes benign / malignant.
    static var breastCancer: Dataset { get throws { try classification(TestPaths.dataset("breast_cancer.csv")) } }
    /// 300 × 40 equicorrelated, labels no / yes (make_glmnet_fixtures.R); the weight column is left out.
    static var generated: Dataset { get throws { try classification(url("generated.csv")!.path, target: "label", drop: ["weight"]) } }
    /// The weight column of generated.csv.
    static var generatedWeights: [Double] {
        get throws {
            let table = try CSVReader().read(path: url("generated.csv")!.path)
            return table.values.column(try table.columnIndex("weight"))
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    func numbers(_ key: String) -> [Double] { (self[key] as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    func matrix(_ key: String) -> [[Double]] { (self[key] as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } } }
}

/// Judges arbitrary coefficients against the problem, independently of the solver.
enum Check {
    /// The design the path was fitted on.
    static func design(_ data: Dataset, weights: [Double]? = nil, parameters: LogisticParameters) throws -> ClassificationDesign {
        try ClassificationDesign(x: data.features, sampleWeights: weights, standardize: parameters.standardize,
                                 fitIntercept: parameters.fitIntercept)
    }

    /// η = b + Xβ on the standardized scale for original-scale (β, b).
    static func eta(_ coefficients: [Double], intercept: Double, design: ClassificationDesign) -> (eta: [Double], beta: [Double]) {
        let (beta, b) = design.standardizedScale(coefficients, intercept: intercept)
        let n = design.sampleCount
        var eta = [Double](repeating: b, count: n)
        for j in beta.indices where beta[j] != 0 {
            for i in 0..<n { eta[i] += beta[j] * design.columns[j * n + i] }
        }
        return (eta, beta)
    }

    /// L₀, the loss of the null model.
    static func nullLoss(design: ClassificationDesign, labels: [Int], fitIntercept: Bool) -> Double {
        let y = labels.map(Double.init)
        let mean = zip(design.weights, y).reduce(0) { $0 + $1.0 * $1.1 }
        let null = fitIntercept ? log(mean / (1 - mean)) : 0
        return LogisticFunctions.meanLoss(eta: [Double](repeating: null, count: y.count), y: y, weights: design.weights)
    }

    /// Lagrange's certificate evaluated at arbitrary original-scale coefficients (of the
    /// box-constrained problem when `parameters` has limits; with `parameters`' penalty
    /// factors, zeros included).
    static func certificate(_ coefficients: [Double], intercept: Double, design: ClassificationDesign, labels: [Int],
                            lambda: Double, parameters: LogisticParameters) -> LogisticCertificate {
        let y = labels.map(Double.init)
        let (eta, beta) = eta(coefficients, intercept: intercept, design: design)
        let u = (0..<design.sampleCount).map { design.weights[$0] * (y[$0] - LogisticFunctions.sigmoid(eta[$0])) }
        let g = design.transposeTimes(u)
        let nullLoss = nullLoss(design: design, labels: labels, fitIntercept: parameters.fitIntercept)
        let factors = try! parameters.normalizedPenaltyFactors(count: beta.count)
        return LogisticCertificate.binomial(beta: beta, eta: eta, y: y, gradient: g, design: design,
                                            penaltyFactors: factors, lambda: lambda,
                                            l1Ratio: parameters.l1Ratio, fitIntercept: parameters.fitIntercept,
                                            nullLoss: nullLoss, passes: 0, tolerance: 1,
                                            box: try! parameters.limits?.box(scales: design.scales),
                                            unpenalized: factors.indices.filter { factors[$0] == 0 })
    }
}
