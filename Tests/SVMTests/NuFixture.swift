import Foundation

/// The hyperparameters of a ν fixture (Fixtures/make_nu_fixtures.py): ν in place of C, and C
/// for ν-SVR only.
struct NuFixtureParameters: Decodable {
    var kernel: String
    var nu: Double
    var C: Double?
    var gammaValue: Double
    var tol: Double
}

/// scikit-learn's `NuSVC`: the layout of `SVCFixture`, with ν in place of C.
typealias NuSVCFixture = ClassifierFixture<NuFixtureParameters>
/// scikit-learn's `NuSVR`.
typealias NuSVRFixture = MachineFixture<NuFixtureParameters, Double>
/// scikit-learn's `OneClassSVM` (features: every column of the dataset but the last; predictions ±1).
typealias OneClassFixture = MachineFixture<NuFixtureParameters, Int>
