// linear-bench: times Lagrange's linear-model paths on raw float64 data written by
// Benchmarks/linear/bench.py, and writes the fitted coefficients back so the harness can
// compute every contender's duality gap with one formula.
//
//   linear-bench lasso X.bin y.bin n p lambdas.bin tol out.bin     → path coefficients + intercepts
//                                                                     (features handed over column-major)
//   linear-bench cv    X.bin y.bin n p lambdas.bin tol folds        → CV curve
//   linear-bench ridge X.bin y.bin n p lambdas.bin                  → LOO errors
//   linear-bench logistic X.bin y.bin n p lambdas.bin tol out.bin     → binomial lasso path (y ∈ {0, 1})
//   linear-bench logistic-cv X.bin y.bin n p lambdas.bin tol folds    → binomial path + CV on deviance
//   linear-bench multinomial X.bin y.bin n p lambdas.bin tol out.bin K [grouped]
//                                                                     → multinomial lasso path (y ∈ 0..<K);
//                                                                       out: B[l][k][j], then a0[l][k]
// Prints one JSON line with the fit time in seconds (data loading excluded); the lasso line also
// gives the fit's CPU time ("cpu": process CPU seconds, all threads; steadier than the wall
// time on a loaded machine) and its minor page faults ("page_faults").
import Foundation
import LinearAlgebra
import LinearModels
import LinearClassifiers
import Modeling
import OpenBLASControl

func readDoubles(_ path: String) -> [Double] {
    let data = FileManager.default.contents(atPath: path)!
    return data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
}

func writeDoubles(_ values: [Double], to path: String) {
    values.withUnsafeBytes { try! Data($0).write(to: URL(fileURLWithPath: path)) }
}

/// CPU seconds and minor page faults of the last `seconds` call (the whole process: every thread).
nonisolated(unsafe) var lastCPUSeconds = 0.0
nonisolated(unsafe) var lastPageFaults = 0

func minorPageFaults() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_minflt
}

func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let (cpu, faults) = (processCPUSeconds(), minorPageFaults())
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    (lastCPUSeconds, lastPageFaults) = (processCPUSeconds() - cpu, minorPageFaults() - faults)
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

OpenBLASControl.restartWithFittingKernels()   // the kernels `lagrange` runs with (see its doc comment)
let args = CommandLine.arguments
let mode = args[1]
let (n, p) = (Int(args[4])!, Int(args[5])!)
let x = try Matrix(rows: n, columns: p, storage: readDoubles(args[2]))
let y = readDoubles(args[3])
let lambdas = readDoubles(args[6])

