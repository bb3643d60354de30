import DataIO
import LinearAlgebra

extension SVCParameters {
    /// The fitted model from the machines' dual solutions: the support vectors (every sample
    /// with α > 0 in some machine, grouped by class, then by training index), each machine's
    /// coefficients yα over them in that order, its intercept −ρ and, for the linear kernel,
    /// w = Σ yαx; per-class free/bounded counts; the combined certificate.
    func assemble(_ x: Matrix, encoding: LabelEncoding, members: [[Int]], pairs: [(Int, Int)], solutions: [PairSolution],
                  weights: [Double], kernel: Kernel, featureNames: [String]?, targetName: String?) -> SVC {
        let k = encoding.count
        var isSupport = [Bool](repeating: false, count: x.rows)
        for solution in solutions {
            for (t, index) in solution.indices.enumerated() where solution.alpha[t] > 0 { isSupport[index] = true }
        }

        // Support vectors grouped by class, then by training index.
        let supportIndices = members.flatMap { $0.filter { isSupport[$0] } }
        var positionOf = [Int: Int]()
        for (position, index) in supportIndices.enumerated() { positionOf[index] = position }
        let supportVectors = SupportVectors(indices: supportIndices, from: x)
        var isFreeSomewhere = [Bool](repeating: false, count: x.rows)
        var machines: [BinaryMachine] = []
        for ((first, second), solution) in zip(pairs, solutions) {
            var positions: [Int] = [], coefficients: [Double] = []
            var freeCounts = [0, 0], boundedCounts = [0, 0]
            for (t, index) in solution.indices.enumerated() where solution.alpha[t] > 0 {
                positions.append(positionOf[index]!)
                coefficients.append(solution.coefficients[t])
                let side = t < members[first].count ? 0 : 1
                if solution.alpha[t] < solution.bounds[t] {
                    freeCounts[side] += 1
                    isFreeSomewhere[index] = true
                } else {
                    boundedCounts[side] += 1
                }
            }
            // Machine-local order: by support-vector position (class, then index).
            let order = positions.indices.sorted { positions[$0] < positions[$1] }
            positions = order.map { positions[$0] }
            coefficients = order.map { coefficients[$0] }
            var weightsVector: [Double]?
            if kernel == .linear {
                var w = [Double](repeating: 0, count: x.columns)
                for (position, coefficient) in zip(positions, coefficients) {
                    let row = supportVectors.values[(position * x.columns)..<((position + 1) * x.columns)]
                    for (j, value) in row.enumerated() { w[j] += coefficient * value }
                }
                weightsVector = w
            }
            let machine = BinaryMachine(positiveClass: first, negativeClass: second, supportPositions: positions,
                                        dualCoefficients: coefficients, intercept: -solution.rho,
                                        primalWeights: weightsVector, freeCounts: freeCounts,
                                        boundedCounts: boundedCounts, certificate: solution.certificate)
            // Two classes: stored oriented like the decision values and scikit-learn's coef_ (positive → classes[1]).
            machines.append(k == 2 ? machine.reversed : machine)
        }
        let counts = (0..<k).map { classIndex in
            let supports = members[classIndex].filter { isSupport[$0] }
            let free = supports.filter { isFreeSomewhere[$0] }.count
            return SupportVectorCount(label: encoding.classes[classIndex], free: free, bounded: supports.count - free)
        }
        return SVC(classes: encoding.classes, kernel: kernel, c: c, classWeights: weights,
                   featureNames: featureNames ?? (1...x.columns).map { "x\($0)" }, targetName: targetName,
                   sampleCount: x.rows, supportVectors: supportVectors, machines: machines, supportVectorCounts: counts,
                   certificate: .combining(machines.map(\.certificate)), probability: nil)
    }
}
