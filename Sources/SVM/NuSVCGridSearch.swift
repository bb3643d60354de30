import DataIO
import LinearAlgebra
import Modeling

/// Model selection for ν-SVC over a grid of ν × γ by stratified K-fold cross-validation (the
/// folds of `SVCGridParameters` for the same seed), along ν for each γ and fold on one kernel
/// cache (`NuSVCParameters.fitAlongNu`), cold-started by default (see `warmStart`).
///
/// The default ν grid is 0.9, 0.8, …, 0.1 (`defaultNus`): ν is a fraction — an upper bound on
/// the fraction of margin errors and a lower bound on the fraction of support vectors — so an
/// even step over (0, 1) covers its range the way log₂C steps cover C's; values no training fold
/// can take (ν > 2·min(n₁, n₂)/(n₁ + n₂) for some pair) are dropped by `feasible(nus:…)`.
public struct NuSVCGridParameters: Sendable {
    /// Everything but ν and γ: kernel kind (degree, coef0), tolerance, cache, shrinking,
    /// iteration cap. Its `nu` and `kernel.gamma` are ignored.
    public var nuSVC: NuSVCParameters
    /// Strictly decreasing ν values in (0, 1] (the warm-start direction).
    public var nus: [Double]
    public var gammas: [Double]
    public var folds: Int
    public var seed: UInt64
    /// Alpha seeding down ν (true) or LIBSVM's start at every ν (false, the default: the plain
    /// fits). The ν primal's threshold pair (b, r) need not be unique — on iris, warm- and
    /// cold-started solves reach the same dual objective (to 1e-12) with intercepts and 1/r
    /// apart by a few percent — so a warm start can land on another optimum whose held-out
    /// predictions differ in borderline rows. Cold starts keep every point's score equal to
    /// independent `NuSVCParameters` fits on the same folds (and, through them, to LIBSVM's);
    /// warm starts saved iterations on wine (−62%) and cost some on iris (+47%).
    public var warmStart: Bool

    /// 0.9, 0.8, …, 0.1.
    public static let defaultNus: [Double] = (1...9).reversed().map { Double($0) / 10 }

    public init(nuSVC: NuSVCParameters = NuSVCParameters(), nus: [Double] = NuSVCGridParameters.defaultNus,
                gammas: [Double] = SVCGridParameters.libsvmGammas, folds: Int = 5, seed: UInt64 = 1, warmStart: Bool = false) {
        self.nuSVC = nuSVC
        self.nus = nus
        self.gammas = gammas
        self.folds = folds
        self.seed = seed
        self.warmStart = warmStart
    }

    /// The grid's C-SVC twin: the same kernel, folds, seed and γ handling.
    var cGrid: SVCGridParameters {
        SVCGridParameters(svc: SVCParameters(kernel: nuSVC.kernel, tolerance: nuSVC.tolerance, cacheMegabytes: nuSVC.cacheMegabytes,
                                             shrinking: nuSVC.shrinking, maximumIterations: nuSVC.maximumIterations),
                          gammas: gammas, folds: folds, seed: seed, warmStart: warmStart)
    }

    public func validate() throws {
        try nuSVC.validate()
        guard !nus.isEmpty, nus.allSatisfy({ $0 > 0 && $0 <= 1 }), zip(nus, nus.dropFirst()).allSatisfy({ $0 > $1 }) else {
            throw LagrangeError.invalidParameter(name: "nus", value: nus.map { "\($0)" }.joined(separator: ","),
                                                 requirement: "must be numbers in (0, 1] in strictly decreasing order")
        }
        try cGrid.validate()
    }

    /// The largest ν every training fold can take (each pair of classes, n₁ and n₂ training
    /// rows: 2·min(n₁, n₂)/(n₁ + n₂)), for these labels, folds and seed.
    public func largestFeasibleNu(labels: [String]) -> Double {
        let encoding = LabelEncoding(fitting: labels)
        let codes = encoding.encode(labels)!
        let foldOfRow = SVCGridParameters.stratifiedFolds(codes: codes, classCount: encoding.count, folds: folds, seed: seed)
        var limit = 1.0
        for fold in 0..<folds {
            var members = [[Int]](repeating: [], count: encoding.count)
            for (row, code) in codes.enumerated() where foldOfRow[row] != fold { members[code].append(row) }
            limit = min(limit, NuSVCParameters.largestFeasibleNu(members: members.filter { !$0.isEmpty }))
        }
        return limit
    }

