@testable import SVM
import Testing
import TestSupport

/// Unit tests of `KernelColumnCache`: eviction order, the byte budget and its accounting, the
/// stated lifetime of a returned column, and index swaps. Columns hold a pattern that names
/// every entry (column a, entry b ↦ 1000a + b, exact in Float), so a misplaced or stale entry
/// shows as a wrong number.
@Suite struct KernelColumnCacheTests {
    static func pattern(_ column: Int, _ entry: Int) -> Float { Float(1000 * column + entry) }

    /// A cache together with the order of its variables (position → original index; slots and
    /// entries are indexed by the same variables), so the expected content of any cached entry
    /// is known after any swaps.
    final class Harness {
        let cache: KernelColumnCache
        let slots: Int
        var order: [Int]

        init(slots: Int, maximumLength: Int, budgetBytes: Int) {
            cache = KernelColumnCache(slotCount: slots, maximumLength: maximumLength, budgetBytes: budgetBytes)
            self.slots = slots
            order = Array(0..<max(slots, maximumLength))
        }

        /// Requests column `slot` at `length`, checks that the cached prefix holds the pattern of
        /// the variables now at those positions, fills the rest, and returns the pointer.
        @discardableResult
        func fetch(_ slot: Int, length: Int, sourceLocation: SourceLocation = #_sourceLocation) -> (pointer: UnsafeMutablePointer<Float>, valid: Int) {
            let (pointer, valid) = cache.column(slot, length: length)
            #expect(valid <= length, sourceLocation: sourceLocation)
            for t in 0..<min(valid, length) where pointer[t] != KernelColumnCacheTests.pattern(order[slot], order[t]) {
                Issue.record("column \(slot) entry \(t): \(pointer[t]), expected \(KernelColumnCacheTests.pattern(order[slot], order[t]))",
                             sourceLocation: sourceLocation)
                break
            }
            for t in valid..<length { pointer[t] = KernelColumnCacheTests.pattern(order[slot], order[t]) }
            return (pointer, valid)
        }

        func swap(_ pairs: [(Int, Int)]) {
            cache.swapSlots(pairs)
            for (i, j) in pairs { order.swapAt(i, j) }
        }

        /// The accounting the cache claims: `cachedFloats` is the sum of the cached lengths and
        /// within `budgetFloats`, and the recency list holds exactly the cached slots.
        func checkAccounting(sourceLocation: SourceLocation = #_sourceLocation) {
            let lengths = (0..<slots).map { cache.cachedLength($0) }
            #expect(cache.cachedFloats == lengths.reduce(0, +), sourceLocation: sourceLocation)
            #expect(cache.cachedFloats <= cache.budgetFloats, sourceLocation: sourceLocation)
            #expect(cache.slotsByRecency.sorted() == (0..<slots).filter { lengths[$0] > 0 }, sourceLocation: sourceLocation)
        }
    }

