#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A least-recently-used cache of kernel (Q-matrix) columns, bounded in bytes.
///
/// Column `i` is stored as a prefix of length `filled[i]` (a shrinking solver only asks for
/// the rows of its active set, which is a prefix). Entries are `Float`, as in LIBSVM: half the
/// memory of `Double`, so twice the columns fit, at a relative rounding of 6e-8 — far below
/// any stopping tolerance. Gradients and multipliers stay `Double` in the solver.
///
/// The caller asks for a column with `column(_:length:)`, gets a pointer and the length already
/// computed, and fills the rest.
///
/// Lifetime of a returned pointer: it stays valid, with the entries it held, until whichever
/// comes first of
/// - the second `column(_:length:)` call after the one that returned it (the next call cannot
///   evict it: the budget always holds two full columns, so a solver may hold Qᵢ while it
///   fetches Qⱼ);
/// - a later request for the same slot with a larger length (the column is moved to a longer
///   allocation, its prefix copied);
/// - `swapSlots` (entries move between columns, columns may be dropped) or `truncate`;
/// - the end of the cache.
final class KernelColumnCache {
    private let slotCount: Int
    /// The budget in floats: `budgetBytes` / 4, raised to two full columns.
    let budgetFloats: Int
    /// Floats still free under the budget.
    private var availableFloats: Int
    // Columns are malloc'd (`realloc` grows or shortens them in place when it can).
    // Raw buffers rather than arrays: `swapSlots` walks the whole list on every exchange, and
    // array accesses through a class pay exclusivity and bounds checks there.
    private let storage: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>
    private let filled: UnsafeMutablePointer<Int>
    /// Doubly linked LRU list over slots; `sentinel` = slotCount; most recent at the tail.
    private let previous: UnsafeMutablePointer<Int>
    private let next: UnsafeMutablePointer<Int>
    private let sentinel: Int

    /// A cache for `slotCount` columns of up to `maximumLength` entries within `budgetBytes`
    /// (raised to two full columns if smaller).
    init(slotCount: Int, maximumLength: Int, budgetBytes: Int) {
        self.slotCount = slotCount
        budgetFloats = max(budgetBytes / MemoryLayout<Float>.stride, 2 * maximumLength)
        availableFloats = budgetFloats
        sentinel = slotCount
        storage = .allocate(capacity: slotCount)
        storage.initialize(repeating: nil, count: slotCount)
        filled = .allocate(capacity: slotCount)
        filled.initialize(repeating: 0, count: slotCount)
        previous = .allocate(capacity: slotCount + 1)
        previous.initialize(repeating: slotCount, count: slotCount + 1)
        next = .allocate(capacity: slotCount + 1)
        next.initialize(repeating: slotCount, count: slotCount + 1)
    }

    deinit {
        for slot in 0..<slotCount { free(storage[slot]) }
        storage.deallocate()
        filled.deallocate()
        previous.deallocate()
        next.deallocate()
    }

    /// Floats held by cached columns (≤ `budgetFloats`); the bytes are 4 × this.
    var cachedFloats: Int { budgetFloats - availableFloats }

    /// How many leading entries of column `slot` are cached (0: not cached).
    func cachedLength(_ slot: Int) -> Int { filled[slot] }

    /// Shortens every cached column to at most `length` leading entries and gives the rest back
    /// to the budget (a shrinking solver asks for nothing beyond its active prefix until it
    /// unshrinks, so the tail of a long column only keeps other columns out). Entries kept are
    /// unchanged; returned pointers are invalidated as by `swapSlots`.
    func truncate(to length: Int) {
        var slot = next[sentinel]
        while slot != sentinel {
            let following = next[slot]
            if filled[slot] > length {
                if length <= 0 {
                    evict(slot)
                } else {
                    // Shrinking a block in place: realloc returns it (or a copy) with the prefix.
                    let raw = realloc(storage[slot], length * MemoryLayout<Float>.stride)!
                    storage[slot] = raw.bindMemory(to: Float.self, capacity: length)
                    availableFloats += filled[slot] - length
                    filled[slot] = length
                }
            }
            slot = following
        }
    }

