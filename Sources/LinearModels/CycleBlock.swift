/// The coordinates the inner cycles of one Gram settle run on (`gramSettle`): the non-zero
/// positions of the settle's block, with G among them gathered row-major at a fixed row stride,
/// kept from one cycle to the next.
///
/// Between two cycles the support changes by a few coordinates, so the block is updated rather
/// than gathered afresh: members back at zero leave (`retain`: the last member's row and column
/// take a leaving member's place), and only the new members' rows and columns are read from the
/// settle's block (`admit`: |new| · |members| scattered reads instead of |members|²).
/// Measured on the 500 × 10,000 path at tolerance 6.25e-5 (callgrind, one run): fresh gathers
/// were 65M of the settle's 650M instructions, the admissions 22M (a removal costs O(|members|)).
/// The members are the same coordinates as a fresh gather's; only their order differs, so the
/// cycles' random orders visit them in another sequence.
struct CycleBlock {
    /// Positions in the settle's block (a leaving member's index goes to the last member).
    private(set) var positions: [Int] = []
    /// G among `positions`: entry (a, b) at `gram[a · stride + b]`.
    private(set) var gram: [Double] = []
    private(set) var stride = 0
    /// Whether each position of the settle's block is a member.
    private var isMember: [Bool]

    /// Rows reserved beyond the members when the storage grows (it grows by half at least).
    static let minimumStride = 32

    init(blockSize: Int) {
        isMember = [Bool](repeating: false, count: blockSize)
    }

    /// No members, for a settle's block of `blockSize` positions; the storage is kept (a fresh
    /// one per settle cost ~12k page faults over the 500 × 10,000 path).
    mutating func reset(blockSize: Int) {
        positions.removeAll(keepingCapacity: true)
        isMember = [Bool](repeating: false, count: blockSize)
    }

    var count: Int { positions.count }

    func contains(_ position: Int) -> Bool { isMember[position] }

    /// Adds `fresh` (positions not members yet), reading their entries of G from `block`.
    mutating func admit(_ fresh: [Int], from block: GramBlock) {
        guard !fresh.isEmpty else { return }
        let old = positions.count, total = old + fresh.count
        if total > stride { grow(to: max(total + total / 2, Self.minimumStride)) }
        for a in fresh { isMember[a] = true }
        positions += fresh
        let slots = positions.map { block.slots[$0] }
        let s = stride
        // Unsafe pointers: |fresh| · |members| scattered reads per admission, the loop this type exists to keep short.
        block.gram.withUnsafeBufferPointer { source in
            gram.withUnsafeMutableBufferPointer { target in
                slots.withUnsafeBufferPointer { slots in
                    for a in old..<total {
                        let row = source.baseAddress! + slots[a] * block.stride
                        let out = target.baseAddress! + a * s
                        for b in 0..<total { out[b] = row[slots[b]] }
                        // G is exactly symmetric (`WorkingGram` mirrors it), so the new column is the new row.
                        for b in 0..<old { target[b * s + a] = out[b] }
                    }
                }
            }
        }
    }

    /// Keeps only the members `keep` says to. Each leaving member's row and column are
    /// overwritten by the last member's (which takes its index): O(|members|) per leaving
    /// member, where compacting every kept row cost O(|members|²) per change (measured: 122M
    /// instructions on the 500 × 10,000 path, more than the fresh gathers it replaced).
    mutating func retain(where keep: (Int) -> Bool) {
        var a = 0
        let s = stride
        while a < positions.count {
            guard !keep(positions[a]) else { a += 1; continue }
            isMember[positions[a]] = false
            let last = positions.count - 1
            if a < last {
                // Unsafe pointers: a row and a column of the block per leaving member.
                gram.withUnsafeMutableBufferPointer { g in
                    let base = g.baseAddress!
                    // Row a ← row last, then column a ← column last (which makes (a, a) the last's diagonal).
                    (base + a * s).update(from: base + last * s, count: last + 1)
                    for b in 0...last { base[b * s + a] = base[b * s + last] }
                }
                positions[a] = positions[last]
            }
            positions.removeLast()
        }
    }

    /// Larger storage with the entries kept.
    private mutating func grow(to newStride: Int) {
        gram = Self.regrown(gram, size: positions.count, stride: stride, to: newStride)
        stride = newStride
    }

    /// The leading `size` × `size` block of the square array `square` (row stride `stride`) in a
    /// zeroed `newStride` × `newStride` array (the storage growth of `CycleBlock` and `FaceFactor`).
    static func regrown(_ square: [Double], size: Int, stride: Int, to newStride: Int) -> [Double] {
        var larger = [Double](repeating: 0, count: newStride * newStride)
        square.withUnsafeBufferPointer { g in
            larger.withUnsafeMutableBufferPointer { h in
                for s in 0..<size {
                    for t in 0..<size { h[s * newStride + t] = g[s * stride + t] }
                }
            }
        }
        return larger
    }
}
