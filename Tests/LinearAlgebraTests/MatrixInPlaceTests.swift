import Testing
@testable import LinearAlgebra

/// Element writes must mutate the one buffer in place: a copy per write would make filling an
/// n × n matrix O(n⁴). Reference: the buffer's address is unchanged by the writes.
@Suite struct MatrixInPlaceTests {
    private func address(_ m: Matrix) -> UnsafeRawPointer? {
        m.storage.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func elementAndStorageWritesDoNotCopy() {
        var m = Matrix.zeros(300, 300)
        let before = address(m)
        for i in 0..<300 { m[i, i] = Double(i) }
        for k in 0..<1000 { m.storage[k] += 1 }
        m.storage.withUnsafeMutableBufferPointer { $0[5] = 42 }
        #expect(address(m) == before)
        #expect(m[7, 7] == 7 + (7 * 300 + 7 < 1000 ? 1 : 0))
        #expect(m.storage[5] == 42)
    }

    @Test func copiesStayIndependent() {
        var a = Matrix.identity(3)
        let b = a
        a[0, 1] = 5
        #expect(b[0, 1] == 0)
        #expect(a[0, 1] == 5)
    }

    /// Reference: `selectingColumns` (a fresh gather) gives the same matrix; the kept columns of
    /// a uniquely held matrix stay in its own buffer (address unchanged), runs and gaps alike.
    @Test func keepingColumnsCompactsInPlace() {
        let source = try! Matrix(rows: 7, columns: 6, storage: (0..<42).map { Double($0) * 1.5 - 3 })
        for kept in [[0, 1, 2, 3, 4], [1, 2, 3, 4, 5], [0, 2, 5], [3], [0, 1, 2, 3, 4, 5]] {
            var m = source
            m.storage[0] += 0   // make the buffer m's own before taking its address
            let before = address(m)
            m.keepColumns(kept)
            #expect(m == source.selectingColumns(kept))
            #expect(address(m) == before)
        }
    }

    /// A matrix that shares its storage is copied first: the other holder keeps every column.
    @Test func keepingColumnsLeavesSharedStorageAlone() {
        let source = try! Matrix(rows: 3, columns: 4, storage: (0..<12).map(Double.init))
        var m = source
        m.keepColumns([1, 3])
        #expect(m == (try! Matrix(rows: [[1, 3], [5, 7], [9, 11]])))
        #expect(source == (try! Matrix(rows: 3, columns: 4, storage: (0..<12).map(Double.init))))
    }

    /// Reference: the transpose's `selectingColumns` (a fresh gather), transposed back; the kept
    /// rows of a uniquely held matrix stay in its own buffer, and a shared one is left alone.
    @Test func keepingRowsCompactsInPlace() {
        let source = try! Matrix(rows: 7, columns: 6, storage: (0..<42).map { Double($0) * 1.5 - 3 })
        for kept in [[0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 6], [0, 2, 6], [3], [0, 1, 2, 3, 4, 5, 6], [0, 1, 4, 5]] {
            var m = source
            m.storage[0] += 0   // make the buffer m's own before taking its address
            let before = address(m)
            m.keepRows(kept)
            #expect(m == source.transposed.selectingColumns(kept).transposed)
            #expect(address(m) == before)
        }
        var shared = source
        shared.keepRows([2])
        #expect(shared == (try! Matrix(rows: 1, columns: 6, storage: (12..<18).map { Double($0) * 1.5 - 3 })))
        #expect(source == (try! Matrix(rows: 7, columns: 6, storage: (0..<42).map { Double($0) * 1.5 - 3 })))
    }
}
