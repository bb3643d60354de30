import Foundation
import SVM

/// The hyperparameters of a C-SVC fixture (make_fixtures.py).
struct SVCFixtureParameters: Decodable {
    var kernel: String
    var C: Double
    var gammaValue: Double
    var tol: Double
    var classWeight: String?
    var degree: Int
    var coef0: Double
    var sampleWeights: [Double]?
}

/// The hyperparameters of an ε-SVR fixture (make_fixtures.py).
struct SVRFixtureParameters: Decodable {
    var kernel: String
    var C: Double
    var epsilon: Double
    var gammaValue: Double
    var tol: Double
    /// The weighted fixture's sample weights (make_fixtures.py's `sample_weights`).
    var sampleWeights: [Double]?
}

/// A scikit-learn classifier fixture, one-vs-one (`SVC` by make_fixtures.py, `NuSVC` by
/// make_nu_fixtures.py, which wrote it). Per pair (i, j), i < j, LIBSVM's raw orientation
/// (decision > 0 votes for class i): the training indices of the pair's support vectors,
/// their coefficients y·α and the intercept −ρ.
struct ClassifierFixture<Parameters: Decodable>: Decodable {
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
    /// The C-SVC fixtures' training accuracy.
    var trainingAccuracy: Double?
    /// The ν fixtures' scikit-learn `n_iter_`, per machine.
    var iterations: [Int]?
}

/// A scikit-learn fixture of one machine over all rows (`SVR`, `NuSVR`, `OneClassSVM`):
/// support indices, dual coefficients (β = α − α*, or α), intercept, predictions, and where the
/// script wrote them the decision values and `n_iter_`.
struct MachineFixture<Parameters: Decodable, Prediction: Decodable>: Decodable {
    var peerVersion: String
    var dataset: String
    var parameters: Parameters
    var supportIndices: [Int]
    var dualCoefficients: [Double]
    var intercept: Double
    var predictions: [Prediction]
    var decision: [Double]?
    var iterations: [Int]?
}

typealias SVCFixture = ClassifierFixture<SVCFixtureParameters>
typealias SVRFixture = MachineFixture<SVRFixtureParameters, Double>

enum Fixtures {
    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Fixtures/\(name).json"])
        }
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }
}
