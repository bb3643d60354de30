import LinearAlgebra

extension Matrix {
    /// A copy of this matrix whose elements `body` rewrote in place.
    ///
    /// Why not `m.storage[i] = v` or `m.storage.withUnsafeMutableBufferPointer` on a `var`:
    /// `Matrix.storage` has a `didSet` observer, and from outside LinearAlgebra a mutation goes
    /// through its getter and setter, so the array is copied (copy-on-write) on *every* access —
    /// element-by-element writes become O(size) each. Editing a plain local array and wrapping
    /// it once costs one copy in all.
    func rebuilt(_ body: (UnsafeMutableBufferPointer<Double>) -> Void) throws -> Matrix {
        var elements = storage
        elements.withUnsafeMutableBufferPointer { body($0) }
        return try Matrix(rows: rows, columns: columns, storage: elements)
    }
}
