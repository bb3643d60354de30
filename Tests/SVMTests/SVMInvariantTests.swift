import DataIO
import Foundation
import LinearAlgebra
import SVM
import Testing
import TestSupport

/// Invariants every fit must satisfy, checked independently of the solver's own bookkeeping.
@Suite struct SVMInvariantTests {
    static func dataset(_ name: String, _ task: LearningTask = .classification) throws -> Dataset {
        try DataLoader.dataset(path: TestPaths.dataset(name), options: DatasetOptions(task: task))
    }

    /// Box, equality constraint and KKT conditions on the training set, recomputed in Double
    /// from the decision function (not from the solver's Float-cached gradient):
    /// yᵢg(xᵢ) ≥ 1 − tol where α = 0, ≤ 1 + tol where α = C, within tol of 1 where free.
    /// Rounding allowance: Q was cached as Float (relative 6e-8), so the solver's gradient can
    /// differ from the Double one by 6e-8 · max|K| · Σ|yα|; 1e-7 · max|K| · Σ|yα| covers it
    /// (|Kᵢⱼ| ≤ maxᵢ Kᵢᵢ for a PSD kernel; ≤ 1 for sigmoid). On unscaled data (wine, linear
    /// kernel, max K ≈ 3e6) this allowance is large: Float caching costs accuracy there, as in
    /// LIBSVM — scale the features.
    @Test(arguments: [("iris.csv", "rbf"), ("breast_cancer.csv", "rbf"), ("wine.csv", "linear"), ("digits.csv", "poly"), ("iris.csv", "sigmoid")])
    func kktConditionsHold(_ name: String, _ kernel: String) throws {
        let data = try Self.dataset(name)
        let parameters = SVCParameters(c: 2, kernel: KernelParameters(kind: KernelKind(rawValue: kernel)!), tolerance: 1e-3)
        let model = try parameters.fit(data)
        let codes = data.targetLabels!.codes
        let values = try model.decisionFunction(data.features)
        let largestKernelValue = kernel == "sigmoid" ? 1 : (0..<data.features.rows).map { i in
            let norm = data.features.row(i).reduce(0) { $0 + $1 * $1 }
            return abs(model.kernel.value(dot: norm, squaredNormA: norm, squaredNormB: norm))
        }.max()!
        for (m, machine) in model.machines.enumerated() {
            let bounds = [parameters.c * model.classWeights[machine.positiveClass], parameters.c * model.classWeights[machine.negativeClass]]
            var alphaOf = [Int: Double]()
            for (position, coefficient) in zip(machine.supportPositions, machine.dualCoefficients) {
                alphaOf[model.supportVectors.indices[position]] = abs(coefficient)
            }
            // Σ yα = 0 to rounding (n additions of numbers ≤ C).
            let sum = machine.dualCoefficients.reduce(0, +)
            #expect(abs(sum) <= 1e-12 * Double(machine.dualCoefficients.count + 1) * parameters.c)
            let allowance = 1e-7 * largestKernelValue * machine.dualCoefficients.reduce(0) { $0 + abs($1) }
            var worst = 0.0
            for (row, code) in codes.enumerated() where code == machine.positiveClass || code == machine.negativeClass {
                let y: Double = code == machine.positiveClass ? 1 : -1
                let bound = bounds[code == machine.positiveClass ? 0 : 1]
                let alpha = alphaOf[row] ?? 0
                #expect(alpha >= 0 && alpha <= bound, "0 ≤ α ≤ C")
                // g(x) positive for the machine's positiveClass. Two-class decision values are
                // positive for classes[1], which is the stored machine's positiveClass.
                let g = model.classes.count == 2 && machine.positiveClass == 0 ? -values[row, m] : values[row, m]
                let margin = y * g
                if alpha == 0 { worst = max(worst, 1 - margin) }
                else if alpha == bound { worst = max(worst, margin - 1) }
                else { worst = max(worst, abs(margin - 1)) }
            }
            #expect(worst <= parameters.tolerance + allowance, "KKT violation \(worst) in machine \(m)")
            #expect(machine.certificate.maximumKKTViolation <= parameters.tolerance)
            #expect(machine.certificate.converged)
            // Weak duality: primal ≥ dual (up to rounding) for a PSD kernel.
            if kernel != "sigmoid" { #expect(machine.certificate.dualityGap >= -1e-9 * max(1, abs(machine.certificate.primalObjective))) }
        }
    }

    /// Closed form: two clusters in the plane, separable by x₁ = 0 with nearest points (±1, 0).
    /// The maximum-margin hyperplane is w = (1, 0), b = 0 (margin 2/‖w‖ = 2); the support vectors
    /// are (±1, 0) with α = ½ each (w = Σyαx and Σyα = 0); dual = primal = ½‖w‖² = ½. A large
    /// C makes C-SVC the hard-margin SVM. With tol = 1e-9 the solution is within ~tol.
    @Test func separableToyHasTheKnownHyperplane() throws {
        let x = try Matrix(rows: [[-1, 0], [-2, 1], [-2, -1], [-3, 0], [1, 0], [2, 1], [2, -1], [3, 0.5]])
        let labels = ["a", "a", "a", "a", "b", "b", "b", "b"]
        let model = try SVCParameters(c: 1e6, kernel: KernelParameters(kind: .linear), tolerance: 1e-9).fit(x, labels: labels)
        #expect(model.supportVectors.indices == [0, 4])
        let machine = try #require(model.machines.first)
        // Two classes are stored oriented like the decision values: positive class "b" (x₁ > 0),
        // so w = (1, 0) and the coefficients yα are −½ for (−1, 0) and +½ for (1, 0).
        #expect(machine.positiveClass == 1 && machine.negativeClass == 0)
        let w = try #require(machine.primalWeights)
        #expect(Approximate.maxAbsoluteDifference(w, [1, 0]) <= 1e-8)
        #expect(abs(machine.intercept) <= 1e-8)
        #expect(Approximate.maxAbsoluteDifference(machine.dualCoefficients, [-0.5, 0.5]) <= 1e-8)
        #expect(abs(model.certificate.dualObjective - 0.5) <= 1e-8)
        #expect(abs(model.certificate.primalObjective - 0.5) <= 1e-8)
        #expect(model.supportVectorCounts.map(\.free) == [1, 1])
        // scikit-learn's sign for two classes: positive → "b" (decision = x₁).
        let decision = try model.decisionFunction(try Matrix(rows: [[0.5, 7], [-4, 0]]))
        #expect(Approximate.maxAbsoluteDifference(decision.storage, [0.5, -4]) <= 1e-8)
        #expect(try model.predict(try Matrix(rows: [[0.5, 7], [-4, 0]])) == ["b", "a"])
    }

    /// The cache only stores values: a 1 kB budget (constant eviction, columns dropped on
    /// swaps) must give a bit-identical model to the default 200 MB.
    @Test func cacheSizeDoesNotChangeTheResult() throws {
        let data = try Self.dataset("breast_cancer.csv")
        let large = try SVCParameters(cacheMegabytes: 200).fit(data)
        let tiny = try SVCParameters(cacheMegabytes: 0.001).fit(data)
        #expect(large == tiny)
        let regression = try Self.dataset("diabetes.csv", .regression)
        #expect(try SVRParameters(c: 100, epsilon: 10, cacheMegabytes: 0.001).fit(regression)
                == SVRParameters(c: 100, epsilon: 10).fit(regression))
    }

