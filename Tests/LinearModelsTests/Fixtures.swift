import DataIO
import Foundation
@testable import LinearModels
import LinearAlgebra
import TestSupport

/// Loading of the peer fixtures (see Fixtures/make_*.{R,py} for how each was produced).
enum Fixture {
    static func json(_ name: String) throws -> [String: Any] {
        let url = try requireURL(name)
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static func url(_ name: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
    }

    private static func requireURL(_ name: String) throws -> URL {
        guard let url = url(name) else { throw LagrangeError.invalidData("fixture \(name) is missing") }
        return url
    }

    /// A regression dataset (target = last column).
    static func dataset(_ path: String) throws -> Dataset {
        try DataLoader.dataset(path: path, options: DatasetOptions(task: .regression))
    }

    static var diabetes: Dataset { get throws { try dataset(TestPaths.dataset("diabetes.csv")) } }
    static var wide: Dataset { get throws { try dataset(url("wide.csv")!.path) } }
    /// 200 × 80 equicorrelated (ρ = 0.5) design, 10 true non-zeros (make_glmnet_fixtures.R).
    static var tall: Dataset { get throws { try dataset(url("tall.csv")!.path) } }
}

extension Dictionary where Key == String, Value == Any {
    func numbers(_ key: String) -> [Double] { (self[key] as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    func matrix(_ key: String) -> [[Double]] { (self[key] as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } } }
    func object(_ key: String) -> [String: Any] { self[key] as! [String: Any] }
}

/// Helpers that judge a solution against the problem independently of the solver.
enum Check {
    /// The certificate of arbitrary original-scale coefficients under Lagrange's objective.
    static func certificate(of coefficients: [Double], design: Design, lambda: Double, l1Ratio: Double,
                            weights: [Double]? = nil) -> ElasticNetCertificate {
        let beta = zip(coefficients, design.scales).map { $0 * $1 }
        let r = design.residual(of: beta)
        let w = weights ?? [Double](repeating: 1, count: beta.count)
        let g = design.correlations(r)
        let projection = try! UnpenalizedProjection(design: design, weights: w)
        return ElasticNetCertificate.evaluate(
            beta: beta, residual: r, gradient: g, dual: projection?.project(residual: r, gradient: g, design: design),
            response: design.response, weights: w, meanSquares: design.meanSquares, lambda: lambda, l1Ratio: l1Ratio,
            nullObjective: design.nullObjective, passes: 0, tolerance: 1)
    }

    /// ‖X(β₁ − β₂)‖/√n on the standardized scale.
    static func predictionDistance(_ a: [Double], _ b: [Double], design: Design) -> Double {
        let delta = zip(zip(a, b), design.scales).map { ($0.0 - $0.1) * $1 }
        var r = [Double](repeating: 0, count: design.sampleCount)
        let y = design.response
        let shifted = design.residual(of: delta)     // y − XΔ
        for i in r.indices { r[i] = y[i] - shifted[i] }
        return (r.reduce(0) { $0 + $1 * $1 } / Double(design.sampleCount)).squareRoot()
    }
}
