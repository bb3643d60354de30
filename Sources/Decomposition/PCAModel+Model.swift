import DataIO
import Foundation
import LinearAlgebra
import Modeling

extension PCAModel: Transformer {
    /// Checks what the decoder's length checks leave: finite numbers, variances ≥ 0 in
    /// decreasing order, ratios in [0, 1], unit-length directions, a legal selection.
    public func validate() throws {
        let numbers = mean + components.storage + explainedVariance + explainedVarianceRatio + singularValues
            + [totalVariance, noiseVariance] + (spectrum ?? [])
        if let bad = numbers.first(where: { !$0.isFinite }) {
            throw LagrangeError.invalidData("the model holds a non-finite value (\(bad))")
        }
        guard sampleCount >= 2, featureNames.count == components.columns, mean.count == components.columns,
              explainedVariance.count == componentCount, componentCount >= 1 else {
            throw LagrangeError.shapeMismatch("the model's mean, components and variances do not agree in number")
        }
        guard explainedVariance.allSatisfy({ $0 >= 0 }), zip(explainedVariance, explainedVariance.dropFirst()).allSatisfy({ $0 >= $1 }),
              explainedVarianceRatio.allSatisfy({ (0...1).contains($0) }), totalVariance >= 0, noiseVariance >= 0 else {
            throw LagrangeError.invalidData("the explained variances must be ≥ 0 and decreasing, their ratios in [0, 1]")
        }
        guard !whiten || explainedVariance.allSatisfy({ $0 > 0 }) else {
            throw LagrangeError.invalidData("a whitened model needs every kept variance > 0")
        }
        for i in 0..<componentCount {
            let norm = components.row(i).reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard abs(norm - 1) <= 1e-6 else {
                throw LagrangeError.invalidData("component \(i + 1) is not a unit vector (norm \(norm))")
            }
        }
    }

    public var targetName: String? { nil }
    public var hasDecisionValues: Bool { false }

    /// `pc1…pck`, the scores.
    public func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn] {
        let scores = try transform(x)
        return (0..<componentCount).map { OutputColumn("pc\($0 + 1)", .numbers(scores.column($0))) }
    }

    /// Components listed in the description's table; all are in the model file.
    public static let describedComponents = 20

    public var modelDescription: ModelDescription {
        let routeName = route == .covariance ? "covariance route" : "SVD route"
        var cumulative = 0.0
        var rows: [[ModelDescription.Value]] = []
        for c in 0..<componentCount {
            cumulative += explainedVarianceRatio[c]
            guard c < Self.describedComponents else { continue }
            rows.append([.text("pc\(c + 1)"), .number(explainedVariance[c]), .number(explainedVarianceRatio[c]),
                         .number(cumulative), .number(singularValues[c])])
        }
        var facts: [ModelDescription.Fact] = []
        if componentCount > Self.describedComponents {
            facts.append(.init("more components", .text("\(componentCount - Self.describedComponents), cumulative ratio \(String(format: "%.6g", cumulative)) (inspect --json lists them all)")))
        }
        facts += [.init("total variance", .number(totalVariance)), .init("noise variance", .number(noiseVariance)),
                  .init("reconstruction error (mean ‖x − x̂‖² on the training rows)", .number(trainingReconstructionError))]
        return ModelDescription(
            kind: Self.modelKind,
            title: "pca: \(sampleCount) rows, \(featureCount) features → \(componentCount) component\(componentCount == 1 ? "" : "s") (\(routeName), LAPACK \(solver)\(whiten ? ", whitened" : ""))",
            samples: sampleCount, features: featureNames, target: nil, facts: facts,
            tables: [.init(title: "explained variance", header: ["component", "variance", "ratio", "cumulative", "singular value"], rows: rows)])
    }
}