    /// Cross-validates every (ν, γ), as `SVCGridParameters.fit` does every (C, γ): jobs (γ,
    /// fold) run concurrently, and the result does not depend on the thread budget.
    public func fit(_ x: Matrix, labels: [String], context: ExecutionContext = ExecutionContext()) throws -> NuSVCGridSearch {
        try validate()
        guard labels.count == x.rows else {
            throw LagrangeError.shapeMismatch("\(x.rows) samples but \(labels.count) labels")
        }
        guard folds <= x.rows else {
            throw LagrangeError.invalidParameter(name: "folds", value: "\(folds)", requirement: "needs at most the number of rows (\(x.rows)) folds")
        }
        try x.requireFinite("the training data")
        let encoding = LabelEncoding(fitting: labels)
        guard encoding.count >= 2 else {
            throw LagrangeError.singleClass(encoding.classes.first)
        }
        let foldOfRow = SVCGridParameters.stratifiedFolds(codes: encoding.encode(labels)!, classCount: encoding.count,
                                                          folds: folds, seed: seed)
        let grid = cGrid
        let gammas = grid.effectiveGammas
        let jobs = GridJobs(gammaCount: gammas.count, folds: folds, threads: context.threads)
        let cacheBytes = cacheBudgetBytes(megabytes: nuSVC.cacheMegabytes) / jobs.workers
        let scores = try jobs.run { g, fold in
            try self.score(x, labels: labels, fold: GridFold(foldOfRow: foldOfRow, fold: fold),
                           kernel: grid.kernel(gamma: gammas[g]), cacheBytes: cacheBytes)
        }
        var points: [NuSVCGridPoint] = []
        for (g, gamma) in gammas.enumerated() {
            for (index, nu) in nus.enumerated() {
                let perFold = jobs.perFold(scores, gamma: g, point: index)
                points.append(NuSVCGridPoint(nu: nu, gamma: gamma, correct: perFold.reduce(0) { $0 + $1.correct }, rows: x.rows,
                                             certificates: perFold.map(\.certificate),
                                             supportVectors: perFold.map(\.supportVectors),
                                             boundedSupportVectors: perFold.map(\.boundedSupportVectors)))
            }
        }
        return NuSVCGridSearch(nus: nus, gammas: gammas, folds: folds, seed: seed, foldOfRow: foldOfRow, points: points,
                               bestIndex: NuSVCGridSearch.bestIndex(points))
    }

    /// How each model down ν at one γ classifies one fold's held-out rows.
    private func score(_ x: Matrix, labels: [String], fold: GridFold, kernel: Kernel,
                       cacheBytes: Int) throws -> [HeldOutClassification] {
        let trainX = x.selectingRows(fold.train)
        let path = try nuSVC.fitAlongNu(trainX, labels: fold.train.map { labels[$0] }, nus: nus, kernel: kernel, warmStart: warmStart,
                                        cacheBytes: cacheBytes).map(\.machineSet)
        return try HeldOutClassification.score(path, kernel: kernel, trainX: trainX, heldX: x.selectingRows(fold.held),
                                               heldLabels: fold.held.map { labels[$0] })
    }
}

/// One (ν, γ) of a ν grid search: cross-validated accuracy and, per fold, the certificate of
/// the fold's fit (its ν problems combined, with the relative gap) and its support vectors.
public struct NuSVCGridPoint: GridPointCertificates, Sendable, Equatable {
    public let nu: Double
    public let gamma: Double
    /// Held-out rows predicted right, over all folds.
    public let correct: Int
    public let rows: Int
    public let certificates: [SVMCertificate]
    public let supportVectors: [Int]
    public let boundedSupportVectors: [Int]

    public var accuracy: Double { Double(correct) / Double(rows) }
}

/// The result of `NuSVCGridParameters.fit`: every point, γ-major (index g·|nus| + ν index).
public struct NuSVCGridSearch: Sendable, Equatable {
    public let nus: [Double]
    public let gammas: [Double]
    public let folds: Int
    public let seed: UInt64
    public let foldOfRow: [Int]
    public let points: [NuSVCGridPoint]
    public let bestIndex: Int

    public var best: NuSVCGridPoint { points[bestIndex] }

    /// The chosen point: the highest CV accuracy; ties go to the larger ν (ν-SVC's side of
    /// C-SVC's smaller C: more support vectors, a wider margin), then to the earlier γ.
    static func bestIndex(_ points: [NuSVCGridPoint]) -> Int {
        var best = 0
        for index in points.indices.dropFirst() {
            let candidate = points[index], incumbent = points[best]
            if candidate.correct != incumbent.correct {
                if candidate.correct > incumbent.correct { best = index }
            } else if candidate.nu > incumbent.nu {
                best = index
            }
        }
        return best
    }

    /// The parameters of the chosen point: `base` with its ν and γ.
    public func bestParameters(_ base: NuSVCParameters) -> NuSVCParameters {
        var parameters = base
        parameters.nu = best.nu
        if base.kernel.kind != .linear { parameters.kernel.gamma = .value(best.gamma) }
        return parameters
    }
}
