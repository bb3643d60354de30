import LinearAlgebra
import Dispatch

/// One thread's share of a block: its parser (numbers still in its scratch), the physical line
/// its bytes start at, and how many bytes it covered.
struct CSVParsedPart {
    let parser: CSVPartParser
    let firstLine: Int
    let byteCount: Int
}

/// The block loop of `CSVReader`: each `next()` fills the window, cuts its complete records
/// into one part per thread at record boundaries, parses the parts concurrently and hands
/// them back, their numbers still in the parsers' scratch buffers (valid until the next call).
struct CSVBlocks<Window: CSVWindow> {
    private var window: Window
    let header: [String]
    private let options: CSVOptions
    private let missingTokens: [[UInt8]]
    private let keepText: [Bool]
    private let threads: Int
    private let scratches: [CSVScratch]
    private var dataRows = 0
    /// Set once a part met a quote byte: from then on blocks are cut by quote parity.
    private var quotesSeen = false

    /// Reads the header from `window`, which the blocks then own (and `release`). When the
    /// header cannot be read (an empty input), the window is released here: the caller's
    /// `defer { blocks.release() }` is not reached, and LeakSanitizer found the 8 MiB buffer
    /// lost on every such error. (The caller's copy of `window` may hold a pointer that
    /// reading the header already replaced, so only this copy may be released.)
    init(window: Window, options: CSVOptions) throws {
        var window = window
        do {
            header = try Self.readHeader(&window, delimiter: options.delimiter)
        } catch {
            window.release()
            throw error
        }
        self.window = window
        self.options = options
        missingTokens = options.missingTokens.map { Array($0.utf8) }
        var keep = [Bool](repeating: false, count: header.count)
        switch options.keepText {
        case .none: break
        case .lastColumn: keep[header.count - 1] = true
        case let .columns(names): for (j, name) in header.enumerated() where names.contains(name) { keep[j] = true }
        }
        keepText = keep
        threads = max(1, options.threads)
        scratches = (0..<threads).map { _ in CSVScratch() }
    }

    func release() { window.release() }

    /// The parts of the next block (those with rows), or nil at the end of the input. Throws
    /// the first located error of the block; throws `.headerOnly` at the end if no part had rows.
    ///
    /// The block is first cut as if no quoted field held a line break, which needs no scan
    /// of the block (only `memchr` near each cut), so the parsing threads are the first to
    /// read its bytes. A part that meets a quote byte says so; the block is then cut again by
    /// quote parity and parsed again, and so is every later block. A failure in a part that met
    /// no quote stands: everything before it was quote-free, so the part began where the exact
    /// cut would put it.
    mutating func next() throws -> [CSVParsedPart]? {
        while true {
            try window.fill()
            guard window.count > 0 else {
                guard dataRows > 0 || !options.requiresRows else { throw DataError(.headerOnly, file: window.name, "has a header row but no data rows") }
                return nil
            }
            guard let (end, cuts) = blockCuts(byQuoteParity: quotesSeen) else {
                try window.grow(line: window.line)
                continue
            }
            let parsers = parse(until: end, cuts: cuts)
            if !quotesSeen, parsers.contains(where: \.sawQuote) {
                quotesSeen = true
                continue
            }
            let parts = try collect(parsers, until: end, cuts: cuts)
            guard !parts.isEmpty else { continue }
            return parts
        }
    }

    /// Where the block's complete records end, and the cut points of its parts (0 first, the
    /// end last); nil when the window holds no complete record and must grow.
    private func blockCuts(byQuoteParity: Bool) -> (end: Int, cuts: [Int])? {
        let count = window.count
        let targets = (1..<threads).map { count * $0 / threads }
        let (last, splits) = window.withBytes { p in
            byQuoteParity ? CSVBoundaries.find(p, count: count, targets: targets)
                          : CSVBoundaries.assumingNoQuotes(p, count: count, targets: targets)
        }
        var end: Int
        var cuts: [Int]
        if window.atEnd {
            end = count
            cuts = splits.map { last == nil ? end : $0 }
        } else if let last {
            end = last
            cuts = splits
        } else {
            return nil
        }
        if window.atEnd, let last, last < end { cuts = cuts.map { min($0, last) } }
        return (end, [0] + cuts + [end])
    }

