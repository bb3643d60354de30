import LinearAlgebra

/// Support vectors: their training row indices and their rows (row-major, `featureCount`
/// values each). Stored flat so the model file round-trips every number exactly.
public struct SupportVectors: Codable, Equatable, Sendable {
    /// Row indices in the training data (0-based).
    public let indices: [Int]
    public let featureCount: Int
    /// indices.count × featureCount, row-major.
    public let values: [Double]

    public var count: Int { indices.count }

    /// The support vectors as a matrix (one row each).
    public var matrix: Matrix {
        // Sizes are consistent by construction and checked on decoding.
        (try? Matrix(rows: indices.count, columns: featureCount, storage: values)) ?? Matrix.zeros(0, featureCount)
    }

    init(indices: [Int], from x: Matrix) {
        self.indices = indices
        featureCount = x.columns
        values = x.selectingRows(indices).storage
    }

    /// Throws when the stored values cannot be support vectors (a damaged model file): sizes
    /// that disagree, a negative index, a non-finite value.
    func validate() throws {
        guard featureCount >= 1, values.count == indices.count * featureCount else {
            throw LagrangeError.shapeMismatch("the model holds \(values.count) support-vector values for \(indices.count) vectors of \(featureCount) features")
        }
        guard indices.allSatisfy({ $0 >= 0 }) else {
            throw LagrangeError.invalidData("a support vector has a negative training index")
        }
        try requireFiniteValues(values, "the support vectors")
    }
}

extension Kernel {
    /// Rows of samples processed together when evaluating K(X, SV): bounds the temporary
    /// block at `predictionBlockRows` × (number of support vectors) doubles.
    static let predictionBlockRows = 1024

    /// f(x) = b + Σₖ cₖ K(x, svₖ) for the rows of `x`: one machine's kernel expansion over
    /// `supportVectors` with coefficients c and intercept b (the regression and one-class models).
    func expansion(_ x: Matrix, supportVectors: SupportVectors, coefficients: [Double], intercept: Double) throws -> [Double] {
        try x.requireFinite("the data")
        var out = [Double](repeating: intercept, count: x.rows)
        let m = supportVectors.count
        try forEachBlock(x, supportVectors.matrix) { start, block in
            block.storage.withUnsafeBufferPointer { k in
                for row in 0..<block.rows {
                    var sum = 0.0
                    for (position, coefficient) in coefficients.enumerated() { sum += coefficient * k[row * m + position] }
                    out[start + row] += sum
                }
            }
        }
        return out
    }

    /// Calls `body(firstRow, block)` with K(X[firstRow..<firstRow+b], SV), a b × m block, for
    /// consecutive blocks of rows of `x`; inner products go through one `dgemm` per block.
    func forEachBlock(_ x: Matrix, _ supportVectors: Matrix, _ body: (Int, Matrix) throws -> Void) throws {
        guard x.columns == supportVectors.columns else {
            throw LagrangeError.shapeMismatch("the data has \(x.columns) features, the model \(supportVectors.columns)")
        }
        let svNorms = (0..<supportVectors.rows).map { i in supportVectors.row(i).reduce(0) { $0 + $1 * $1 } }
        var start = 0
        while start < x.rows {
            let end = min(x.rows, start + Self.predictionBlockRows)
            let block = x.selectingRows(start..<end)
            var values = try BLAS.multiply(block, .none, supportVectors, .transposed)
            if supportVectors.rows > 0 {
                let m = supportVectors.rows
                let norms = (0..<block.rows).map { i in block.row(i).reduce(0) { $0 + $1 * $1 } }
                values.storage.withUnsafeMutableBufferPointer { v in
                    svNorms.withUnsafeBufferPointer { svNorm in
                        for i in 0..<block.rows {
                            let row = v.baseAddress! + i * m, normI = norms[i]
                            if case let .rbf(gamma) = self {
                                // `value`'s RBF formula without the switch: a vector loop.
                                for j in 0..<m { row[j] = Kernel.exponential(-gamma * max(0, normI + svNorm[j] - 2 * row[j])) }
                            } else {
                                for j in 0..<m { row[j] = value(dot: row[j], squaredNormA: normI, squaredNormB: svNorm[j]) }
                            }
                        }
                    }
                }
            }
            try body(start, values)
            start = end
        }
    }
}