    /// Without shrinking the path differs, but both solutions meet the tolerance, so they
    /// predict the same and their dual objectives agree to about tol · Σα.
    @Test func shrinkingOffReachesTheSameOptimum() throws {
        let data = try Self.dataset("digits.csv")
        let shrunk = try SVCParameters(tolerance: 1e-3).fit(data)
        let plain = try SVCParameters(tolerance: 1e-3, shrinking: false).fit(data)
        #expect(plain.certificate.maximumKKTViolation <= 1e-3)
        #expect(try shrunk.predict(data.features) == plain.predict(data.features))
        for (a, b) in zip(shrunk.machines, plain.machines) {
            let alphaSum = a.dualCoefficients.reduce(0) { $0 + abs($1) }
            #expect(abs(a.certificate.dualObjective - b.certificate.dualObjective) <= 1e-3 * alphaSum)
        }
    }

    @Test func svrCertificateAndConstraints() throws {
        let data = try Self.dataset("diabetes.csv", .regression)
        let parameters = SVRParameters(c: 50, epsilon: 5, kernel: KernelParameters(kind: .rbf))
        let model = try parameters.fit(data)
        // Σβ = 0 and |β| ≤ C.
        #expect(abs(model.dualCoefficients.reduce(0, +)) <= 1e-10 * parameters.c * Double(model.dualCoefficients.count))
        #expect(model.dualCoefficients.allSatisfy { abs($0) <= parameters.c && $0 != 0 })
        #expect(model.certificate.maximumKKTViolation <= parameters.tolerance)
        #expect(model.certificate.dualityGap >= -1e-9 * abs(model.certificate.primalObjective))
        #expect(model.freeSupportVectors + model.boundedSupportVectors == model.supportVectors.count)
        // Free support vectors sit on the tube: |z − f(x)| = ε within tol (+ Float rounding).
        let predictions = try model.predict(data.features)
        let z = data.targetValues!
        let allowance = 1e-7 * model.dualCoefficients.reduce(0) { $0 + abs($1) }
        for (position, beta) in model.dualCoefficients.enumerated() where abs(beta) < parameters.c {
            let row = model.supportVectors.indices[position]
            #expect(abs(abs(z[row] - predictions[row]) - parameters.epsilon) <= parameters.tolerance + allowance)
        }
    }
}
