import LinearAlgebra

/// The exact, mergeable sufficient statistics of a set of rows of named numeric columns:
/// the row count n, the column means x̄ and the centred scatter M = Σᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ
/// of every column (features and, when there is one, the target), in O(q²) memory for q
/// columns whatever n is.
///
/// PCA (the covariance M/(n − 1)), ridge (the normal equations) and the elastic net in
/// covariance mode (the Gram matrix and Xᵀy, see `LinearModels`) need nothing else, so a
/// data set split into shards can be fitted from the statistics of its shards, merged.
/// `merge` is Chan, Golub & LeVeque's pairwise update (see `CovarianceAccumulator`): exact in
/// exact arithmetic, associative and commutative up to rounding, and safe with large offsets
/// (each accumulator keeps its own shift). `subtract` is its inverse, for cross-validation
/// by parts. `StatisticsFile` is the documented binary format (docs/scale.md).
public struct SufficientStatistics: Sendable {
    /// Every column, in the order of the moments.
    public let columnNames: [String]
    /// The index in `columnNames` of the target column, if the rows have one.
    public let targetIndex: Int?
    /// Rows left out before accumulation because a selected cell was missing (`--missing omit`).
    public internal(set) var omittedRows: Int
    /// n, the means and the scatter of all columns.
    public internal(set) var moments: CovarianceAccumulator

    /// The most columns a statistics value may have (the file format stores q as 32 bits and
    /// the scatter as q(q+1)/2 numbers; 2¹⁶ columns are 17 GB).
    public static let maximumColumns = 1 << 16
    /// The longest column name, in UTF-8 bytes.
    public static let maximumNameBytes = 65_535

    /// Empty statistics (n = 0) of the columns `columnNames`, one of which may be the target.
    /// `threads`: how many threads one large block of rows may use (the caller's budget).
    public init(columnNames: [String], targetName: String? = nil, threads: Int = 1) throws {
        try Self.checkNames(columnNames)
        var targetIndex: Int?
        if let targetName {
            guard let index = columnNames.firstIndex(of: targetName) else {
                throw LagrangeError.invalidParameter(name: "target", value: targetName, requirement: "must be one of the columns")
            }
            targetIndex = index
        }
        self.init(columnNames: columnNames, targetIndex: targetIndex, omittedRows: 0,
                  moments: CovarianceAccumulator(featureCount: columnNames.count, retainsRows: false, threads: threads))
    }

    init(columnNames: [String], targetIndex: Int?, omittedRows: Int, moments: CovarianceAccumulator) {
        self.columnNames = columnNames
        self.targetIndex = targetIndex
        self.omittedRows = omittedRows
        self.moments = moments
    }

    /// Names must be non-empty, distinct, and at most `maximumNameBytes` long; at least one.
    static func checkNames(_ names: [String]) throws {
        guard !names.isEmpty, names.count <= maximumColumns else {
            throw LagrangeError.invalidData("statistics need between 1 and \(maximumColumns) columns, got \(names.count)")
        }
        if let bad = names.first(where: { $0.isEmpty || $0.utf8.count > maximumNameBytes }) {
            throw LagrangeError.invalidData("column name '\(bad.prefix(40))' must have between 1 and \(maximumNameBytes) bytes")
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw LagrangeError.invalidData("column name '\(name)' appears twice")
        }
    }

    /// The target column's name, if any.
    public var targetName: String? { targetIndex.map { columnNames[$0] } }
    /// Every column but the target.
    public var featureNames: [String] { columnNames.indices.filter { $0 != targetIndex }.map { columnNames[$0] } }
    /// n, the rows accumulated.
    public var count: Int { moments.count }
    /// x̄ of every column.
    public var mean: [Double] { moments.mean }
    /// M, q × q.
    public var scatter: Matrix { moments.scatter }

    /// Adds every row of `block` (m × q, columns in `columnNames` order).
    public mutating func add(_ block: Matrix) throws { try moments.add(block) }

    /// Adds `rowCount` rows of a row-major buffer whose rows are `stride` apart, reading the
    /// q columns from `columns` (in `columnNames` order).
    public mutating func add(rows: UnsafeBufferPointer<Double>, rowCount: Int, stride: Int, columns: [Int]) throws {
        try moments.add(rows: rows, rowCount: rowCount, stride: stride, columns: columns)
    }

    /// Records `rows` more rows left out for missing values.
    public mutating func noteOmitted(_ rows: Int) { omittedRows += rows }

    /// Throws unless `other` has the same columns in the same order and the same target, in
    /// one line that says what differs.
    public func requireCompatible(_ other: SufficientStatistics) throws {
        guard other.columnNames == columnNames else {
            let mine = Set(columnNames), theirs = Set(other.columnNames)
            let detail: String
            if let extra = other.columnNames.first(where: { !mine.contains($0) }) {
                detail = "column '\(extra)' is in one part only"
            } else if let missing = columnNames.first(where: { !theirs.contains($0) }) {
                detail = "column '\(missing)' is in one part only"
            } else if other.columnNames.count != columnNames.count {
                detail = "\(columnNames.count) columns against \(other.columnNames.count)"
            } else {
                detail = "the same columns in another order"
            }
            throw LagrangeError.invalidData("statistics of different columns cannot be merged: \(detail)")
        }
        guard other.targetIndex == targetIndex else {
            throw LagrangeError.invalidData("statistics with different targets cannot be merged: \(targetName.map { "'\($0)'" } ?? "none") against \(other.targetName.map { "'\($0)'" } ?? "none")")
        }
    }

    /// Takes in every row of `other` (same columns and target): n, x̄ and M of the union.
    public mutating func merge(_ other: SufficientStatistics) throws {
        try requireCompatible(other)
        try moments.merge(other.moments)
        omittedRows += other.omittedRows
    }

    /// `merge` as a function.
    public func merging(_ other: SufficientStatistics) throws -> SufficientStatistics {
        var result = self
        try result.merge(other)
        return result
    }

    /// Takes out the rows of `part`, which must be among the rows merged here (the
    /// statistics of everything but one fold, for cross-validation by parts).
    public mutating func subtract(_ part: SufficientStatistics) throws {
        try requireCompatible(part)
        try moments.subtract(part.moments)
        omittedRows = max(0, omittedRows - part.omittedRows)
    }

    /// The statistics of several parts merged left to right (`merge` is associative, so any
    /// order or tree gives the same statistics up to rounding).
    public static func merged(_ parts: [SufficientStatistics]) throws -> SufficientStatistics {
        guard var total = parts.first else {
            throw LagrangeError.notEnoughSamples("no statistics to merge")
        }
        for part in parts.dropFirst() { try total.merge(part) }
        return total
    }

    /// The same rows seen through the columns `features` and, if given, `target` only (target
    /// last): the sub-vectors and the sub-block of the scatter, exactly.
    public func selecting(features: [String], target: String?) throws -> SufficientStatistics {
        func index(_ name: String, _ role: String) throws -> Int {
            guard let j = columnNames.firstIndex(of: name) else {
                throw LagrangeError.invalidParameter(name: role, value: name, requirement: "is not a column of the statistics (\(columnNames.joined(separator: ", ")))")
            }
            return j
        }
        var columns = try features.map { try index($0, "features") }
        if let target { columns.append(try index(target, "target")) }
        let names = columns.map { columnNames[$0] }
        try Self.checkNames(names)
        return SufficientStatistics(columnNames: names, targetIndex: target == nil ? nil : names.count - 1,
                                    omittedRows: omittedRows, moments: try moments.selecting(columns))
    }
}
