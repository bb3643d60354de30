import KernelLoops
import LinearAlgebra

/// Upper bounds on every feature's correlation |xⱼᵀρ|/n with a vector ρ, from a few exact
/// products taken earlier: the full product Xᵀρ/n (O(np)) is what dominates a wide lasso, and
/// between nearby residuals most of it is not needed.
///
/// The bounds keep an orthogonal basis q₁ … q_K (‖qₖ‖² = n) of the last few vectors at which the
/// full product was taken ("references"), with Dⱼₖ = xⱼᵀqₖ/n. Any ρ splits into its projection
/// onto their span and the rest, ρ = Σ aₖqₖ + e with aₖ = qₖᵀρ/n, so by Cauchy–Schwarz
///
///     |xⱼᵀρ|/n ≤ |Σₖ aₖDⱼₖ| + √vⱼ · ‖e‖/√n,   vⱼ = ‖xⱼ‖²/n.
///
/// A single reference would give |cⱼ| + √vⱼ‖ρ − ρ₀‖/√n, whose second term is loose by about
/// √n for a typical feature (a random direction has correlation ‖Δρ‖/n, not ‖Δρ‖/√n); a span
/// of recent residuals, which move on a smooth curve along the path, takes out part of the move.
/// Measured on the 500 × 10,000 benchmark design (100 λ, tolerance 1e-3): 50 full products with
/// one reference, 45 with 8, 39 with 16 — a modest gain; the bounds' main gain is over computing
/// the full product at every check (≈ 300 checks on that path).
/// Only the features whose bound reaches a threshold (a KKT check's λαwⱼ) then need an exact O(n)
/// product.
///
/// The bounds hold in floating point: each computed Dⱼₖ is off by at most γₙ Σᵢ|xᵢⱼqᵢₖ|/n ≤
/// nε√vⱼ (Higham, Thm 3.5, with ‖qₖ‖/√n = 1), so √vⱼ · 2nεΣₖ|aₖ| is added; the identity
/// ρ = Σ aₖqₖ + e needs no orthogonality (e is computed as ρ − Σ aₖqₖ for whatever aₖ), and
/// ‖e‖ is inflated by its own relative rounding.
struct CorrelationBounds {
    /// Largest number of references kept (the oldest is replaced). 16 since the pass over the
    /// basis runs on vectors (`lagrange_correlation_bounds`, over the slots in use only): on the
    /// 500 × 10,000 benchmark design (100 λ) 8 → 16 took the full products from 23 to 19 at
    /// tolerance 6.25e-5 and from 19 to 16 at 5e-4 (24 or 32: 18 and 16), coefficients
    /// bit-identical; each saved product is a 40 MB read, each fill reads 16p doubles at most.
    static let capacity = 16
    let sampleCount: Int
    let featureCount: Int
    /// qₖ (n each), ‖qₖ‖² = n.
    private var basis: [[Double]] = []
    /// Dⱼₖ at `correlations[k * featureCount + j]`, k < basis count (one column per basis vector,
    /// so the pass over all features reads contiguous columns and runs on the widest vectors).
    private(set) var correlations: [Double]
    /// √vⱼ.
    let rootMeanSquares: [Double]
    /// The slot the next reference replaces once the basis is full.
    private var oldest = 0
    /// Number of full products so far.
    private(set) var refreshes = 0

    init(design: Design, reference: [Double]) {
        sampleCount = design.sampleCount
        featureCount = design.featureCount
        correlations = []
        // Room for every slot, touched (and faulted in) only as slots come into use.
        correlations.reserveCapacity(design.featureCount * Self.capacity)
        rootMeanSquares = design.meanSquares.map { $0.squareRoot() }
        refresh(design: design, reference: reference)
    }

    /// The decomposition ρ = Σ aₖqₖ + e of one vector, as the bounds use it.
    struct Split {
        /// aₖ per basis vector.
        var coefficients: [Double]
        /// ‖e‖/√n (inflated for rounding) plus the rounding allowance 2nεΣₖ|aₖ| of the Dⱼₖ.
        var spread: Double
    }

    /// Splits ρ over the basis.
    func split(_ residual: [Double]) -> Split {
        let n = Double(sampleCount)
        var coefficients = [Double](repeating: 0, count: Self.capacity)
        var rest = residual
        for (k, q) in basis.enumerated() {
            let a = BLAS.dot(q, rest) / n
            coefficients[k] = a
            BLAS.axpy(-a, q, &rest)
        }
        let square = rest.reduce(0) { $0 + $1 * $1 }
        let rounding = 2 * n * Double.ulpOfOne * coefficients.reduce(0) { $0 + abs($1) }
        return Split(coefficients: coefficients, spread: (square / n * (1 + 2 * n * Double.ulpOfOne)).squareRoot() + rounding)
    }

    /// out[j] ← the bound of feature j (`exact` false) or its projected part (`exact` true: the
    /// correlation itself, to rounding, for a ρ in the span) for every j (with `include[j]`
    /// when given).
    func fill(_ split: Split, exact: Bool, include: [Bool]?, into out: inout [Double]) {
        let used = basis.count
        let spread = exact ? 0 : split.spread
        let inflation = exact ? 1 : 1 + 1e-12
        let p = featureCount
        split.coefficients.withUnsafeBufferPointer { a in
            correlations.withUnsafeBufferPointer { d in
                rootMeanSquares.withUnsafeBufferPointer { root in
                    out.withUnsafeMutableBufferPointer { out in
                        if include == nil, let base = d.baseAddress {
                            // Every feature: the vector loop (KernelLoops), the same sums in the same order.
                            // Only the slots in use: the unused ones would add +0 to a sum that starts at
                            // +0, which changes no bit.
                            lagrange_correlation_bounds(base, p, a.baseAddress!, used, root.baseAddress!,
                                                        spread, inflation, exact, p, out.baseAddress!)
                            return
                        }
                        for j in 0..<p where include?[j] ?? true {
                            // Σₖ aₖDⱼₖ over the slots in use, k in order.
                            var sum = 0.0
                            for k in 0..<used { sum += a[k] * d[k * p + j] }
                            out[j] = exact ? sum : abs(sum) * inflation + root[j] * spread
                        }
                    }
                }
            }
        }
    }

    /// Adds `reference` to the span (one full product), replacing the oldest basis vector when
    /// the basis is full. A reference already in the span (to rounding) changes nothing but
    /// still counts as a refresh.
    mutating func refresh(design: Design, reference: [Double]) {
        refreshes += 1
        let n = Double(sampleCount)
        var slot = basis.count
        if basis.count == Self.capacity {
            slot = oldest
            oldest = (oldest + 1) % Self.capacity
        }
        // Orthogonalize against the other basis vectors (twice: Gram–Schmidt's second pass
        // restores orthogonality lost to cancellation).
        var q = reference
        for _ in 0..<2 {
            for (k, other) in basis.enumerated() where k != slot {
                BLAS.axpy(-BLAS.dot(other, q) / n, other, &q)
            }
        }
        let norm = (q.reduce(0) { $0 + $1 * $1 } / n).squareRoot()
        let size = (reference.reduce(0) { $0 + $1 * $1 } / n).squareRoot()
        guard norm > 1e-10 * size, norm > 0 else { return }
        for i in q.indices { q[i] /= norm }
        let column = design.correlations(q)
        let p = featureCount
        if slot == basis.count {
            correlations.append(contentsOf: column)
            basis.append(q)
        } else {
            correlations.replaceSubrange(slot * p..<(slot + 1) * p, with: column)
            basis[slot] = q
        }
    }
}
