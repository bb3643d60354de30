import Foundation
import DataIO
import LinearAlgebra
import Modeling

/// Model selection for ε-SVR over a grid of C × γ (ε fixed) by K-fold cross-validation of the
/// mean squared error, with a warm-started path over C (`SVRParameters.fitAlongC`) for each γ
/// and fold.
///
/// Folds are unstratified: the rows are shuffled by a `SeededGenerator(seed)` Fisher–Yates and
/// dealt round robin (`StratifiedFolds` with a single class), so fold sizes differ by at most one.
/// CV MSE at (C, γ) = (1/n) Σ_folds Σ_{i held out} (zᵢ − f₋fold(xᵢ))², every row held out once.
public struct SVRGridParameters: Sendable {
    /// Everything but C and γ: ε, kernel kind (degree, coef0), tolerance, cache, shrinking,
    /// iteration cap. Its `c` and `kernel.gamma` are ignored.
    public var svr: SVRParameters
    /// Strictly increasing C values (the warm-start direction).
    public var cs: [Double]
    public var gammas: [Double]
    public var folds: Int
    public var seed: UInt64
    /// Alpha seeding along C (true) or α = 0 at every C.
    public var warmStart: Bool

    public init(svr: SVRParameters = SVRParameters(), cs: [Double] = SVCGridParameters.libsvmCs,
                gammas: [Double] = SVCGridParameters.libsvmGammas, folds: Int = 5, seed: UInt64 = 1, warmStart: Bool = true) {
        self.svr = svr
        self.cs = cs
        self.gammas = gammas
        self.folds = folds
        self.seed = seed
        self.warmStart = warmStart
    }

    public func validate() throws {
        try svr.validate()
        try SVCGridParameters(svc: SVCParameters(kernel: svr.kernel), cs: cs, gammas: gammas, folds: folds).validate()
    }

    var effectiveGammas: [Double] { svr.kernel.kind == .linear ? [0] : gammas }

    /// The fold (0..<k) of every row: a seeded shuffle dealt round robin.
    public static func folds(rows: Int, folds k: Int, seed: UInt64) -> [Int] {
        StratifiedFolds.assign(classCodes: [Int](repeating: 0, count: rows), classCount: 1, folds: k, seed: seed)
    }

    /// Cross-validates every (C, γ). Jobs (γ, fold) run concurrently on up to `context.threads`
    /// threads, each with its share of the cache budget; each job's result does not depend on
    /// what runs beside it.
    public func fit(_ x: Matrix, targets z: [Double], context: ExecutionContext = ExecutionContext()) throws -> SVRGridSearch {
        try validate()
        guard z.count == x.rows else { throw LagrangeError.shapeMismatch("\(x.rows) samples but \(z.count) targets") }
        guard folds <= x.rows else {
            throw LagrangeError.invalidParameter(name: "folds", value: "\(folds)", requirement: "needs at most the number of rows (\(x.rows)) folds")
        }
        try x.requireFinite("the training data")
        if let bad = z.firstIndex(where: { !$0.isFinite }) {
            throw LagrangeError.invalidData("the target has a non-finite value (\(z[bad])) at row \(bad + 1)")
        }
        let foldOfRow = Self.folds(rows: x.rows, folds: folds, seed: seed)
        let gammas = effectiveGammas
        let kernelKind = SVCGridParameters(svc: SVCParameters(kernel: svr.kernel))
        let jobs = GridJobs(gammaCount: gammas.count, folds: folds, threads: context.threads)
        let cacheBytes = cacheBudgetBytes(megabytes: svr.cacheMegabytes) / jobs.workers
        let scores = try jobs.run { g, fold in
            try self.score(x, targets: z, fold: GridFold(foldOfRow: foldOfRow, fold: fold),
                           kernel: kernelKind.kernel(gamma: gammas[g]), cacheBytes: cacheBytes)
        }
        var points: [SVRGridPoint] = []
        for (g, gamma) in gammas.enumerated() {
            for (ci, c) in cs.enumerated() {
                let perFold = jobs.perFold(scores, gamma: g, point: ci)
                points.append(SVRGridPoint(c: c, gamma: gamma, squaredErrorSum: perFold.reduce(0) { $0 + $1.squaredErrorSum },
                                           rows: x.rows, certificates: perFold.map(\.certificate),
                                           supportVectors: perFold.map(\.supportVectors),
                                           boundedSupportVectors: perFold.map(\.boundedSupportVectors)))
            }
        }
        return SVRGridSearch(cs: cs, gammas: gammas, folds: folds, seed: seed, foldOfRow: foldOfRow, points: points,
                             bestIndex: SVRGridSearch.bestIndex(points))
    }

