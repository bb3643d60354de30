import DataIO
import LinearAlgebra

/// The model file format (kind "pca", version 1). Components are written as k rows of p
/// numbers; decoding checks every length against k and p.
extension PCAModel: PersistableModel {
    public static let modelKind = "pca"
    public static let modelVersion = 1

    enum CodingKeys: String, CodingKey {
        case featureNames, sampleCount, mean, components, explainedVariance, explainedVarianceRatio,
             singularValues, totalVariance, noiseVariance, spectrum, whiten, selection, route, solver, certificate
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        featureNames = try c.decode([String].self, forKey: .featureNames)
        sampleCount = try c.decode(Int.self, forKey: .sampleCount)
        mean = try c.decode([Double].self, forKey: .mean)
        let rows = try c.decode([[Double]].self, forKey: .components)
        explainedVariance = try c.decode([Double].self, forKey: .explainedVariance)
        explainedVarianceRatio = try c.decode([Double].self, forKey: .explainedVarianceRatio)
        singularValues = try c.decode([Double].self, forKey: .singularValues)
        totalVariance = try c.decode(Double.self, forKey: .totalVariance)
        noiseVariance = try c.decode(Double.self, forKey: .noiseVariance)
        spectrum = try c.decodeIfPresent([Double].self, forKey: .spectrum)
        whiten = try c.decode(Bool.self, forKey: .whiten)
        selection = try c.decode(ComponentSelection.self, forKey: .selection)
        route = try c.decode(PCARoute.self, forKey: .route)
        solver = try c.decode(String.self, forKey: .solver)
        certificate = try c.decode(PCACertificate.self, forKey: .certificate)
        let p = featureNames.count
        let k = rows.count
        guard mean.count == p, rows.allSatisfy({ $0.count == p }), explainedVariance.count == k,
              explainedVarianceRatio.count == k, singularValues.count == k, k >= 1 else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: [CodingKeys.components],
                debugDescription: "lengths disagree: \(p) features, \(k) components"))
        }
        components = try Matrix(rows: rows)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(featureNames, forKey: .featureNames)
        try c.encode(sampleCount, forKey: .sampleCount)
        try c.encode(mean, forKey: .mean)
        try c.encode(components.nestedRows, forKey: .components)
        try c.encode(explainedVariance, forKey: .explainedVariance)
        try c.encode(explainedVarianceRatio, forKey: .explainedVarianceRatio)
        try c.encode(singularValues, forKey: .singularValues)
        try c.encode(totalVariance, forKey: .totalVariance)
        try c.encode(noiseVariance, forKey: .noiseVariance)
        try c.encodeIfPresent(spectrum, forKey: .spectrum)
        try c.encode(whiten, forKey: .whiten)
        try c.encode(selection, forKey: .selection)
        try c.encode(route, forKey: .route)
        try c.encode(solver, forKey: .solver)
        try c.encode(certificate, forKey: .certificate)
    }
}
