import ArgumentParser
import Foundation
import Lagrange

/// `lagrange path svm`: LIBSVM grid.py's search over log₂C × log₂γ, by stratified K-fold
/// cross-validation with a warm-started path over C for each γ and fold.
struct PathSVM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svm",
        abstract: "Cross-validate C-SVC over a grid of C × γ (LIBSVM's grid.py), warm-starting along C.",
        discussion: "For each γ and each fold, C runs upwards and every solve starts from the previous C's solution scaled by "
            + "C_new/C_old (feasible for the new box), with the kernel cache kept across C. Folds are stratified and drawn "
            + "from --seed. Each point keeps its certificates (one per fold). The chosen point has the highest CV accuracy; "
            + "ties go to the smaller C, then to the larger margin (smaller mean ½‖w‖² over the folds' machines), then to the "
            + "γ listed first. Default grid as grid.py: --log2c -5,15,2 and --log2g 3,-15,-2 (its -v 5 is --folds 5). "
            + "The linear kernel searches C only."
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Kernel: rbf, linear, poly or sigmoid.", valueName: "kernel"))
    var kernel: KernelKind = .rbf
    @Option(name: .customLong("log2c"), parsing: .unconditional, help: ArgumentHelp("log₂C grid as begin,end,step (grid.py's -log2c).", valueName: "b,e,s"))
    var log2c: GridRange = GridRange(begin: -5, end: 15, step: 2)
    @Option(name: .customLong("log2g"), parsing: .unconditional, help: ArgumentHelp("log₂γ grid as begin,end,step (grid.py's -log2g).", valueName: "b,e,s"))
    var log2g: GridRange = GridRange(begin: 3, end: -15, step: -2)
    @Option(parsing: .unconditional, help: ArgumentHelp("Degree of the poly kernel (≥ 1).", valueName: "d"))
    var degree: Int = 3
    @Option(parsing: .unconditional, help: ArgumentHelp("Constant r of the poly and sigmoid kernels.", valueName: "r"))
    var coef0: Double = 0
    @Option(parsing: .unconditional, help: ArgumentHelp("Stop each solve when the largest KKT violation is at most this.", valueName: "tol"))
    var tol: Double = 1e-3
    @Option(name: .customLong("cache-mb"), parsing: .unconditional, help: ArgumentHelp("Memory for cached kernel columns, in MB, shared by the concurrent folds.", valueName: "MB"))
    var cacheMB: Double = 200
    @Flag(name: .customLong("no-shrinking"), help: "Do not shrink the active set.")
    var noShrinking = false
    @Option(name: .customLong("max-iterations"), parsing: .unconditional, help: ArgumentHelp("Iteration cap per solve (default max(10⁷, 100·n)).", valueName: "n"))
    var maxIterations: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("Number of stratified cross-validation folds.", valueName: "K"))
    var folds: Int = 5
    @Option(help: ArgumentHelp("Seed of the folds.", valueName: "S"))
    var seed: UInt64 = 1
    @Flag(name: .customLong("cold-start"), help: "Start every C from α = 0 (as grid.py does), for comparison.")
    var coldStart = false
    @Option(help: ArgumentHelp("Write every grid point (accuracy, support vectors, iterations, certificates) as CSV here.", valueName: "file"))
    var table: String?
    @Option(help: ArgumentHelp("Refit on all rows at the chosen (C, γ) and save the model here.", valueName: "file"))
    var model: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if kernel == .linear, log2g != GridRange(begin: 3, end: -15, step: -2) {
            throw ValidationError("--log2g has no use with the linear kernel")
        }
    }

    func run() throws {
        output.apply()
        let dataset = try data.dataset(task: .classification)
        guard let (codes, encoding) = dataset.targetLabels else {
            throw LagrangeError.invalidData("\(dataset.source): a classifier needs a target column of class labels")
        }
        let labels = codes.map { encoding.classes[$0] }
        let log2Cs = try log2c.values(name: "log2c", increasing: true)
        let log2Gammas = kernel == .linear ? [0] : try log2g.values(name: "log2g", increasing: false)
        let svc = SVCParameters(kernel: KernelParameters(kind: kernel, degree: degree, coef0: coef0), tolerance: tol,
                                cacheMegabytes: cacheMB, shrinking: !noShrinking, maximumIterations: maxIterations)
        let grid = SVCGridParameters(svc: svc, cs: log2Cs.map { exp2($0) }, gammas: log2Gammas.map { exp2($0) },
                                     folds: folds, seed: seed, warmStart: !coldStart)
        let search = try grid.fit(dataset.features, labels: labels)

        Console.print("svm grid on \(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")', \(kernel.rawValue) kernel")
        Console.print("\(folds)-fold stratified CV accuracy (%, seed \(seed)); rows log₂γ, columns log₂C\(coldStart ? "; cold starts" : "; warm-started along C")")
        var text = TextTable(header: [kernel == .linear ? "" : "log2 γ"] + log2Cs.map { TextTable.format($0) })
        for (g, log2Gamma) in log2Gammas.enumerated() {
            let cells = log2Cs.indices.map { String(format: "%.1f", 100 * search.points[g * log2Cs.count + $0].accuracy) }
            text.append([kernel == .linear ? "" : TextTable.format(log2Gamma)] + cells)
        }
        Console.print(text.rendered.trimmingCharacters(in: .newlines))
        let points = search.points
        let fits = points.count * folds
        let unconverged = points.reduce(0) { $0 + $1.certificates.filter { !$0.converged }.count }
        Console.print("certificates: \(fits - unconverged) of \(fits) fold fits converged (tol \(tol)); largest KKT violation "
            + "\(TextTable.format(points.map(\.maximumKKTViolation).max() ?? 0, significant: 3)), largest relative duality gap "
            + "\(TextTable.format(points.map(\.largestRelativeDualityGap).max() ?? 0, significant: 3)), \(points.reduce(0) { $0 + $1.iterations }) SMO iterations")
        if unconverged > 0 {
            Console.warn("\(unconverged) fold fits stopped at the iteration cap; their accuracies come from solutions that are not optimal")
        }
        let best = search.best
        let bestG = search.bestIndex / log2Cs.count, bestC = search.bestIndex % log2Cs.count
        let gammaText = kernel == .linear ? "" : ", γ = 2^\(TextTable.format(log2Gammas[bestG])) = \(TextTable.format(best.gamma))"
        Console.print("best: C = 2^\(TextTable.format(log2Cs[bestC])) = \(TextTable.format(best.c))\(gammaText), CV accuracy "
            + "\(String(format: "%.2f", 100 * best.accuracy))% (\(best.correct)/\(best.rows)), \(TextTable.format(best.meanSupportVectors, significant: 4)) support vectors per fold")
        if bestC == 0 || bestC == log2Cs.count - 1 || (kernel != .linear && log2Gammas.count > 1 && (bestG == 0 || bestG == log2Gammas.count - 1)) {
            Console.warn("the chosen point is at an edge of the grid; widen --log2c or --log2g")
        }

        if let table {
            let header = ["log2_c", "log2_gamma", "c", "gamma", "cv_accuracy", "correct", "rows", "mean_support_vectors",
                          "mean_bounded_support_vectors", "iterations", "max_kkt_violation", "max_duality_gap", "converged"]
            let log2CColumn = points.indices.map { log2Cs[$0 % log2Cs.count] }
            let log2GColumn = points.indices.map { log2Gammas[$0 / log2Cs.count] }
            let columns: [CSVColumn] = [
                .numbers(log2CColumn), .numbers(log2GColumn), .numbers(points.map(\.c)), .numbers(points.map(\.gamma)),
                .numbers(points.map(\.accuracy)), .numbers(points.map { Double($0.correct) }), .numbers(points.map { Double($0.rows) }),
                .numbers(points.map(\.meanSupportVectors)),
                .numbers(points.map { Double($0.boundedSupportVectors.reduce(0, +)) / Double(folds) }),
                .numbers(points.map { Double($0.iterations) }), .numbers(points.map(\.maximumKKTViolation)),
                .numbers(points.map(\.largestDualityGap)), .text(points.map { $0.converged ? "true" : "false" }),
            ]
            try AtomicFile.write(CSVWriter.render(header: header, columns: columns), to: table)
            Console.print("table written to \(table)")
        }
        if let model {
            let refit = try search.bestParameters(svc).fit(dataset)
            SVMOptions.warnIfNotConverged(refit.certificate)
            try ModelFile.write(refit, to: model)
            Console.print("model refit on all \(dataset.sampleCount) rows at the chosen point written to \(model)")
        }
    }
}

