import Foundation
import Testing
import TestSupport
import Lagrange

/// Every family through the one contract (the spirit of scikit-learn's `check_estimator`):
/// parameters → fit → immutable model; the model's outputs, certificate and description; a
/// model file that round-trips and is validated on decode; and concurrent fits that equal
/// serial ones bit for bit.
@Suite struct ContractTests {
    static let iris = try! DataLoader.dataset(path: TestPaths.dataset("iris.csv"), options: DatasetOptions(task: .classification))
    static let diabetes = try! DataLoader.dataset(path: TestPaths.dataset("diabetes.csv"), options: DatasetOptions(task: .regression))
    static let breastCancer = try! DataLoader.dataset(path: TestPaths.dataset("breast_cancer.csv"), options: DatasetOptions(task: .classification))

    /// One fit per family at the given thread budget.
    static func fitEveryFamily(_ context: ExecutionContext) throws -> [any Model] {
        [
            try SVCParameters(c: 1).fit(iris, context: context),
            try SVRParameters(c: 10, epsilon: 1).fit(diabetes, context: context),
            try NuSVCParameters(nu: 0.3).fit(iris, context: context),
            try NuSVRParameters(nu: 0.5, c: 10).fit(diabetes, context: context),
            try OneClassSVMParameters(nu: 0.1).fit(iris, context: context),
            try LinearModelParameters(lambda: 0.5, penalty: .lasso()).fit(diabetes, context: context),
            try LinearModelParameters(lambda: 0.5, penalty: .ridge()).fit(diabetes, context: context),
            try PCAParameters(components: .count(2)).fit(iris, context: context),
            try PipelineParameters(preprocessing: PreprocessingParameters(missing: .median, scaling: .standard),
                                   estimator: SVCParameters(c: 1)).fit(iris, context: context),
            try PipelineParameters(preprocessing: PreprocessingParameters(scaling: .minMax),
                                   estimator: LinearModelParameters(lambda: 0.5, penalty: .lasso())).fit(diabetes, context: context),
            try LogisticRegressionParameters(lambda: 0.01, penalty: try LogisticParameters(l1Ratio: 0.5)).fit(breastCancer, context: context),
            try LogisticRegressionParameters(lambda: 0.01, penalty: try LogisticParameters(l1Ratio: 0.5), family: .multinomial,
                                             multinomialPenalty: .grouped).fit(iris, context: context),
        ]
    }

    /// The contract's promises for one model: a certificate that converged with finite
    /// quantities, one output row per data row, a file that decodes to the same model.
    func checkContract<M: Model>(_ model: M, rows x: Matrix) throws {
        #expect(model.certificate.converged, "\(M.modelKind)")
        #expect(model.certificate.isFinite)
        #expect(!model.certificate.quantities.isEmpty)
        let outputs = try model.outputs(x, decision: true)
        for column in outputs {
            switch column.values {
            case let .numbers(values): #expect(values.count == x.rows)
            case let .text(values): #expect(values.count == x.rows)
            }
        }
        #expect(outputs.count > 1 || !model.hasDecisionValues)
        let description = model.modelDescription
        #expect(description.kind == M.modelKind && description.features == model.featureNames)
        let back = try ModelFile.decode(M.self, from: try ModelFile.encode(model), path: "m.json")
        #expect(back == model)
    }

    func openAndCheck<M: Model>(_ model: M, rows x: Matrix) throws { try checkContract(model, rows: x) }

    @Test func everyFamilyKeepsTheContract() throws {
        for model in try Self.fitEveryFamily(ExecutionContext(threads: 2)) {
            let x = model.featureNames.count == 4 ? Self.iris.features
                : (model.featureNames.count == 30 ? Self.breastCancer.features : Self.diabetes.features)
            try openAndCheck(model, rows: x)
        }
    }

    /// Eight fits of every family at once, from eight tasks, each with a budget of two threads,
    /// equal the serial fits at the same budget bit for bit (`==` on every stored Double).
    @Test func concurrentFitsEqualSerialFitsBitForBit() async throws {
        let budget = ExecutionContext(threads: 2)
        let serial = try Self.fitEveryFamily(budget)
        let concurrent = try await withThrowingTaskGroup(of: [any Model].self) { group in
            for _ in 0..<8 { group.addTask { try Self.fitEveryFamily(budget) } }
            var all: [[any Model]] = []
            for try await models in group { all.append(models) }
            return all
        }
        #expect(concurrent.count == 8)
        for models in concurrent {
            for (model, reference) in zip(models, serial) {
                let same = Self.sameModel(model, reference)
                #expect(same, "\(type(of: model).modelKind)")
            }
        }
    }

