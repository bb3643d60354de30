import Testing
@testable import DataIO

@Suite struct CSVWriterTests {
    @Test func quotesOnlyWhatNeedsQuoting() {
        #expect(CSVWriter.quoted("plain") == "plain")
        #expect(CSVWriter.quoted("a,b") == "\"a,b\"")
        #expect(CSVWriter.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.quoted("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.quoted(" edge") == "\" edge\"")
        #expect(CSVWriter.quoted("a;b") == "a;b")
        #expect(CSVWriter.quoted("a;b", ";") == "\"a;b\"")
    }

    /// "\r\n" is a single Swift Character, and so is a quote or comma followed by a combining
    /// accent (U+0301): a Character-level `contains` misses all three. The reader works on
    /// bytes, so unquoted they would split the record or the field.
    @Test func quotesByBytesNotCharacters() {
        #expect(CSVWriter.quoted("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVWriter.quoted("x,\u{301}y") == "\"x,\u{301}y\"")
        #expect(CSVWriter.quoted("x\"\u{301}") == "\"x\"\"\u{301}\"")
        #expect(CSVWriter.quoted("\ttabbed") == "\"\ttabbed\"")
    }

    @Test func rendersNumbersShortestAndMissingAsEmpty() {
        let text = CSVWriter.render(header: ["x", "name"], columns: [.numbers([1, 0.1, .nan, -0.0, 1e300]), .text(["a", "b,c", "d", "e", "f"])])
        #expect(text == "x,name\n1.0,a\n0.1,\"b,c\"\n,d\n-0.0,e\n1e+300,f\n")
    }

    /// A one-column row whose only cell is missing must not become a blank line (which the
    /// reader skips); it is written as "" and reads back as one missing cell.
    @Test func aWhollyMissingOneColumnRowSurvives() throws {
        let text = CSVWriter.render(header: ["x"], columns: [.numbers([1, .nan, 3])])
        #expect(text == "x\n1.0\n\"\"\n3.0\n")
        let table = try CSV.read(text)
        #expect(table.rowCount == 3)
        #expect(table.missingCounts == [1])
    }
}
