import Testing
@testable import DataIO

@Suite struct CSVFormatTests {
    @Test func headerAndCommaSeparatedNumbers() throws {
        let table = try CSV.read("a,b\n1,2\n3,4.5\n")
        #expect(table.columnNames == ["a", "b"])
        #expect(table.values.storage == [1, 2, 3, 4.5])
        #expect(table.textColumns.isEmpty)
        #expect(table.missingCounts == [0, 0])
        #expect(table.source == "t.csv")
    }

    @Test(arguments: [(";", "a;b\n1;2\n"), ("tab", "a\tb\n1\t2\n"), ("\\t", "a\tb\n1\t2\n"), ("|", "a|b\n1|2\n")])
    func otherDelimiters(delimiter: String, text: String) throws {
        let table = try CSV.read(text, try CSVOptions(delimiter: delimiter))
        #expect(table.columnNames == ["a", "b"])
        #expect(table.values.storage == [1, 2])
    }

    @Test(arguments: ["\"", "ab", "", "\n", "é"])
    func invalidDelimitersAreRefused(delimiter: String) {
        #expect(throws: DataError.self) { try CSVOptions(delimiter: delimiter) }
    }

    @Test func quotedFieldsWithDelimitersDoubledQuotesAndNewlines() throws {
        let table = try CSV.read("name,x\n\"a,b\",1\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\n\"\"\"\",4\n")
        #expect(table.textColumns[0] == ["a,b", "say \"hi\"", "two\nlines", "\""])
        #expect(table.values.column(1) == [1, 2, 3, 4])
    }

    /// RFC 4180 §2.4: "Spaces are considered part of a field and should not be ignored." At
    /// least inside quotes they must survive (the header reader already keeps them, and
    /// CSVWriter quotes edge spaces precisely so that they do).
    @Test func quotedFieldsKeepTheirEdgeSpaces() throws {
        let table = try CSV.read("\" a \",b\n\" padded \",1\n\"x\",2\n")
        #expect(table.columnNames == [" a ", "b"])
        #expect(table.textColumns[0] == [" padded ", "x"])
    }

    /// Unquoted header names lose their edge spaces and tabs, ASCII names by a byte trim and
    /// others through `trimmingSpaces`, with the same result; a combining mark after a space
    /// makes one character with it, which the character trim keeps.
    @Test func unquotedHeaderNamesAreTrimmedOfSpacesAndTabs() throws {
        let table = try CSV.read(" a ,\tb\t,\" c \",  é\t, \u{301}d ,e\n1,2,3,4,5,6\n")
        #expect(table.columnNames == ["a", "b", " c ", "é", " \u{301}d", "e"])
        #expect(table.columnNames[4].unicodeScalars.first == " ")
        let blank = try CSV.read("  ,\t\n1,2\n")
        #expect(blank.columnNames == ["column1", "column2"])
    }

    @Test func unquotedNumbersMayHaveSurroundingSpaces() throws {
        let table = try CSV.read("a,b\n 1 ,\t2\n")
        #expect(table.values.storage == [1, 2])
    }

    @Test func quotedNumbersAreNumbers() throws {
        let table = try CSV.read("a\n\"1.5\"\n\"-2\"\n")
        #expect(table.values.storage == [1.5, -2])
        #expect(table.textColumns.isEmpty)
    }

    @Test func crlfLineEnds() throws {
        let table = try CSV.read("a,b\r\n1,x\r\n3,\"y\r\nz\"\r\n")
        #expect(table.columnNames == ["a", "b"])
        #expect(table.values.column(0) == [1, 3])
        #expect(table.textColumns[1] == ["x", "y\r\nz"])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let table = try CSV.read(bytes: [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8))
        #expect(table.columnNames == ["a", "b"])
    }

