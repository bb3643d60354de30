import Foundation
import Lagrange

/// `predict` / `inspect` for linear models (kind "linear-model").
struct LinearModelAdapter: CLIModel {
    static let kind = LinearModel.modelKind
    let model: LinearModel

    init(data: Data, path: String) throws {
        model = try ModelFile.decode(LinearModel.self, from: data, path: path)
    }

    var featureNames: [String] { model.featureNames }

    func predict(_ features: Matrix, decision: Bool) throws -> [(name: String, column: CSVColumn)] {
        if decision { Console.warn("--decision applies to classifiers; a linear model writes its prediction only") }
        return [("prediction", .numbers(try model.predict(features)))]
    }

    func summary() -> String { LinearModelSummary.text(model) }

    func summaryJSON() throws -> String { try encodeSummary(model) }
}

/// The human-readable summary of a linear model, certificate included.
enum LinearModelSummary {
    static func text(_ model: LinearModel) -> String {
        let f = { (v: Double) in TextTable.format(v) }
        var lines: [String] = []
        let alpha = model.family == .enet ? ", l1-ratio \(f(model.l1Ratio))" : ""
        lines.append("\(model.family.rawValue) at λ = \(f(model.lambda))\(alpha); \(model.standardize ? "standardized" : "unstandardized") features, \(model.fitIntercept ? "with" : "without") intercept; \(model.sampleCount) training rows")
        if let cv = model.crossValidation {
            lines.append("selected by \(cv.folds)-fold cross-validation (seed \(cv.seed)), rule \(cv.rule): λ_min = \(f(cv.lambdaMin)), λ_1se = \(f(cv.lambda1SE)), CV MSE \(f(cv.meanError)) ± \(f(cv.standardError))")
        }
        var table = TextTable(header: ["feature", "coefficient"])
        table.append(["(intercept)", f(model.intercept)])
        for (name, value) in zip(model.featureNames, model.coefficients) { table.append([name, f(value)]) }
        lines.append(table.rendered.trimmingCharacters(in: .newlines))
        lines.append("non-zero coefficients: \(model.nonzeroCount) of \(model.coefficients.count)")
        switch model.certificate {
        case let .elasticNet(c):
            lines.append("certificate (standardized scale): primal \(f(c.primalObjective)), dual \(f(c.dualObjective)), duality gap \(TextTable.format(c.dualityGap, significant: 3)) (relative \(TextTable.format(c.relativeGap, significant: 3))), max KKT violation \(TextTable.format(c.maxKKTViolation, significant: 3)), \(c.passes) passes\(c.converged ? "" : " — NOT converged")")
        case let .ridge(c):
            lines.append("certificate (standardized scale): normal-equation residual \(TextTable.format(c.normalEquationResidual, significant: 3)) (relative \(TextTable.format(c.relativeResidual, significant: 3)))")
        }
        return lines.joined(separator: "\n")
    }
}
