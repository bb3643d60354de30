/// What a coordinate-descent path spent, in the units that dominate a wide lasso: full products
/// Xᵀv/n (O(np) each), single-column products xⱼᵀv/n (O(n) each), checks (certificate +
/// screening + KKT) and the settles in gradient form. Counts only: it changes no result.
public struct SolverEffort: Sendable, Equatable, Codable {
    /// Checks (`CoordinateDescent.check`): one certificate each.
    public var checks = 0
    /// Full products Xᵀv/n over every feature (`dgemv`).
    public var fullProducts = 0
    /// Products with one column (`ddot` of length n) in checks and settles.
    public var columnProducts = 0
    /// Settles run in gradient form (`gramSettle`), and the features they added to the Gram cache.
    public var gramSettles = 0
    public var gramFeatures = 0
    /// Coordinate moves in the Gram settles' sweeps of the whole working set, and the gradient
    /// entries they updated (each move updates every entry of the block's gradient space).
    public var gramSweepMoves = 0
    public var gramSweepEntries = 0
    /// Coordinate moves in the inner cycles over the non-zero coordinates, and the gradient
    /// entries they and the catch-ups after each cycle updated.
    public var gramCycleMoves = 0
    public var gramCycleEntries = 0
    /// Newton steps on a face (`CoordinateDescent+Face.swift`) kept.
    public var faceSteps = 0
    /// Anderson extrapolations tried in the settles' inner cycles (Gram and residual), and those
    /// taken (they lowered the objective).
    public var extrapolations = 0
    public var extrapolationsTaken = 0

    public init() {}

    static func + (a: SolverEffort, b: SolverEffort) -> SolverEffort {
        var c = a
        c.checks += b.checks
        c.fullProducts += b.fullProducts
        c.columnProducts += b.columnProducts
        c.gramSettles += b.gramSettles
        c.gramFeatures += b.gramFeatures
        c.gramSweepMoves += b.gramSweepMoves
        c.gramSweepEntries += b.gramSweepEntries
        c.gramCycleMoves += b.gramCycleMoves
        c.gramCycleEntries += b.gramCycleEntries
        c.faceSteps += b.faceSteps
        c.extrapolations += b.extrapolations
        c.extrapolationsTaken += b.extrapolationsTaken
        return c
    }
}
