import DataIO
import LinearAlgebra

/// The jobs of a K-fold grid search: one per (γ, fold), each fitting a whole path (over C or ν)
/// on its training rows. Jobs run concurrently on the thread budget, each with its share of the
/// kernel-cache budget; a job's result does not depend on what runs beside it.
struct GridJobs {
    let gammaCount: Int
    let folds: Int
    /// Jobs running at once: min(jobs, thread budget).
    let workers: Int

    init(gammaCount: Int, folds: Int, threads: Int) {
        self.gammaCount = gammaCount
        self.folds = folds
        workers = min(gammaCount * folds, max(1, threads))
    }

    /// `job(g, fold)` for every γ index g and fold, γ-major: result g·folds + fold.
    func run<Score>(_ job: (_ gamma: Int, _ fold: Int) throws -> [Score]) throws -> [[Score]] {
        try Parallel.map(gammaCount * folds, threads: workers) { index in
            let (g, fold) = index.quotientAndRemainder(dividingBy: folds)
            return try job(g, fold)
        }
    }

    /// The folds' scores of the path's point `point` at γ index `g`.
    func perFold<Score>(_ scores: [[Score]], gamma g: Int, point: Int) -> [Score] {
        (0..<folds).map { scores[g * folds + $0][point] }
    }
}

/// One fold's split of the rows.
struct GridFold {
    let train: [Int]
    let held: [Int]

    init(foldOfRow: [Int], fold: Int) {
        train = foldOfRow.indices.filter { foldOfRow[$0] != fold }
        held = foldOfRow.indices.filter { foldOfRow[$0] == fold }
    }
}

/// How one model of a fold's path classifies the held-out rows, with its certificate and
/// support-vector counts.
struct HeldOutClassification {
    var correct: Int
    var certificate: SVMCertificate
    var supportVectors: Int
    var boundedSupportVectors: Int

    /// Scores every model of a path fitted on `trainX`. The held-out rows' kernel values with the
    /// training rows are computed once, block by block (`Kernel.forEachBlock`), and every model
    /// reads them (`accumulateMachineValues`), instead of each model computing its own K(X_held, SV).
    static func score(_ models: [SVC], kernel: Kernel, trainX: Matrix, heldX: Matrix,
                      heldLabels: [String]) throws -> [HeldOutClassification] {
        var machineValues = models.map { Matrix.zeros(heldX.rows, $0.machines.count) }
        try kernel.forEachBlock(heldX, trainX) { start, block in
            for index in models.indices {
                models[index].accumulateMachineValues(trainingKernel: block, firstRow: start, into: &machineValues[index])
            }
        }
        return models.indices.map { index in
            let model = models[index]
            let predicted = model.voteClassIndices(machineValues[index])
            let counts = model.supportVectorCounts
            return HeldOutClassification(correct: zip(predicted, heldLabels).filter { model.classes[$0] == $1 }.count,
                                         certificate: model.certificate,
                                         supportVectors: counts.reduce(0) { $0 + $1.total },
                                         boundedSupportVectors: counts.reduce(0) { $0 + $1.bounded })
        }
    }
}
