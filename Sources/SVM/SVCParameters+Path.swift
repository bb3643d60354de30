import DataIO
import LinearAlgebra

/// One C of a warm-started C-path: the fitted model and ½‖w‖² summed over its machines
/// (the margin of machine m is 2/‖w_m‖; a smaller sum is a larger margin).
struct SVCPathPoint {
    var model: SVC
    var halfNormSquared: Double
}

extension SVCParameters {
    /// Fits C-SVC at every C of `cs` (strictly increasing) with the kernel fixed, `self.c`
    /// ignored. Each one-vs-one machine keeps one Q (so one kernel cache) across the whole path.
    ///
    /// Warm start (alpha seeding): the solution α at C_old, scaled to s·α with s = C_new/C_old,
    /// starts the solve at C_new. It is feasible: yᵀ(sα) = s·yᵀα = 0 and 0 ≤ sαᵢ ≤ s·C_old·wᵢ =
    /// C_new·wᵢ; variables at their upper bound are set to the new bound exactly, so rounding
    /// cannot make them look free. With `warmStart == false` every C starts from α = 0, the
    /// plain fit's solve, on the same cached Q. `sampleWeights` (one per row of `x`, or nil)
    /// scale each sample's box as in `fit(_:labels:sampleWeights:)`: Cᵢ = C·w(class)·sᵢ, and the
    /// scaled warm start stays feasible for the same reason.
    func fitAlongC(_ x: Matrix, labels: [String], sampleWeights: [Double]? = nil, cs: [Double], kernel: Kernel, warmStart: Bool,
                   cacheBytes: Int, featureNames: [String]?, targetName: String?) throws -> [SVCPathPoint] {
        let encoding = LabelEncoding(fitting: labels)
        guard encoding.count >= 2 else {
            throw LagrangeError.singleClass(encoding.classes.first, in: "a training set")
        }
        let codes = encoding.encode(labels)!
        let k = encoding.count
        var members = [[Int]](repeating: [], count: k)
        for (index, code) in codes.enumerated() { members[code].append(index) }
        let weights = try classWeights(members: members, encoding: encoding, sampleCount: x.rows)
        var pairs: [(Int, Int)] = []
        for first in 0..<k { for second in (first + 1)..<k { pairs.append((first, second)) } }

        // solutions[c][pair], filled machine by machine.
        var solutions = [[PairSolution]](repeating: [], count: cs.count)
        var halfNorms = [Double](repeating: 0, count: cs.count)
        for (first, second) in pairs {
            let indices = members[first] + members[second]
            let y = [Double](repeating: 1, count: members[first].count) + [Double](repeating: -1, count: members[second].count)
            var unitBounds = [Double](repeating: weights[first], count: members[first].count)
                + [Double](repeating: weights[second], count: members[second].count)
            if let sampleWeights {
                for (t, index) in indices.enumerated() { unitBounds[t] *= sampleWeights[index] }
            }
            let q = ClassificationQ(x, indices: indices, labels: y, kernel: kernel,
                                    cacheBytes: cacheBytes / max(1, pairs.count), columnThreads: 1)
            var previous: (alpha: [Double], c: Double)?
            // The order the previous solve left Q in (warm path): the next solve starts there.
            var qOrder: [Int]?
            for (ci, c) in cs.enumerated() {
                let bounds = unitBounds.map { $0 * c }
                var start = [Double](repeating: 0, count: indices.count)
                if warmStart, let previous {
                    let scale = c / previous.c
                    for t in start.indices {
                        let old = previous.alpha[t]
                        start[t] = old >= previous.c * unitBounds[t] ? bounds[t] : min(old * scale, bounds[t])
                    }
                }
                let problem = DualProblem(q: q, linearTerm: [Double](repeating: -1, count: indices.count), labels: y,
                                          upperBounds: bounds, initialAlpha: start, qOrder: qOrder)
                let settings = SolverSettings(tolerance: tolerance, shrinking: shrinking,
                                              maximumIterations: maximumIterations ?? defaultIterationCap(indices.count),
                                              progress: nil)
                let solver = SMOSolver(problem, settings: settings)
                let solution = solver.solve()
                if warmStart {
                    // Putting Q back in order walks every cached column once per exchange
                    // batch; the next solve takes Q's order instead (its own order is immaterial
                    // to a warm start, which is compared with the cold one through duality).
                    qOrder = solver.currentOrder
                } else {
                    // The cold path is the plain fit at every C, bit for bit: Q back in order.
                    solver.restoreOriginalOrder()
                }
                let certificate = Self.certificate(solution, labels: y, bounds: bounds, tolerance: tolerance)
                var halfNorm = 0.0
                for t in indices.indices { halfNorm += solution.alpha[t] * (solution.gradient[t] + 1) }
                halfNorms[ci] += halfNorm / 2
                solutions[ci].append(PairSolution(indices: indices, coefficients: zip(y, solution.alpha).map { $0 * $1 },
                                                  alpha: solution.alpha, bounds: bounds, rho: solution.rho,
                                                  certificate: certificate))
                previous = (solution.alpha, c)
            }
        }
        return try cs.indices.map { ci in
            try requireFiniteSolve(solutions[ci].map(\.certificate), kernel: kernel)
            var parameters = self
            parameters.c = cs[ci]
            let model = parameters.assemble(x, encoding: encoding, members: members, pairs: pairs, solutions: solutions[ci],
                                            weights: weights, kernel: kernel, featureNames: featureNames, targetName: targetName)
            return SVCPathPoint(model: model, halfNormSquared: halfNorms[ci])
        }
    }
}
