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
