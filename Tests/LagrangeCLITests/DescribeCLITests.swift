import Foundation
import Testing
import TestSupport

@Suite struct DescribeCLITests {
    @Test func describesIris() throws {
        let result = try CLIRunner.run(["describe", "--data", TestPaths.dataset("iris.csv")])
        #expect(result.status == 0)
        // Reference: iris sepal_length has mean 5.84333 and sample sd 0.828066 (Fisher's data).
        #expect(result.stdout.contains("150 rows × 5 columns"))
        #expect(result.stdout.contains("sepal_length  150        0  5.84333  0.828066  4.3  7.9"))
        #expect(result.stdout.contains("species: setosa 50, versicolor 50, virginica 50"))
    }

    /// A `.svm` file is read as LIBSVM text (as every `--data` is), not as a one-column CSV.
    @Test func describesALIBSVMFile() throws {
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("t.svm").path
        try "1 1:0.5 3:2\n-1 2:1.5\n1 1:1 2:2 3:3\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["describe", "--data", path])
        #expect(result.status == 0, "\(result.stderr)")
        // f1 = (0.5, 0, 1): mean 0.5, sample sd 0.5; label = (1, −1, 1): mean 1/3.
        #expect(result.stdout.contains("3 rows × 4 columns"))
        #expect(result.stdout.contains("f1      3        0       0.5       0.5    0    1"))
        #expect(result.stdout.contains("label   3        0  0.333333    1.1547   -1    1"))
        let forced = try CLIRunner.run(["describe", "--data", path, "--format", "csv"])
        #expect(forced.stdout.contains("2 rows × 1 columns"))
    }

    /// A wide file: every line is its own column's, in file order, with numbers formatted
    /// through the fast `%g` route. Column j (1-based) holds j, j + 1, j + 3, so its mean is
    /// j + 4/3, its min j and its max j + 3.
    @Test func wideFileRowsStayInColumnOrder() throws {
        let p = 1_500
        let names = (1...p).map { "x\($0)" }
        let rows = [0, 1, 3].map { shift in (1...p).map { "\($0 + shift)" }.joined(separator: ",") }
        let path = try TestPaths.temporaryDirectory().appendingPathComponent("wide.csv").path
        try ([names.joined(separator: ",")] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["describe", "--data", path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ") }
        let columnLines = lines.filter { $0.first.map { $0.hasPrefix("x") } ?? false }
        try #require(columnLines.count == p)
        for (k, fields) in columnLines.enumerated() {
            let j = Double(k + 1)
            #expect(fields.count == 7)
            #expect(fields[0] == "x\(k + 1)" && fields[1] == "3" && fields[2] == "0")
            #expect(abs(Double(fields[3])! - (j + 4.0 / 3)) <= 1e-5 * (j + 2))
            #expect(Double(fields[5]) == j && Double(fields[6]) == j + 3)
        }
    }

    @Test func missingFileIsOneLineExitOne() throws {
        let result = try CLIRunner.run(["describe", "--data", "/nonexistent/x.csv"])
        #expect(result.status == 1)
        #expect(result.stderr == "lagrange: error: /nonexistent/x.csv: no such file; check the path\n")
    }

    @Test func usageErrorExitsTwo() throws {
        let result = try CLIRunner.run(["describe"])
        #expect(result.status == 2)
    }
}
