/// A problem with input data, located as precisely as the input allows.
///
/// `description` is the one line the command line prints:
/// `FILE:LINE:COLUMN: message` (line and column 1-based; column is the field number),
/// with the parts that do not apply left out.
public struct DataError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: Equatable, Sendable {
        case fileNotFound, unreadable, empty, headerOnly, raggedRow, nonNumeric, missingValue,
             nonFinite, unterminatedQuote, badQuote, duplicateColumn, unknownColumn, invalidUTF8,
             recordTooLong, invalidSyntax, singleClass, tooFewRows, notEnoughColumns, modelFile, writeFailed
    }

    public var kind: Kind
    public var file: String
    /// 1-based physical line in the file, when the problem has one.
    public var line: Int?
    /// 1-based field number, when the problem has one.
    public var column: Int?
    public var message: String

    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        // FILE:COLUMN would read as FILE:LINE, so a column is shown only after a line.
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(message)"
    }
}
