import DataIO
import Foundation
import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// The dual constraints and optimality of the ν formulations, from their definitions (no peer):
/// the same-label solver keeps Σα over each label, stays in the box and stops with the
/// per-label KKT violation within tol; fitted models keep their equality constraints and have
/// certificates with 0 ≤ gap ≤ the bound the KKT conditions give.
@Suite struct NuSVMInvariantTests {
    static let iris = try! DataLoader.dataset(path: TestPaths.dataset("iris.csv"), options: DatasetOptions(task: .classification))
    static let diabetes = try! DataLoader.dataset(path: TestPaths.dataset("diabetes.csv"), options: DatasetOptions(task: .regression))

    /// m₊ − M₊ and m₋ − M₋ from the definitions (`SameLabelThresholds` doc), on a given gradient.
    static func sameLabelViolation(_ dual: ExplicitDual, alpha: [Double], gradient g: [Double]) -> Double {
        var worst = 0.0
        for label in [1.0, -1.0] {
            var m = -Double.infinity, bigM = Double.infinity
            for t in 0..<dual.size where dual.labels[t] == label {
                let value = -label * g[t]
                let belowUpper = alpha[t] < dual.upperBounds[t], aboveLower = alpha[t] > 0
                if label > 0 ? belowUpper : aboveLower { m = max(m, value) }
                if label > 0 ? aboveLower : belowUpper { bigM = min(bigM, value) }
            }
            if m > -Double.infinity, bigM < Double.infinity { worst = max(worst, m - bigM) }
        }
        return worst
    }

    /// The ν-SVC dual (p = 0, box [0, 1]) on random RBF problems from LIBSVM's start: each
    /// label's Σα stays νl/2 (only same-label steps, which keep the sum; rounding of ≤ 2 adds per
    /// iteration), α stays in [0, 1], and the per-label violation recomputed from a fresh
    /// gradient is within tol (plus the gradient's rounding bound).
    @Test(arguments: [false, true])
    func sameLabelSolverKeepsEachLabelSumAndConverges(_ shrinking: Bool) throws {
        for seed in 0..<10 {
            var dual = ExplicitDual.randomRBF(count: 40, seed: UInt64(700 + seed))
            dual.linearTerm = [Double](repeating: 0, count: dual.size)
            let nu = 0.4
            var remaining = [nu * Double(dual.size) / 2, nu * Double(dual.size) / 2]
            let start = dual.labels.map { label -> Double in
                let side = label > 0 ? 0 : 1
                let value = min(1, remaining[side])
                remaining[side] -= value
                return value
            }
            var problem = dual.problem(dual.matrix())
            problem.initialAlpha = start
            var settings = SolverSettings(tolerance: 1e-3, shrinking: shrinking, maximumIterations: 1_000_000)
            settings.workingSetRule = .sameLabel
            let solver = SMOSolver(problem, settings: settings)
            let solution = solver.solve()
            #expect(solution.converged)
            let alpha = solution.alpha
            #expect(alpha.allSatisfy { $0 >= 0 && $0 <= 1 })
            for label in [1.0, -1.0] {
                let sum = zip(alpha, dual.labels).filter { $0.1 == label }.reduce(0) { $0 + $1.0 }
                let rounding = 4 * Double.ulpOfOne * Double(solution.iterations + 1) * Double(dual.size)
                #expect(abs(sum - nu * Double(dual.size) / 2) <= rounding, "seed \(seed), label \(label): Σα = \(sum)")
            }
            let violation = Self.sameLabelViolation(dual, alpha: alpha, gradient: dual.gradient(alpha))
            #expect(violation <= 1e-3 + dual.gradientRoundingBound(updates: solution.iterations), "seed \(seed)")
            let thresholds = SameLabelThresholds(solution, labels: dual.labels, upperBounds: dual.upperBounds)
            #expect(thresholds.maximumViolation <= 1e-3)
        }
    }

    /// The gap bound of a ν problem with box C and violation δ ≤ tol: each sample adds at most
    /// δ·C to Σξ and αₜ·δ to Σαₜ(∇ₜf − rₛ), so 0 ≤ gap ≤ δ(C·l + Σα). Weak duality up to the
    /// rounding of the objective sums.
    static func checkGap(_ certificate: SVMCertificate, boxTimesCount: Double, alphaSum: Double) {
        let rounding = 1e-12 * max(1, abs(certificate.dualObjective))
        #expect(certificate.dualityGap >= -rounding)
        #expect(certificate.dualityGap <= certificate.maximumKKTViolation * (boxTimesCount + alphaSum) + rounding)
        #expect(certificate.converged)
    }

