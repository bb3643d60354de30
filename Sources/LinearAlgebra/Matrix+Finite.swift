extension Matrix {
    /// The first non-finite entry in reading order (row by row), as (row, column), 0-based.
    public var firstNonFinite: (row: Int, column: Int)? {
        guard let index = storage.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (index / Swift.max(1, columns), index % Swift.max(1, columns))
    }

    /// Throws `LagrangeError.invalidData` naming the first NaN or ±∞ of `what` (1-based row and
    /// column, or the feature's name when `featureNames` is given): the one finite-value check
    /// that every fit and prediction runs before touching the numbers.
    public func requireFinite(_ what: String, featureNames: [String]? = nil) throws {
        guard let (row, column) = firstNonFinite else { return }
        let place = featureNames.flatMap { column < $0.count ? "feature '\($0[column])'" : nil } ?? "column \(column + 1)"
        throw LagrangeError.invalidData("\(what) has a non-finite value (\(self[row, column])) at row \(row + 1), \(place); remove or fill it")
    }
}