/// A grid of exponents `begin,end,step` (grid.py's form): begin, begin + step, … up to end.
struct GridRange: ExpressibleByArgument, Equatable {
    var begin: Double
    var end: Double
    var step: Double

    init(begin: Double, end: Double, step: Double) {
        self.begin = begin
        self.end = end
        self.step = step
    }

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let b = parts[0], let e = parts[1], let s = parts[2] else { return nil }
        self.init(begin: b, end: e, step: s)
    }

    var defaultValueDescription: String {
        [begin, end, step].map { TextTable.format($0) }.joined(separator: ",")
    }

    /// The exponents, checked to run the stated way (C upwards: the warm-start direction).
    func values(name: String, increasing: Bool) throws -> [Double] {
        guard begin.isFinite, end.isFinite, step.isFinite, step != 0, (end - begin) / step >= 0 else {
            throw ValidationError("--\(name) \(defaultValueDescription): the step must be non-zero and lead from begin to end")
        }
        let count = Int(((end - begin) / step + 1e-9).rounded(.down)) + 1
        guard count <= 1000 else { throw ValidationError("--\(name) \(defaultValueDescription) has more than 1000 values") }
        let values = (0..<count).map { begin + Double($0) * step }
        return increasing && step < 0 ? values.reversed() : values
    }
}
