extension Matrix {
    /// The transpose, copied in cache-sized tiles.
    public var transposed: Matrix {
        let tile = 32
        var out = [Double](repeating: 0, count: storage.count)
        let (m, n) = (rows, columns)
        storage.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i0 in stride(from: 0, to: m, by: tile) {
                    for j0 in stride(from: 0, to: n, by: tile) {
                        for i in i0..<min(i0 + tile, m) {
                            for j in j0..<min(j0 + tile, n) { dst[j * m + i] = src[i * n + j] }
                        }
                    }
                }
            }
        }
        return Matrix(uncheckedRows: n, columns: m, storage: out)
    }
}