    /// The stored column `slot` if at least `length` leading entries are valid, else nil. A
    /// read: the recency order does not change, and the pointer is valid until the next call
    /// that may change the cache (`column`, `swapSlots`).
    func storedColumn(_ slot: Int, length: Int) -> UnsafePointer<Float>? {
        guard filled[slot] >= length, let pointer = storage[slot] else { return nil }
        return UnsafePointer(pointer)
    }

    /// The cached slots, least recently used first (the order of eviction).
    var slotsByRecency: [Int] {
        var slots: [Int] = []
        var slot = next[sentinel]
        while slot != sentinel {
            slots.append(slot)
            slot = next[slot]
        }
        return slots
    }

    private func unlink(_ slot: Int) {
        next[previous[slot]] = next[slot]
        previous[next[slot]] = previous[slot]
    }

    private func linkAtTail(_ slot: Int) {
        next[slot] = sentinel
        previous[slot] = previous[sentinel]
        next[previous[sentinel]] = slot
        previous[sentinel] = slot
    }

    private func evict(_ slot: Int) {
        unlink(slot)
        free(storage[slot])
        storage[slot] = nil
        availableFloats += filled[slot]
        filled[slot] = 0
    }

    /// The storage for column `slot` with room for `length` entries, and how many leading
    /// entries are already valid (the caller computes `[valid, length)`).
    func column(_ slot: Int, length: Int) -> (pointer: UnsafeMutablePointer<Float>, valid: Int) {
        let valid = filled[slot]
        if valid > 0 { unlink(slot) }
        if valid >= length, let pointer = storage[slot] {
            linkAtTail(slot)
            return (pointer, length)
        }
        let growth = length - valid
        while availableFloats < growth, next[sentinel] != sentinel {
            evict(next[sentinel])
        }
        availableFloats -= growth
        // realloc keeps the valid prefix (in place when it can).
        guard let raw = realloc(storage[slot], length * MemoryLayout<Float>.stride) else {
            fatalError("kernel cache: out of memory for a column of \(length) entries")
        }
        let pointer = raw.bindMemory(to: Float.self, capacity: length)
        storage[slot] = pointer
        filled[slot] = length
        linkAtTail(slot)
        return (pointer, valid)
    }

    /// Follows a solver's exchanges of variables, in order: for each pair (i, j) the columns
    /// trade slots, and in every cached column entries i and j trade places (a column that
    /// holds entry min(i, j) but not max(i, j) is dropped).
    ///
    /// The exchanges of one shrinking step come as one batch: slot exchanges first, then one
    /// walk over the cached columns applying every entry exchange to a column while it is hot
    /// in the processor cache (entry exchanges travel with a column's data, so the order of the
    /// two phases does not matter), instead of one walk over all columns per exchange.
    func swapSlots(_ pairs: [(Int, Int)]) {
        for (i, j) in pairs where i != j {
            if filled[i] > 0 { unlink(i) }
            if filled[j] > 0 { unlink(j) }
            swap(&storage[i], &storage[j])
            swap(&filled[i], &filled[j])
            if filled[i] > 0 { linkAtTail(i) }
            if filled[j] > 0 { linkAtTail(j) }
        }
        // A column longer than every exchanged index takes every exchange: a plain loop of
        // loads and stores over the pairs, without the per-pair length tests.
        let moves = pairs.filter { $0.0 != $0.1 }.map { (min($0.0, $0.1), max($0.0, $0.1)) }
        let highest = moves.reduce(-1) { max($0, $1.1) }
        var slot = next[sentinel]
        while slot != sentinel {
            let following = next[slot]
            let length = filled[slot]
            if length > highest, let pointer = storage[slot] {
                moves.withUnsafeBufferPointer { exchanges in
                    for (low, high) in exchanges {
                        let value = pointer[low]
                        pointer[low] = pointer[high]
                        pointer[high] = value
                    }
                }
            } else if let pointer = storage[slot] {
                for (i, j) in pairs where i != j {
                    let low = min(i, j), high = max(i, j)
                    guard length > low else { continue }
                    guard length > high else {
                        evict(slot)
                        break
                    }
                    let value = pointer[low]
                    pointer[low] = pointer[high]
                    pointer[high] = value
                }
            }
            slot = following
        }
    }
}
