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
}
