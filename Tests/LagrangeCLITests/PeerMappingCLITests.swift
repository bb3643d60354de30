import Foundation
import Testing
import TestSupport

/// docs/conventions.md, row by row: the `lagrange` flags of each row fit the model the peer
/// fits from its own parameters. References: Tests/PeerFixtures/libsvm.json (LIBSVM 3.24
/// svm-train / svm-predict), sklearn.json (scikit-learn 1.9.1), glmnet.json (R glmnet 4.1.6),
/// written by make_peer_fixtures.py and make_glmnet_peer_fixtures.R beside them.
@Suite struct PeerMappingCLITests {
    static let folder = TestPaths.root.appendingPathComponent("Tests/PeerFixtures")

    struct LIBSVMRow: Decodable, CustomTestStringConvertible {
        var option: String
        var data: String
        var task: String
        var lagrangeArguments: [String]
        var labels: [String]
        var rho: Double
        var totalSupportVectors: Int
        var supportIndices: [Int]
        var coefficients: [Double]
        var predictions: [String]
        var testDescription: String { "svm-train \(option)" }
    }

    struct LinearRow: Decodable, CustomTestStringConvertible {
        var option: String
        var lagrangeArguments: [String]
        var coefficients: [Double]
        var intercept: Double
        var alphas: [Double]?
        var alpha: Double?
        var weightedMSE: [Double]?
        var lambda: [Double]?
        var cvm: [Double]?
        var cvsd: [Double]?
        var lambdaMin: Double?
        var lambda1se: Double?
        var testDescription: String { option }
    }

    struct Rows<Row: Decodable>: Decodable { var peer: String; var rows: [Row] }

