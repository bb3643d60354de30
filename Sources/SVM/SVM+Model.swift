import DataIO
import LinearAlgebra
import Modeling

extension SVC: Classifier {
    public var hasDecisionValues: Bool { true }

    /// `prediction` (the class label); for a model fitted with probabilities, then
    /// `probability_A` per class (`predict --probability` shows them); with `decision`, one
    /// decision column: `decision` for two classes, `decision_A_vs_B` per one-vs-one machine
    /// otherwise (positive for A).
    public func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn] {
        var columns = [OutputColumn("prediction", .text(try predict(x)))]
        if probability != nil {
            let p = try predictProbabilities(x)
            for (index, label) in classes.enumerated() {
                columns.append(OutputColumn("probability_\(label)", .numbers(p.column(index))))
            }
        }
        guard decision else { return columns }
        let values = try decisionFunction(x)
        if classes.count == 2 {
            columns.append(OutputColumn("decision", .numbers(values.column(0))))
        } else {
            for (index, machine) in machines.enumerated() {
                let name = "decision_\(classes[machine.positiveClass])_vs_\(classes[machine.negativeClass])"
                columns.append(OutputColumn(name, .numbers(values.column(index))))
            }
        }
        return columns
    }

    public var modelDescription: ModelDescription {
        let counts = ModelDescription.Table(
            title: "support vectors per class", header: ["class", "free", "bounded", "total"],
            rows: supportVectorCounts.map { [.text($0.label), .count($0.free), .count($0.bounded), .count($0.total)] })
        return ModelDescription(
            kind: Self.modelKind, title: "C-SVC, kernel \(kernel.summary), C = \(c)", samples: sampleCount,
            features: featureNames, target: targetName,
            facts: [.init("classes", .count(classes.count)),
                    .init("support vectors", .text("\(supportVectors.count) of \(sampleCount)"))]
                + (probability.map { [.init("probabilities", .text("Platt sigmoids on \($0.folds)-fold decision values (seed \($0.seed)); labels by \($0.labelsFromProbabilities ? "the largest probability" : "one-vs-one vote")"))] } ?? []),
            tables: [counts],
            certificateTitle: machines.count == 1 ? "certificate"
                : "certificate (sum over \(machines.count) one-vs-one machines; largest violation)")
    }
}

extension SVR: Regressor {
    public var hasDecisionValues: Bool { false }

    /// `prediction`, f(x).
    public func outputs(_ x: Matrix, decision: Bool) throws -> [OutputColumn] {
        [OutputColumn("prediction", .numbers(try predict(x)))]
    }

    public var modelDescription: ModelDescription {
        ModelDescription(
            kind: Self.modelKind, title: "ε-SVR, kernel \(kernel.summary), C = \(c), epsilon = \(epsilon)",
            samples: sampleCount, features: featureNames, target: targetName,
            facts: [.init("support vectors", .text("\(supportVectors.count) of \(sampleCount) (\(freeSupportVectors) free, \(boundedSupportVectors) at their bound |βᵢ| = Cᵢ)")),
                    .init("intercept", .number(intercept))])
    }
}
