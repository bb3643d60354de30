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
/// one-class). The iteration counts equal scikit-learn's `n_iter_` (per machine): the paths are
/// the same. A different iteration path would show up as a gap of order tol = 1e-3 (it did,
/// before the starting point used scikit-learn's Σν in place of ν·l: see `startingSum`).
@Suite struct NuSVMFixtureTests {
    static let relativeTolerance = 1e-6

    /// The ν certificate's stopping measures (`SVMCertificate.gapScale`): the relative gap
    /// gap / (Σ box + Σα) ≤ tol and the KKT violation ≤ tol (the theorem: gap ≤ δ·S with
    /// δ ≤ tol), and weak duality gap ≥ 0 up to the objective sums' rounding (1e-12·|dual|).
    static func checkCertificate(_ certificate: SVMCertificate, tol: Double) {
        #expect(certificate.converged)
        #expect(certificate.maximumKKTViolation <= tol)
        let relative = certificate.relativeDualityGap ?? .infinity
        #expect(relative <= tol, "relative gap \(relative), gap \(certificate.dualityGap)")
        #expect(relative <= certificate.maximumKKTViolation + 1e-12 * max(1, abs(certificate.dualObjective)))
        #expect(certificate.dualityGap >= -1e-12 * max(1, abs(certificate.dualObjective)))
    }

    /// max |K(x, x')| over the rows: 1 for rbf, else at most max ‖x‖² (Cauchy–Schwarz; linear).
    static func largestKernelValue(_ x: Matrix, _ kind: KernelKind) -> Double {
        guard kind != .rbf else { return 1 }
        return (0..<x.rows).map { x.row($0).reduce(0) { $0 + $1 * $1 } }.max() ?? 1
    }

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
            #expect(difference <= Self.relativeTolerance * bound)
            #expect(Approximate.close(machine.intercept, sign * pair.intercept, absolute: Self.relativeTolerance * bound))
        }
        #expect(try model.predict(data.features) == fixture.predictions)
        // Decision values: |Δg| ≤ Σ|Δcoef|·|K| + |Δb| ≤ (m + 1)·1e-6·bound·max|K|.
        let decision = try model.decisionFunction(data.features)
        let largestBound = fixture.pairs.flatMap { $0.dualCoefficients.map(abs) }.max() ?? 1
        let decisionTolerance = Double(model.supportVectors.count + 1) * Self.relativeTolerance * largestBound
            * Self.largestKernelValue(data.features, kind)
        for (row, values) in fixture.decision.enumerated() {
            for (column, value) in values.enumerated() {
                #expect(abs(decision[row, column] - value) <= decisionTolerance, "row \(row), column \(column)")
            }
        }
        Self.checkCertificate(model.certificate, tol: fixture.parameters.tol)
        for machine in model.machines { Self.checkCertificate(machine.certificate, tol: fixture.parameters.tol) }
        #expect(model.machines.map(\.certificate.iterations) == fixture.iterations)
    }

    @Test(arguments: ["nusvr_diabetes", "nusvr_diabetes_linear"])
    func nuSVRMatchesScikitLearn(_ name: String) throws {
        let fixture = try Fixtures.load(NuSVRFixture.self, name)
        let data = try DataLoader.dataset(path: TestPaths.dataset(fixture.dataset), options: DatasetOptions(task: .regression))
        let kind = try #require(KernelKind(rawValue: fixture.parameters.kernel))
        let c = try #require(fixture.parameters.C)
        let model = try NuSVRParameters(nu: fixture.parameters.nu, c: c, kernel: KernelParameters(kind: kind),
                                        tolerance: fixture.parameters.tol).fit(data)
        let tolerance = Self.relativeTolerance * c
        #expect(model.regression.supportVectors.indices == fixture.supportIndices)
        let difference = Approximate.maxAbsoluteDifference(model.regression.dualCoefficients, fixture.dualCoefficients)
        #expect(difference <= tolerance)
        #expect(Approximate.close(model.regression.intercept, fixture.intercept, absolute: tolerance * 10))
        let predictions = try model.predict(data.features)
        let bound = Double(model.regression.supportVectors.count + 1) * tolerance * Self.largestKernelValue(data.features, kind)
        #expect(Approximate.maxAbsoluteDifference(predictions, fixture.predictions) <= bound)
        Self.checkCertificate(model.certificate, tol: fixture.parameters.tol)
        #expect([model.certificate.iterations] == fixture.iterations)
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
        #expect(difference <= Self.relativeTolerance)
        #expect(Approximate.close(model.intercept, fixture.intercept, absolute: Self.relativeTolerance))
        let decision = try model.decisionFunction(data.features)
        let bound = Double(model.supportVectors.count + 1) * Self.relativeTolerance * Self.largestKernelValue(data.features, kind)
        #expect(Approximate.maxAbsoluteDifference(decision, try #require(fixture.decision)) <= bound)
        #expect(try model.predict(data.features).map { Int($0) } == fixture.predictions)
        Self.checkCertificate(model.certificate, tol: fixture.parameters.tol)
        #expect([model.certificate.iterations] == fixture.iterations)
    }
}
