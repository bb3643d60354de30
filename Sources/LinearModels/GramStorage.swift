#if canImport(Glibc)
import Glibc
#endif

/// The storage of `WorkingGram`'s G: `count` doubles, zero at first, whose pages the kernel
/// supplies only when they are first written.
///
/// The cache keeps G at a fixed row stride (its limit), so it never grows and never copies; most
/// of that square is never written along a path (rows past the cached count, and each row's
/// columns past it). A Swift array would write every entry when made; `calloc` of a large block
/// maps fresh zero pages instead, touched one by one as rows fill. Measured on the 500 × 10,000
/// benchmark path (100 λ, tolerance 6.25e-5, 2 BLAS threads, release): `WorkingGram.include` took
/// 37.8 → 23.5 ms of the fit (in-process timers, one run each; the doubling growth's zeroing and
/// copies and the packed columns' reallocations are gone, with the mirror written row by row),
/// the fit's page faults 6,431 → 5,050; coefficients bit-identical. Transparent huge pages took
/// the faults to 3,081 but no time measurably, and a fresh huge page can cost this VM far more
/// than its 512 small ones (BENCHMARKS.md, "Huge pages"), so none are asked for.
///
/// A class so that the pages are not copied with the value; `WorkingGram` copies it before a
/// write when it is shared (`isKnownUniquelyReferenced`), so the cache keeps value semantics.
final class GramStorage {
    /// Unsafe pointer: the whole reason for this type (see above); freed in `deinit`.
    private let base: UnsafeMutablePointer<Double>
    let count: Int

    init(count: Int) {
        self.count = max(count, 1)
        guard let raw = calloc(self.count, MemoryLayout<Double>.stride) else {
            fatalError("GramStorage: could not reserve \(self.count) doubles")
        }
        base = raw.bindMemory(to: Double.self, capacity: self.count)
    }

    deinit { free(base) }

    /// A copy whose first `used` entries are this storage's (the rest zero).
    func copy(used: Int) -> GramStorage {
        let other = GramStorage(count: count)
        other.base.update(from: base, count: min(used, count))
        return other
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Double>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: base, count: count))
    }
}