    @Test func blankLinesAreSkippedAndStillCounted() throws {
        let table = try CSV.read("\na,b\n\n1,2\n\r\n\n3,4\n\n")
        #expect(table.values.storage == [1, 2, 3, 4])
        // Line 9 is the ragged one: lines 1, 3, 6, 7 are blank.
        let error = CSV.error { _ = try CSV.read("\na,b\n\n1,2\n\r\n\n3,4\n\n5\n") }
        #expect(error?.kind == .raggedRow)
        #expect(error?.line == 9)
    }

    @Test func lastRecordWithoutLineBreak() throws {
        let table = try CSV.read("a,b\n1,2\n3,4")
        #expect(table.values.storage == [1, 2, 3, 4])
        let quoted = try CSV.read("a,b\n1,\"x\"")
        #expect(quoted.textColumns[1] == ["x"])
    }

    @Test func emptyHeaderNamesAreNumbered() throws {
        let table = try CSV.read(",b,\n1,2,3\n")
        #expect(table.columnNames == ["column1", "b", "column3"])
    }

    @Test func missingValuesAreCountedAndLocated() throws {
        let table = try CSV.read("a,b,c\n1,,x\nNA,2,\n3,NaN,y\n4,5,NA\n")
        #expect(table.missingCounts == [1, 2, 2])
        #expect(table.firstMissing[0] == CellLocation(line: 3, column: 1, text: nil))
        #expect(table.firstMissing[1] == CellLocation(line: 2, column: 2, text: nil))
        #expect(table.firstMissing[2] == CellLocation(line: 3, column: 3, text: nil))
        #expect(table.values[0, 1].isNaN && table.values[1, 0].isNaN && table.values[2, 1].isNaN)
        #expect(table.textColumns[2] == ["x", nil, "y", nil])
    }

    @Test func stringColumnsAreKeptAndNumericLabelsStayNumbers() throws {
        let table = try CSV.read("x,label,y\n1,cat,0\n2,dog,1\n3,cat,1\n")
        #expect(table.textColumns.keys.sorted() == [1])
        #expect(table.textColumns[1] == ["cat", "dog", "cat"])
        #expect(table.firstText[1] == CellLocation(line: 2, column: 2, text: "cat"))
        #expect(table.values.column(2) == [0, 1, 1])
    }

    @Test func numberSyntax() throws {
        let table = try CSV.read("v\n1e3\n-0\n.5\n5.\n+2\n1E-2\n007\n-inf\n")
        let v = table.values.column(0)
        #expect(Array(v.prefix(7)) == [1000, 0, 0.5, 5, 2, 0.01, 7])
        #expect(v[1].sign == .minus)
        #expect(v[7] == -.infinity)
        #expect(table.firstNonFinite[0] == CellLocation(line: 9, column: 1, text: "-inf"))
        #expect(table.textColumns.isEmpty)
    }

    @Test(arguments: ["1e", "1e+", "--1", "1.2.3", "0x10", "nan(1)", ".", "-", "1,5", "1 2", "e5"])
    func notNumbersAreText(cell: String) throws {
        let table = try CSV.read("v,w\n\"\(cell)\",1\n2,1\n")
        #expect(table.values[0, 0].isNaN)
        #expect(table.textColumns[0]?[0] == cell)
    }

    /// A quote inside an unquoted field is not RFC 4180. Whatever the reader does with it, it
    /// must do it the same way however the input is cut into blocks and parts: here the
    /// stray quote flips the boundary finder's quote parity, so with two threads the second
    /// part starts inside what the parser treats as a quoted field.
    @Test func strayQuoteGivesTheSameResultWithOneOrTwoThreads() throws {
        var text = "id,name\n1,5\" screen\n"
        for i in 0..<40 { text += "\(i),\"multi\nline\"\n" }
        let one = Result { try CSV.read(text, CSV.singleBlock) }
        var twoThreads = CSVOptions()
        twoThreads.threads = 2
        let two = Result { try CSV.read(text, twoThreads) }
        switch (one, two) {
        case let (.success(a), .success(b)): #expect(CSV.same(a, b))
        case let (.failure(a), .failure(b)): #expect("\(a)" == "\(b)")
        default: Issue.record("one thread: \(one); two threads: \(two)")
        }
    }
}

