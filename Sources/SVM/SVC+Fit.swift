import DataIO
import Modeling
import LinearAlgebra

extension SVCParameters: Estimator {
    /// Fits on a dataset whose target holds class labels.
    public func fit(_ dataset: Dataset, context: ExecutionContext) throws -> SVC {
        guard let (codes, encoding) = dataset.targetLabels else {
            throw LagrangeError.invalidData("\(dataset.source): a classifier needs a target column of class labels")
        }
        return try fit(dataset.features, labels: codes.map { encoding.classes[$0] },
                       featureNames: dataset.featureNames, targetName: dataset.targetName, context: context)
    }

    /// Fits on features `x` (one sample per row) and class labels (kept as given).
    ///
    /// `sampleWeights` (one finite weight > 0 per row, or nil) give each sample its own box, as
    /// LIBSVM's weighted instances and scikit-learn's `SVC.fit(sample_weight=)`: the primal is
    /// ½‖w‖² + Σᵢ Cᵢ max(0, 1 − yᵢf(xᵢ)) with Cᵢ = C·w(class of i)·sᵢ, so 0 ≤ αᵢ ≤ Cᵢ in the dual
    /// and the certificate's hinge term carries the same Cᵢ. Weights are used as given (not
    /// normalized): an integer weight k is k copies of the sample.
    ///
    /// One-vs-one machines are independent: with several and more than one thread, they are
    /// solved concurrently (each with its share of the cache budget and serial kernel columns);
    /// a single machine spends the threads on its kernel columns instead. Each machine's solve
    /// is the same whatever runs beside it, so the model does not depend on the thread budget.
    /// Progress events: stage "smo", part = the machine, step = the iteration, measure = the
    /// current KKT violation.
    public func fit(_ x: Matrix, labels: [String], sampleWeights: [Double]? = nil, featureNames: [String]? = nil,
                    targetName: String? = nil, context: ExecutionContext = ExecutionContext()) throws -> SVC {
        try validate()
        guard labels.count == x.rows else {
            throw LagrangeError.shapeMismatch("\(x.rows) samples but \(labels.count) labels")
        }
        try SVMSampleWeights.check(sampleWeights, rows: x.rows)
        guard x.rows >= 2, x.columns >= 1 else {
            throw LagrangeError.notEnoughSamples("an SVM needs at least 2 samples and 1 feature, got \(x.rows) × \(x.columns)")
        }
        try x.requireFinite("the training data", featureNames: featureNames)
        let encoding = LabelEncoding(fitting: labels)
        guard encoding.count >= 2 else {
            throw LagrangeError.singleClass(encoding.classes.first)
        }
        let codes = encoding.encode(labels)!
        let k = encoding.count
        var members = [[Int]](repeating: [], count: k)
        for (index, code) in codes.enumerated() { members[code].append(index) }
        let weights = try classWeights(members: members, encoding: encoding, sampleCount: x.rows)
        let kernel = self.kernel.resolve(for: x)

        var pairs: [(Int, Int)] = []
        for first in 0..<k { for second in (first + 1)..<k { pairs.append((first, second)) } }
        let workers = min(pairs.count, context.threads)
        var solved = [PairSolution?](repeating: nil, count: pairs.count)
        // Each iteration writes only its own slot of `solved`.
        solved.withUnsafeMutableBufferPointer { results in
            Parallel.forEach(pairs.count, threads: workers) { pairIndex in
                let report: ((Int, Double) -> Void)? = context.progress.map { sink in
                    { sink(ProgressEvent(stage: "smo", part: pairIndex, partCount: pairs.count, step: $0, measure: $1)) }
                }
                results[pairIndex] = self.solvePair(x, members: members, pair: pairs[pairIndex], weights: weights,
                                                    sampleWeights: sampleWeights, kernel: kernel,
                                                    cacheBytes: cacheBytes / workers, columnThreads: workers > 1 ? 1 : context.threads,
                                                    progress: report)
            }
        }
        let solutions = solved.map { $0! }
        try requireFiniteSolve(solutions.map(\.certificate), kernel: kernel)
        let model = assemble(x, encoding: encoding, members: members, pairs: pairs, solutions: solutions, weights: weights,
                             kernel: kernel, featureNames: featureNames, targetName: targetName)
        guard probability else { return model }
        let sigmoids = try calibrate(x, members: members, pairs: pairs, weights: weights, sampleWeights: sampleWeights, kernel: kernel,
                                     permutations: probabilityPermutations, context: context)
        return model.with(probability: ProbabilityCalibration(
            sigmoids: sigmoids, folds: probabilityFolds, seed: probabilitySeed, labelsFromProbabilities: labelsFromProbabilities))
    }

