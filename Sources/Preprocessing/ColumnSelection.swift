import DataIO
import LinearAlgebra

/// Which columns of a table are features and which one is the target.
///
/// Features are every column except the target, in file order, narrowed by `features` (keep
/// only these), `drop` (leave these out) and `ignoreText` (leave out every column with a text
/// cell). A name that is not a column, the target among the features or the dropped columns,
/// a text column both asked for and ignored, or nothing left are errors.
public struct ColumnSelection: Sendable, Equatable {
    /// The target column; nil means the last column (supervised) or none (unsupervised).
    public var target: String?
    /// Keep only these columns as features (nil: every column).
    public var features: [String]?
    public var drop: [String]
    public var ignoreText: Bool
    /// Columns left out besides the target, for a role of their own (PCA's report labels).
    public var reserved: [String]

    public init(target: String? = nil, features: [String]? = nil, drop: [String] = [], ignoreText: Bool = false,
                reserved: [String] = []) {
        self.target = target
        self.features = features
        self.drop = drop
        self.ignoreText = ignoreText
        self.reserved = reserved
    }

    /// The feature column names (file order) and the target's name, for `task`.
    public func resolve(_ table: CSVTable, task: LearningTask) throws -> (features: [String], target: String?) {
        // Set lookups throughout: lists of thousands of names against thousands of columns would
        // otherwise cost O(p²) string comparisons.
        let columnSet = Set(table.columnNames)
        for name in drop + (features ?? []) + reserved where !columnSet.contains(name) { _ = try table.columnIndex(name) }
        let (dropSet, reservedSet, featureSet) = (Set(drop), Set(reserved), features.map(Set.init))
        var targetName = try target.map { table.columnNames[try table.columnIndex($0)] }
        if targetName == nil, task != .unsupervised { targetName = table.columnNames.last }
        if let targetName {
            let role = target == nil ? "the target '\(targetName)' (the last column, the default target)" : "the target '\(targetName)'"
            if drop.contains(targetName) {
                throw DataError(.unknownColumn, file: table.source, "\(role) is also in --drop; name the target with --target")
            }
            if features?.contains(targetName) == true {
                throw DataError(.unknownColumn, file: table.source, "\(role) is also in --features; name the target with --target")
            }
        }
        if features != nil, !drop.isEmpty {
            throw DataError(.unknownColumn, file: table.source, "give --features or --drop, not both")
        }
        var chosen: [Int] = []
        for (j, name) in table.columnNames.enumerated() {
            guard name != targetName, !dropSet.contains(name), !reservedSet.contains(name) else { continue }
            if let featureSet, !featureSet.contains(name) { continue }
            let isText = table.firstText[j] != nil
            if isText, ignoreText {
                if features != nil {
                    throw DataError(.unknownColumn, file: table.source,
                                    "column '\(name)' is in --features but holds text, and --ignore-text leaves text columns out")
                }
                continue
            }
            chosen.append(j)
        }
        guard !chosen.isEmpty else {
            throw DataError(.notEnoughColumns, file: table.source,
                            "no feature columns are left after taking out the target, --drop, --features and --ignore-text\(table.delimiterHint)")
        }
        return (chosen.map { table.columnNames[$0] }, task == .unsupervised ? nil : targetName)
    }
}
