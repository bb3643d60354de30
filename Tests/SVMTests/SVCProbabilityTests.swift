import DataIO
import Foundation
import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// scikit-learn's SVC(probability=True) with its internal folds reproduced (see
/// Fixtures/make_probability_fixtures.py, which wrote the fixture and checked the reproduction).
struct ProbabilityFixture: Decodable {
    struct Pair: Decodable {
        var first: Int
        var second: Int
        var permutation: [Int]
        var probA: Double
        var probB: Double
    }
    var peerVersion: String
    var dataset: String
    var C: Double
    var gammaValue: Double
    var classes: [String]
    var pairs: [Pair]
    var probabilities: [[Double]]
    var predictions: [String]
}

@Suite struct SVCProbabilityTests {
    static func dataset(_ name: String) throws -> (Matrix, [String]) {
        let data = try DataLoader.dataset(path: TestPaths.dataset(name), options: DatasetOptions(task: .classification))
        let (codes, encoding) = data.targetLabels!
        return (data.features, codes.map { encoding.classes[$0] })
    }

    static func parameters(c: Double, gamma: Double, labelsFromProbabilities: Bool = false) -> SVCParameters {
        var parameters = SVCParameters(c: c, kernel: KernelParameters(gamma: .value(gamma)))
        parameters.probability = true
        parameters.labelsFromProbabilities = labelsFromProbabilities
        return parameters
    }

    /// Reference: scikit-learn 1.9.1 `SVC(probability=True, random_state=0)` on the same rows,
    /// its folds handed to our calibration. Our fold fits and its fold fits solve the same
    /// problems to the same tolerance (1e-3) in a different sample order, so the probabilities
    /// differ only by the solvers' stopping points: within 1e-2 (the bound).
    @Test(arguments: ["probability_iris", "probability_breast_cancer"])
    func probabilitiesMatchScikitLearnOnMatchedFolds(_ name: String) throws {
        let fixture = try Fixtures.load(ProbabilityFixture.self, name)
        #expect(fixture.peerVersion == "1.9.1")
        let (x, labels) = try Self.dataset(fixture.dataset)
        var parameters = Self.parameters(c: fixture.C, gamma: fixture.gammaValue)
        parameters.probabilityPermutations = fixture.pairs.map(\.permutation)
        let model = try parameters.fit(x, labels: labels)
        #expect(model.classes == fixture.classes)
        let sigmoids = try #require(model.probability?.sigmoids)
        for (ours, theirs) in zip(sigmoids, fixture.pairs) {
            #expect(abs(ours.a - theirs.probA) <= 1e-2 * max(1, abs(theirs.probA)), "A \(ours.a) vs \(theirs.probA)")
            #expect(abs(ours.b - theirs.probB) <= 1e-2 * max(1, abs(theirs.probB)), "B \(ours.b) vs \(theirs.probB)")
        }
        let p = try model.predictProbabilities(x)
        var largest = 0.0
        for row in 0..<x.rows {
            for c in 0..<fixture.classes.count { largest = max(largest, abs(p[row, c] - fixture.probabilities[row][c])) }
        }
        #expect(largest <= 1e-2, "largest probability difference \(largest)")
    }