    @Test func oneClassKeepsItsConstraints() throws {
        let nu = 0.1
        let model = try OneClassSVMParameters(nu: nu).fit(Self.iris)
        let n = Double(Self.iris.sampleCount)
        let sum = model.dualCoefficients.reduce(0, +)
        #expect(abs(sum - nu * n) <= 1e-12 * n)
        #expect(model.dualCoefficients.allSatisfy { $0 > 0 && $0 <= 1 })
        // Σα = νn with α ≤ 1: at least νn support vectors, at most νn of them at α = 1.
        #expect(Double(model.supportVectors.count) >= nu * n)
        #expect(Double(model.boundedSupportVectors) <= nu * n)
        Self.checkGap(model.certificate, boxTimesCount: n, alphaSum: nu * n)
    }

    @Test func nuSVRKeepsItsConstraints() throws {
        let (nu, c) = (0.3, 10.0)
        let model = try NuSVRParameters(nu: nu, c: c).fit(Self.diabetes)
        let n = Double(Self.diabetes.sampleCount)
        let beta = model.regression.dualCoefficients
        // Σ(αᵢ − α*ᵢ) = 0; |βᵢ| ≤ C; Σ|βᵢ| ≤ Σ(αᵢ + α*ᵢ) = Cνn.
        #expect(abs(beta.reduce(0, +)) <= 1e-12 * c * n)
        #expect(beta.allSatisfy { abs($0) <= c })
        #expect(beta.reduce(0) { $0 + abs($1) } <= c * nu * n * (1 + 1e-12))
        Self.checkGap(model.certificate, boxTimesCount: 2 * c * n, alphaSum: c * nu * n)
        #expect(model.regression.epsilon > 0)
    }

    /// Each machine: yᵀα = 0 after rescaling (Σ coefficients = 0), and the certificates of the
    /// unscaled problems (box 1, Σα = νl per machine) within the gap bound.
    @Test func nuSVCKeepsItsConstraints() throws {
        let nu = 0.3
        let model = try NuSVCParameters(nu: nu).fit(Self.iris)
        for machine in model.machines {
            let scale = machine.dualCoefficients.map(abs).max() ?? 1
            #expect(abs(machine.dualCoefficients.reduce(0, +)) <= 1e-12 * scale * Double(machine.dualCoefficients.count))
            let l = 100.0   // 50 + 50 samples per pair of iris classes
            Self.checkGap(machine.certificate, boxTimesCount: l, alphaSum: nu * l)
        }
    }

    /// ν above 2·min(n₁, n₂)/(n₁ + n₂) has no feasible point; the error names the limit.
    @Test func infeasibleNuIsRefused() throws {
        let cancer = try DataLoader.dataset(path: TestPaths.dataset("breast_cancer.csv"), options: DatasetOptions(task: .classification))
        do {
            _ = try NuSVCParameters(nu: 0.8).fit(cancer)
            Issue.record("ν = 0.8 fitted on 212 / 357 samples")
        } catch let LagrangeError.invalidParameter(name, _, requirement) {
            #expect(name == "nu" && requirement.contains("0.745"))
        }
        #expect(throws: LagrangeError.self) { try OneClassSVMParameters(nu: 0).validate() }
        #expect(throws: LagrangeError.self) { try NuSVRParameters(nu: 1.5).validate() }
    }

    /// Damaged files are refused on decode: a one-class coefficient above its box, ν out of range.
    @Test func damagedModelFilesAreRefused() throws {
        let oneClass = try OneClassSVMParameters(nu: 0.1).fit(Self.iris)
        let text = String(decoding: try ModelFile.encode(oneClass), as: UTF8.self)
        // Every coefficient goes out of its box (α ∈ (0, 1]): the list gets a leading 2.
        let damaged = text.replacingOccurrences(of: #""dualCoefficients" : ["#, with: #""dualCoefficients" : [ 2, "#)
        #expect(damaged != text)
        // One more coefficient than support vectors and one above 1: either check refuses it;
        // the box check alone is exercised by `validate()` on a model with α = 2 below.
        #expect(throws: DataError.self) { try ModelFile.decode(OneClassSVM.self, from: Data(damaged.utf8), path: "m.json") }
        let outOfBox = OneClassSVM(nu: oneClass.nu, kernel: oneClass.kernel, featureNames: oneClass.featureNames,
                                   sampleCount: oneClass.sampleCount, supportVectors: oneClass.supportVectors,
                                   dualCoefficients: [2] + oneClass.dualCoefficients.dropFirst(), intercept: oneClass.intercept,
                                   freeSupportVectors: oneClass.freeSupportVectors,
                                   boundedSupportVectors: oneClass.boundedSupportVectors, certificate: oneClass.certificate)
        #expect(throws: LagrangeError.self) { try outOfBox.validate() }
        let nuSVC = try NuSVCParameters(nu: 0.3).fit(Self.iris)
        let badNu = String(decoding: try ModelFile.encode(nuSVC), as: UTF8.self)
            .replacingOccurrences(of: #""nu" : 0.3"#, with: #""nu" : 3"#)
        #expect(throws: DataError.self) { try ModelFile.decode(NuSVC.self, from: Data(badNu.utf8), path: "m.json") }
    }
}
