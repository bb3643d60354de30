import LinearAlgebra

/// One binary machine of one-vs-one C-SVC, trained on the samples of two classes with
/// y = +1 for `positiveClass` and y = −1 for `negativeClass` (positiveClass < negativeClass):
///
///     g(x) = Σₖ βₖ K(svₖ, x) + b,   βₖ = yₖαₖ,   b = −ρ,
///
/// and g(x) > 0 votes for `positiveClass` (LIBSVM's orientation).
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
    /// One machine per class pair (i, j), i < j, in the order (0,1), (0,2), …, (1,2), ….
    public let machines: [BinaryMachine]
    /// Per class: free and bounded support vectors.
    public let supportVectorCounts: [SupportVectorCount]
    /// All machines' certificates combined (see `SVMCertificate.combining`).
    public let certificate: SVMCertificate

    /// Decision values, one column per machine, for the rows of `x`.
    ///
    /// - Two classes: one column, positive for `classes[1]` (scikit-learn's sign).
    /// - More: column (i, j) positive for class i (scikit-learn's `decision_function_shape='ovo'`).
    public func decisionFunction(_ x: Matrix) throws -> Matrix {
        var values = try machineValues(x)
        if classes.count == 2 {
            for index in values.storage.indices { values.storage[index] = -values.storage[index] }
        }
        return values
    }

    /// Class indices by one-vs-one voting; a tie goes to the lowest class index (LIBSVM's rule).
    public func predictClassIndices(_ x: Matrix) throws -> [Int] {
        let values = try machineValues(x)
        let k = classes.count
        var predictions = [Int](repeating: 0, count: x.rows)
        var votes = [Int](repeating: 0, count: k)
        for row in 0..<x.rows {
            for index in votes.indices { votes[index] = 0 }
            for (m, machine) in machines.enumerated() {
                votes[values[row, m] > 0 ? machine.positiveClass : machine.negativeClass] += 1
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

    /// g(x) of every machine in LIBSVM's orientation (positive → `positiveClass`).
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
