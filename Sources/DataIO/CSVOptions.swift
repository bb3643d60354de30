import LinearAlgebra
import Foundation

/// How a CSV file is read. The defaults follow RFC 4180 with a header row.
public struct CSVOptions: Sendable {
    /// The field separator (one ASCII byte); `,` by default.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// Cells that mean "missing" (besides the empty cell), compared byte for byte.
    public var missingTokens: [String] = ["NA", "NaN", "nan", "N/A", "NULL", "null"]
    /// A record longer than this is refused with an error instead of exhausting memory.
    public var maxRecordBytes = 64 << 20
    /// Bytes parsed per block; also bounds the rows handed to a streaming consumer at once.
    public var blockBytes = 8 << 20
    /// Parsing threads (each block is split among them at record boundaries).
    public var threads = ExecutionContext.availableCores
    /// Columns whose cells are also kept as written, even when they are numbers — class
    /// labels, which are predicted back exactly as given (`1.0` stays `1.0`, `01` stays `01`).
    public var keepText: TextRetention = .none
    /// Whether a file with a header but no data rows is an error (`.headerOnly`). A shard of a
    /// larger data set may be empty, so `lagrange stats` accepts one.
    public var requiresRows = true

    /// Which columns keep their text as written.
    public enum TextRetention: Sendable, Equatable {
        case none
        case columns([String])
        case lastColumn
    }

    public init() {}

    /// Options with a delimiter given as text (`,`, `;`, `\t` or `tab`).
    public init(delimiter text: String) throws {
        self.init()
        let resolved = (text == "\\t" || text.lowercased() == "tab") ? "\t" : text
        guard resolved.utf8.count == 1, let byte = resolved.utf8.first, byte < 128,
              byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
            throw DataError(.invalidSyntax, file: "--delimiter", "the delimiter must be one ASCII character other than a quote or a line break, got '\(text)'")
        }
        delimiter = byte
    }
}
