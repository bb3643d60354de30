import LinearAlgebra

/// Inner products Gₐᵦ = xₐᵀxᵦ/n among the features that have been in a coordinate-descent
/// working set, so sweeps over a working set W can run in gradient form (`CoordinateDescent`'s
/// Gram settle): with gₐ = xₐᵀr/n kept for a ∈ W, a move Δβⱼ costs
///
///     g_W ← g_W − Δβⱼ · G₍W,ⱼ₎      (|W| multiply-adds instead of the 2n of the residual update),
///
/// and a visit that leaves βⱼ at zero costs O(1) instead of the n of xⱼᵀr. On a wide design
/// (p ≫ n) the working sets are a small part of the features, so G over their union stays small.
///
/// Features are cached in the order they first enter (slot 0, 1, …) and never leave, so along a
/// path each entry is computed once: a batch B of new features costs one `dgemm`
/// X_Bᵀ[X_cached, X_B]/n (|B|·(count + |B|)·n multiply-adds). The cached columns are packed
/// contiguously for it (n doubles per feature, room for `limit` reserved at the first batch).
/// At most `limit` features are cached; past it `include` refuses and the solver sweeps with the
/// residual instead. G is kept at row stride `limit` from the first batch on (`GramStorage`:
/// pages are supplied as rows fill), so the cache never grows by copying.
struct WorkingGram {
    let sampleCount: Int
    /// Most features cached (G costs limit² doubles at most).
    let limit: Int
    /// Slot of feature j, −1 when not cached.
    private(set) var slotOf: [Int]
    /// Feature of each slot.
    private(set) var features: [Int] = []
    /// Cached columns, slot after slot (n each).
    private var packed: [Double] = []
    /// G by slots: row s at `entries[s · stride ..< s · stride + count]` (read in place by
    /// `GramBlock(cache:members:…)`); made at the first batch.
    private(set) var entries: GramStorage?
    /// The row stride of `entries`.
    var stride: Int { limit }

    var count: Int { features.count }

    init(featureCount: Int, sampleCount: Int, limit: Int) {
        self.sampleCount = sampleCount
        self.limit = limit
        slotOf = [Int](repeating: -1, count: featureCount)
    }

    /// Caches every feature of `members` not cached yet; false (nothing changed) when that would
    /// pass `limit`.
    mutating func include(_ members: [Int], design: Design) -> Bool {
        var fresh: [Int] = []
        for j in members where slotOf[j] < 0 { fresh.append(j) }
        guard !fresh.isEmpty else { return true }
        let (n, old, k) = (sampleCount, count, fresh.count)
        guard old + k <= limit else { return false }
        if entries == nil {
            entries = GramStorage(count: limit * limit)
            packed.reserveCapacity(limit * n)
        } else if !isKnownUniquelyReferenced(&entries!) {
            entries = entries!.copy(used: old * stride)
        }
        design.columns.withUnsafeBufferPointer { x in
            for j in fresh { packed.append(contentsOf: x[j * n ..< (j + 1) * n]) }
        }
        let total = old + k
        // C (k × total) = X_freshᵀ [X_cached, X_fresh] / n.
        var block = [Double](repeating: 0, count: k * total)
        packed.withUnsafeBufferPointer { columns in
            block.withUnsafeMutableBufferPointer { c in
                BLAS.multiplyByTranspose(rows: k, columns: total, depth: n, alpha: 1 / Double(n),
                                         columns.baseAddress! + old * n, columns.baseAddress!, into: c.baseAddress!)
            }
        }
        let stride = self.stride
        entries!.withUnsafeMutableBufferPointer { g in
            block.withUnsafeBufferPointer { c in
                for a in 0..<k {
                    let row = g.baseAddress! + (old + a) * stride
                    for t in 0..<total { row[t] = c[a * total + t] }
                }
                // Mirrored, so G is exactly symmetric: the old rows' entries against the new slots
                // (row by row: |B| adjacent entries per old row, where a column at a time touched
                // every old row |B| times), and one triangle of the new block.
                for t in 0..<old {
                    let row = g.baseAddress! + t * stride + old
                    for a in 0..<k { row[a] = c[a * total + t] }
                }
                for a in 0..<k {
                    for b in 0..<a { g[(old + a) * stride + old + b] = g[(old + b) * stride + old + a] }
                }
            }
        }
        for (a, j) in fresh.enumerated() {
            slotOf[j] = old + a
            features.append(j)
        }
        return true
    }

    /// Gₐᵦ for the cached features a and b.
    func entry(_ a: Int, _ b: Int) -> Double {
        entries!.withUnsafeBufferPointer { $0[slotOf[a] * stride + slotOf[b]] }
    }

    /// G₍W,W₎ for the cached features `members` (row-major, |W| × |W|).
    func block(_ members: [Int]) -> [Double] {
        var out: [Double] = []
        block(members, into: &out)
        return out
    }

    /// The same block written into `storage`'s first |W|² entries (row-major, stride |W|), its
    /// buffer reused when it is large enough, else replaced by one with room to grow; entries past
    /// |W|² are left as they were.
    func block(_ members: [Int], into storage: inout [Double]) {
        let m = members.count
        if storage.count < m * m {
            storage = [Double](repeating: 0, count: max(m * m, storage.count + storage.count / 2))
        }
        let slots = members.map { slotOf[$0] }
        guard let entries else { return }
        let stride = self.stride
        slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { g in
                storage.withUnsafeMutableBufferPointer { out in
                    for a in 0..<m {
                        let row = g.baseAddress! + slots[a] * stride
                        let target = out.baseAddress! + a * m
                        for b in 0..<m { target[b] = row[slots[b]] }
                    }
                }
            }
        }
    }
}