    /// Reference: the definition of a distribution — every row sums to 1 (two classes:
    /// r + (1 − r); more: the coupling renormalizes every step) and lies in [0, 1].
    @Test(arguments: ["iris.csv", "wine.csv", "breast_cancer.csv"])
    func probabilitiesSumToOne(_ name: String) throws {
        let (x, labels) = try Self.dataset(name)
        let model = try Self.parameters(c: 1, gamma: GammaSetting.scale.resolve(for: x)).fit(x, labels: labels)
        let p = try model.predictProbabilities(x)
        for row in 0..<x.rows {
            let values = (0..<model.classes.count).map { p[row, $0] }
            #expect(abs(values.reduce(0, +) - 1) <= 1e-12)
            #expect(values.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }

    /// Reference: the guarantee's definition — with `labelsFromProbabilities` the predicted
    /// label is the argmax of the probabilities on every row (ties to the lowest index), while
    /// the vote (the default) may disagree with it (scikit-learn issue #13211).
    @Test(arguments: ["iris.csv", "wine.csv", "digits.csv"])
    func argmaxGuarantee(_ name: String) throws {
        let (x, labels) = try Self.dataset(name)
        let gamma = GammaSetting.scale.resolve(for: x)
        let model = try Self.parameters(c: 1, gamma: gamma, labelsFromProbabilities: true).fit(x, labels: labels)
        let p = try model.predictProbabilities(x)
        let predicted = try model.predict(x)
        for row in 0..<x.rows {
            var best = 0
            for c in 1..<model.classes.count where p[row, c] > p[row, best] { best = c }
            #expect(predicted[row] == model.classes[best])
        }
        // The same sigmoids with the vote: the labels may differ only where the vote and the
        // argmax disagree; the probabilities are identical.
        let voting = try Self.parameters(c: 1, gamma: gamma).fit(x, labels: labels)
        let votingProbabilities = try voting.predictProbabilities(x)
        #expect(votingProbabilities == p)
    }

    /// Reference: the model-file contract — a model with probabilities round-trips exactly, a
    /// file without the field (every earlier svc file) loads with `probability == nil`, and a
    /// calibration of the wrong size is refused on decode.
    @Test func modelFileKeepsProbabilitiesAndOldFilesLoad() throws {
        let (x, labels) = try Self.dataset("iris.csv")
        let model = try Self.parameters(c: 1, gamma: 0.25).fit(x, labels: labels)
        let data = try ModelFile.encode(model)
        #expect(try ModelFile.decode(SVC.self, from: data, path: "memory") == model)

        let plain = try SVCParameters(c: 1, kernel: KernelParameters(gamma: .value(0.25))).fit(x, labels: labels)
        let plainData = try ModelFile.encode(plain)
        #expect(!String(decoding: plainData, as: UTF8.self).contains("\"probability\""))
        let loaded = try ModelFile.decode(SVC.self, from: plainData, path: "memory")
        #expect(loaded.probability == nil)
        #expect(throws: (any Error).self) { try loaded.predictProbabilities(x) }

        let broken = model.with(probability: ProbabilityCalibration(sigmoids: [PlattSigmoid(a: -1, b: 0)], folds: 5, seed: 1,
                                                                     labelsFromProbabilities: false))
        #expect(throws: (any Error).self) { try ModelFile.decode(SVC.self, from: try ModelFile.encode(broken), path: "memory") }
    }

    /// Reference: closed form — with no information in f (all f = 0) the cross-entropy depends
    /// on B only and is least where 1/(1 + exp(B)) equals the mean target t̄ (Platt's targets
    /// (N₊+1)/(N₊+2) and 1/(N₋+2)), so A = 0 and B = log((1 − t̄)/t̄); the stopping rule
    /// |∂F/∂B| < 1e-5 leaves B within 1e-5/(n·t̄(1 − t̄)) < 1e-5 of it. And
    /// P(f) = 1/(1 + exp(Af + B)) for large |Af + B| stays finite.
    @Test func plattSigmoidEdgeCases() {
        let sigmoid = PlattSigmoid.fit(decisionValues: [Double](repeating: 0, count: 10),
                                       positive: [true, true, true, false, false, false, false, false, false, false])
        #expect(sigmoid.a == 0)
        let meanTarget = (3 * (4.0 / 5) + 7 * (1.0 / 9)) / 10
        #expect(abs(sigmoid.b - log((1 - meanTarget) / meanTarget)) <= 1e-5)
        let steep = PlattSigmoid(a: -1e3, b: 0)
        #expect(steep.probability(1e3) == 1)
        #expect(steep.probability(-1e3) == 0)
    }
}
