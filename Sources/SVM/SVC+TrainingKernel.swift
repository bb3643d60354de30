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
    ///
    /// Four rows at a time: their four sums are independent (one vector of four), so the adds
    /// do not wait on each other; each sum still takes its terms one by one in support-vector
    /// order, so every value is the one-row loop's bit for bit.
    func accumulateMachineValues(trainingKernel block: Matrix, firstRow: Int, into values: inout Matrix) {
        let n = block.columns, rows = block.rows
        let trainingIndex = supportVectors.indices
        block.storage.withUnsafeBufferPointer { kernel in
            let k = kernel.baseAddress!
            for (index, machine) in machines.enumerated() {
                let columns = machine.supportPositions.map { trainingIndex[$0] }
                columns.withUnsafeBufferPointer { columns in
                    machine.dualCoefficients.withUnsafeBufferPointer { coefficients in
                        var row = 0
                        while row + 4 <= rows {
                            let r0 = k + row * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n
                            var sums = SIMD4<Double>(repeating: machine.intercept)
                            for s in 0..<columns.count {
                                let c = columns[s]
                                sums += SIMD4(repeating: coefficients[s]) * SIMD4(r0[c], r1[c], r2[c], r3[c])
                            }
                            for lane in 0..<4 { values[firstRow + row + lane, index] = sums[lane] }
                            row += 4
                        }
                        while row < rows {
                            var sum = machine.intercept
                            for s in 0..<columns.count { sum += coefficients[s] * k[row * n + columns[s]] }
                            values[firstRow + row, index] = sum
                            row += 1
                        }
                    }
                }
            }
        }
    }
}
