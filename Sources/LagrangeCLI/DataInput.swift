import Lagrange

/// What the fit commands need to know about their input, whether the command names a target
/// (`DataOptions`) or, like PCA, only leaves columns out (`PCADataOptions`).
protocol DataInput {
    var data: String { get }
    /// `--data` as given (nil when the command reads `--stats` instead).
    var dataPath: String? { get }
    var format: DataFormatArgument? { get }
    /// The target column (for PCA: one more column left out).
    var target: String? { get }
    /// `--drop` with its comma lists split.
    var droppedColumns: [String] { get }
    func csvOptions() throws -> CSVOptions
    func dataset(task: LearningTask) throws -> Dataset
}

extension DataOptions: DataInput {}
extension PCADataOptions: DataInput {}
