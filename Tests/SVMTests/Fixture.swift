import Foundation
import SVM

/// A scikit-learn reference fixture (see Fixtures/make_fixtures.py, which wrote it).
struct SVCFixture: Decodable {
    struct Parameters: Decodable {
        var kernel: String
        var C: Double
        var gammaValue: Double
        var tol: Double
        var classWeight: String?
        var degree: Int
        var coef0: Double
        var sampleWeights: [Double]?
    }
    struct Pair: Decodable {
        var first: Int
        var second: Int
        var supportIndices: [Int]
        var dualCoefficients: [Double]
        var intercept: Double
    }
    var peerVersion: String
    var dataset: String
    var parameters: Parameters
    var classes: [String]
    var supportIndices: [Int]
    var supportCounts: [Int]
    var pairs: [Pair]
    var predictions: [String]
    var decision: [[Double]]
    var trainingAccuracy: Double
}

struct SVRFixture: Decodable {
    struct Parameters: Decodable {
        var kernel: String
        var C: Double
        var epsilon: Double
        var gammaValue: Double
        var tol: Double
        /// The weighted fixture's sample weights (make_fixtures.py's `sample_weights`).
        var sampleWeights: [Double]?
    }
    var peerVersion: String
    var dataset: String
    var parameters: Parameters
    var supportIndices: [Int]
    var dualCoefficients: [Double]
    var intercept: Double
    var predictions: [Double]
}

enum Fixtures {
    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(name).json"])
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}
