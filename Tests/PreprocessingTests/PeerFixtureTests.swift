import DataIO
import Decomposition
import Foundation
import LinearAlgebra
import LinearModels
import Modeling
import Preprocessing
import SVM
import Testing
import TestSupport

/// Pipelines against their peers on the bundled penguins table (text columns and missing
/// cells), each fixture with the script and versions that made it (Fixtures/).
@Suite struct PeerFixtureTests {
    /// scikit-learn 1.9.1 `Pipeline(ColumnTransformer(SimpleImputer(mean) | SimpleImputer(most_frequent)
    /// + OneHotEncoder(ignore)), StandardScaler, SVC(rbf, C=1, gamma='scale'))`, trained on
    /// penguins_train.csv, predicting penguins_test.csv (Fixtures/make_sklearn_fixtures.py).
    ///
    /// The encoded columns come in another order (scikit-learn puts the numeric ones first);
    /// the rbf kernel and γ = 1/(p·Var X) do not depend on the order, and Lagrange's SMO follows
    /// LIBSVM step for step, so the predictions must be identical and the decision values agree
    /// to the ~1e-6·C that Q's Float cache allows (see SVMTests/SVCFixtureTests).
    @Test func scikitLearnPipelineGivesIdenticalPredictions() throws {
        let fixture = try Fixture.json("sklearn_penguins_pipeline.json")
        let train = try Fixture.table(try Fixture.url("penguins_train.csv").path, labels: "species")
        let data = try TrainingData(table: train, selection: ColumnSelection(target: "species"), task: .classification)
        let parameters = PipelineParameters(
            preprocessing: PreprocessingParameters(missing: .mean, encoding: .oneHot(dropFirst: false), unknownLevels: .ignore,
                                                   scaling: .standard),
            estimator: SVCParameters(c: 1))
        let pipeline = try parameters.fit(data)
        #expect(pipeline.classes == fixture.strings("classes"))
        #expect(pipeline.model.supportVectorCounts.map(\.total) == (fixture["n_support"] as! [Int]))
        if case let .rbf(gamma) = pipeline.model.kernel {
            #expect(Approximate.close(gamma, fixture.number("gamma"), relative: 1e-12))
        }
        for (input, expected) in fixture["imputed_means"] as! [String: Double] {
            let column = try #require(pipeline.preprocessor.inputs.first { $0.name == input })
            guard case let .numeric(fill?) = column.encoding else { Issue.record("\(input) has no fill"); continue }
            #expect(Approximate.close(fill, expected, relative: 1e-14))
        }

        let test = try Fixture.table(try Fixture.url("penguins_test.csv").path)
        let outputs = try pipeline.outputs(try FeatureTable(test, columns: pipeline.featureNames), decision: true)
        guard case let .text(predictions) = outputs.columns[0].values else { Issue.record("no text predictions"); return }
        #expect(predictions == fixture.strings("predictions"))
        let decision = fixture.matrix("decision")
        for (m, column) in outputs.columns.dropFirst().enumerated() {
            guard case let .numbers(values) = column.values else { continue }
            #expect(Approximate.maxAbsoluteDifference(values, decision.map { $0[m] }) <= 1e-6, "\(column.name)")
        }
    }

    /// R `prcomp(na.omit(penguins[, measures]), scale. = TRUE)` (Fixtures/make_r_fixtures.R, R 4.2.2):
    /// `omit` + `standard` scaling with the sample sd is PCA of the correlation matrix. The
    /// variances are eigenvalues computed by two LAPACK routes (1e-10 relative); directions and
    /// scores are equal up to each component's sign (R does not fix it), to 1e-9.
    @Test func correlationPCAMatchesPrcomp() throws {
        let fixture = try Fixture.json("prcomp_penguins_scaled.json")
        let table = try Fixture.table(Fixture.penguins)
        let data = try TrainingData(table: table, selection: ColumnSelection(features: fixture.strings("features")), task: .unsupervised)
        let pipeline = try PipelineParameters(
            preprocessing: PreprocessingParameters(missing: .omit, scaling: .standard, standardDeviation: .sample),
            estimator: PCAParameters()).fit(data)
        #expect(pipeline.omittedTrainingRows == 2)
        let sdev = fixture.numbers("sdev")
        #expect(Approximate.maxAbsoluteDifference(pipeline.model.explainedVariance.map { $0.squareRoot() }, sdev) <= 1e-10 * sdev[0])
        #expect(Approximate.close(pipeline.model.totalVariance, 4, relative: 1e-13))

        let scores = try pipeline.transform(try Matrix(columns: fixture.strings("features").map { table.values.column(try table.columnIndex($0)) }))
        let rows = fixture.numbers("rows").map { Int($0) - 1 }
        let rotation = fixture.matrix("rotation"), reference = fixture.matrix("scores")
        for c in 0..<4 {
            let sign: Double = zip(pipeline.model.components.row(c), rotation[c]).reduce(0) { $0 + $1.0 * $1.1 } < 0 ? -1 : 1
            #expect(Approximate.maxAbsoluteDifference(Array(pipeline.model.components.row(c)), rotation[c].map { sign * $0 }) <= 1e-9)
            #expect(Approximate.maxAbsoluteDifference(rows.map { scores[$0, c] }, reference[c].map { sign * $0 }) <= 1e-9)
        }
        // The omitted rows get NaN scores, the others none.
        let omitted = Set(0..<table.rowCount).subtracting(rows)
        #expect(omitted.count == 2 && omitted.allSatisfy { scores[$0, 0].isNaN })
    }

