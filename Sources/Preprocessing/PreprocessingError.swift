/// Problems with the cells a preprocessor sees, said in one line a person can act on. Rows are
/// data rows counted from 1 (the header is not a row); option names are the command line's.
public enum PreprocessingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Text feature columns without an encoding: all of them named at once.
    case textColumns([String], source: String)
    /// A missing cell under `missing: .fail`.
    case missingValue(row: Int, column: String, source: String)
    /// A level of a text column that training did not see, under `unknownLevels: .error`.
    case unknownLevel(row: Int, column: String, value: String, levels: [String], source: String)
    /// Text in a column that was numeric in training.
    case nonNumeric(row: Int, column: String, value: String, source: String)

    public var description: String {
        switch self {
        case let .textColumns(names, source):
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            return "\(source): text in feature column\(names.count == 1 ? "" : "s") \(list); encode \(names.count == 1 ? "it" : "them") with --encode onehot, "
                + "or leave \(names.count == 1 ? "it" : "them") out with --ignore-text or --drop \(names.joined(separator: ","))"
        case let .missingValue(row, column, source):
            return "\(source): data row \(row + 1): missing value in column '\(column)'; fill it in, or choose --missing omit|mean|median|most-frequent"
        case let .unknownLevel(row, column, value, levels, source):
            let shown = levels.prefix(10).map { "'\($0)'" }.joined(separator: ", ") + (levels.count > 10 ? ", …" : "")
            return "\(source): data row \(row + 1): level '\(value)' of column '\(column)' was not seen in training (levels: \(shown)); "
                + "fix the value, or refit with --unknown ignore to encode unseen levels as zeros"
        case let .nonNumeric(row, column, value, source):
            return "\(source): data row \(row + 1): non-numeric value '\(value.prefix(40))' in column '\(column)', which was numeric in training"
        }
    }
}