    static func rows<Row: Decodable>(_ file: String, _ type: Row.Type) -> [Row] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(file)),
              let decoded = try? JSONDecoder().decode(Rows<Row>.self, from: data) else { return [] }
        return decoded.rows
    }

    /// Runs `lagrange arguments… --model FILE --quiet` and returns the saved model's fields.
    static func fit(_ arguments: [String], in directory: URL) throws -> [String: Any] {
        let model = directory.appendingPathComponent("model.json").path
        let result = try CLIRunner.run(arguments + ["--model", model, "--quiet"])
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any]
        return try #require(object?["model"] as? [String: Any])
    }

    static func numbers(_ value: Any?) -> [Double] { (value as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? [] }

    @Test func everyFixtureIsThere() {
        #expect(Self.rows("libsvm.json", LIBSVMRow.self).count == 8)
        #expect(Self.rows("sklearn.json", LinearRow.self).count == 4)
        #expect(Self.rows("glmnet.json", LinearRow.self).count == 6)
    }

    /// The same support vectors (training rows), coefficients yα (α − α* for ε-SVR) and
    /// intercept −ρ as svm-train's model file, and the same labels as svm-predict. Tolerance
    /// 1e-6·C·(largest class weight): both run LIBSVM's algorithm step for step, and the values
    /// differ by input rounding only (kernel sums in another order; the fixture's features have
    /// 6 decimals, exact in LIBSVM's %.8g model file). Two rows take different paths after a
    /// near-tie of the working-set choice, so their fixtures stop at -e 1e-6 (the optimum, each
    /// side within its KKT tolerance) and are compared at 1e-4·C (2.5e-5 and 7e-6 observed).
    static let pathDiverges: [String: Double] = ["-g": 1e-4, "-t -d -r": 1e-4]

    @Test(arguments: rows("libsvm.json", LIBSVMRow.self))
    func libsvmOption(_ row: LIBSVMRow) throws {
        let directory = try TestPaths.temporaryDirectory()
        let data = Self.folder.appendingPathComponent(row.data).path
        let model = try Self.fit(row.lagrangeArguments + ["--data", data], in: directory)
        let supportVectors = try #require(model["supportVectors"] as? [String: Any])
        let indices = (supportVectors["indices"] as? [Int]) ?? []
        let c = try #require((model["c"] as? NSNumber)?.doubleValue)
        var coefficients: [Double], intercept: Double, scale = c
        if row.task == "svc" {
            let classes = (model["classes"] as? [String]) ?? []
            let machine = try #require((model["machines"] as? [[String: Any]])?.first)
            let positive = try #require(machine["positiveClass"] as? Int)
            // LIBSVM's coefficients are positive for its first label.
            let sign: Double = classes[positive] == row.labels.first ? 1 : -1
            let positions = (machine["supportPositions"] as? [Int]) ?? []
            let values = Self.numbers(machine["dualCoefficients"])
            var byIndex: [Int: Double] = [:]
            for (position, value) in zip(positions, values) { byIndex[indices[position]] = sign * value }
            #expect(byIndex.keys.sorted() == row.supportIndices, "support vectors")
            coefficients = row.supportIndices.map { byIndex[$0] ?? .nan }
            intercept = sign * ((machine["intercept"] as? NSNumber)?.doubleValue ?? .nan)
            scale *= Self.numbers(model["classWeights"]).max() ?? 1
        } else {
            #expect(indices == row.supportIndices, "support vectors")
            coefficients = indices == row.supportIndices ? Self.numbers(model["dualCoefficients"]) : []
            intercept = (model["intercept"] as? NSNumber)?.doubleValue ?? .nan
        }
        #expect(indices.count == row.totalSupportVectors)
        let tolerance = (Self.pathDiverges[row.option] ?? 1e-6) * scale
        if coefficients.count == row.coefficients.count {
            #expect(Approximate.maxAbsoluteDifference(coefficients, row.coefficients) <= tolerance)
        }
        #expect(abs(intercept - -row.rho) <= tolerance)

        // svm-predict on the same LIBSVM file: identical labels (ε-SVR: values within 1e-6·C·#SV).
        let predicted = try CLIRunner.run(["predict", "--model", directory.appendingPathComponent("model.json").path, "--data", data])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let ours = predicted.stdout.split(separator: "\n").dropFirst().map(String.init)
        if row.task == "svc" {
            #expect(ours == row.predictions)
        } else {
            let difference = Approximate.maxAbsoluteDifference(ours.compactMap(Double.init), row.predictions.compactMap(Double.init))
            #expect(ours.count == row.predictions.count && difference <= 1e-6 * c * Double(indices.count))
        }
    }

    /// scikit-learn's Lasso, Ridge, ElasticNet and LassoCV on raw diabetes features. Lagrange
    /// runs with `--tol 1e-14` where it has one (a solver setting, not part of the mapping; the
    /// fixture's scikit-learn fits used tol = 1e-12 on its own scale): coefficients within 1e-6 of
    /// the largest, and LassoCV's CV curve within 1e-10 (measured: 1.4e-12 with either OpenBLAS
    /// kernel set). At `--tol 1e-12` the fold fits' rounding alone moved that curve by 1.5e-7
    /// between the Prescott and SkylakeX kernels: the raw features make the folds' problems so flat
    /// that a relative gap of 1e-12 does not pin held-out errors to 1e-7.
    @Test(arguments: rows("sklearn.json", LinearRow.self))
    func scikitLearnEstimator(_ row: LinearRow) throws {
        let directory = try TestPaths.temporaryDirectory()
        let table = directory.appendingPathComponent("table.csv").path
        var arguments = row.lagrangeArguments + ["--data", TestPaths.dataset("diabetes.csv")]
        if row.lagrangeArguments[1] != "ridge" { arguments += ["--tol", "1e-14"] }
        if row.lagrangeArguments[0] == "path" { arguments += ["--table", table] }
        let model = try Self.fit(arguments, in: directory)
        let coefficients = Self.numbers(model["coefficients"])
        let largest = row.coefficients.map(abs).max() ?? 1
        #expect(Approximate.maxAbsoluteDifference(coefficients, row.coefficients) <= 1e-6 * largest)
        #expect(abs(((model["intercept"] as? NSNumber)?.doubleValue ?? .nan) - row.intercept) <= 1e-6 * max(1, abs(row.intercept)))
        if let alpha = row.alpha, let alphas = row.alphas, let weighted = row.weightedMSE {
            // LassoCV's grid is Lagrange's (--lambdas 100 --lambda-min-ratio 0.001); its minimum is --select min.
            #expect(abs(((model["lambda"] as? NSNumber)?.doubleValue ?? .nan) - alpha) <= 1e-12 * alpha)
            let columns = try Self.csvColumns(table)
            #expect(Approximate.maxAbsoluteDifference(columns["lambda"] ?? [], alphas) <= 1e-12 * alphas[0])
            let mean = columns["cv_mean"] ?? []
            #expect(mean.count == weighted.count)
            let worst = zip(mean, weighted).map { abs($0 - $1) / $1 }.max() ?? 0
            #expect(worst <= 1e-10, "largest relative difference of the CV curve: \(worst)")
        }
    }

    /// glmnet's fits from its own (lambda, alpha, standardize, penalty.factor), and cv.glmnet on
    /// Lagrange's folds: coefficients within 1e-6 of the largest (glmnet thresh = 1e-20,
    /// Lagrange --tol 1e-12 where it has one); on the λ both grids share (glmnet stops its path
    /// early) the CV mean within 1e-6 relative of glmnet's fold-by-fold fits and the SE within
    /// 1e-6 of the mean (the SE is a spread of fold errors, so its error is that of the fold
    /// errors, not relative to itself); and cv.glmnet's own λ_min and λ_1se.
    @Test(arguments: rows("glmnet.json", LinearRow.self))
    func glmnetCall(_ row: LinearRow) throws {
        let directory = try TestPaths.temporaryDirectory()
        var arguments = row.lagrangeArguments.map { $0 == "cv.csv" ? directory.appendingPathComponent("cv.csv").path : $0 }
        arguments += ["--data", TestPaths.dataset("diabetes.csv")]
        if row.lagrangeArguments[1] != "ridge" { arguments += ["--tol", "1e-12"] }
        let model = try Self.fit(arguments, in: directory)
        let coefficients = Self.numbers(model["coefficients"])
        let largest = row.coefficients.map(abs).max() ?? 1
        #expect(Approximate.maxAbsoluteDifference(coefficients, row.coefficients) <= 1e-6 * largest)
        #expect(abs(((model["intercept"] as? NSNumber)?.doubleValue ?? .nan) - row.intercept) <= 1e-6 * max(1, abs(row.intercept)))
        if let lambdas = row.lambda, let cvm = row.cvm, let cvsd = row.cvsd, let lambdaMin = row.lambdaMin, let lambda1se = row.lambda1se {
            let columns = try Self.csvColumns(directory.appendingPathComponent("cv.csv").path)
            let ours = columns["lambda"] ?? []
            try #require(ours.count >= lambdas.count)
            #expect(Approximate.maxAbsoluteDifference(Array(ours.prefix(lambdas.count)), lambdas) <= 1e-10 * lambdas[0])
            let mean = Array((columns["cv_mean"] ?? []).prefix(cvm.count)), se = Array((columns["cv_se"] ?? []).prefix(cvsd.count))
            #expect(zip(mean, cvm).allSatisfy { abs($0 - $1) <= 1e-6 * $1 })
            #expect(zip(zip(se, cvsd), cvm).allSatisfy { abs($0.0 - $0.1) <= 1e-6 * $1 })
            let selection = model["crossValidation"] as? [String: Any]
            #expect(abs(((selection?["lambdaMin"] as? NSNumber)?.doubleValue ?? .nan) - lambdaMin) <= 1e-10 * lambdaMin)
            #expect(abs(((selection?["lambda1SE"] as? NSNumber)?.doubleValue ?? .nan) - lambda1se) <= 1e-10 * lambda1se)
        }
    }

    /// The numeric columns of a CSV file written by `path --table`, by name.
    static func csvColumns(_ path: String) throws -> [String: [Double]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        guard let header = lines.first else { return [:] }
        var columns: [String: [Double]] = [:]
        for (j, name) in header.enumerated() { columns[name] = lines.dropFirst().compactMap { j < $0.count ? Double($0[j]) : nil } }
        return columns
    }
}
