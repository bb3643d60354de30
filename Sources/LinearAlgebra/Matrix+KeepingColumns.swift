extension Matrix {
    /// Keeps only the columns at `indices` (strictly increasing), in place: the kept entries of
    /// row i move to `storage[i·k ..< (i + 1)·k]`, k = `indices.count`.
    ///
    /// Safe without a second buffer because no entry is overwritten before it is read: entry
    /// (i, t) moves from i·columns + indices[t] to i·k + t, which is never later (k ≤ columns and
    /// indices[t] ≥ t), and rows move in increasing order. Runs of consecutive indices move as
    /// one block (one `memmove` per row for "every column but the target").
    ///
    /// Nothing is allocated when the storage is uniquely referenced — a table read only to be
    /// cut into a dataset — so its pages are neither copied nor faulted in again; a shared
    /// storage is copied first (copy-on-write), as `selectingColumns` would.
    package mutating func keepColumns(_ indices: [Int]) {
        precondition(indices.indices.allSatisfy { indices[$0] >= 0 && indices[$0] < columns && ($0 == 0 || indices[$0 - 1] < indices[$0]) },
                     "keepColumns needs strictly increasing column indices in range")
        let (n, k) = (rows, indices.count)
        guard k < columns else { return }
        var runs: [(start: Int, length: Int)] = []
        for j in indices {
            if let last = runs.last, last.start + last.length == j { runs[runs.count - 1].length += 1 } else { runs.append((j, 1)) }
        }
        var kept = elements
        elements = []   // the only reference now, unless the caller shares the storage
        kept.withUnsafeMutableBufferPointer { s in
            guard let base = s.baseAddress else { return }
            var destination = 0
            for i in 0..<n {
                let row = i * columns
                for run in runs {
                    // Source and destination may overlap: copyMemory is memmove.
                    UnsafeMutableRawPointer(base + destination)
                        .copyMemory(from: base + row + run.start, byteCount: run.length * MemoryLayout<Double>.stride)
                    destination += run.length
                }
            }
        }
        kept.removeLast(kept.count - n * k)
        self = Matrix(uncheckedRows: n, columns: k, storage: kept)
    }
}

extension Matrix {
    /// Keeps only the rows at `indices` (strictly increasing), in place: kept row t moves to
    /// `storage[t·columns ..< (t + 1)·columns]`. As in `keepColumns`, no entry is overwritten
    /// before it is read (row indices[t] ≥ t moves down, rows in increasing order), runs of
    /// consecutive rows move as one block, a leading run does not move at all (keeping every row
    /// but the last is only a shorter count), and a uniquely referenced storage is not copied.
    package mutating func keepRows(_ indices: [Int]) {
        precondition(indices.indices.allSatisfy { indices[$0] >= 0 && indices[$0] < rows && ($0 == 0 || indices[$0 - 1] < indices[$0]) },
                     "keepRows needs strictly increasing row indices in range")
        let (k, width) = (indices.count, columns)
        guard k < rows else { return }
        var kept = elements
        elements = []   // the only reference now, unless the caller shares the storage
        kept.withUnsafeMutableBufferPointer { s in
            guard let base = s.baseAddress else { return }
            var t = 0
            while t < k {
                var end = t + 1
                while end < k, indices[end] == indices[end - 1] + 1 { end += 1 }
                if indices[t] != t {
                    // Source and destination may overlap: copyMemory is memmove.
                    UnsafeMutableRawPointer(base + t * width)
                        .copyMemory(from: base + indices[t] * width, byteCount: (end - t) * width * MemoryLayout<Double>.stride)
                }
                t = end
            }
        }
        kept.removeLast(kept.count - k * width)
        self = Matrix(uncheckedRows: k, columns: width, storage: kept)
    }
}
