import LinearAlgebra

extension Design {
    /// Builds the design from features already stored column by column: row j of `columns`
    /// (p × n) is feature j, and `y` holds the n targets. The same design, bit for bit, as
    /// `init(x: columns.transposed, …)` with the same checks and messages, but `columns`' own
    /// storage becomes the design (transformed in place) when the caller hands it over
    /// (`consume`), so no second n × p buffer is made. Finiteness is checked column by column just
    /// before each column is transformed, while the column is in cache, instead of in a pass of
    /// its own.
    init(columns x: consuming Matrix, y: [Double], sampleWeights: [Double]? = nil, standardize: Bool, fitIntercept: Bool,
         featureNames: [String]? = nil, threads: Int = 1) throws {
        let (n, p) = (x.columns, x.rows)
        guard y.count == n else { throw LagrangeError.shapeMismatch("\(n) rows of features but \(y.count) target values") }
        guard n >= 2 else { throw LagrangeError.notEnoughSamples("a linear model needs at least 2 rows, got \(n)") }
        guard p >= 1 else { throw LagrangeError.notEnoughSamples("a linear model needs at least one feature column") }
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw LagrangeError.invalidData("target value on data row \(i + 1) is \(y[i]); remove the row or fill it in")
        }
        var columns = x.storage
        x = Matrix.zeros(0, 0)   // `columns` is now the only reference to the storage
        let target: Response
        do {
            target = try Response(y: y, sampleWeights: sampleWeights, count: n, rows: nil, fitIntercept: fitIntercept)
        } catch {
            // A non-finite feature is reported before what is wrong with the target or weights, as `init(x:)` does.
            let all = [Bool](repeating: true, count: p)
            try Self.requireFinite(columns, n: n, suspects: all, featureNames: featureNames)
            throw error
        }
        let (outcomes, bad) = Self.transformColumns(&columns, n: n, p: p, response: target, standardize: standardize,
                                                    fitIntercept: fitIntercept, threads: threads, checkFinite: true)
        try Self.requireFinite(columns, n: n, suspects: bad, featureNames: featureNames)
        self.init(columns: columns, n: n, p: p, response: target, outcomes: outcomes)
    }

    /// Throws for the first NaN or ∞ in reading order (row by row, as the data file has it) among
    /// the columns marked in `suspects` of the column-major `columns`; returns if there is none.
    static func requireFinite(_ columns: [Double], n: Int, suspects: [Bool], featureNames: [String]?) throws {
        var first: (row: Int, column: Int)?
        for j in suspects.indices where suspects[j] {
            guard let i = (0..<n).first(where: { !columns[j * n + $0].isFinite }) else { continue }
            if first.map({ i < $0.row }) ?? true { first = (i, j) }
        }
        guard let (i, j) = first else { return }
        let name = featureNames.map { "'\($0[j])'" } ?? "\(j + 1)"
        throw LagrangeError.invalidData("feature \(name) on data row \(i + 1) is \(columns[j * n + i]); remove the row or fill it in")
    }
}
