/// The passes of the standard working-set selection written over four lanes at a time, with the
/// set memberships kept as data (`SMOSolver.upLabel`, `SMOSolver.lowLabel`) instead of branches.
///
/// Membership as data: upLabel[t] = yₜ for t ∈ I_up and NaN otherwise (lowLabel likewise for
/// I_low). Then −(upLabel[t]·∇ₜf) is −yₜ∇ₜf on I_up (multiplying by ±1 and negating are exact, so
/// the value is the branchy loop's −∇ₜf or ∇ₜf bit for bit) and NaN elsewhere; every comparison
/// with NaN is false, so a NaN lane is never selected — the branch is gone.
///
/// Ties: the plain passes keep the last t attaining the extreme (`>=` / `<=` in index order),
/// i.e. the largest t whose value compares equal to the extreme. For i each lane keeps its own
/// last index, and the lanes are combined by value with ties to the larger index, which is the
/// same t; for j a block's minimum is found first and its last index by a backward scan.
/// Signed zeros may make a lane's extreme −0 where the plain loop has +0; the values are only
/// compared (b > 0, sums with the tolerance), where ±0 agree.
extension SMOSolver {
    typealias Lanes = SIMD4<Double>

    /// Four Doubles from `pointer`.
    @inline(__always)
    static func lanes(_ pointer: UnsafePointer<Double>) -> Lanes {
        UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self)
    }

    /// Four Floats from `pointer`, widened (exactly) to Double.
    @inline(__always)
    static func widened(_ pointer: UnsafePointer<Float>) -> Lanes {
        let floats = UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
        return Lanes(Double(floats[0]), Double(floats[1]), Double(floats[2]), Double(floats[3]))
    }

    /// The first four indices of a pass from `start`, as Doubles (exact below 2⁵³).
    @inline(__always)
    static func laneIndices(from start: Int) -> Lanes {
        Lanes(Double(start), Double(start + 1), Double(start + 2), Double(start + 3))
    }

    /// The largest lane value, ties to the larger lane index; lanes with index −1 hold nothing.
    @inline(__always)
    static func largest(_ values: Lanes, _ indices: Lanes) -> UpCandidate {
        var best = UpCandidate()
        for lane in 0..<Lanes.scalarCount where indices[lane] >= 0 {
            let index = Int(indices[lane])
            if best.index < 0 || values[lane] > best.value || (values[lane] == best.value && index > best.index) {
                best = UpCandidate(value: values[lane], index: index)
            }
        }
        return best
    }

    /// m(α) = max over I_up of −yₜ∇ₜf in `range`, and the last t attaining it.
    func maximalUpInLanes(in range: Range<Int>) -> UpCandidate {
        let g = gradient, up = upLabel
        var t = range.lowerBound
        var best = UpCandidate()
        if range.count >= Lanes.scalarCount {
            var values = Lanes(repeating: -.infinity), indices = Lanes(repeating: -1)
            var index = Self.laneIndices(from: t)
            while t + Lanes.scalarCount <= range.upperBound {
                let value = -(Self.lanes(up + t) * Self.lanes(g + t))
                let better = value .>= values
                values.replace(with: value, where: better)
                indices.replace(with: index, where: better)
                index += Lanes(repeating: Double(Lanes.scalarCount))
                t += Lanes.scalarCount
            }
            best = Self.largest(values, indices)
        }
        while t < range.upperBound {
            let value = -(up[t] * g[t])
            if value >= best.value { best = UpCandidate(value: value, index: t) }
            t += 1
        }
        return best
    }

    /// The SMO gradient update ∇ₜf += Qₜᵢ·Δᵢ + Qₜⱼ·Δⱼ over `range`, fused with the next iteration's
    /// search for i (`maximalUpInLanes` on the updated gradient): one pass instead of two.
    /// Statuses (hence `upLabel`) must already be those after the step.
    func updateGradientFindingUp(columnI: UnsafePointer<Float>, deltaI: Double, columnJ: UnsafePointer<Float>, deltaJ: Double,
                                 in range: Range<Int>) -> UpCandidate {
        let g = gradient, up = upLabel
        var t = range.lowerBound
        var best = UpCandidate()
        if range.count >= Lanes.scalarCount {
            var values = Lanes(repeating: -.infinity), indices = Lanes(repeating: -1)
            var index = Self.laneIndices(from: t)
            let stepI = Lanes(repeating: deltaI), stepJ = Lanes(repeating: deltaJ)
            while t + Lanes.scalarCount <= range.upperBound {
                let updated = Self.lanes(g + t) + (Self.widened(columnI + t) * stepI + Self.widened(columnJ + t) * stepJ)
                UnsafeMutableRawPointer(g + t).storeBytes(of: updated, as: Lanes.self)
                let value = -(Self.lanes(up + t) * updated)
                let better = value .>= values
                values.replace(with: value, where: better)
                indices.replace(with: index, where: better)
                index += Lanes(repeating: Double(Lanes.scalarCount))
                t += Lanes.scalarCount
            }
            best = Self.largest(values, indices)
        }
        while t < range.upperBound {
            g[t] += Double(columnI[t]) * deltaI + Double(columnJ[t]) * deltaJ
            let value = -(up[t] * g[t])
            if value >= best.value { best = UpCandidate(value: value, index: t) }
            t += 1
        }
        return best
    }

    /// WSS 2's j in `range` for the i = `i` of value `maximumUp` (column `columnI`), and
    /// −M(α) = max over I_low of yₜ∇ₜf. With b = m + yₜ∇ₜf (NaN off I_low) and
    /// a = (Qᵢᵢ + Qₜₜ) + (−2yᵢ·yₜ)·Qᵢₜ (the plain loop's curvature: the factor is ±2 either way,
    /// so the products agree exactly), the candidates are b > 0 and the decrease −b²/a.
    ///
    /// The lanes keep values only: a block of `lowBlockLength` rows writes its decreases (+∞
    /// where t is no candidate) to a buffer and keeps their minimum; only a block whose minimum
    /// is at least as good as the best so far is scanned backwards for the last t attaining
    /// it (the plain pass's choice over the rows so far). −M(α) is a plain maximum.
    func bestLowInLanes(in range: Range<Int>, maximumUp: Double, i: Int, columnI: UnsafePointer<Float>?) -> LowCandidate {
        let g = gradient, low = lowLabel, d = diagonal
        guard i >= 0, let columnI else {
            // No i: no j either (b = −∞ + yₜ∇ₜf is never > 0 for finite gradients); only −M(α).
            var maximumLow = -Double.infinity
            for t in range {
                let value = low[t] * g[t]
                if value >= maximumLow { maximumLow = value }
            }
            return LowCandidate(maximumLow: maximumLow)
        }
        let diagonalI = diagonal[i]
        let factor = -2 * labels[i]
        let floor = Self.curvatureFloor
        var t = range.lowerBound
        var result = LowCandidate()
        let laneEnd = range.upperBound - (range.count % Lanes.scalarCount)
        if t < laneEnd {
            var lowValues = Lanes(repeating: -.infinity)
            let up = Lanes(repeating: maximumUp), diagonalIs = Lanes(repeating: diagonalI)
            let factors = Lanes(repeating: factor), floors = Lanes(repeating: floor), zeros = Lanes(repeating: 0)
            let none = Lanes(repeating: .infinity)
            withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.lowBlockLength) { buffer in
                let decreases = buffer.baseAddress!
                while t < laneEnd {
                    let blockStart = t
                    let blockEnd = min(laneEnd, t + Self.lowBlockLength)
                    var smallest = none
                    while t < blockEnd {
                        let label = Self.lanes(low + t)
                        let value = label * Self.lanes(g + t)
                        // A NaN value (t ∉ I_low) leaves the maximum as it is.
                        lowValues.replace(with: value, where: value .> lowValues)
                        let difference = up + value
                        var curvature = (diagonalIs + Self.lanes(d + t)) + (factors * label) * Self.widened(columnI + t)
                        curvature.replace(with: floors, where: curvature .<= zeros)
                        var decrease = -(difference * difference) / curvature
                        decrease.replace(with: none, where: .!(difference .> zeros))
                        UnsafeMutableRawPointer(decreases + (t - blockStart)).storeBytes(of: decrease, as: Lanes.self)
                        smallest.replace(with: decrease, where: decrease .< smallest)
                        t += Lanes.scalarCount
                    }
                    let blockBest = smallest.min()
                    if blockBest < .infinity, blockBest <= result.decrease {
                        var u = blockEnd - 1
                        while decreases[u - blockStart] != blockBest { u -= 1 }
                        result.decrease = blockBest
                        result.index = u
                    }
                }
            }
            result.maximumLow = lowValues.max()
        }
        while t < range.upperBound {
            let label = low[t]
            let value = label * g[t]
            if value >= result.maximumLow { result.maximumLow = value }
            let difference = maximumUp + value
            if difference > 0 {
                var curvature = (diagonalI + d[t]) + (factor * label) * Double(columnI[t])
                if curvature <= 0 { curvature = floor }
                let decrease = -(difference * difference) / curvature
                if decrease <= result.decrease { result.decrease = decrease; result.index = t }
            }
            t += 1
        }
        return result
    }

    /// Rows per block of `bestLowInLanes` (a multiple of the lane count; the block's decreases
    /// stay in the first-level cache).
    static let lowBlockLength = 256
}