@Suite struct CSVErrorTests {
    @Test func emptyInput() {
        let error = CSV.error { _ = try CSV.read("") }
        #expect(error?.kind == .empty)
        #expect(error?.description == "t.csv: is empty; expected a header row and data rows")
        #expect(CSV.error { _ = try CSV.read("\n\r\n\n") }?.kind == .empty)
        #expect(CSV.error { _ = try CSV.read(bytes: [0xEF, 0xBB, 0xBF]) }?.kind == .empty)
    }

    /// A file whose line breaks are bare CRs has no LF at all: it is named for what it is, on
    /// line 1, small or larger than a block (not "header only", not "record too long").
    @Test func bareCarriageReturnLineBreaksAreNamed() throws {
        let small = CSV.error { _ = try CSV.read("a,b\r1,2\r3,4\r") }
        #expect(small?.kind == .invalidSyntax)
        #expect(small?.line == 1)
        #expect(small?.message.contains("carriage returns") == true)
        let large = String(repeating: "1,2\r", count: 5_000)
        let big = CSV.error { _ = try CSV.read("a,b\r" + large, CSV.smallBlocks(4096, threads: 2)) }
        #expect(big?.kind == .invalidSyntax)
        // A carriage return inside a quoted header name is text, not a line break.
        #expect(try CSV.read("\"a\rb\",c\n1,2\n").columnNames == ["a\rb", "c"])
    }

    @Test func headerOnly() {
        #expect(CSV.error { _ = try CSV.read("a,b\n") }?.kind == .headerOnly)
        #expect(CSV.error { _ = try CSV.read("a,b") }?.kind == .headerOnly)
        #expect(CSV.error { _ = try CSV.read("a,b\n\n\n") }?.kind == .headerOnly)
    }

    @Test func raggedRowsNameTheirLine() {
        let short = CSV.error { _ = try CSV.read("a,b,c\n1,2,3\n4,5\n") }
        #expect(short?.kind == .raggedRow)
        #expect(short?.description == "t.csv:3: row has 2 fields, the header has 3")
        let long = CSV.error { _ = try CSV.read("a,b\n1,2\n3,4\n5,6,7\n") }
        #expect(long?.kind == .raggedRow)
        #expect(long?.line == 4)
        #expect(long?.description == "t.csv:4: row has more fields than the 2 of the header")
    }

    /// A ';'-separated file with decimal commas read with ',': the header is one field, the rows
    /// split at the commas; the message says which delimiter was used and names --delimiter.
    @Test func oneColumnHeaderSuggestsTheDelimiter() {
        let error = CSV.error { _ = try CSV.read("a;b;y\n1,5;2;3\n") }
        #expect(error?.description == "t.csv:2: row has more fields than the 1 of the header; the header was read as a single column with the delimiter ',': if the file uses another one (';', tab, '|'), give it with --delimiter")
    }

    /// Lines 2–4 are one record; the ragged row is physical line 5.
    @Test func lineNumbersAfterAMultiLineQuotedField() {
        let error = CSV.error { _ = try CSV.read("a,b\n\"x\ny\nz\",1\n1,2,3\n") }
        #expect(error?.kind == .raggedRow)
        #expect(error?.line == 5)
        let missing = try? CSV.read("a,b\n\"x\ny\",1\nq,\n")
        #expect(missing?.firstMissing[1] == CellLocation(line: 4, column: 2, text: nil))
    }

