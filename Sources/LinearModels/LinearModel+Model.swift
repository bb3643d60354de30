import DataIO
import Foundation
import LinearAlgebra
import Modeling

extension LinearModel {
    /// Checks everything a model file could get wrong: one coefficient and one penalty factor
    /// per feature, finite numbers, λ ≥ 0, l1-ratio in [0, 1], a family that matches it; limits
    /// (decoded with their own checks: a box containing 0) with one value or one per feature, and
    /// coefficients inside them.
    public func validate() throws {
        guard coefficients.count == featureNames.count, penaltyFactors.count == featureNames.count,
              !featureNames.isEmpty, sampleCount >= 2 else {
            throw LagrangeError.shapeMismatch("the model holds \(coefficients.count) coefficients and \(penaltyFactors.count) penalty factors for \(featureNames.count) features")
        }
        if let bad = (coefficients + [intercept]).first(where: { !$0.isFinite }) {
            throw LagrangeError.invalidData("the model's coefficients include a non-finite value (\(bad))")
        }
        guard penaltyFactors.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw LagrangeError.invalidData("the penalty factors must be finite numbers ≥ 0")
        }
        try validateLambda(lambda)
        guard l1Ratio >= 0, l1Ratio <= 1, family != .ridge || l1Ratio == 0, family != .lasso || l1Ratio == 1 else {
            throw LagrangeError.invalidParameter(name: "l1Ratio", value: "\(l1Ratio)", requirement: "must be in [0, 1] and match the family '\(family.rawValue)'")
        }
        if let limits {
            try limits.validate(featureCount: featureNames.count)
            try limits.requireInside([coefficients], featureNames: featureNames)
        }
    }

    public var hasDecisionValues: Bool { false }

    /// `prediction`, b + xᵀβ.
    public func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn] {
        [OutputColumn("prediction", .numbers(try predict(x)))]
    }

    public var modelDescription: ModelDescription {
        let f = { (value: Double) in String(format: "%.6g", value) }
        let alpha = family == .enet ? ", l1-ratio \(f(l1Ratio))" : ""
        var facts: [ModelDescription.Fact] = []
        if let cv = crossValidation {
            facts.append(.init("selected by", .text("\(cv.folds)-fold cross-validation (seed \(cv.seed)), rule \(cv.rule): λ_min = \(f(cv.lambdaMin)), λ_1se = \(f(cv.lambda1SE)), CV MSE \(f(cv.meanError)) ± \(f(cv.standardError))")))
        }
        facts.append(.init("non-zero coefficients", .text("\(nonzeroCount) of \(coefficients.count)")))
        if let limits { facts.append(.init("coefficient limits", .text(limits.summary))) }
        let rows: [[ModelDescription.Value]] = [[.text("(intercept)"), .number(intercept)]]
            + zip(featureNames, coefficients).map { [.text($0), .number($1)] }
        return ModelDescription(
            kind: Self.modelKind, title: "\(family.rawValue) at λ = \(f(lambda))\(alpha); \(standardize ? "standardized" : "unstandardized") features, \(fitIntercept ? "with" : "without") intercept; \(sampleCount) training rows",
            samples: sampleCount, features: featureNames, target: targetName, facts: facts,
            tables: [.init(title: "coefficients (original scale)", header: ["feature", "coefficient"], rows: rows)],
            certificateTitle: "certificate (standardized scale)")
    }
}