    static func sameModel<M: Model>(_ model: M, _ other: any Model) -> Bool {
        guard let other = other as? M else { return false }
        return model == other
    }

    /// A fit whose kernel values overflow fails with one clear error instead of a model with a
    /// NaN certificate marked converged (issue 10, case 3).
    @Test func overflowingKernelFailsTheFit() throws {
        #expect(throws: LagrangeError.self) {
            try SVCParameters(kernel: KernelParameters(kind: .poly, gamma: .value(1), degree: 20)).fit(Self.iris)
        }
        let scaled = try Matrix(rows: Self.iris.sampleCount, columns: 4, storage: Self.iris.features.storage.map { $0 * 1e150 })
        let labels = Self.iris.targetLabels!.codes.map { Self.iris.targetLabels!.encoding.classes[$0] }
        do {
            let model = try SVCParameters(kernel: KernelParameters(kind: .linear)).fit(scaled, labels: labels)
            // If it fits, it must be a real fit: finite and converged.
            #expect(model.certificate.isFinite && model.certificate.converged)
        } catch let error as LagrangeError {
            #expect(String(describing: error).contains("scale the features"))
        }
    }

    /// A certificate is converged only when every quantity is finite and within tolerance.
    /// One class in the target is one error, `LagrangeError.singleClass`, in every classifier
    /// family fitted on values (a file read reports it earlier, as a `DataError` with the file).
    @Test func aSingleClassIsOneErrorInEveryClassifier() throws {
        let x = try Matrix(rows: [[0, 1], [1, 0], [2, 2], [3, 1]])
        let one = ["a", "a", "a", "a"]
        #expect(throws: LagrangeError.singleClass("a")) { try SVCParameters().fit(x, labels: one) }
        #expect(throws: LagrangeError.singleClass("a")) { try NuSVCParameters(nu: 0.5).fit(x, labels: one) }
        #expect(throws: LagrangeError.singleClass(nil, in: "the target among the rows with positive weight")) {
            try LogisticPath.fit(x: x, labels: [0, 0, 0, 0], classes: ["0", "1"], parameters: try LogisticParameters(l1Ratio: 1))
        }
        #expect(throws: LagrangeError.singleClass("a")) {
            try MultinomialPath.fit(x: x, labels: [0, 0, 0, 0], classes: ["a"], parameters: try LogisticParameters(l1Ratio: 1))
        }
    }

    @Test func convergedMeansFiniteAndWithinTolerance() {
        let finite = SVMCertificate(dualObjective: 1, primalObjective: 1.0001, maximumKKTViolation: 1e-4,
                                    tolerance: 1e-3, iterations: 10, solverConverged: true)
        #expect(finite.converged)
        let nan = SVMCertificate(dualObjective: .nan, primalObjective: 1, maximumKKTViolation: 1e-4,
                                 tolerance: 1e-3, iterations: 10, solverConverged: true)
        #expect(!nan.converged && !nan.isFinite)
        let violated = SVMCertificate(dualObjective: 1, primalObjective: 1, maximumKKTViolation: 2,
                                      tolerance: 1e-3, iterations: 10, solverConverged: true)
        #expect(!violated.converged)
    }

    /// Damaged model files are refused by the library on decode (issue 10, case 4): a NaN
    /// coefficient, a negative γ, an index out of range.
    @Test func damagedModelFilesAreRefusedOnDecode() throws {
        let lasso = try LinearModelParameters(lambda: 1, penalty: .lasso()).fit(Self.diabetes)
        let svc = try SVCParameters(c: 1).fit(Self.iris)
        func damaged<M: Model>(_ model: M, _ edit: (String) -> String) throws -> DataError? {
            let text = edit(String(decoding: try ModelFile.encode(model), as: UTF8.self))
            do { _ = try ModelFile.decode(M.self, from: Data(text.utf8), path: "m.json"); return nil } catch let error as DataError {
                return error
            }
        }
        let nanCoefficient = try damaged(lasso) { $0.replacingOccurrences(of: "\"intercept\" : ", with: "\"intercept\" : \"nan\", \"x\" : ") }
        #expect(nanCoefficient?.kind == .modelFile)
        #expect(nanCoefficient?.message.contains("non-finite") == true)
        let gamma = String(describing: svc.kernel).contains("rbf")
        #expect(gamma)
        let negativeGamma = try damaged(svc) { text in
            text.replacingOccurrences(of: #""gamma" : "#, with: #""gamma" : -5, "unused" : "#)
        }
        #expect(negativeGamma?.kind == .modelFile)
        #expect(negativeGamma?.message.contains("gamma") == true)
    }
}