    /// The header itself spans lines 1–2, so the ragged row is on line 4.
    @Test func lineNumbersAfterAMultiLineHeader() {
        let error = CSV.error { _ = try CSV.read("\"first\nname\",b\n1,2\n3\n") }
        #expect(error?.kind == .raggedRow)
        #expect(error?.line == 4)
        // With a byte-order mark and a blank line first: header on lines 2–3, ragged line 5.
        let later = CSV.error { _ = try CSV.read(bytes: [0xEF, 0xBB, 0xBF] + Array("\r\n\"first\r\nname\",b\r\n1,2\r\n3\r\n".utf8)) }
        #expect(later?.line == 5)
    }

    @Test func unterminatedQuoteIsLocatedAtItsRecord() {
        let error = CSV.error { _ = try CSV.read("a,b\n1,2\n3,\"abc\n4,5\n") }
        #expect(error?.kind == .unterminatedQuote)
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(CSV.error { _ = try CSV.read("\"a,b\n1,2\n") }?.kind == .unterminatedQuote)
    }

    @Test func textAfterAClosingQuoteIsABadQuote() {
        let error = CSV.error { _ = try CSV.read("a,b\n1,\"x\"y\n") }
        #expect(error?.kind == .badQuote)
        #expect(error?.line == 2)
        #expect(error?.column == 2)
    }

    /// RFC 4180 §2.5–2.7: a field with a quote is quoted and its quotes doubled. A bare quote
    /// inside an unquoted field is refused (in data rows and in the header), located.
    @Test func quoteInsideAnUnquotedFieldIsABadQuote() {
        let data = CSV.error { _ = try CSV.read("id,name\n1,ok\n2,5\" screen\n") }
        #expect(data?.kind == .badQuote)
        #expect(data?.line == 3)
        #expect(data?.column == 2)
        let header = CSV.error { _ = try CSV.read("a,b\"c\n1,2\n") }
        #expect(header?.kind == .badQuote)
        #expect(header?.line == 1)
        #expect(header?.column == 2)
        #expect(CSV.error { _ = try CSV.read("\"a\"x,b\n1,2\n") }?.kind == .badQuote)
    }

    @Test func duplicateColumnNames() {
        let error = CSV.error { _ = try CSV.read("a,b,a\n1,2,3\n") }
        #expect(error?.kind == .duplicateColumn)
        #expect(error?.description == "t.csv:1:3: duplicate column name 'a' (also column 1); column names must be unique")
        // Names are compared after trimming unquoted spaces.
        #expect(CSV.error { _ = try CSV.read("a, a\n1,2\n") }?.kind == .duplicateColumn)
    }

    @Test func invalidUTF8InDataAndHeader() {
        let data = CSV.error { _ = try CSV.read(bytes: Array("a,b\n1,x\n2,".utf8) + [0xFF, 0xFE] + [0x0A]) }
        #expect(data?.kind == .invalidUTF8)
        #expect(data?.line == 3)
        #expect(data?.column == 2)
        let header = CSV.error { _ = try CSV.read(bytes: Array("a,".utf8) + [0xC3, 0x28] + Array("\n1,2\n".utf8)) }
        #expect(header?.kind == .invalidUTF8)
        #expect(header?.line == 1)
        #expect(header?.column == 2)
    }

    /// A record beyond `maxRecordBytes` is refused, not buffered: blocks of 4 KiB, limit 16 KiB,
    /// and a 100 KB line without a break.
    @Test func overlongRecordIsRefused() {
        var options = CSV.smallBlocks()
        options.maxRecordBytes = 16 << 10
        let text = "a,b\n1,2\n3," + String(repeating: "9", count: 100_000) + "\n"
        let error = CSV.error { _ = try CSV.read(text, options) }
        #expect(error?.kind == .recordTooLong)
        #expect(error?.line == 3)
    }

    @Test func aDirectoryOrMissingPathIsAFileError() {
        #expect(CSV.error { _ = try CSVReader().read(path: "/nonexistent/x.csv") }?.kind == .fileNotFound)
        #expect(CSV.error { _ = try CSVReader().read(path: "/tmp") }?.kind == .unreadable)
    }
}
