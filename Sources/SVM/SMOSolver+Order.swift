extension SMOSolver {
    /// The order the solver (and Q) ended in: position t holds the problem's variable
    /// `currentOrder[t]` (a `DualProblem.qOrder` for the next solve on this Q).
    var currentOrder: [Int] { (0..<count).map { originalIndex[$0] } }

    /// Puts every variable back at its original position (the problem's order), in the solver
    /// and in Q: shrinking leaves both permuted, and a Q reused by a later solve (a warm-started
    /// path over C, which keeps the kernel cache) must be in the order its new problem states.
    /// A cycle sort by exchanges: each exchange puts at least one variable in its place.
    func restoreOriginalOrder() {
        var positionOf = [Int](repeating: 0, count: count)
        for t in 0..<count { positionOf[originalIndex[t]] = t }
        for target in 0..<count where originalIndex[target] != target {
            let source = positionOf[target]
            let displaced = originalIndex[target]
            swapVariables(target, source)
            positionOf[displaced] = source
            positionOf[target] = target
        }
        flushPendingSwaps()
        activeSize = count
    }
}
