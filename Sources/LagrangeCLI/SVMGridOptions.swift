import ArgumentParser
import Foundation
import Lagrange

/// The grid, fold, solver and output options shared by `path svm` (C-SVC) and `path svr`
/// (ε-SVR): one user-facing shape for both searches.
struct SVMGridOptions: ParsableArguments {
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
    @Option(parsing: .unconditional, help: ArgumentHelp("Number of cross-validation folds (stratified for svm).", valueName: "K"))
    var folds: Int = 5
    @Option(help: ArgumentHelp("Seed of the folds.", valueName: "S"))
    var seed: UInt64 = 1
    @Flag(name: .customLong("cold-start"), help: "Start every C from α = 0 (as grid.py does), for comparison.")
    var coldStart = false
    @Option(help: ArgumentHelp("Write every grid point (CV score, support vectors, iterations, certificates) as CSV here.", valueName: "file"))
    var table: String?
    @Option(help: ArgumentHelp("Write the self-contained HTML report here: heat map of the CV score over log₂C × log₂γ, support vectors and iterations along C, certificates.", valueName: "file"))
    var report: String?
    @Option(help: ArgumentHelp("Refit on all rows at the chosen (C, γ) and save the model here.", valueName: "file"))
    var model: String?

    func validate() throws {
        if kernel == .linear, log2g != GridRange(begin: 3, end: -15, step: -2) {
            throw ValidationError("--log2g has no use with the linear kernel")
        }
    }

    func log2Cs() throws -> [Double] { try log2c.values(name: "log2c", increasing: true) }
    /// The log₂γ values, or [0] for the linear kernel (which has no γ).
    func log2Gammas() throws -> [Double] { kernel == .linear ? [0] : try log2g.values(name: "log2g", increasing: false) }

    /// Checks the outputs against the input and each other before any work.
    func checkOutputs(input: String) throws {
        try OutputPlan.check(inputs: [input], outputs: [("--table", table), ("--report", report), ("--model", model)])
    }

    /// The printed table: rows log₂γ, columns log₂C, one cell per point (γ-major `cells`).
    func gridText(log2Cs: [Double], log2Gammas: [Double], cells: [String]) -> String {
        var text = TextTable(header: [kernel == .linear ? "" : "log2 γ"] + log2Cs.map { TextTable.format($0) })
        for (g, log2Gamma) in log2Gammas.enumerated() {
            text.append([kernel == .linear ? "" : TextTable.format(log2Gamma)] + (0..<log2Cs.count).map { cells[g * log2Cs.count + $0] })
        }
        return text.rendered.trimmingCharacters(in: .newlines)
    }

    /// Warns when the chosen point is at an edge of the grid.
    func warnAtEdge(bestIndex: Int, log2Cs: [Double], log2Gammas: [Double]) {
        let (bestG, bestC) = bestIndex.quotientAndRemainder(dividingBy: log2Cs.count)
        if bestC == 0 || bestC == log2Cs.count - 1 || (kernel != .linear && log2Gammas.count > 1 && (bestG == 0 || bestG == log2Gammas.count - 1)) {
            Console.warn("the chosen point is at an edge of the grid; widen --log2c or --log2g")
        }
    }

    /// The report's certificate table: one row per point.
    static func certificateRows(_ points: [some GridPointCertificates], log2Cs: [Double], log2Gammas: [Double],
                                score: [String]) -> [[String]] {
        points.indices.map { index in
            let point = points[index]
            return [TextTable.format(log2Cs[index % log2Cs.count]), TextTable.format(log2Gammas[index / log2Cs.count]), score[index],
                    TextTable.format(point.meanSupportVectors, significant: 4), "\(point.iterations)",
                    TextTable.format(point.maximumKKTViolation, significant: 3), TextTable.format(point.largestDualityGap, significant: 3),
                    point.converged ? "yes" : "no"]
        }
    }

    /// The `--table` CSV of a grid (γ-major points): log₂C, log₂γ, C, γ (or, with `nus`, ν,
    /// log₂γ, γ), the family's score columns, then the certificate columns (worst over the folds).
    static func table(_ points: [some GridPointCertificates], log2Cs: [Double], log2Gammas: [Double], folds: Int,
                      scores: [(name: String, values: [Double])], nus: [Double]? = nil) -> String {
        let columnCount = nus?.count ?? log2Cs.count
        let leading: [(String, CSVColumn)] = nus.map { nus in
            [("nu", .numbers(points.indices.map { nus[$0 % columnCount] })),
             ("log2_gamma", .numbers(points.indices.map { log2Gammas[$0 / columnCount] })), ("gamma", .numbers(points.map(\.gamma)))]
        } ?? [("log2_c", .numbers(points.indices.map { log2Cs[$0 % columnCount] })),
              ("log2_gamma", .numbers(points.indices.map { log2Gammas[$0 / columnCount] })),
              ("c", .numbers(points.indices.map { exp2(log2Cs[$0 % columnCount]) })), ("gamma", .numbers(points.map(\.gamma)))]
        let header = leading.map(\.0) + scores.map(\.name)
            + ["mean_support_vectors", "mean_bounded_support_vectors", "iterations", "max_kkt_violation", "max_duality_gap", "converged"]
        let columns: [CSVColumn] = leading.map(\.1) + scores.map { .numbers($0.values) } + [
            .numbers(points.map(\.meanSupportVectors)),
            .numbers(points.map { Double($0.boundedSupportVectors.reduce(0, +)) / Double(folds) }),
            .numbers(points.map { Double($0.iterations) }), .numbers(points.map(\.maximumKKTViolation)),
            .numbers(points.map(\.largestDualityGap)), .text(points.map { $0.converged ? "true" : "false" }),
        ]
        return CSVWriter.render(header: header, columns: columns)
    }
}
