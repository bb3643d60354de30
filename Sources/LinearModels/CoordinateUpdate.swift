/// The exact minimizer along one coordinate of the elastic-net objective — shared by the
/// residual (naive) and the covariance solvers.
///
/// With z = gⱼ + vⱼβⱼ (the partial residual correlation, gⱼ = xⱼᵀr/n and vⱼ = ‖xⱼ‖²/n), the
/// update is βⱼ ← S(z, λαwⱼ) / (vⱼ + λ(1 − α)wⱼ), S the soft-threshold
/// S(z, t) = sign(z)·max(|z| − t, 0). A zero denominator (an all-zero column) leaves βⱼ = 0.
@inline(__always)
func coordinateMinimizer(z: Double, threshold: Double, denominator: Double) -> Double {
    guard denominator > 0 else { return 0 }
    if z > threshold { return (z - threshold) / denominator }
    if z < -threshold { return (z + threshold) / denominator }
    return 0
}
