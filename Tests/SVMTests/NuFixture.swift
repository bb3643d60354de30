import Foundation

/// A scikit-learn `NuSVC` fixture (Fixtures/make_nu_fixtures.py wrote it): the layout of
/// `SVCFixture`, with ν in place of C.
struct NuSVCFixture: Decodable {
    struct Parameters: Decodable {
        var kernel: String
        var nu: Double
        var gammaValue: Double
        var tol: Double
    }
    var peerVersion: String
    var dataset: String
    var parameters: Parameters
    var classes: [String]
    var supportIndices: [Int]
    var supportCounts: [Int]
    var pairs: [SVCFixture.Pair]
    var predictions: [String]
    var decision: [[Double]]
    /// scikit-learn's `n_iter_`, per machine.
    var iterations: [Int]
}

/// A scikit-learn `NuSVR` fixture (Fixtures/make_nu_fixtures.py).
struct NuSVRFixture: Decodable {
    struct Parameters: Decodable {
        var kernel: String
        var nu: Double
        var C: Double
        var gammaValue: Double
        var tol: Double
    }
    var peerVersion: String
    var dataset: String
    var parameters: Parameters
    var supportIndices: [Int]
    var dualCoefficients: [Double]
    var intercept: Double
    var predictions: [Double]
    var iterations: [Int]
}

/// A scikit-learn `OneClassSVM` fixture (Fixtures/make_nu_fixtures.py); features are every
/// column of the dataset but the last.
struct OneClassFixture: Decodable {
    struct Parameters: Decodable {
        var kernel: String
        var nu: Double
        var gammaValue: Double
        var tol: Double
    }
    var peerVersion: String
    var dataset: String
    var parameters: Parameters
    var supportIndices: [Int]
    var dualCoefficients: [Double]
    var intercept: Double
    var predictions: [Int]
    var decision: [Double]
    var iterations: [Int]
}