    /// Budget of exactly four full columns (4 × 10 Floats = 160 bytes). Requests 0, 1, 2, 3 fill
    /// it; a hit on 1 makes it the most recent; then 4 must evict 0 (the least recent) and 5
    /// must evict 2, leaving, least recent first, 3, 1, 4, 5.
    @Test func evictsTheLeastRecentlyUsedColumn() {
        let harness = Harness(slots: 6, maximumLength: 10, budgetBytes: 160)
        #expect(harness.cache.budgetFloats == 40)
        for slot in 0..<4 { #expect(harness.fetch(slot, length: 10).valid == 0) }
        #expect(harness.cache.slotsByRecency == [0, 1, 2, 3])
        #expect(harness.cache.cachedFloats == 40)
        #expect(harness.fetch(1, length: 10).valid == 10)
        #expect(harness.cache.slotsByRecency == [0, 2, 3, 1])
        harness.fetch(4, length: 10)
        #expect(harness.cache.slotsByRecency == [2, 3, 1, 4])
        #expect(harness.cache.cachedLength(0) == 0)
        harness.fetch(5, length: 10)
        #expect(harness.cache.slotsByRecency == [3, 1, 4, 5])
        #expect(harness.cache.cachedLength(2) == 0)
        #expect(harness.cache.cachedFloats == 40)
        // A shorter request than what is cached is a hit and keeps the column whole.
        #expect(harness.fetch(3, length: 4).valid == 4)
        #expect(harness.cache.cachedLength(3) == 10)
        #expect(harness.cache.slotsByRecency == [1, 4, 5, 3])
        harness.checkAccounting()
    }

    /// A column first cached over a prefix and then asked for in full keeps the prefix (only
    /// the rest is computed) and costs only the extra entries; partial columns count their
    /// length, not the maximum.
    @Test func growingAColumnKeepsItsPrefix() {
        let harness = Harness(slots: 4, maximumLength: 10, budgetBytes: 1 << 10)
        #expect(harness.fetch(2, length: 4).valid == 0)
        #expect(harness.cache.cachedFloats == 4)
        #expect(harness.fetch(2, length: 10).valid == 4)
        #expect(harness.cache.cachedFloats == 10)
        #expect(harness.fetch(2, length: 10).valid == 10)
        harness.checkAccounting()
    }

    /// The budget is bytes / 4 Floats, raised to two full columns: 0 bytes, 1 byte and just
    /// under one column all give 2 × maximumLength. With that budget, alternating among three
    /// full columns, each request keeps the column returned just before it (its pointer still
    /// reads its pattern) and evicts the one before that.
    @Test(arguments: [0, 1, 4 * 50 - 4])
    func budgetSmallerThanOneColumnIsRaisedToTwo(budgetBytes: Int) {
        let harness = Harness(slots: 3, maximumLength: 50, budgetBytes: budgetBytes)
        #expect(harness.cache.budgetFloats == 100)
        var previous: (slot: Int, pointer: UnsafeMutablePointer<Float>)?
        for step in 0..<30 {
            let slot = step % 3
            let (pointer, valid) = harness.fetch(slot, length: 50)
            #expect(valid == 0, "a third column never fits")
            if let previous {
                #expect(harness.cache.cachedLength(previous.slot) == 50)
                #expect((0..<50).allSatisfy { previous.pointer[$0] == Self.pattern(previous.slot, $0) })
            }
            #expect(harness.cache.cachedFloats == (step == 0 ? 50 : 100))
            previous = (slot, pointer)
        }
        harness.checkAccounting()
    }

    /// The lifetime in the cache's doc comment, on a budget of 2.5 full columns under random
    /// requests (random slots, random lengths): after every request, the column returned by the
    /// request before it — unless the new request was for the same slot with a larger length —
    /// is still cached at its length, at the same address, with the same entries. And the
    /// accounting holds after every request.
    @Test func aColumnStaysValidForItsStatedLifetime() {
        let length = 40
        let harness = Harness(slots: 12, maximumLength: length, budgetBytes: 4 * (5 * length / 2))
        var generator = SplitMix64(seed: 3)
        var previous: (slot: Int, length: Int, pointer: UnsafeMutablePointer<Float>)?
        var survived = 0
        for _ in 0..<3000 {
            let slot = Int.random(in: 0..<12, using: &generator)
            let requested = Int.random(in: 1...length, using: &generator)
            let (pointer, _) = harness.fetch(slot, length: requested)
            if let previous, previous.slot != slot || requested <= previous.length {
                #expect(harness.cache.cachedLength(previous.slot) >= previous.length)
                if previous.slot == slot { #expect(pointer == previous.pointer) }
                let intact = (0..<previous.length).allSatisfy { previous.pointer[$0] == Self.pattern(previous.slot, $0) }
                #expect(intact)
                survived += 1
            }
            harness.checkAccounting()
            previous = (slot, requested, pointer)
        }
        #expect(survived > 2500)
    }

    /// Exchanges move whole columns between slots and exchange entries inside every cached
    /// column; a column that holds entry min(i, j) but not max(i, j) is dropped. Hand cases on
    /// a column of length 3, then random batches (as shrinking makes them) checked against the
    /// pattern of the permuted order on every later request.
    @Test func swapsMoveColumnsAndEntries() {
        let harness = Harness(slots: 8, maximumLength: 8, budgetBytes: 1 << 12)
        harness.fetch(0, length: 3)
        harness.fetch(1, length: 8)
        harness.swap([(4, 6)])  // beyond column 0's length: it stays as it was
        #expect(harness.cache.cachedLength(0) == 3)
        harness.swap([(0, 2)])  // column 0 moves to slot 2; entries 0 and 2 exchange in both columns
        #expect(harness.cache.cachedLength(0) == 0 && harness.cache.cachedLength(2) == 3)
        #expect(harness.fetch(2, length: 3).valid == 3)
        #expect(harness.fetch(1, length: 8).valid == 8)
        harness.swap([(1, 5)])  // the length-3 column (slot 2) has entry 1 but not 5: dropped
        #expect(harness.cache.cachedLength(2) == 0)
        #expect(harness.cache.cachedLength(5) == 8)
        harness.checkAccounting()

        var generator = SplitMix64(seed: 17)
        let random = Harness(slots: 30, maximumLength: 30, budgetBytes: 4 * 30 * 6)
        for _ in 0..<200 {
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                random.fetch(Int.random(in: 0..<30, using: &generator), length: Int.random(in: 1...30, using: &generator))
            }
            let active = Int.random(in: 2...30, using: &generator)
            let pairs = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                (Int.random(in: 0..<active, using: &generator), Int.random(in: 0..<active, using: &generator))
            }
            random.swap(pairs)
            random.checkAccounting()
        }
        for slot in 0..<30 { random.fetch(slot, length: 30) }
    }
}
