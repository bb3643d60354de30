extension Matrix {
    /// The `rows × columns` zero matrix.
    public static func zeros(_ rows: Int, _ columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: 0)
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix.zeros(n, n)
        for i in 0..<n { m.storage[i * n + i] = 1 }
        return m
    }

    /// A square matrix with `values` on the diagonal.
    public static func diagonal(_ values: [Double]) -> Matrix {
        let n = values.count
        var m = Matrix.zeros(n, n)
        for i in 0..<n { m.storage[i * n + i] = values[i] }
        return m
    }

    /// A matrix from nested rows (an I/O-boundary convenience; all rows must have one length).
    public init(rows nested: [[Double]]) throws {
        let columns = nested.first?.count ?? 0
        var storage: [Double] = []
        storage.reserveCapacity(nested.count * columns)
        for (i, row) in nested.enumerated() {
            guard row.count == columns else {
                throw LagrangeError.shapeMismatch("row \(i) has \(row.count) elements, expected \(columns)")
            }
            storage.append(contentsOf: row)
        }
        self.init(uncheckedRows: nested.count, columns: columns, storage: storage)
    }

    /// A matrix whose columns are the given arrays (all of one length).
    public init(columns nested: [[Double]]) throws {
        let rows = nested.first?.count ?? 0
        let columns = nested.count
        var storage = [Double](repeating: 0, count: rows * columns)
        for (j, column) in nested.enumerated() {
            guard column.count == rows else {
                throw LagrangeError.shapeMismatch("column \(j) has \(column.count) elements, expected \(rows)")
            }
            for i in 0..<rows { storage[i * columns + j] = column[i] }
        }
        self.init(uncheckedRows: rows, columns: columns, storage: storage)
    }

    /// The rows at `indices`, in that order.
    public func selectingRows<C: Collection>(_ indices: C) -> Matrix where C.Element == Int {
        var storage: [Double] = []
        storage.reserveCapacity(indices.count * columns)
        for i in indices { storage.append(contentsOf: row(i)) }
        return Matrix(uncheckedRows: indices.count, columns: columns, storage: storage)
    }

    /// The columns at `indices`, in that order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        precondition(indices.allSatisfy { $0 >= 0 && $0 < columns }, "Matrix column out of range")
        let k = indices.count
        // Every element is written below, so the buffer is not zero-filled first.
        let storage = [Double](unsafeUninitializedCapacity: rows * k) { out, initialized in
            self.storage.withUnsafeBufferPointer { s in
                for i in 0..<rows {
                    for (t, j) in indices.enumerated() { out[i * k + t] = s[i * columns + j] }
                }
            }
            initialized = rows * k
        }
        return Matrix(uncheckedRows: rows, columns: k, storage: storage)
    }

    /// Nested rows, for I/O boundaries and tests.
    public var nestedRows: [[Double]] { (0..<rows).map { Array(row($0)) } }
}
