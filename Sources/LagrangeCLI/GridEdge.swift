import Lagrange

/// The warning for a λ chosen at an end of its grid: the error curve has not turned there,
/// so a longer grid might choose differently.
enum GridEdge {
    /// Warns when `index` is the first (largest λ) or last (smallest λ) point of `lambdas`.
    static func warn(index: Int, lambdas: [Double], what: String) {
        guard lambdas.count >= 2 else { return }
        let lambda = TextTable.format(lambdas[index])
        if index == lambdas.count - 1 {
            Console.warn("the \(what) (\(lambda)) is the smallest λ of the grid: the error may go on falling below it; "
                + "extend the grid with a smaller --lambda-min-ratio (or more --lambdas)")
        } else if index == 0 {
            Console.warn("the \(what) (\(lambda)) is the largest λ of the grid, the most penalized fit: no smaller penalty "
                + "lowered the error, so the features may not predict the target")
        }
    }
}
