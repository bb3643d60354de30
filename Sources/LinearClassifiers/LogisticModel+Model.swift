import DataIO
import Foundation
import LinearAlgebra
import Modeling

extension LogisticModel {
    /// Checks everything a model file could get wrong: at least two distinct classes; one
    /// coefficient row (binomial, two classes) or one per class (multinomial), each with one
    /// value per feature, and as many intercepts; one penalty factor per feature; finite
    /// numbers; λ ≥ 0 and l1-ratio in [0, 1]; limits (decoded with their own checks: a box
    /// containing 0) with one value or one per feature, and coefficients inside them.
    public func validate() throws {
        let k = classes.count
        guard k >= 2, Set(classes).count == k else {
            throw LagrangeError.invalidData("the model needs at least two distinct classes, it lists \(classes)")
        }
        let rows = family == .binomial ? 1 : k
        guard family == .multinomial || k == 2, coefficients.count == rows, intercepts.count == rows,
              coefficients.allSatisfy({ $0.count == featureNames.count }), penaltyFactors.count == featureNames.count,
              !featureNames.isEmpty, sampleCount >= 2 else {
            throw LagrangeError.shapeMismatch("the model's classes (\(k)), coefficient rows (\(coefficients.count)), intercepts (\(intercepts.count)), penalty factors and features (\(featureNames.count)) do not agree in number for a \(family.rawValue) model")
        }
        if let bad = (coefficients.flatMap { $0 } + intercepts + penaltyFactors).first(where: { !$0.isFinite }) {
            throw LagrangeError.invalidData("the model's coefficients include a non-finite value (\(bad))")
        }
        guard penaltyFactors.allSatisfy({ $0 >= 0 }) else {
            throw LagrangeError.invalidData("the penalty factors must be ≥ 0")
        }
        try validateLambda(lambda)
        guard l1Ratio.isFinite, l1Ratio >= 0, l1Ratio <= 1 else {
            throw LagrangeError.invalidParameter(name: "l1Ratio", value: "\(l1Ratio)", requirement: "must be in [0, 1]")
        }
        if let limits {
            try limits.validate(featureCount: featureNames.count)
            try limits.requireInside(coefficients, featureNames: featureNames)
        }
    }

    public var hasDecisionValues: Bool { true }

    /// `prediction` (the class label) and, with `decision`, the linear predictors: `decision`
    /// (the log-odds of the second class) for the binomial model, `decision_<class>` per class
    /// for the multinomial; then one `probability_<class>` column per class (`predict` writes
    /// them with --probability).
    public func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn] {
        var columns = [OutputColumn("prediction", .text(try predict(x)))]
        if decision {
            let eta = try decisionFunction(x)
            if family == .binomial {
                columns.append(OutputColumn("decision", .numbers(eta.column(0))))
            } else {
                for (k, label) in classes.enumerated() { columns.append(OutputColumn("decision_\(label)", .numbers(eta.column(k)))) }
            }
        }
        return columns + (try probabilityColumns(x))
    }

    /// One `probability_<class>` column per class.
    public func probabilityColumns(_ x: Matrix) throws -> [OutputColumn] {
        let p = try probabilities(x)
        return classes.enumerated().map { OutputColumn("probability_\($1)", .numbers(p.column($0))) }
    }

    public var modelDescription: ModelDescription {
        let f = { (value: Double) in String(format: "%.6g", value) }
        var facts: [ModelDescription.Fact] = [.init("classes", .text(classes.joined(separator: ", ")))]
        if family == .binomial {
            facts.append(.init("modelled", .text("log-odds of '\(classes[1])' against '\(classes[0])'")))
        }
        if let cv = crossValidation {
            facts.append(.init("selected by", .text("\(cv.folds)-fold stratified cross-validation (seed \(cv.seed)) on \(cv.measure), rule \(cv.rule): λ_min = \(f(cv.lambdaMin)), λ_1se = \(f(cv.lambda1SE)), CV \(cv.measure) \(f(cv.meanError)) ± \(f(cv.standardError))")))
        }
        facts.append(.init("non-zero coefficients", .text("\(nonzeroCount) of \(coefficients.count * featureNames.count)")))
        if let limits { facts.append(.init("coefficient limits", .text(limits.summary))) }
        let free = featureNames.indices.filter { penaltyFactors[$0] == 0 }
        if !free.isEmpty && lambda > 0 {
            facts.append(.init("unpenalized (penalty factor 0)", .text(free.map { featureNames[$0] }.joined(separator: ", "))))
        }
        let header = ["feature"] + (family == .binomial ? ["coefficient"] : classes)
        let rows: [[ModelDescription.Value]] = [[.text("(intercept)")] + intercepts.map { .number($0) }]
            + featureNames.indices.map { j in [.text(featureNames[j])] + coefficients.map { .number($0[j]) } }
        return ModelDescription(
            kind: Self.modelKind,
            title: "\(family.rawValue)\(multinomialPenalty == .grouped ? " (grouped)" : "") logistic, λ = \(f(lambda)), l1-ratio \(f(l1Ratio)); \(standardize ? "standardized" : "unstandardized") features, \(fitIntercept ? "with" : "without") intercept; \(sampleCount) training rows",
            samples: sampleCount, features: featureNames, target: targetName, facts: facts,
            tables: [.init(title: "coefficients (original scale)", header: header, rows: rows)],
            certificateTitle: "certificate (standardized scale; relative gap = gap / null-model loss)")
    }
}
