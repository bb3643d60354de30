/// A grid point of `path svm` / `path svr`: one fit per fold at one (C, γ) — or (ν, γ) for
/// ν-SVC — each with its certificate. The point's summary is the worst over its folds (and, for
/// several classes, over each fold's machines combined).
public protocol GridPointCertificates {
    var gamma: Double { get }
    /// Bounded support vectors (α = C) per fold fit.
    var boundedSupportVectors: [Int] { get }
    /// One certificate per fold fit.
    var certificates: [SVMCertificate] { get }
    /// Support vectors per fold fit.
    var supportVectors: [Int] { get }
}

extension GridPointCertificates {
    /// SMO iterations summed over the folds.
    public var iterations: Int { certificates.reduce(0) { $0 + $1.iterations } }
    /// Every fold fit converged.
    public var converged: Bool { certificates.allSatisfy(\.converged) }
    public var maximumKKTViolation: Double { certificates.map(\.maximumKKTViolation).max() ?? 0 }
    public var largestDualityGap: Double { certificates.map(\.dualityGap).max() ?? 0 }
    /// The largest gap relative to its primal objective, gap / max(1, |P|).
    public var largestRelativeDualityGap: Double {
        certificates.map { $0.dualityGap / max(1, abs($0.primalObjective)) }.max() ?? 0
    }
    /// Support vectors per fold, averaged over the folds.
    public var meanSupportVectors: Double { Double(supportVectors.reduce(0, +)) / Double(max(1, supportVectors.count)) }
}
