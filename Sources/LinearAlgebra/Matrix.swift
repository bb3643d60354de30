/// A dense matrix of `Double`, stored **row-major** in one flat array: element (i, j) is
/// `storage[i * columns + j]`.
///
/// Row-major because data arrives by rows (one CSV record is one sample) and every model reads
/// samples as contiguous rows. LAPACK is column-major; a row-major m × n buffer *is* the
/// column-major n × m transpose, and the LAPACK wrappers in this module use that identity
/// explicitly (each says how) instead of copying. CBLAS takes the layout as an argument.
///
/// Value semantics and copy-on-write come from `Array`.
public struct Matrix: Equatable, Sendable {
    public private(set) var rows: Int
    public private(set) var columns: Int
    /// Row-major elements; `storage.count == rows * columns`.
    ///
    /// Mutation is in place (`_modify` yields the buffer itself, so `m.storage[i] = x` and
    /// `m.storage.withUnsafeMutableBufferPointer` never copy); changing the element count is
    /// a programming error caught right after the mutation.
    public var storage: [Double] {
        get { elements }
        _modify {
            yield &elements
            precondition(elements.count == rows * columns, "Matrix storage must keep rows × columns elements")
        }
        set {
            precondition(newValue.count == rows * columns, "Matrix storage must keep rows × columns elements")
            elements = newValue
        }
    }

    @usableFromInline
    var elements: [Double]

    /// A matrix over existing row-major storage. Throws if the sizes disagree.
    public init(rows: Int, columns: Int, storage: [Double]) throws {
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard rows >= 0, columns >= 0, !overflow, storage.count == count else {
            throw LagrangeError.shapeMismatch("\(storage.count) elements cannot form a \(rows) × \(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.elements = storage
    }

    /// A matrix whose every element is `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = [Double](repeating: value, count: rows * columns)
    }

    /// Internal unchecked initializer for storage whose size is known to be right.
    @usableFromInline
    init(uncheckedRows rows: Int, columns: Int, storage: [Double]) {
        self.rows = rows
        self.columns = columns
        self.elements = storage
    }

    public var shape: (rows: Int, columns: Int) { (rows, columns) }
    public var isSquare: Bool { rows == columns }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return elements[row * columns + column]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            elements[row * columns + column] = newValue
        }
    }

    /// Row `i` as a slice of the storage (no copy).
    @inlinable
    public func row(_ i: Int) -> ArraySlice<Double> {
        precondition(i >= 0 && i < rows, "Matrix row out of range")
        return storage[i * columns ..< (i + 1) * columns]
    }

    /// Column `j`, copied (columns are strided in row-major storage).
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix column out of range")
        var result = [Double](repeating: 0, count: rows)
        storage.withUnsafeBufferPointer { s in
            for i in 0..<rows { result[i] = s[i * columns + j] }
        }
        return result
    }

    /// Calls `body` with a pointer to row `i` (no copy).
    @inlinable
    public func withRow<R>(_ i: Int, _ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        precondition(i >= 0 && i < rows, "Matrix row out of range")
        return try storage.withUnsafeBufferPointer { s in
            try body(UnsafeBufferPointer(rebasing: s[i * columns ..< (i + 1) * columns]))
        }
    }
}
