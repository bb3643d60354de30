import LinearAlgebra

/// The check of per-sample weights shared by the weighted SVM fits (C-SVC, ε-SVR, the C-SVC
/// grid search): each sample's box is C·sᵢ, so every sᵢ must be a finite number > 0.
enum SVMSampleWeights {
    /// One finite weight > 0 per row of `rows`; nil passes.
    static func check(_ sampleWeights: [Double]?, rows: Int) throws {
        guard let sampleWeights else { return }
        guard sampleWeights.count == rows else {
            throw LagrangeError.shapeMismatch("\(rows) samples but \(sampleWeights.count) sample weights")
        }
        if let i = sampleWeights.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw LagrangeError.invalidParameter(name: "sampleWeights", value: "\(sampleWeights[i]) on data row \(i + 1)",
                                                 requirement: "every weight must be a finite number > 0")
        }
    }
}
