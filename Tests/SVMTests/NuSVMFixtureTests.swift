import DataIO
import Foundation
import LinearAlgebra
import SVM
import Testing
import TestSupport

/// ν-SVC, ν-SVR and the one-class SVM against scikit-learn's `NuSVC`, `NuSVR` and `OneClassSVM`
/// (fixtures by Fixtures/make_nu_fixtures.py; the version, 1.9.1 when written, is in each file).
///
/// Tolerances: as for `SVCFixtureTests`, the solver takes LIBSVM's steps (`Solver_NU`'s
/// same-label WSS 2 and shrinking for ν-SVC/ν-SVR, the standard solver for one-class, the same
/// feasible starting points, Q cached as Float), so the two runs differ by input rounding
/// only: coefficients within ~1e-6 of their box bound (1/r for ν-SVC, C for ν-SVR, 1 for
/// one-class). A different iteration path would show up as a gap of order tol = 1e-3.
@Suite struct NuSVMFixtureTests {
    static let relativeTolerance = 1e-6

    @Test(arguments: ["nusvc_breast_cancer", "nusvc_iris", "nusvc_wine", "nusvc_iris_linear"])
    func nuSVCMatchesScikitLearn(_ name: String) throws {
        let fixture = try Fixtures.load(NuSVCFixture.self, name)
        let data = try DataLoader.dataset(path: TestPaths.dataset(fixture.dataset), options: DatasetOptions(task: .classification))
        let kind = try #require(KernelKind(rawValue: fixture.parameters.kernel))
        let model = try NuSVCParameters(nu: fixture.parameters.nu, kernel: KernelParameters(kind: kind),
                                        tolerance: fixture.parameters.tol).fit(data)
        #expect(model.classes == fixture.classes)
        #expect(model.supportVectors.indices == fixture.supportIndices)
        #expect(model.supportVectorCounts.map(\.total) == fixture.supportCounts)
        try #require(model.machines.count == fixture.pairs.count)
        for (machine, pair) in zip(model.machines, fixture.pairs) {
            let sign: Double = model.classes.count == 2 ? -1 : 1
            let ours = machine.supportPositions.map { model.supportVectors.indices[$0] }
            #expect(ours == pair.supportIndices, "support set of pair (\(pair.first), \(pair.second))")
            guard ours == pair.supportIndices else { continue }
            // The machine's box bound is 1/r, the largest |yα|.
            let bound = pair.dualCoefficients.map(abs).max() ?? 1
            let difference = Approximate.maxAbsoluteDifference(machine.dualCoefficients, pair.dualCoefficients.map { sign * $0 })
            print("\(name) pair (\(pair.first),\(pair.second)) bound \(bound) Δcoef \(difference) Δb \(abs(machine.intercept - sign * pair.intercept))")
            #expect(difference <= Self.relativeTolerance * bound)
            #expect(Approximate.close(machine.intercept, sign * pair.intercept, absolute: Self.relativeTolerance * bound))
        }
        #expect(try model.predict(data.features) == fixture.predictions)
        let decision = try model.decisionFunction(data.features)
        var largest = 0.0
        for (row, values) in fixture.decision.enumerated() {
            for (column, value) in values.enumerated() { largest = max(largest, abs(decision[row, column] - value)) }
        }
        print("\(name) max |Δ decision| \(largest)")
        #expect(model.certificate.converged)
    }

    @Test(arguments: ["nusvr_diabetes", "nusvr_diabetes_linear"])
    func nuSVRMatchesScikitLearn(_ name: String) throws {
        let fixture = try Fixtures.load(NuSVRFixture.self, name)
        let data = try DataLoader.dataset(path: TestPaths.dataset(fixture.dataset), options: DatasetOptions(task: .regression))
        let kind = try #require(KernelKind(rawValue: fixture.parameters.kernel))
        let model = try NuSVRParameters(nu: fixture.parameters.nu, c: fixture.parameters.C, kernel: KernelParameters(kind: kind),
                                        tolerance: fixture.parameters.tol).fit(data)
        let tolerance = Self.relativeTolerance * fixture.parameters.C
        #expect(model.regression.supportVectors.indices == fixture.supportIndices)
        let difference = Approximate.maxAbsoluteDifference(model.regression.dualCoefficients, fixture.dualCoefficients)
        let predictions = try model.predict(data.features)
        print("\(name) Δβ \(difference) Δb \(abs(model.regression.intercept - fixture.intercept)) Δpred \(Approximate.maxAbsoluteDifference(predictions, fixture.predictions)) eps \(model.regression.epsilon)")
        #expect(difference <= tolerance)
        #expect(model.certificate.converged)
    }

    @Test(arguments: ["oneclass_iris", "oneclass_breast_cancer", "oneclass_wine"])
    func oneClassMatchesScikitLearn(_ name: String) throws {
        let fixture = try Fixtures.load(OneClassFixture.self, name)
        let data = try DataLoader.dataset(path: TestPaths.dataset(fixture.dataset), options: DatasetOptions(task: .classification))
        let kind = try #require(KernelKind(rawValue: fixture.parameters.kernel))
        let model = try OneClassSVMParameters(nu: fixture.parameters.nu, kernel: KernelParameters(kind: kind),
                                              tolerance: fixture.parameters.tol).fit(data)
        #expect(model.supportVectors.indices == fixture.supportIndices)
        let difference = Approximate.maxAbsoluteDifference(model.dualCoefficients, fixture.dualCoefficients)
        let decision = try model.decisionFunction(data.features)
        print("\(name) Δα \(difference) Δb \(abs(model.intercept - fixture.intercept)) Δdecision \(Approximate.maxAbsoluteDifference(decision, fixture.decision))")
        #expect(difference <= Self.relativeTolerance)
        #expect(try model.predict(data.features).map { Int($0) } == fixture.predictions)
        #expect(model.certificate.converged)
    }
}
