import LinearAlgebra
@testable import SVM
import Testing
import TestSupport

/// `SVC.accumulateMachineValues` sums four held-out rows at once; reference: the one-row loop
/// g(x) = b + Σₖ βₖ K(svₖ, x) in support-vector order, written out here, compared bit for bit.
@Suite struct MachineValuesTests {
    @Test func fourRowsAtOnceEqualTheOneRowLoop() throws {
        var generator = SplitMix64(seed: 51)
        let rows = 90, features = 3
        let x = try Matrix(rows: rows, columns: features,
                           storage: (0..<rows * features).map { _ in Double.random(in: -1...1, using: &generator) })
        let labels = (0..<rows).map { ["a", "b", "c"][$0 % 3] }
        let model = try SVCParameters(c: 1.5, kernel: KernelParameters(kind: .rbf, gamma: .value(0.8))).fit(x, labels: labels)
        // A stand-in "kernel block": 11 held-out rows (not a multiple of four) × the training rows.
        let held = 11
        let block = try Matrix(rows: held, columns: rows,
                               storage: (0..<held * rows).map { _ in Double.random(in: -1...1, using: &generator) })
        var values = Matrix.zeros(held + 2, model.machines.count)
        model.accumulateMachineValues(trainingKernel: block, firstRow: 2, into: &values)
        for (index, machine) in model.machines.enumerated() {
            for row in 0..<held {
                var sum = machine.intercept
                for (position, coefficient) in zip(machine.supportPositions, machine.dualCoefficients) {
                    sum += coefficient * block[row, model.supportVectors.indices[position]]
                }
                #expect(values[2 + row, index] == sum, "machine \(index), row \(row)")
            }
        }
        #expect(model.machines.count == 3)
    }
}
