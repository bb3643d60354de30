#if canImport(Glibc)
import Glibc
#endif

/// Advice to the kernel about large buffers about to be filled: the CSV reader's tables, the
/// linear models' column-major designs and Gram rows. Package-wide (not public API).
package enum MemoryAdvice {
    private static let hugePage = 2 << 20

    /// Asks for transparent huge pages over the 2 MiB-aligned interior of `buffer` (Linux,
    /// where THP is usually in `madvise` mode). A fresh 4 KiB page costs a fault each, and on
    /// a virtual machine far more than the bytes written: a C loop writing one byte per page of a
    /// fresh 40 MiB mapping took ~15 ms in 4 KiB pages and ~2 ms with MADV_HUGEPAGE here (6 runs;
    /// one in five huge-page runs took 65–90 ms, the host backing fresh memory). Advice only: failure changes nothing.
    package static func preferHugePages<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        #if os(Linux)
        guard let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + hugePage - 1) / hugePage * hugePage
        let end = (Int(bitPattern: base) + buffer.count * MemoryLayout<T>.stride) / hugePage * hugePage
        guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(address, end - start, MADV_HUGEPAGE)
        #endif
    }
}
