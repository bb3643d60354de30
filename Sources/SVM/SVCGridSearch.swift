import Foundation
import DataIO
import LinearAlgebra
import Modeling

/// Model selection for C-SVC over a grid of C × γ by stratified K-fold cross-validation, with
/// a warm-started path over C (see `SVCParameters.fitAlongC`) for each γ and fold.
///
/// The default grid is LIBSVM's `grid.py`: log₂C = −5, −3, …, 15 and log₂γ = 3, 1, …, −15.
/// With the linear kernel γ plays no part: the grid has the single γ 0.
public struct SVCGridParameters: Sendable {
    /// Everything but C and γ: kernel kind (degree, coef0), tolerance, cache, shrinking, class
    /// weights, iteration cap. Its `c` and `kernel.gamma` are ignored.
    public var svc: SVCParameters
    /// Strictly increasing C values (the warm-start direction).
    public var cs: [Double]
    public var gammas: [Double]
    public var folds: Int
    public var seed: UInt64
    /// Alpha seeding along C (true) or α = 0 at every C (the plain fits, for comparison).
    public var warmStart: Bool

    /// 2^−5, 2^−3, …, 2^15: `grid.py`'s C values.
    public static let libsvmCs: [Double] = stride(from: -5, through: 15, by: 2).map { exp2(Double($0)) }
    /// 2^3, 2^1, …, 2^−15: `grid.py`'s γ values.
    public static let libsvmGammas: [Double] = stride(from: 3, through: -15, by: -2).map { exp2(Double($0)) }

    public init(svc: SVCParameters = SVCParameters(), cs: [Double] = SVCGridParameters.libsvmCs,
                gammas: [Double] = SVCGridParameters.libsvmGammas, folds: Int = 5, seed: UInt64 = 1, warmStart: Bool = true) {
        self.svc = svc
        self.cs = cs
        self.gammas = gammas
        self.folds = folds
        self.seed = seed
        self.warmStart = warmStart
    }

    public func validate() throws {
        try svc.validate()
        guard !cs.isEmpty, cs.allSatisfy({ $0 > 0 && $0.isFinite }), zip(cs, cs.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw LagrangeError.invalidParameter(name: "cs", value: cs.map { "\($0)" }.joined(separator: ","),
                                                 requirement: "must be finite numbers > 0 in strictly increasing order")
        }
        if svc.kernel.kind != .linear, gammas.isEmpty || !gammas.allSatisfy({ $0 > 0 && $0.isFinite }) {
            throw LagrangeError.invalidParameter(name: "gammas", value: gammas.map { "\($0)" }.joined(separator: ","),
                                                 requirement: "must be one or more finite numbers > 0")
        }
        if folds < 2 {
            throw LagrangeError.invalidParameter(name: "folds", value: "\(folds)", requirement: "must be ≥ 2")
        }
    }

    /// The γ values searched: `gammas`, or [0] for the linear kernel.
    var effectiveGammas: [Double] { svc.kernel.kind == .linear ? [0] : gammas }

    /// The kernel at γ.
    func kernel(gamma: Double) -> Kernel {
        switch svc.kernel.kind {
        case .linear: return .linear
        case .rbf: return .rbf(gamma: gamma)
        case .poly: return .polynomial(gamma: gamma, coef0: svc.kernel.coef0, degree: svc.kernel.degree)
        case .sigmoid: return .sigmoid(gamma: gamma, coef0: svc.kernel.coef0)
        }
    }

    /// The fold (0..<k) of every row, stratified (`StratifiedFolds`).
    public static func stratifiedFolds(codes: [Int], classCount: Int, folds k: Int, seed: UInt64) -> [Int] {
        StratifiedFolds.assign(classCodes: codes, classCount: classCount, folds: k, seed: seed)
    }

    /// Cross-validates every (C, γ). Jobs (γ, fold) run concurrently on up to `context.threads`
    /// threads, each with its share of the cache budget; every job's result is the same
    /// whatever runs beside it, so the search does not depend on the thread budget.
    ///
    /// `sampleWeights` (one finite weight > 0 per row, or nil): each training fold's fit gives
    /// sample i the box C·sᵢ (as `SVCParameters.fit(_:labels:sampleWeights:)`); the folds are
    /// stratified by class as without weights, and the CV accuracy counts every held-out row
    /// once, unweighted (scikit-learn's default scoring in `GridSearchCV`).
    public func fit(_ x: Matrix, labels: [String], sampleWeights: [Double]? = nil,
                    context: ExecutionContext = ExecutionContext()) throws -> SVCGridSearch {
        try validate()
        guard labels.count == x.rows else {
            throw LagrangeError.shapeMismatch("\(x.rows) samples but \(labels.count) labels")
        }
        try SVMSampleWeights.check(sampleWeights, rows: x.rows)
        guard folds <= x.rows else {
            throw LagrangeError.invalidParameter(name: "folds", value: "\(folds)", requirement: "needs at most the number of rows (\(x.rows)) folds")
        }
        try x.requireFinite("the training data")
        let encoding = LabelEncoding(fitting: labels)
        guard encoding.count >= 2 else {
            throw LagrangeError.singleClass(encoding.classes.first)
        }
        let foldOfRow = Self.stratifiedFolds(codes: encoding.encode(labels)!, classCount: encoding.count, folds: folds, seed: seed)
        let gammas = effectiveGammas
        let jobs = GridJobs(gammaCount: gammas.count, folds: folds, threads: context.threads)
        let scores = try jobs.run { g, fold in
            try self.score(x, labels: labels, sampleWeights: sampleWeights, fold: GridFold(foldOfRow: foldOfRow, fold: fold),
                           kernel: self.kernel(gamma: gammas[g]), cacheBytes: self.svc.cacheBytes / jobs.workers)
        }
        var points: [SVCGridPoint] = []
        for (g, gamma) in gammas.enumerated() {
            for (ci, c) in cs.enumerated() {
                let perFold = jobs.perFold(scores, gamma: g, point: ci)
                points.append(SVCGridPoint(c: c, gamma: gamma, correct: perFold.reduce(0) { $0 + $1.held.correct }, rows: x.rows,
                                           certificates: perFold.map(\.held.certificate),
                                           supportVectors: perFold.map(\.held.supportVectors),
                                           boundedSupportVectors: perFold.map(\.held.boundedSupportVectors),
                                           halfNormSquared: perFold.reduce(0) { $0 + $1.halfNormSquared } / Double(folds)))
            }
        }
        return SVCGridSearch(cs: cs, gammas: gammas, folds: folds, seed: seed, foldOfRow: foldOfRow, points: points,
                             bestIndex: SVCGridSearch.bestIndex(points))
    }