    /// R `na.omit` + `model.matrix` (treatment contrasts) + glmnet 4.1.6 (standardize = TRUE,
    /// thresh = 1e-14) for body mass on every other column (Fixtures/make_r_fixtures.R).
    ///
    /// Same columns, same names up to the '=' (`species=Gentoo` is R's `speciesGentoo`), same
    /// rows. Coefficients within the duality-gap bound: the objective P is a quadratic loss in
    /// the fitted values plus a convex penalty, so P(b, β) − P* ≥ (1/2n)‖f − f*‖², and two fits
    /// have fitted values within √(2(P₁ − P*)) + √(2(P₂ − P*)) of each other in ‖·‖/√n; P* ≥
    /// P(ours) − gap(ours). The glmnet enet's λ, α map to ours through y's population sd s:
    /// λ = λ_G(α_G + (1 − α_G)/s), α = λ_G α_G / λ (LinearModelsTests/GlmnetFixtureTests).
    @Test(arguments: ["glmnet_penguins_lasso.json", "glmnet_penguins_enet.json"])
    func naOmitModelMatrixGlmnet(_ name: String) throws {
        let fixture = try Fixture.json(name)
        let table = try Fixture.table(Fixture.penguins)
        let data = try TrainingData(table: table, selection: ColumnSelection(target: "body_mass_g"), task: .regression)
        let preprocessing = PreprocessingParameters(missing: .omit, encoding: .oneHot(dropFirst: true))
        let prepared = try PreparedTraining.prepare(data, preprocessing)
        #expect(prepared.dataset.sampleCount == Int(fixture.number("rows")))
        #expect(prepared.preprocessor.outputNames.map { $0.replacingOccurrences(of: "=", with: "") } == fixture.strings("columns"))
        let x = prepared.dataset.features, y = prepared.dataset.targetValues!
        let n = Double(y.count)
        let mean = y.reduce(0, +) / n
        let s = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        let (lambdaG, alphaG) = (fixture.number("lambda"), fixture.number("alpha"))
        let lambda = alphaG == 1 ? lambdaG : lambdaG * (alphaG + (1 - alphaG) / s)
        let alpha = alphaG == 1 ? 1 : lambdaG * alphaG / lambda
        let estimator = LinearModelParameters(lambda: lambda, penalty: try ElasticNetParameters(l1Ratio: alpha, tolerance: 1e-12))
        let pipeline = try PipelineParameters(preprocessing: preprocessing, estimator: estimator).fit(data)
        let ours = pipeline.model
        #expect(pipeline.omittedTrainingRows == 11)

        let sds = x.columnStandardDeviations(ddof: 0)
        func objective(_ b: Double, _ beta: [Double]) -> (Double, [Double]) {
            var fitted = [Double](repeating: b, count: y.count), loss = 0.0
            for i in 0..<y.count {
                for j in 0..<x.columns { fitted[i] += x[i, j] * beta[j] }
                loss += (y[i] - fitted[i]) * (y[i] - fitted[i])
            }
            let penalty = zip(beta, sds).reduce(0.0) { sum, pair in
                let scaled = pair.0 * pair.1
                return sum + alpha * abs(scaled) + (1 - alpha) / 2 * scaled * scaled
            }
            return (loss / (2 * n) + lambda * penalty, fitted)
        }
        let (pOurs, fOurs) = objective(ours.intercept, ours.coefficients)
        let (pPeer, fPeer) = objective(fixture.number("a0"), fixture.numbers("beta"))
        let gap = try #require(ours.certificate.value(of: .dualityGap))
        #expect(Approximate.close(pOurs, try #require(ours.certificate.value(of: .primalObjective)), relative: 1e-9))
        let slack = 1e-9 * s
        let bound = (2 * gap).squareRoot() + (2 * max(pPeer - pOurs + gap, 0)).squareRoot() + slack
        let distance = (zip(fOurs, fPeer).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / n).squareRoot()
        #expect(distance <= bound, "fitted values \(distance) apart > bound \(bound)")
        // The same zero pattern (the lasso's selected columns).
        #expect(zip(ours.coefficients, fixture.numbers("beta")).allSatisfy { ($0 == 0) == ($1 == 0) })
    }
}
