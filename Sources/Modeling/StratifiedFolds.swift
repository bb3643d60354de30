import LinearAlgebra

/// Seeded, stratified K-fold assignment, shared by every classifier's cross-validation.
public enum StratifiedFolds {
    /// The fold (0..<k) of every row: each class's rows, in class-index order, are shuffled by a
    /// `SeededGenerator(seed)` Fisher–Yates (one generator for all classes) and dealt round robin,
    /// the count continuing from class to class — so every fold gets ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of
    /// class c and fold sizes differ by at most one.
    public static func assign(classCodes codes: [Int], classCount: Int, folds k: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var fold = [Int](repeating: 0, count: codes.count)
        var dealt = 0
        for code in 0..<classCount {
            var rows = codes.indices.filter { codes[$0] == code }
            if rows.count > 1 {
                for i in stride(from: rows.count - 1, to: 0, by: -1) {
                    rows.swapAt(i, Int(generator.next() % UInt64(i + 1)))
                }
            }
            for row in rows {
                fold[row] = dealt % k
                dealt += 1
            }
        }
        return fold
    }
}