    /// The C-path at one γ on all of `x` (no cross-validation): one model per C of `cs`,
    /// warm-started along C when `warmStart` is set, each with its certificate.
    public func path(_ x: Matrix, labels: [String], sampleWeights: [Double]? = nil, gamma: Double,
                     featureNames: [String]? = nil, targetName: String? = nil) throws -> [SVC] {
        try validate()
        guard labels.count == x.rows else {
            throw LagrangeError.shapeMismatch("\(x.rows) samples but \(labels.count) labels")
        }
        try SVMSampleWeights.check(sampleWeights, rows: x.rows)
        try x.requireFinite("the training data", featureNames: featureNames)
        return try svc.fitAlongC(x, labels: labels, sampleWeights: sampleWeights, cs: cs, kernel: kernel(gamma: gamma),
                                 warmStart: warmStart, cacheBytes: svc.cacheBytes, featureNames: featureNames,
                                 targetName: targetName).map(\.model)
    }

    /// One fold's scores along C at one γ: how each model classifies the held-out rows, and ½‖w‖².
    struct FoldScore {
        var held: HeldOutClassification
        var halfNormSquared: Double
    }

    private func score(_ x: Matrix, labels: [String], sampleWeights: [Double]?, fold: GridFold, kernel: Kernel,
                       cacheBytes: Int) throws -> [FoldScore] {
        let trainX = x.selectingRows(fold.train)
        let path = try svc.fitAlongC(trainX, labels: fold.train.map { labels[$0] },
                                     sampleWeights: sampleWeights.map { w in fold.train.map { w[$0] } }, cs: cs, kernel: kernel,
                                     warmStart: warmStart, cacheBytes: cacheBytes, featureNames: nil, targetName: nil)
        let held = try HeldOutClassification.score(path.map(\.model), kernel: kernel, trainX: trainX,
                                                   heldX: x.selectingRows(fold.held), heldLabels: fold.held.map { labels[$0] })
        return zip(held, path).map { FoldScore(held: $0, halfNormSquared: $1.halfNormSquared) }
    }
}

/// One (C, γ) of a grid search: cross-validated accuracy and, per fold, the certificate of the
/// fold's fit (its machines combined) and its support-vector counts.
public struct SVCGridPoint: GridPointCertificates, Sendable, Equatable {
    public let c: Double
    public let gamma: Double
    /// Held-out rows predicted right, over all folds.
    public let correct: Int
    public let rows: Int
    public let certificates: [SVMCertificate]
    public let supportVectors: [Int]
    public let boundedSupportVectors: [Int]
    /// ½‖w‖² summed over machines, averaged over folds (smaller: larger margin).
    public let halfNormSquared: Double

    public var accuracy: Double { Double(correct) / Double(rows) }
}

/// The result of `SVCGridParameters.fit`: every point, γ-major (index g·|cs| + c).
public struct SVCGridSearch: Sendable, Equatable {
    public let cs: [Double]
    public let gammas: [Double]
    public let folds: Int
    public let seed: UInt64
    public let foldOfRow: [Int]
    public let points: [SVCGridPoint]
    public let bestIndex: Int

    public var best: SVCGridPoint { points[bestIndex] }

    /// The chosen point: the highest CV accuracy; ties go to the smaller C, then to the larger
    /// margin (smaller mean ½‖w‖²), then to the earlier γ of the grid.
    static func bestIndex(_ points: [SVCGridPoint]) -> Int {
        var best = 0
        for index in points.indices.dropFirst() {
            let candidate = points[index], incumbent = points[best]
            if candidate.correct != incumbent.correct {
                if candidate.correct > incumbent.correct { best = index }
            } else if candidate.c != incumbent.c {
                if candidate.c < incumbent.c { best = index }
            } else if candidate.halfNormSquared < incumbent.halfNormSquared {
                best = index
            }
        }
        return best
    }

    /// The parameters of the chosen point: `base` with its C and γ.
    public func bestParameters(_ base: SVCParameters) -> SVCParameters {
        var parameters = base
        parameters.c = best.c
        if base.kernel.kind != .linear { parameters.kernel.gamma = .value(best.gamma) }
        return parameters
    }
}