    /// Parses `[cuts[k], cuts[k + 1])` on thread k.
    private func parse(until end: Int, cuts: [Int]) -> [CSVPartParser] {
        let parsers = (0..<threads).map { _ in
            CSVPartParser(columnCount: header.count, delimiter: options.delimiter, missingTokens: missingTokens, keepText: keepText)
        }
        let scratches = self.scratches
        let window = self.window
        window.withBytes { p in
            let parsePart = { (k: Int) in
                window.prepare(cuts[k] ..< cuts[k + 1])
                parsers[k].parse(p, start: cuts[k], end: cuts[k + 1], scratch: scratches[k])
            }
            // Parser k owns parsers[k], scratches[k] and its own byte range.
            Parallel.forEach(threads, threads: threads, parsePart)
        }
        return parsers
    }

    /// Throws the first part's failure, located; otherwise consumes the block's `end` bytes
    /// and returns the parts that hold rows.
    private mutating func collect(_ parsers: [CSVPartParser], until end: Int, cuts: [Int]) throws -> [CSVParsedPart] {
        var parts: [CSVParsedPart] = []
        var line = window.line
        for (k, parser) in parsers.enumerated() {
            if let failure = parser.failure {
                throw DataError(failure.kind, file: window.name, line: line + failure.relativeLine,
                                column: failure.column, failure.message)
            }
            if parser.rows > 0 {
                dataRows += parser.rows
                parts.append(CSVParsedPart(parser: parser, firstLine: line, byteCount: cuts[k + 1] - cuts[k]))
            }
            line += parser.newlines
        }
        window.consume(end, lines: line - window.line)
        return parts
    }

    /// Whether `p[0..<count]` holds a carriage return, outside quotes, that is neither followed
    /// by a line feed nor the last byte: the line breaks of a file saved with bare CRs.
    private static func hasBareCarriageReturn(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        var inQuotes = false
        for i in 0..<count {
            if p[i] == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, p[i] == UInt8(ascii: "\r"), i + 1 < count, p[i + 1] != UInt8(ascii: "\n") { return true }
        }
        return false
    }

    private static func bareCarriageReturns(_ file: String, line: Int) -> DataError {
        DataError(.invalidSyntax, file: file, line: line,
                  "the line breaks are bare carriage returns (classic Mac OS); save the file with LF or CRLF line breaks")
    }

    /// Reads the header record (skipping a byte-order mark and blank lines).
    private static func readHeader(_ window: inout Window, delimiter: UInt8) throws -> [String] {
        try window.fill()
        window.skipByteOrderMark()
        while true {
            try window.fill()
            guard window.count > 0 else { throw DataError(.empty, file: window.name, "is empty; expected a header row and data rows") }
            let count = window.count
            let (last, splits) = window.withBytes { CSVBoundaries.find($0, count: count, targets: [1]) }
            let name = window.name
            let headerLine = window.line
            let recordEnd: Int
            if let first = splits.first, last != nil, first > 0 {
                recordEnd = first
            } else if window.atEnd {
                recordEnd = count
            } else if window.withBytes({ Self.hasBareCarriageReturn($0, count: count) }) {
                throw Self.bareCarriageReturns(name, line: headerLine)
            } else {
                try window.grow(line: window.line)
                continue
            }
            if window.withBytes({ Self.hasBareCarriageReturn($0, count: recordEnd) }) {
                throw Self.bareCarriageReturns(name, line: headerLine)
            }
            let fields = try window.withBytes { p in
                try CSVHeader.fields(p, count: recordEnd, delimiter: delimiter, file: name, line: headerLine)
            }
            // A quoted name may hold line breaks: count them all, or every later line is off.
            let lineBreaks = window.withBytes { p in (0..<recordEnd).reduce(0) { $0 + (p[$1] == UInt8(ascii: "\n") ? 1 : 0) } }
            window.consume(recordEnd, lines: lineBreaks)
            guard let fields else { continue } // a blank line before the header
            return try CSVHeader.names(fields, file: name, line: headerLine)
        }
    }
}
