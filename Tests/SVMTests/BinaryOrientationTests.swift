import DataIO
import Foundation
import LinearAlgebra
import SVM
import Testing
import TestSupport

/// Two-class models are stored oriented like their decision values (and scikit-learn's
/// `dual_coef_`, `intercept_`, `coef_`): positive → classes[1]. Model files of the earlier
/// orientation (LIBSVM's: positive → classes[0]) still load and predict the same.
@Suite struct BinaryOrientationTests {
    /// Tests/PeerFixtures/breast_cancer.svm: breast_cancer scaled to [−1, 1] (LIBSVM text).
    static func data() throws -> Dataset {
        try DataLoader.dataset(path: TestPaths.root.appendingPathComponent("Tests/PeerFixtures/breast_cancer.svm").path,
                               options: DatasetOptions(task: .classification))
    }

    /// Invariant: for the linear kernel the decision value is wᵀx + b with the stored w and b,
    /// to rounding (1e-10), and the machine points at classes[1].
    @Test func primalWeightsGiveTheDecisionValues() throws {
        let data = try Self.data()
        let model = try SVCParameters(c: 1, kernel: KernelParameters(kind: .linear)).fit(data)
        let machine = try #require(model.machines.first)
        #expect(machine.positiveClass == 1 && machine.negativeClass == 0)
        let w = try #require(machine.primalWeights)
        let viaWeights = try BLAS.multiply(data.features, .none, w).map { $0 + machine.intercept }
        #expect(Approximate.maxAbsoluteDifference(viaWeights, try model.decisionFunction(data.features).column(0)) <= 1e-10)
        // wᵀx + b > 0 exactly where classes[1] is predicted.
        let predictions = try model.predict(data.features)
        for (row, value) in viaWeights.enumerated() {
            #expect((value > 0) == (predictions[row] == model.classes[1]) || value == 0)
        }
    }

    /// Svc_version1_linear_binary.json was written by the earlier code (same data, linear
    /// kernel, C = 1) with machine (0, 1) in LIBSVM's orientation. Read now, it must give the
    /// decision values its stored w and b define, −(wᵀx + b) (positive → classes[1]), and the
    /// same predictions and decision values as a fresh fit, whose stored w and b are the negated ones.
    @Test func versionOneFilesReadTheSame() throws {
        let url = try #require(Bundle.module.url(forResource: "svc_version1_linear_binary", withExtension: "json", subdirectory: "Fixtures"))
        let old = try ModelFile.read(SVC.self, from: url.path)
        let oldMachine = try #require(old.machines.first)
        #expect(oldMachine.positiveClass == 0)
        let data = try Self.data()
        let w = try #require(oldMachine.primalWeights)
        let stored = try BLAS.multiply(data.features, .none, w).map { -($0 + oldMachine.intercept) }
        let oldDecision = try old.decisionFunction(data.features).column(0)
        #expect(Approximate.maxAbsoluteDifference(stored, oldDecision) <= 1e-10)

        let fresh = try SVCParameters(c: 1, kernel: KernelParameters(kind: .linear)).fit(data)
        let freshMachine = try #require(fresh.machines.first)
        #expect(try fresh.predict(data.features) == (try old.predict(data.features)))
        #expect(Approximate.maxAbsoluteDifference(try fresh.decisionFunction(data.features).column(0), oldDecision) <= 1e-12)
        #expect(Approximate.maxAbsoluteDifference(try #require(freshMachine.primalWeights), w.map { -$0 }) <= 1e-12)
        #expect(freshMachine.intercept == -oldMachine.intercept)
        #expect(freshMachine.freeCounts == oldMachine.freeCounts.reversed())
    }
}
