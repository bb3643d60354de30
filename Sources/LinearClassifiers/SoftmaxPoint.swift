import Foundation

/// The softmax at one predictor η (K × n, class-major: entry (i, k) at `k*n + i`), kept by the
/// multinomial solver between its Newton steps: the probabilities pᵢₖ = e^{ηᵢₖ − ℓᵢ}, the row
/// log-normalizers ℓᵢ = log Σₖ e^{ηᵢₖ} and the loss L = Σᵢ ωᵢ (ℓᵢ − ηᵢ,yᵢ).
///
/// A step of the ungrouped solver moves one class c only, η'·c = η·c + δ. Then, with
/// rᵢ = Σ_{l≠c} pᵢₗ (summed, so it stays accurate when pᵢc ≈ 1) and dᵢ = η'ᵢc − ℓᵢ,
///
///     ℓ'ᵢ = ℓᵢ + log Tᵢ,   Tᵢ = rᵢ + e^{dᵢ},
///     p'ᵢₗ = pᵢₗ / Tᵢ (l ≠ c),   p'ᵢc = e^{dᵢ} / Tᵢ,
///
/// one exp and one log per row instead of K exps (`movingClass`). For dᵢ > 0 the same is
/// written with e^{−dᵢ} (log Tᵢ = dᵢ + log1p(rᵢe^{−dᵢ})), so nothing overflows. The updated
/// probabilities carry a rounding of a few ulps per step; the solver evaluates η afresh
/// (`init`) whenever it recomputes η from (b, B), before every KKT check and certificate.
struct SoftmaxPoint {
    var loss: Double
    var probability: [Double]
    var logNormalizer: [Double]

    /// The softmax at `eta` from scratch (K exps per row, the largest ηᵢₖ subtracted first).
    init(eta: [Double], labels: [Int], weights: [Double], classes k: Int) {
        let n = labels.count
        var loss = 0.0
        var normalizer = [Double](repeating: 0, count: n)
        probability = [Double](unsafeUninitializedCapacity: n * k) { p, initialized in
            eta.withUnsafeBufferPointer { e in
                for i in 0..<n {
                    var largest = -Double.infinity
                    for c in 0..<k { largest = max(largest, e[c * n + i]) }
                    var total = 0.0
                    for c in 0..<k {
                        let value = exp(e[c * n + i] - largest)
                        p[c * n + i] = value
                        total += value
                    }
                    let inverse = 1 / total
                    for c in 0..<k { p[c * n + i] *= inverse }
                    normalizer[i] = largest + log(total)
                    if weights[i] > 0 { loss += weights[i] * (normalizer[i] - e[labels[i] * n + i]) }
                }
            }
            initialized = n * k
        }
        self.loss = loss
        logNormalizer = normalizer
    }

    /// rᵢ = Σ_{l≠c} pᵢₗ, the probability of the classes a step on class `c` leaves alone.
    func rest(excluding c: Int, classes k: Int) -> [Double] {
        let n = logNormalizer.count
        var r = [Double](repeating: 0, count: n)
        probability.withUnsafeBufferPointer { p in
            for l in 0..<k where l != c {
                let row = p.baseAddress! + l * n
                for i in 0..<n { r[i] += row[i] }
            }
        }
        return r
    }

    /// The softmax after class `c`'s predictor moves to `trial` (n values), the others fixed;
    /// `eta` is the current predictor (K × n) and `rest` is `rest(excluding: c)`.
    func movingClass(_ c: Int, to trial: [Double], eta: [Double], rest: [Double], labels: [Int],
                     weights: [Double]) -> ClassMove {
        let n = logNormalizer.count
        var move = ClassMove(loss: 0, logNormalizer: [Double](repeating: 0, count: n),
                             othersScale: [Double](repeating: 0, count: n), probability: [Double](repeating: 0, count: n))
        var loss = 0.0
        for i in 0..<n {
            let d = trial[i] - logNormalizer[i]
            let logTotal: Double
            if d <= 0 {
                let a = exp(d)
                let inverse = 1 / (rest[i] + a)
                logTotal = log(rest[i] + a)
                move.othersScale[i] = inverse
                move.probability[i] = a * inverse
            } else {
                let e = exp(-d)
                let inverse = 1 / (rest[i] * e + 1)
                logTotal = d + log1p(rest[i] * e)
                move.othersScale[i] = e * inverse
                move.probability[i] = inverse
            }
            let l = logNormalizer[i] + logTotal
            move.logNormalizer[i] = l
            if weights[i] > 0 {
                let labelled = labels[i] == c ? trial[i] : eta[labels[i] * n + i]
                loss += weights[i] * (l - labelled)
            }
        }
        move.loss = loss
        return move
    }

    /// Takes the softmax `move` computed for class `c` by `movingClass`.
    mutating func accept(_ move: ClassMove, class c: Int, classes k: Int) {
        let n = logNormalizer.count
        probability.withUnsafeMutableBufferPointer { p in
            for l in 0..<k {
                let row = p.baseAddress! + l * n
                if l == c {
                    for i in 0..<n { row[i] = move.probability[i] }
                } else {
                    for i in 0..<n { row[i] *= move.othersScale[i] }
                }
            }
        }
        logNormalizer = move.logNormalizer
        loss = move.loss
    }

    /// η moved by the same `shift[i]` in every class of row i: the probabilities and the loss
    /// stay, ℓᵢ moves with it.
    mutating func shiftRows(_ shift: [Double]) {
        for i in logNormalizer.indices { logNormalizer[i] += shift[i] }
    }
}

/// The softmax of a one-class move (`SoftmaxPoint.movingClass`): the new loss and ℓ', the factor
/// 1/Tᵢ of the other classes' probabilities and the moved class's probability.
struct ClassMove {
    var loss: Double
    var logNormalizer: [Double]
    var othersScale: [Double]
    var probability: [Double]
}
