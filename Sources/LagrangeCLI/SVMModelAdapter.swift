import Foundation
import Lagrange

/// The certificate as summary lines and as JSON.
extension SVMCertificate {
    func rendered(title: String) -> String {
        let rows: [(String, String)] = [
            ("dual objective", TextTable.format(dualObjective, significant: 10)),
            ("primal objective", TextTable.format(primalObjective, significant: 10)),
            ("duality gap", TextTable.format(dualityGap, significant: 4)),
            ("max KKT violation", TextTable.format(maximumKKTViolation, significant: 4) + " (tol \(tolerance))"),
            ("iterations", "\(iterations)"),
            ("converged", converged ? "yes" : "no (stopped at the iteration cap)"),
        ]
        let width = rows.map(\.0.count).max()!
        return title + "\n" + rows.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
            .joined(separator: "\n") + "\n"
    }
}

/// `predict` and `inspect` for C-SVC model files (kind `svc`).
struct SVCModelAdapter: CLIModel {
    static let kind = SVC.modelKind
    let model: SVC

    init(_ model: SVC) { self.model = model }

    init(data: Data, path: String) throws {
        model = try ModelFile.decode(SVC.self, from: data, path: path)
        do { try model.checkConsistency() } catch {
            throw DataError(.modelFile, file: path, "is a damaged 'svc' model file: \(error)")
        }
    }

    var featureNames: [String] { model.featureNames }

    func predict(_ features: Matrix, decision: Bool) throws -> [(name: String, column: CSVColumn)] {
        var columns: [(name: String, column: CSVColumn)] = [("prediction", .text(try model.predict(features)))]
        if decision {
            let values = try model.decisionFunction(features)
            if model.classes.count == 2 {
                columns.append(("decision", .numbers(values.column(0))))
            } else {
                for (index, machine) in model.machines.enumerated() {
                    let name = "decision_\(model.classes[machine.positiveClass])_vs_\(model.classes[machine.negativeClass])"
                    columns.append((name, .numbers(values.column(index))))
                }
            }
        }
        return columns
    }

    func summary() -> String {
        var text = "C-SVC, kernel \(model.kernel.summary), C = \(TextTable.format(model.c))\n"
        text += "trained on \(model.sampleCount) samples × \(model.featureNames.count) features"
        text += model.targetName.map { ", target '\($0)'" } ?? ""
        text += ", \(model.classes.count) classes\n"
        text += "support vectors: \(model.supportVectors.count) of \(model.sampleCount)\n"
        var counts = TextTable(header: ["  class", "free", "bounded", "total"])
        for count in model.supportVectorCounts {
            counts.append(["  \(count.label)", "\(count.free)", "\(count.bounded)", "\(count.total)"])
        }
        text += counts.rendered
        let title = model.machines.count == 1 ? "certificate" : "certificate (sum over \(model.machines.count) one-vs-one machines; largest violation)"
        text += model.certificate.rendered(title: title)
        return text
    }

    private struct Summary: Encodable {
        struct Machine: Encodable {
            var positiveClass: String
            var negativeClass: String
            var supportVectors: Int
            var intercept: Double
            var primalWeights: [Double]?
            var certificate: SVMCertificate
        }
        var kind: String
        var kernel: Kernel
        var C: Double
        var classes: [String]
        var classWeights: [Double]
        var samples: Int
        var features: [String]
        var target: String?
        var supportVectors: Int
        var supportVectorCounts: [SupportVectorCount]
        var certificate: SVMCertificate
        var machines: [Machine]
    }

    func summaryJSON() throws -> String {
        try encodeSummary(Summary(
            kind: Self.kind, kernel: model.kernel, C: model.c, classes: model.classes, classWeights: model.classWeights,
            samples: model.sampleCount, features: model.featureNames, target: model.targetName,
            supportVectors: model.supportVectors.count, supportVectorCounts: model.supportVectorCounts,
            certificate: model.certificate,
            machines: model.machines.map {
                .init(positiveClass: model.classes[$0.positiveClass], negativeClass: model.classes[$0.negativeClass],
                      supportVectors: $0.supportPositions.count, intercept: $0.intercept,
                      primalWeights: $0.primalWeights, certificate: $0.certificate)
            }))
    }
}

/// `predict` and `inspect` for ε-SVR model files (kind `svr`).
struct SVRModelAdapter: CLIModel {
    static let kind = SVR.modelKind
    let model: SVR

    init(_ model: SVR) { self.model = model }

    init(data: Data, path: String) throws {
        model = try ModelFile.decode(SVR.self, from: data, path: path)
        do { try model.checkConsistency() } catch {
            throw DataError(.modelFile, file: path, "is a damaged 'svr' model file: \(error)")
        }
    }

    var featureNames: [String] { model.featureNames }

    func predict(_ features: Matrix, decision: Bool) throws -> [(name: String, column: CSVColumn)] {
        if decision { Console.warn("--decision applies to classifiers; an SVR model writes its prediction only") }
        return [("prediction", .numbers(try model.predict(features)))]
    }

    func summary() -> String {
        var text = "ε-SVR, kernel \(model.kernel.summary), C = \(TextTable.format(model.c)), epsilon = \(TextTable.format(model.epsilon))\n"
        text += "trained on \(model.sampleCount) samples × \(model.featureNames.count) features"
        text += model.targetName.map { ", target '\($0)'" } ?? ""
        text += "\n"
        text += "support vectors: \(model.supportVectors.count) of \(model.sampleCount) "
        text += "(\(model.freeSupportVectors) free, \(model.boundedSupportVectors) at |β| = C)\n"
        text += "intercept: \(model.intercept)\n"
        text += model.certificate.rendered(title: "certificate")
        return text
    }

    private struct Summary: Encodable {
        var kind: String
        var kernel: Kernel
        var C: Double
        var epsilon: Double
        var samples: Int
        var features: [String]
        var target: String?
        var supportVectors: Int
        var freeSupportVectors: Int
        var boundedSupportVectors: Int
        var intercept: Double
        var primalWeights: [Double]?
        var certificate: SVMCertificate
    }

    func summaryJSON() throws -> String {
        try encodeSummary(Summary(
            kind: Self.kind, kernel: model.kernel, C: model.c, epsilon: model.epsilon, samples: model.sampleCount,
            features: model.featureNames, target: model.targetName, supportVectors: model.supportVectors.count,
            freeSupportVectors: model.freeSupportVectors, boundedSupportVectors: model.boundedSupportVectors,
            intercept: model.intercept, primalWeights: model.primalWeights, certificate: model.certificate))
    }
}