switch mode {
case "lasso":
    let parameters = try ElasticNetParameters(l1Ratio: 1, tolerance: Double(args[7])!)
    var path: ElasticNetPath!
    // Handed over column by column, as R hands glmnet its (column-major) matrix and as `lagrange
    // path` parses a CSV: the design takes the storage and standardizes it in place
    // (`fit(columns:)`). The transposition of the row-major file is data loading, outside the timer.
    var columns: Matrix? = x.transposed
    let time = try seconds {
        let storage = columns.take()!   // now the only reference: no copy-on-write
        path = try ElasticNetPath.fit(columns: storage, y: y, parameters: parameters, lambdas: .values(lambdas))
    }
    // After the timer: each λ's dense row from the path's sparse storage, one at a time.
    writeDoubles(path.lambdas.indices.flatMap { path.coefficients(at: $0) } + path.intercepts, to: args[8])
    let passes = path.certificates.reduce(0) { $0 + $1.iterations }
    let gap = path.certificates.map(\.relativeGap).max()!
    let perLambda = path.certificates.map { "[\($0.iterations), \($0.relativeGap), \($0.primalObjective)]" }.joined(separator: ", ")
    let e = path.effort
    let effort = "{\"checks\": \(e.checks), \"full_products\": \(e.fullProducts), \"column_products\": \(e.columnProducts), "
        + "\"gram_settles\": \(e.gramSettles), \"gram_features\": \(e.gramFeatures), "
        + "\"gram_sweep_moves\": \(e.gramSweepMoves), \"gram_sweep_entries\": \(e.gramSweepEntries), "
        + "\"gram_cycle_moves\": \(e.gramCycleMoves), \"gram_cycle_entries\": \(e.gramCycleEntries), "
        + "\"face_steps\": \(e.faceSteps), \"extrapolations\": \(e.extrapolations), \"extrapolations_taken\": \(e.extrapolationsTaken)}"
    print("{\"time\": \(time), \"cpu\": \(lastCPUSeconds), \"page_faults\": \(lastPageFaults), \"max_relative_gap\": \(gap), \"passes\": \(passes), \"effort\": \(effort), \"per_lambda\": [\(perLambda)]}")
case "cv":
    let parameters = try ElasticNetParameters(l1Ratio: 1, tolerance: Double(args[7])!)
    var result: CrossValidationResult!
    let time = try seconds {
        _ = try ElasticNetPath.fit(x: x, y: y, parameters: parameters, lambdas: .values(lambdas))
        // As `lagrange path --cv` does: the full-data path with every BLAS thread, then
        // concurrent folds with one BLAS thread each (the executable owns that setting).
        OpenBLASControl.setThreadCount(1)
        result = try CrossValidation.run(x: x, y: y, parameters: parameters, lambdas: lambdas, folds: Int(args[8])!, seed: 1)
    }
    print("{\"time\": \(time), \"lambda_min\": \(result.lambdaMin), \"lambda_1se\": \(result.lambda1SE), \"cv_min\": \(result.meanErrors[result.indexMin])}")
case "ridge":
    var path: RidgePath!
    let time = try seconds { path = try RidgePath.fit(x: x, y: y, lambdas: .values(lambdas)) }
    let best = path.leaveOneOutErrors.indices.min { path.leaveOneOutErrors[$0] < path.leaveOneOutErrors[$1] }!
    writeDoubles(path.leaveOneOutErrors, to: args[7])
    print("{\"time\": \(time), \"best_lambda\": \(path.lambdas[best]), \"best_loo\": \(path.leaveOneOutErrors[best])}")
case "logistic":
    let parameters = try LogisticParameters(l1Ratio: 1, tolerance: Double(args[7])!)
    var path: LogisticPath!
    let labels = y.map { Int($0) }
    let time = try seconds {
        path = try LogisticPath.fit(x: x, labels: labels, classes: ["0", "1"], parameters: parameters, lambdas: .values(lambdas))
    }
    writeDoubles(path.coefficients.flatMap { $0 } + path.intercepts, to: args[8])
    let passes = path.certificates.reduce(0) { $0 + $1.iterations }
    let gap = path.certificates.map(\.relativeGap).max()!
    print("{\"time\": \(time), \"max_relative_gap\": \(gap), \"passes\": \(passes), \"lambdas\": \(path.lambdas.count)}")
case "logistic-cv":
    let parameters = try LogisticParameters(l1Ratio: 1, tolerance: Double(args[7])!)
    let labels = y.map { Int($0) }
    var result: ClassificationCrossValidationResult!
    let time = try seconds {
        _ = try LogisticPath.fit(x: x, labels: labels, classes: ["0", "1"], parameters: parameters, lambdas: .values(lambdas))
        OpenBLASControl.setThreadCount(1)   // as `lagrange path logistic --cv`: one BLAS thread per concurrent fold
        result = try ClassificationCrossValidation.run(x: x, labels: labels, classes: ["0", "1"], parameters: parameters,
                                                       lambdas: lambdas, folds: Int(args[8])!, seed: 1, measure: .deviance)
    }
    print("{\"time\": \(time), \"lambda_min\": \(result.lambdaMin), \"lambda_1se\": \(result.lambda1SE), \"cv_min\": \(result.means[result.indexMin])}")
case "multinomial":
    let parameters = try LogisticParameters(l1Ratio: 1, tolerance: Double(args[7])!)
    let k = Int(args[9])!
    let penalty: MultinomialPenalty = args.count > 10 && args[10] == "grouped" ? .grouped : .ungrouped
    var path: MultinomialPath!
    let time = try seconds {
        path = try MultinomialPath.fit(x: x, labels: y.map { Int($0) }, classes: (0..<k).map(String.init), parameters: parameters,
                                       penalty: penalty, lambdas: .values(lambdas))
    }
    writeDoubles(path.coefficients.flatMap { $0.flatMap { $0 } } + path.intercepts.flatMap { $0 }, to: args[8])
    let passes = path.certificates.reduce(0) { $0 + $1.iterations }
    let gap = path.certificates.map(\.relativeGap).max()!
    if ProcessInfo.processInfo.environment["LAGRANGE_BENCH_PER_LAMBDA"] != nil {
        let df = path.nonzeroCounts
        for (l, c) in path.certificates.enumerated() {
            FileHandle.standardError.write("\(l) df \(df[l]) passes \(c.iterations) gap \(c.relativeGap)\n".data(using: .utf8)!)
        }
    }
    print("{\"time\": \(time), \"max_relative_gap\": \(gap), \"passes\": \(passes), \"lambdas\": \(path.lambdas.count)}")
default:
    fatalError("unknown mode \(mode)")
}