    /// The C-path at one γ on all of `x` (no cross-validation): one model per C of `cs`,
    /// warm-started along C when `warmStart` is set, each with its certificate.
    public func path(_ x: Matrix, targets z: [Double], gamma: Double, featureNames: [String]? = nil,
                     targetName: String? = nil) throws -> [SVR] {
        try validate()
        guard z.count == x.rows else { throw LagrangeError.shapeMismatch("\(x.rows) samples but \(z.count) targets") }
        try x.requireFinite("the training data", featureNames: featureNames)
        let kernel = SVCGridParameters(svc: SVCParameters(kernel: svr.kernel)).kernel(gamma: gamma)
        return try svr.fitAlongC(x, targets: z, cs: cs, kernel: kernel, warmStart: warmStart,
                                 cacheBytes: cacheBudgetBytes(megabytes: svr.cacheMegabytes), featureNames: featureNames,
                                 targetName: targetName)
    }

    /// One fold's scores along C at one γ.
    struct FoldScore {
        var squaredErrorSum: Double
        var certificate: SVMCertificate
        var supportVectors: Int
        var boundedSupportVectors: Int
    }

    private func score(_ x: Matrix, targets z: [Double], fold: GridFold, kernel: Kernel,
                       cacheBytes: Int) throws -> [FoldScore] {
        let heldX = x.selectingRows(fold.held)
        let path = try svr.fitAlongC(x.selectingRows(fold.train), targets: fold.train.map { z[$0] }, cs: cs, kernel: kernel,
                                     warmStart: warmStart, cacheBytes: cacheBytes, featureNames: nil, targetName: nil)
        return try path.map { model in
            let predicted = try model.predict(heldX)
            var sum = 0.0
            for (value, row) in zip(predicted, fold.held) { sum += (z[row] - value) * (z[row] - value) }
            return FoldScore(squaredErrorSum: sum, certificate: model.certificate,
                             supportVectors: model.freeSupportVectors + model.boundedSupportVectors,
                             boundedSupportVectors: model.boundedSupportVectors)
        }
    }
}

/// One (C, γ) of an SVR grid search: the cross-validated squared error and, per fold, the
/// certificate of the fold's fit and its support-vector counts.
public struct SVRGridPoint: GridPointCertificates, Sendable, Equatable {
    public let c: Double
    public let gamma: Double
    /// Σ (zᵢ − f(xᵢ))² over every held-out row of every fold.
    public let squaredErrorSum: Double
    public let rows: Int
    public let certificates: [SVMCertificate]
    public let supportVectors: [Int]
    public let boundedSupportVectors: [Int]

    /// CV mean squared error: every row is held out exactly once.
    public var meanSquaredError: Double { squaredErrorSum / Double(rows) }
}

/// The result of `SVRGridParameters.fit`: every point, γ-major (index g·|cs| + c).
public struct SVRGridSearch: Sendable, Equatable {
    public let cs: [Double]
    public let gammas: [Double]
    public let folds: Int
    public let seed: UInt64
    public let foldOfRow: [Int]
    public let points: [SVRGridPoint]
    public let bestIndex: Int

    public var best: SVRGridPoint { points[bestIndex] }

    /// The chosen point: the smallest CV mean squared error; exact ties go to the smaller C
    /// (the flatter function, fewer bounded multipliers), then to the earlier γ of the grid.
    static func bestIndex(_ points: [SVRGridPoint]) -> Int {
        var best = 0
        for index in points.indices.dropFirst() {
            let candidate = points[index], incumbent = points[best]
            if candidate.squaredErrorSum != incumbent.squaredErrorSum {
                if candidate.squaredErrorSum < incumbent.squaredErrorSum { best = index }
            } else if candidate.c < incumbent.c {
                best = index
            }
        }
        return best
    }

    /// The parameters of the chosen point: `base` with its C and γ.
    public func bestParameters(_ base: SVRParameters) -> SVRParameters {
        var parameters = base
        parameters.c = best.c
        if base.kernel.kind != .linear { parameters.kernel.gamma = .value(best.gamma) }
        return parameters
    }
}
