import DataIO
import LinearAlgebra

extension SVRParameters {
    /// Fits ε-SVR at every C of `cs` (strictly increasing) with the kernel and ε fixed,
    /// `self.c` ignored, on one Q (so one kernel cache) for the whole path.
    ///
    /// Warm start (alpha seeding), as for C-SVC: the dual's constraints are Σ(αₜ − α*ₜ) = 0 and
    /// 0 ≤ αₜ, α*ₜ ≤ C, so the solution at C_old scaled by s = C_new/C_old is feasible at C_new
    /// (the sum stays 0, each variable stays within s·C_old = C_new); variables at their old
    /// bound are set to the new bound exactly. With `warmStart == false` every C starts from
    /// α = 0, the plain fit's solve.
    func fitAlongC(_ x: Matrix, targets z: [Double], cs: [Double], kernel: Kernel, warmStart: Bool,
                   cacheBytes: Int, featureNames: [String]?, targetName: String?) throws -> [SVR] {
        let n = x.rows
        let linearTerm = z.map { epsilon - $0 } + z.map { epsilon + $0 }
        let labels = [Double](repeating: 1, count: n) + [Double](repeating: -1, count: n)
        let q = RegressionQ(x, kernel: kernel, cacheBytes: cacheBytes, columnThreads: 1)
        var previous: (alpha: [Double], c: Double)?
        var models: [SVR] = []
        for c in cs {
            var start = [Double](repeating: 0, count: 2 * n)
            if warmStart, let previous {
                let scale = c / previous.c
                for t in start.indices {
                    let old = previous.alpha[t]
                    start[t] = old >= previous.c ? c : min(old * scale, c)
                }
            }
            let problem = DualProblem(q: q, linearTerm: linearTerm, labels: labels,
                                      upperBounds: [Double](repeating: c, count: 2 * n), initialAlpha: start)
            let settings = SolverSettings(tolerance: tolerance, shrinking: shrinking,
                                          maximumIterations: maximumIterations ?? defaultIterationCap(2 * n), progress: nil)
            let solver = SMOSolver(problem, settings: settings)
            let solution = solver.solve()
            solver.restoreOriginalOrder()
            var parameters = self
            parameters.c = c
            models.append(try parameters.assemble(solution, x: x, targets: z, kernel: kernel, linearTerm: linearTerm,
                                                  featureNames: featureNames, targetName: targetName))
            previous = (solution.alpha, c)
        }
        return models
    }
}
