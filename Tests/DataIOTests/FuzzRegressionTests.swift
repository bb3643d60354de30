import Foundation
import Testing
import TestSupport
@testable import DataIO

/// Inputs found by coverage-guided fuzzing (FUZZING.md), each kept as a regression test: the
/// reader must end with a located `DataError`, quickly and without allocating for the input's
/// declared size.
@Suite struct FuzzRegressionTests {
    private static func libsvmError(_ bytes: [UInt8]) -> DataError? {
        do {
            _ = try LIBSVMReader.read(MemoryByteSource(bytes, name: "fuzz"), task: .classification)
            return nil
        } catch {
            return error as? DataError
        }
    }

    /// FuzzLIBSVM, timeout (27 s under ASan): 48 bytes naming feature 11,111,111, which the
    /// old 2²⁴ index limit let through — 11 million columns and names for three samples.
    @Test func hugeIndexInATinyFileIsRefused() throws {
        let bytes = try #require(Data(base64Encoded: "MSAxMTExMTExMToxCjEAMTExMTExMTE6MQoKAAAAMgAAAAAAAAAyCkNoYQAEADMy"))
        let error = Self.libsvmError(Array(bytes))
        #expect(error?.kind == .invalidSyntax)
        #expect(error?.line == 1)
        #expect(error?.message == "feature index 11111111 is beyond 1048576, the most features a dense matrix is built with")
    }

    /// The dense-size budget: 300 samples each naming feature 1,000,000 (within the index
    /// limit) would be 3·10⁸ values, 2.4 GB; refused before allocating.
    @Test func denseMatrixBeyondTheBudgetIsRefused() {
        let text = String(repeating: "1 1000000:1\n2 1:1\n", count: 150)
        let error = Self.libsvmError(Array(text.utf8))
        #expect(error?.kind == .invalidSyntax)
        #expect(error?.message.hasPrefix("300 samples × 1000000 features (the largest index) is more than 268435456 values") == true)
    }
}
