import LinearAlgebra

/// Platt sigmoids of a C-SVC, one per one-vs-one machine in the model's machine order, in
/// LIBSVM's orientation: for machine (i, j), i < j, f is the decision value positive for class
/// i and rᵢⱼ = P(y = i | y ∈ {i, j}, x) = 1/(1 + exp(A f + B)).
public struct ProbabilityCalibration: Codable, Equatable, Sendable {
    public let sigmoids: [PlattSigmoid]
    /// The internal cross-validation that produced the decision values the sigmoids fit.
    public let folds: Int
    public let seed: UInt64
    /// Whether `predict` returns the argmax of the probabilities (else the one-vs-one vote).
    public let labelsFromProbabilities: Bool
}

extension SVC {
    /// The same model with `probability` set.
    func with(probability: ProbabilityCalibration?) -> SVC {
        SVC(classes: classes, kernel: kernel, c: c, classWeights: classWeights, featureNames: featureNames,
            targetName: targetName, sampleCount: sampleCount, supportVectors: supportVectors, machines: machines,
            supportVectorCounts: supportVectorCounts, certificate: certificate, probability: probability)
    }

    /// Class probabilities (rows × classes, each row summing to 1), LIBSVM's
    /// `svm_predict_probability`: rᵢⱼ from each machine's sigmoid, clipped to [1e-7, 1 − 1e-7];
    /// two classes: (r₀₁, r₁₀); more: pairwise coupling (`PairwiseCoupling`).
    /// Throws when the model was fitted without `probability`.
    public func predictProbabilities(_ x: Matrix) throws -> Matrix {
        guard let probability else {
            throw LagrangeError.invalidData("the model was fitted without probability estimates; fit it with probability (--probability)")
        }
        let values = try machineValues(x)
        let k = classes.count
        let minimum = 1e-7
        var out = Matrix.zeros(x.rows, k)
        var r = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for row in 0..<x.rows {
            for (m, machine) in machines.enumerated() {
                let i = min(machine.positiveClass, machine.negativeClass), j = max(machine.positiveClass, machine.negativeClass)
                let f = machine.positiveClass == i ? values[row, m] : -values[row, m]
                let rij = min(max(probability.sigmoids[m].probability(f), minimum), 1 - minimum)
                r[i][j] = rij
                r[j][i] = 1 - rij
            }
            let p = k == 2 ? [r[0][1], r[1][0]] : PairwiseCoupling.probabilities(r)
            for c in 0..<k { out[row, c] = p[c] }
        }
        return out
    }
}

extension SVCParameters {
    /// LIBSVM's `svm_binary_svc_probability` for every machine: the pair's samples are permuted
    /// (a `SeededGenerator(probabilitySeed)` stream shared by the pairs in order: position t
    /// exchanged with t + next() mod (l − t)), cut into `probabilityFolds` contiguous blocks
    /// (fold f = positions ⌊f·l/K⌋ ..< ⌊(f+1)·l/K⌋), and each block's decision values come from
    /// the machine trained on the other blocks with the same bounds C·w. A block whose training
    /// part has one class only gets f = +1 (all positive) or −1. The sigmoid is fitted to the
    /// pooled values (`PlattSigmoid.fit`). `permutations`, one per pair over the pair's samples
    /// (class i's in training order, then class j's), replaces the generator (to match a peer's).
    func calibrate(_ x: Matrix, members: [[Int]], pairs: [(Int, Int)], weights: [Double], sampleWeights: [Double]? = nil, kernel: Kernel,
                   permutations: [[Int]]?, context: ExecutionContext) throws -> [PlattSigmoid] {
        var generator = SeededGenerator(seed: probabilitySeed)
        var sigmoids: [PlattSigmoid] = []
        for (pairIndex, (first, second)) in pairs.enumerated() {
            let indices = members[first] + members[second]
            let l = indices.count
            let positive = (0..<l).map { $0 < members[first].count }
            var permutation: [Int]
            if let permutations {
                permutation = permutations[pairIndex]
            } else {
                permutation = Array(0..<l)
                for t in 0..<l {
                    let u = t + Int(generator.next() % UInt64(l - t))
                    permutation.swapAt(t, u)
                }
            }
            var decision = [Double](repeating: 0, count: l)
            for fold in 0..<probabilityFolds {
                let begin = fold * l / probabilityFolds, end = (fold + 1) * l / probabilityFolds
                let held = Array(permutation[begin..<end])
                let heldSet = Set(held)
                let train = (0..<l).filter { !heldSet.contains($0) }
                let trainPositive = train.filter { positive[$0] }.map { indices[$0] }
                let trainNegative = train.filter { !positive[$0] }.map { indices[$0] }
                if trainPositive.isEmpty || trainNegative.isEmpty {
                    let value: Double = trainPositive.isEmpty ? (trainNegative.isEmpty ? 0 : -1) : 1
                    for t in held { decision[t] = value }
                    continue
                }
                let solution = solvePair(x, members: [trainPositive, trainNegative], pair: (0, 1),
                                         weights: [weights[first], weights[second]], sampleWeights: sampleWeights, kernel: kernel,
                                         cacheBytes: cacheBytes, columnThreads: context.threads, progress: nil)
                try requireFiniteSolve([solution.certificate], kernel: kernel)
                for t in held {
                    decision[t] = Self.decisionValue(x, row: indices[t], solution: solution, kernel: kernel)
                }
            }
            sigmoids.append(PlattSigmoid.fit(decisionValues: decision, positive: positive))
        }
        return sigmoids
    }

    /// g(x_row) = Σₜ yₜαₜ K(x_{indices t}, x_row) − ρ of one machine's solution.
    static func decisionValue(_ x: Matrix, row: Int, solution: PairSolution, kernel: Kernel) -> Double {
        var sum = -solution.rho
        let rowNorm = x.withRow(row) { r in r.reduce(0) { $0 + $1 * $1 } }
        for (t, index) in solution.indices.enumerated() where solution.alpha[t] > 0 {
            var dot = 0.0, norm = 0.0
            x.withRow(row) { a in
                x.withRow(index) { b in
                    for j in 0..<a.count {
                        dot += a[j] * b[j]
                        norm += b[j] * b[j]
                    }
                }
            }
            sum += solution.coefficients[t] * kernel.value(dot: dot, squaredNormA: norm, squaredNormB: rowNorm)
        }
        return sum
    }
}
