import LinearAlgebra

/// One binary machine of C-SVC, trained on the samples of two classes with y = +1 for
/// `positiveClass` and y = −1 for `negativeClass`:
///
///     g(x) = Σₖ βₖ K(svₖ, x) + b,   βₖ = yₖαₖ,   b = −ρ,   (linear kernel: g(x) = wᵀx + b)
///
/// and g(x) > 0 votes for `positiveClass`. Orientation: with more than two classes, machine
/// (i, j), i < j, has positiveClass i (LIBSVM's orientation, and the sign of scikit-learn's
/// `decision_function_shape='ovo'` columns and `coef_` rows). With two classes the machine is
/// stored with positiveClass 1, so βₖ, b and w have the sign of the decision values and of
/// scikit-learn's `dual_coef_`, `intercept_` and `coef_`. Model files written before this
/// orientation (positiveClass 0 for two classes) are read as they are: the stored classes say
/// which way a machine points.
public struct BinaryMachine: Codable, Equatable, Sendable {
    public let positiveClass: Int
    public let negativeClass: Int
    /// Positions into the model's support vectors of this machine's support vectors.
    public let supportPositions: [Int]
    /// yₖαₖ for each of `supportPositions`.
    public let dualCoefficients: [Double]
    public let intercept: Double
    /// w = Σ yₖαₖxₖ, for the linear kernel only.
    public let primalWeights: [Double]?
    /// Free and bounded support vectors of (positive class, negative class).
    public let freeCounts: [Int]
    public let boundedCounts: [Int]
    public let certificate: SVMCertificate

    /// The same machine pointing the other way: positive and negative class exchanged, every
    /// coefficient, the intercept and w negated, the counts swapped. g(x) changes sign; the
    /// votes, the dual objective and the certificate do not change.
    var reversed: BinaryMachine {
        BinaryMachine(positiveClass: negativeClass, negativeClass: positiveClass, supportPositions: supportPositions,
                      dualCoefficients: dualCoefficients.map { -$0 }, intercept: -intercept,
                      primalWeights: primalWeights?.map { -$0 }, freeCounts: freeCounts.reversed(),
                      boundedCounts: boundedCounts.reversed(), certificate: certificate)
    }

    /// The class g(x) = `value` votes for. g = 0 votes for the higher class index, LIBSVM's rule
    /// (its machine (i, j) votes j unless g > 0), whichever way the machine is stored.
    func vote(_ value: Double) -> Int {
        value > 0 ? positiveClass : (value < 0 ? negativeClass : max(positiveClass, negativeClass))
    }
}

/// A fitted C-support vector classifier (one-vs-one for more than two classes). Immutable;
/// `Codable` and a `PersistableModel` (kind `svc`).
public struct SVC: Codable, Equatable, Sendable {
    /// Class labels as given, in class-index order (numeric order if all are numbers).
    public let classes: [String]
    public let kernel: Kernel
    public let c: Double
    public let classWeights: [Double]
    public let featureNames: [String]
    public let targetName: String?
    /// Training samples.
    public let sampleCount: Int
    /// Every sample that is a support vector of some machine, grouped by class (in class order)
    /// and by training index within a class (scikit-learn's `support_` order).
    public let supportVectors: SupportVectors
    /// One machine per class pair (i, j), i < j, in the order (0,1), (0,2), …, (1,2), … (see
    /// `BinaryMachine` for which way each points).
    public let machines: [BinaryMachine]
    /// Per class: free and bounded support vectors.
    public let supportVectorCounts: [SupportVectorCount]
    /// All machines' certificates combined (see `SVMCertificate.combining`).
    public let certificate: SVMCertificate
    /// Platt sigmoids for probability estimates, when fitted with `probability` (absent from
    /// older model files, which load without it).
    public let probability: ProbabilityCalibration?

    /// Decision values, one column per machine, for the rows of `x`.
    ///
    /// - Two classes: one column, positive for `classes[1]` (scikit-learn's sign).
    /// - More: column (i, j) positive for class i (scikit-learn's `decision_function_shape='ovo'`).
    public func decisionFunction(_ x: Matrix) throws -> Matrix {
        var values = try machineValues(x)
        if classes.count == 2, machines[0].positiveClass == 0 {   // a model file in LIBSVM's orientation
            for index in values.storage.indices { values.storage[index] = -values.storage[index] }
        }
        return values
    }

    /// Class indices by one-vs-one voting; a tie goes to the lowest class index (LIBSVM's rule).
    /// A model fitted with `probability.labelsFromProbabilities` predicts the argmax of
    /// `predictProbabilities` instead (ties to the lowest index), so label and probabilities
    /// never disagree.
    public func predictClassIndices(_ x: Matrix) throws -> [Int] {
        if probability?.labelsFromProbabilities == true {
            let p = try predictProbabilities(x)
            return (0..<x.rows).map { row in
                var best = 0
                for candidate in 1..<classes.count where p[row, candidate] > p[row, best] { best = candidate }
                return best
            }
        }
        return voteClassIndices(try machineValues(x))
    }

    /// One-vs-one voting over machine values (one row per sample, one column per machine); a
    /// tie goes to the lowest class index.
    func voteClassIndices(_ values: Matrix) -> [Int] {
        let k = classes.count
        var predictions = [Int](repeating: 0, count: values.rows)
        var votes = [Int](repeating: 0, count: k)
        for row in 0..<values.rows {
            for index in votes.indices { votes[index] = 0 }
            for (m, machine) in machines.enumerated() {
                votes[machine.vote(values[row, m])] += 1
            }
            var best = 0
            for candidate in 1..<k where votes[candidate] > votes[best] { best = candidate }
            predictions[row] = best
        }
        return predictions
    }

    /// Class labels for the rows of `x`.
    public func predict(_ x: Matrix) throws -> [String] {
        try predictClassIndices(x).map { classes[$0] }
    }

    /// g(x) of every machine (positive → its `positiveClass`).
    func machineValues(_ x: Matrix) throws -> Matrix {
        try x.requireFinite("the data")
        var out = Matrix.zeros(x.rows, machines.count)
        let m = supportVectors.count
        try kernel.forEachBlock(x, supportVectors.matrix) { start, block in
            block.storage.withUnsafeBufferPointer { k in
                for (index, machine) in machines.enumerated() {
                    for row in 0..<block.rows {
                        var sum = machine.intercept
                        for (position, coefficient) in zip(machine.supportPositions, machine.dualCoefficients) {
                            sum += coefficient * k[row * m + position]
                        }
                        out[start + row, index] = sum
                    }
                }
            }
        }
        return out
    }
}
