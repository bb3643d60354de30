import ArgumentParser
import Lagrange

/// The preprocessing options of every `fit`: learned on the training data and saved in the
/// model (kind `pipeline`), so `predict` and `evaluate` apply them to raw rows. Without them a
/// fit is exactly what it was before they existed.
struct PreprocessingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Missing cells: fail (default), omit (leave incomplete rows out), mean, median or most-frequent (text columns: most frequent level).",
                               valueName: "strategy"))
    var missing: MissingValueStrategy = .fail

    @Option(help: ArgumentHelp("Encode text feature columns: onehot (one 0/1 column 'column=level' per level).", valueName: "encoding"))
    var encode: EncodingArgument?

    @Flag(name: .customLong("drop-first"), help: "With --encode onehot, give the first level of each text column no column (R's treatment contrasts).")
    var dropFirst = false

    @Option(help: ArgumentHelp("A level not seen in training, at predict time: error (default) or ignore (all zeros).", valueName: "policy"))
    var unknown: UnknownLevelPolicy?

    @Option(help: ArgumentHelp("Scale the features: none (default), standard (z = (x − mean)/sd) or minmax (to [−1, 1]).", valueName: "method"))
    var scale: ScalingMethod = .none

    @Option(help: ArgumentHelp("Keep only these feature columns (comma-separated; repeatable).", valueName: "a,b"))
    var features: [String] = []

    @Flag(name: .customLong("ignore-text"), help: "Leave out every feature column that holds text.")
    var ignoreText = false

    func validate() throws {
        if dropFirst, encode == nil { throw ValidationError("--drop-first applies with --encode onehot") }
        if unknown != nil, encode == nil { throw ValidationError("--unknown applies with --encode onehot") }
        if !features.isEmpty, featureList.isEmpty { throw ValidationError("--features needs at least one column name") }
    }

    /// `--features` with its comma lists split (nil when not given).
    var featureList: [String] { features.flatMap(splitColumnList) }

    /// Whether a pipeline is needed: some missing-value, encoding or scaling option.
    var transforms: Bool { missing != .fail || encode != nil || scale != .none }

    /// Whether the columns are chosen by a preprocessing option.
    var selectsColumns: Bool { !features.isEmpty || ignoreText }

    func parameters(standardDeviation: StandardDeviationConvention = .population) -> PreprocessingParameters {
        PreprocessingParameters(missing: missing, encoding: encode == nil ? .none : .oneHot(dropFirst: dropFirst),
                                unknownLevels: unknown ?? .error, scaling: scale,
                                standardDeviation: scale == .standard ? standardDeviation : .population)
    }

    func selection(_ data: some DataInput, reserved: [String] = []) -> ColumnSelection {
        ColumnSelection(target: data.target, features: features.isEmpty ? nil : featureList, drop: data.droppedColumns,
                        ignoreText: ignoreText, reserved: reserved)
    }
}

/// `--encode onehot`.
enum EncodingArgument: String, ExpressibleByArgument, CaseIterable {
    case onehot
}

extension MissingValueStrategy: ExpressibleByArgument {}
extension UnknownLevelPolicy: ExpressibleByArgument {}
extension ScalingMethod: ExpressibleByArgument {}
