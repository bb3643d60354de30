import Modeling

/// λ_max = maxⱼ |xⱼᵀr₀|/(n α wⱼ) over penalized features, r₀ the residual of the unpenalized
/// fit (y − ȳ when every feature is penalized): the smallest λ whose solution has every
/// penalized coefficient 0. α below `smallestL1RatioForLambdaMax` is replaced by it.
func lambdaMax(gradient: [Double], weights: [Double], l1Ratio: Double) -> Double {
    let alpha = max(l1Ratio, LambdaGrid.smallestL1RatioForLambdaMax)
    var largest = 0.0
    for j in gradient.indices where weights[j] > 0 { largest = max(largest, abs(gradient[j]) / weights[j]) }
    return largest / alpha
}