    /// The dual solution of one one-vs-one machine, in the machine's sample order
    /// (`indices`: the first class's samples, then the second's).
    struct PairSolution {
        var indices: [Int]
        var coefficients: [Double]
        var alpha: [Double]
        var bounds: [Double]
        var rho: Double
        var certificate: SVMCertificate
    }

    /// Solves the binary C-SVC dual for classes `pair.0` (y = +1) and `pair.1` (y = −1), with
    /// boxes Cᵢ = C·w(class)·sᵢ (sᵢ the sample weight of training row i, 1 without weights).
    func solvePair(_ x: Matrix, members: [[Int]], pair: (Int, Int), weights: [Double], sampleWeights: [Double]? = nil,
                   kernel: Kernel, cacheBytes: Int, columnThreads: Int, progress: ((Int, Double) -> Void)?) -> PairSolution {
        let (first, second) = pair
        let indices = members[first] + members[second]
        let y = [Double](repeating: 1, count: members[first].count) + [Double](repeating: -1, count: members[second].count)
        var bounds = [Double](repeating: c * weights[first], count: members[first].count)
            + [Double](repeating: c * weights[second], count: members[second].count)
        if let sampleWeights {
            for (t, index) in indices.enumerated() { bounds[t] *= sampleWeights[index] }
        }
        let q = ClassificationQ(x, indices: indices, labels: y, kernel: kernel, cacheBytes: cacheBytes, columnThreads: columnThreads)
        let problem = DualProblem(q: q, linearTerm: [Double](repeating: -1, count: indices.count), labels: y,
                                  upperBounds: bounds, initialAlpha: [Double](repeating: 0, count: indices.count))
        var settings = SolverSettings(tolerance: tolerance, shrinking: shrinking,
                                      maximumIterations: maximumIterations ?? defaultIterationCap(indices.count),
                                      progress: progress)
        settings.threads = columnThreads
        let solution = SMOSolver(problem, settings: settings).solve()
        let certificate = Self.certificate(solution, labels: y, bounds: bounds, tolerance: tolerance)
        return PairSolution(indices: indices, coefficients: zip(y, solution.alpha).map { $0 * $1 }, alpha: solution.alpha,
                            bounds: bounds, rho: solution.rho, certificate: certificate)
    }

    /// w(c) for every class, in class-index order.
    func classWeights(members: [[Int]], encoding: LabelEncoding, sampleCount: Int) throws -> [Double] {
        switch classWeight {
        case .uniform:
            return [Double](repeating: 1, count: members.count)
        case .balanced:
            return members.map { Double(sampleCount) / (Double(members.count) * Double($0.count)) }
        case let .custom(weights):
            for label in weights.keys where encoding.index(of: label) == nil {
                throw LagrangeError.invalidParameter(name: "class weight", value: label, requirement: "names a class that is not in the target (classes: \(encoding.classes.joined(separator: ", ")))")
            }
            return encoding.classes.map { weights[$0] ?? 1 }
        }
    }

    /// The certificate of a C-SVC solve. From ∇f = Qα − e: (Qα)ₜ = ∇ₜf + 1 and
    /// yₜg(xₜ) = (Qα)ₜ − yₜρ, so ½‖w‖² = ½Σαₜ(Qα)ₜ and the hinge losses need no kernel work.
    static func certificate(_ solution: DualSolution, labels: [Double], bounds: [Double], tolerance: Double) -> SVMCertificate {
        var halfNormSquared = 0.0, hinge = 0.0, alphaSum = 0.0
        for t in labels.indices {
            let qAlpha = solution.gradient[t] + 1
            halfNormSquared += solution.alpha[t] * qAlpha
            alphaSum += solution.alpha[t]
            let margin = qAlpha - labels[t] * solution.rho
            hinge += bounds[t] * max(0, 1 - margin)
        }
        halfNormSquared /= 2
        return SVMCertificate(dualObjective: alphaSum - halfNormSquared, primalObjective: halfNormSquared + hinge,
                              maximumKKTViolation: solution.maximumViolation, tolerance: tolerance,
                              iterations: solution.iterations, solverConverged: solution.converged)
    }
}
