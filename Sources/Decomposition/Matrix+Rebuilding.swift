import LinearAlgebra

extension Matrix {
    /// A copy of this matrix whose elements `body` rewrote in place: the one-copy way to derive
    /// a matrix (centred, scaled, sign-flipped) from one that stays as it was.
    ///
    /// (Written when `Matrix.storage` still had a `didSet` observer, through which every element
    /// write from another module copied the whole array; main now mutates in place, and this
    /// helper simply keeps the derived-copy pattern in one place.)
    func rebuilt(_ body: (UnsafeMutableBufferPointer<Double>) -> Void) throws -> Matrix {
        var elements = storage
        elements.withUnsafeMutableBufferPointer { body($0) }
        return try Matrix(rows: rows, columns: columns, storage: elements)
    }
}
