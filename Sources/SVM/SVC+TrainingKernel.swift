import LinearAlgebra

extension SVC {
    /// Adds the machine values g(x) = Σₖ βₖ K(svₖ, x) + b of rows `firstRow ..< firstRow +
    /// block.rows` into `values` (one column per machine), from `block`, the kernel values of
    /// those rows with every training row this model was fitted on (support vector k is training
    /// row `supportVectors.indices[k]`).
    ///
    /// For evaluating many models fitted on one training set (a C-path) on one held-out set:
    /// the block K(X_held, X_train) is computed once and read by every model, where `predict`
    /// would compute K(X_held, SV) again for each. The sums run in the order `machineValues`
    /// uses; the kernel values come from another matrix product (another shape, so possibly
    /// another summation order), so the values agree with `decisionFunction` to rounding.
    func accumulateMachineValues(trainingKernel block: Matrix, firstRow: Int, into values: inout Matrix) {
        let n = block.columns
        let trainingIndex = supportVectors.indices
        block.storage.withUnsafeBufferPointer { k in
            for (index, machine) in machines.enumerated() {
                let columns = machine.supportPositions.map { trainingIndex[$0] }
                for row in 0..<block.rows {
                    var sum = machine.intercept
                    for (column, coefficient) in zip(columns, machine.dualCoefficients) {
                        sum += coefficient * k[row * n + column]
                    }
                    values[firstRow + row, index] = sum
                }
            }
        }
    }
}
