import DataIO
import LinearAlgebra

extension NuSVCParameters {
    /// Fits ν-SVC at every ν of `nus` (strictly decreasing) with the kernel fixed, `self.nu`
    /// ignored. Each one-vs-one machine keeps one Q (so one kernel cache) across the path.
    ///
    /// Warm start along decreasing ν: the ν dual's constraints are Σ_{y=+1} α = Σ_{y=−1} α = νl/2
    /// and 0 ≤ α ≤ 1, so the unscaled solution at ν_old times s = ν_new/ν_old < 1 keeps each
    /// label's sum at ν_new·l/2 and every αₜ ≤ s < 1: it is feasible at ν_new (upwards in ν it
    /// would leave the box, hence the direction). The sums then carry the rounding of the
    /// products, not LIBSVM's Σν (`startingSum`); and where the ν primal's threshold pair (b, r)
    /// is not unique, a warm-started solve reaches the optimal value with another (b, r) than
    /// the plain fit (see `NuSVCGridParameters.warmStart`). With `warmStart == false` every ν
    /// starts from LIBSVM's start, the plain fit's solve. Throws if some pair cannot take some ν.
    func fitAlongNu(_ x: Matrix, labels: [String], nus: [Double], kernel: Kernel, warmStart: Bool,
                    cacheBytes: Int) throws -> [NuSVC] {
        let encoding = LabelEncoding(fitting: labels)
        guard encoding.count >= 2 else {
            throw LagrangeError.singleClass(encoding.classes.first, in: "a training set")
        }
        let codes = encoding.encode(labels)!
        let k = encoding.count
        var members = [[Int]](repeating: [], count: k)
        for (index, code) in codes.enumerated() { members[code].append(index) }
        var pairs: [(Int, Int)] = []
        for first in 0..<k { for second in (first + 1)..<k { pairs.append((first, second)) } }
        if let largest = nus.first, largest > Self.largestFeasibleNu(members: members) {
            throw LagrangeError.invalidParameter(
                name: "nus", value: "\(largest)",
                requirement: "is infeasible for some pair of classes in a training fold: ν must be at most 2·min(n₁, n₂)/(n₁ + n₂) = \(Self.largestFeasibleNu(members: members))")
        }

        // solutions[ν][pair], filled machine by machine.
        var solutions = [[SVCParameters.PairSolution]](repeating: [], count: nus.count)
        for (first, second) in pairs {
            let indices = members[first] + members[second]
            let l = indices.count
            let y = [Double](repeating: 1, count: members[first].count) + [Double](repeating: -1, count: members[second].count)
            let q = ClassificationQ(x, indices: indices, labels: y, kernel: kernel,
                                    cacheBytes: cacheBytes / max(1, pairs.count), columnThreads: 1)
            var previous: (alpha: [Double], nu: Double)?
            for (index, nu) in nus.enumerated() {
                var parameters = self
                parameters.nu = nu
                let start: [Double]
                if warmStart, let previous {
                    let scale = nu / previous.nu
                    start = previous.alpha.map { $0 * scale }
                } else {
                    start = parameters.libsvmStart(labels: y, count: l)
                }
                let solved = parameters.solve(q, indices: indices, labels: y, start: start, progress: nil)
                solutions[index].append(solved.pair)
                previous = (solved.alpha, nu)
            }
        }
        return try nus.indices.map { index in
            let parts = solutions[index]
            try requireFiniteSolve(parts.map(\.certificate), kernel: kernel)
            if parts.contains(where: { !($0.rho.isFinite && $0.bounds.allSatisfy { $0 > 0 && $0.isFinite }) }) {
                throw LagrangeError.invalidData("the ν-SVC solve at ν = \(nus[index]) found no positive margin (r ≤ 0); choose larger ν values")
            }
            let machineSet = SVCParameters(c: 1).assemble(
                x, encoding: encoding, members: members, pairs: pairs, solutions: parts,
                weights: [Double](repeating: 1, count: k), kernel: kernel, featureNames: nil, targetName: nil)
            return NuSVC(nu: nus[index], classes: machineSet.classes, kernel: kernel, featureNames: machineSet.featureNames,
                         targetName: nil, sampleCount: x.rows, supportVectors: machineSet.supportVectors,
                         machines: machineSet.machines, supportVectorCounts: machineSet.supportVectorCounts,
                         certificate: machineSet.certificate)
        }
    }

    /// LIBSVM's feasible start for labels y: each label's first samples at 1 until its sum
    /// reaches νl/2 (νl as `startingSum` forms it).
    func libsvmStart(labels y: [Double], count l: Int) -> [Double] {
        let half = startingSum(nu, count: l) / 2
        var remaining = [half, half]
        return y.map { label -> Double in
            let side = label > 0 ? 0 : 1
            let value = min(1, remaining[side])
            remaining[side] -= value
            return value
        }
    }

    /// The largest feasible ν for classes of these members: min over pairs of
    /// 2·min(n₁, n₂)/(n₁ + n₂) (1 if every pair is balanced).
    static func largestFeasibleNu(members: [[Int]]) -> Double {
        var limit = 1.0
        for first in members.indices {
            for second in members.indices where second > first {
                let (n1, n2) = (Double(members[first].count), Double(members[second].count))
                limit = min(limit, 2 * min(n1, n2) / (n1 + n2))
            }
        }
        return limit
    }
}
