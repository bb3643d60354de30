import Testing
@testable import LinearAlgebra
@testable import DataIO

private func dataset(_ text: String, _ task: LearningTask, target: String? = nil, drop: [String] = []) throws -> Dataset {
    try Dataset(table: try CSV.read(text), options: DatasetOptions(task: task, target: target, drop: drop))
}

@Suite struct DatasetTests {
    @Test func targetDefaultsToTheLastColumn() throws {
        let d = try dataset("a,b,y\n1,2,3\n4,5,6\n", .regression)
        #expect(d.featureNames == ["a", "b"])
        #expect(d.features.storage == [1, 2, 4, 5])
        #expect(d.targetName == "y")
        #expect(d.targetValues == [3, 6])
        #expect(d.sampleCount == 2 && d.featureCount == 2)
    }

    @Test func targetAndDropByName() throws {
        let d = try dataset("a,y,b,c\n1,2,3,4\n5,6,7,8\n", .regression, target: "y", drop: ["c"])
        #expect(d.featureNames == ["a", "b"])
        #expect(d.features.storage == [1, 3, 5, 7])
        #expect(d.targetValues == [2, 6])
    }

    @Test func unsupervisedUsesEveryColumn() throws {
        let d = try dataset("a,b\n1,2\n3,4\n", .unsupervised)
        #expect(d.featureNames == ["a", "b"])
        #expect(d.target == nil)
        #expect(d.targetName == nil)
    }

    @Test func unknownTargetOrDropListsTheColumns() {
        let target = CSV.error { _ = try dataset("a,b\n1,2\n3,4\n", .regression, target: "z") }
        #expect(target?.kind == .unknownColumn)
        #expect(target?.description == "t.csv: no column named 'z'; the columns are 'a', 'b'")
        #expect(CSV.error { _ = try dataset("a,b\n1,2\n3,4\n", .regression, drop: ["q"]) }?.kind == .unknownColumn)
        #expect(CSV.error { _ = try dataset("a,b,c\n1,2,3\n3,4,5\n", .regression, target: "b", drop: ["b"]) }?.kind == .unknownColumn)
        #expect(CSV.error { _ = try dataset("a,b\n1,2\n3,4\n", .regression, drop: ["a"]) }?.kind == .notEnoughColumns)
        // Dropping the default target (the last column) is refused as for a named one, not
        // silently ignored.
        #expect(CSV.error { _ = try dataset("a,b,c\n1,2,3\n3,4,5\n", .regression, drop: ["c"]) }?.kind == .unknownColumn)
    }

    @Test func textLabelsAreEncodedInCodePointOrder() throws {
        let d = try dataset("x,species\n1,virginica\n2,setosa\n3,Versicolor\n4,setosa\n", .classification)
        let labels = try #require(d.targetLabels)
        // Code points: 'V' (86) < 's' (115) < 'v' (118), as numpy's np.unique orders them.
        #expect(labels.encoding.classes == ["Versicolor", "setosa", "virginica"])
        #expect(labels.codes == [2, 1, 0, 1])
    }

    /// Numeric labels are ordered as numbers (2 < 10), not as text ("10" < "2").
    @Test func numericLabelsAreEncodedInNumericOrder() throws {
        let d = try dataset("x,y\n1,10\n2,2\n3,-1\n4,2\n", .classification)
        let labels = try #require(d.targetLabels)
        #expect(labels.encoding.classes == ["-1", "2", "10"])
        #expect(labels.codes == [2, 1, 0, 1])
    }

    /// DESIGN.md: class labels "are kept as given and predicted back as given". DataLoader
    /// reads the target's text as written (CSVOptions.keepText), so "1.0" stays "1.0".
    @Test func numericLabelsAreKeptAsWritten() throws {
        let d = try DataLoader.dataset(csv: MemoryByteSource("x,y\n1,1.0\n2,2.0\n3,007\n"),
                                       dataset: DatasetOptions(task: .classification))
        let labels = try #require(d.targetLabels)
        #expect(labels.encoding.classes == ["1.0", "2.0", "007"])
    }

    @Test func labelEncodingOrderIsDeterministicForEqualNumbers() {
        // "+1", "1" and "1.0" are one number, so one class (issue 10: they were three); it is
        // shown by the spelling first in code-point order, the same on every run (a Set's
        // iteration order changes between processes), and every spelling encodes to it.
        let encoding = LabelEncoding(fitting: ["1", "+1", "-1", "1.0"])
        #expect(encoding.classes == ["-1", "+1"])
        #expect(encoding.encode(["1", "+1", "1.0", "-1", "-1.0"]) == [1, 1, 1, 0, 0])
        #expect(LabelEncoding(fitting: ["0", "-0", "1"]).classes == ["-0", "1"])
        #expect(LabelEncoding(fitting: ["b", "a", "b"]).encode(["a", "b", "c"]) == nil)
        #expect(LabelEncoding(fitting: ["b", "a"]).index(of: "b") == 1)
    }

    @Test func singleClassIsAnError() {
        let error = CSV.error { _ = try dataset("x,y\n1,a\n2,a\n", .classification) }
        #expect(error?.kind == .singleClass)
        #expect(error?.column == 2)
        // The column has no line: "t.csv:2:" would read as line 2.
        #expect(error?.description == "t.csv: the target column 'y' has a single class ('a'); a classifier needs at least two")
    }

    @Test func nonNumericRegressionTargetIsLocated() {
        let error = CSV.error { _ = try dataset("x,y\n1,2\n2,3\n3,oops\n", .regression) }
        #expect(error?.kind == .nonNumeric)
        #expect(error?.line == 4)
        #expect(error?.column == 2)
        #expect(error?.message.contains("'oops'") == true)
    }

    @Test func missingTargetIsLocated() {
        let error = CSV.error { _ = try dataset("x,y\n1,a\n2,\n3,b\n", .classification) }
        #expect(error?.kind == .missingValue)
        #expect(error?.line == 3)
        #expect(error?.column == 2)
    }

    /// The earliest problem among the feature columns wins, with its line and column.
    @Test func featureProblemsAreLocated() {
        let text = CSV.error { _ = try dataset("a,b,y\n1,2,0\n3,x,1\nNA,4,0\n", .regression) }
        #expect(text?.kind == .nonNumeric)
        #expect(text?.description == "t.csv:3:2: non-numeric value 'x' in column 'b', which must be numeric; fix or remove it, or leave the column 'b' out (drop it)")
        let missing = CSV.error { _ = try dataset("a,b,y\n1,2,0\n3,4,1\n5,,0\n", .regression) }
        #expect(missing?.kind == .missingValue)
        #expect(missing?.line == 4 && missing?.column == 2)
        let infinite = CSV.error { _ = try dataset("a,b,y\n1,2,0\n-inf,4,1\n", .regression) }
        #expect(infinite?.kind == .nonFinite)
        #expect(infinite?.line == 3 && infinite?.column == 1)
    }

    @Test func droppingTheBadColumnMakesItUsable() throws {
        let d = try dataset("a,b,y\n1,2,0\n3,x,1\n", .regression, drop: ["b"])
        #expect(d.features.storage == [1, 3])
    }

    @Test func fewerThanTwoRowsIsAnError() {
        #expect(CSV.error { _ = try dataset("a,y\n1,2\n", .regression) }?.kind == .tooFewRows)
    }

    @Test func featuresByNameForPrediction() throws {
        let table = try CSV.read("c,a,b\n1,2,3\n4,5,6\n")
        #expect(try Dataset.features(named: ["a", "b"], from: table).storage == [2, 3, 5, 6])
        let missing = CSV.error { _ = try Dataset.features(named: ["a", "z"], from: table) }
        #expect(missing?.kind == .unknownColumn)
        #expect(missing?.message.contains("'z'") == true)
    }
}

@Suite struct LIBSVMReaderTests {
    private func read(_ text: String, _ task: LearningTask = .classification) throws -> Dataset {
        try LIBSVMReader.read(MemoryByteSource(text, name: "t.svm"), task: task)
    }

    @Test func readsSparseRowsIntoADenseMatrix() throws {
        let d = try read("+1 1:0.5 3:-2\n-1 2:1e2 # a comment\n\n# only a comment\n+1 1:1\r\n")
        #expect(d.features.rows == 3 && d.features.columns == 3)
        #expect(d.features.storage == [0.5, 0, -2, 0, 100, 0, 1, 0, 0])
        #expect(d.featureNames == ["f1", "f2", "f3"])
        let labels = try #require(d.targetLabels)
        #expect(labels.encoding.classes == ["-1", "+1"])
        #expect(labels.codes == [1, 0, 1])
    }

    /// As a table (for `describe`): the features, zeros where absent, then `label` — numeric
    /// when every label is a number; else text, with its first non-number located on its line.
    @Test func tableHasTheFeaturesThenTheLabel() throws {
        let numeric = try LIBSVMReader.table(path: try CSV.writeFile("+1 1:0.5 3:-2\n-1 2:1e2\n"))
        #expect(numeric.columnNames == ["f1", "f2", "f3", "label"])
        #expect(numeric.values.storage == [0.5, 0, -2, 1, 0, 100, 0, -1])
        #expect(numeric.textColumns.isEmpty && numeric.firstText.isEmpty)
        let text = try LIBSVMReader.table(path: try CSV.writeFile("# header comment\ncat 1:1\n\ndog 1:2\ncat 1:3\n"))
        #expect(text.textColumns[1] == ["cat", "dog", "cat"])
        #expect(text.firstText[1]?.line == 2)
        let summary = text.summaries()[1]
        #expect(summary.statistics == .text(classCounts: [("cat", 2), ("dog", 1)]))
    }

    @Test func regressionLabelsAreNumbers() throws {
        #expect(try read("1.5 1:1\n-2 1:2\n", .regression).targetValues == [1.5, -2])
        let error = CSV.error { _ = try read("1.5 1:1\n# comment\nabc 1:2\n", .regression) }
        #expect(error?.kind == .nonNumeric)
        #expect(error?.line == 3 && error?.column == 1)
    }

    @Test func indicesMustBeOneBasedAndAscending() {
        let descending = CSV.error { _ = try read("1 1:1\n1 3:1 2:1\n") }
        #expect(descending?.kind == .invalidSyntax)
        #expect(descending?.line == 2 && descending?.column == 3)
        let zero = CSV.error { _ = try read("1 0:1\n2 1:1\n") }
        #expect(zero?.kind == .invalidSyntax)
        #expect(zero?.line == 1 && zero?.column == 2)
        #expect(CSV.error { _ = try read("1 2:1 2:3\n2 1:1\n") }?.kind == .invalidSyntax)
    }

    @Test func malformedEntriesAreLocated() {
        let noColon = CSV.error { _ = try read("1 1:1\n2 1:1 7\n") }
        #expect(noColon?.kind == .invalidSyntax)
        #expect(noColon?.line == 2 && noColon?.column == 3)
        let badValue = CSV.error { _ = try read("1 1:x\n2 1:1\n") }
        #expect(badValue?.kind == .nonNumeric)
        #expect(badValue?.line == 1 && badValue?.column == 2)
        #expect(CSV.error { _ = try read("1 1:inf\n2 1:1\n") }?.kind == .nonFinite)
        #expect(CSV.error { _ = try read("1 1:\n2 1:1\n") }?.kind == .nonNumeric)
    }

    @Test func emptyOneSampleAndSingleClassAreErrors() {
        #expect(CSV.error { _ = try read("") }?.kind == .empty)
        #expect(CSV.error { _ = try read("# nothing\n") }?.kind == .empty)
        #expect(CSV.error { _ = try read("1 1:1\n") }?.kind == .tooFewRows)
        #expect(CSV.error { _ = try read("1 1:1\n1 1:2\n") }?.kind == .singleClass)
        #expect(CSV.error { _ = try read("1\n2\n") }?.kind == .notEnoughColumns)
    }

    /// An absurd feature index must be a located error, not a dense matrix of 10¹⁵ columns
    /// (whose allocation traps or exhausts memory).
    @Test func hugeFeatureIndexIsALocatedError() {
        let error = CSV.error { _ = try read("1 1:1\n2 1000000000000000:1\n") }
        #expect(error?.kind == .invalidSyntax)
        #expect(error?.line == 2 && error?.column == 2)
    }

    @Test func formatIsInferredFromTheExtension() {
        #expect(DataFormat.infer(path: "a.svm") == .libsvm)
        #expect(DataFormat.infer(path: "a.libsvm") == .libsvm)
        #expect(DataFormat.infer(path: "a.csv") == .csv)
        #expect(DataFormat.infer(path: "-") == .csv)
    }
}

@Suite struct ColumnSummaryTests {
    /// Reference: x = (1, 2, missing, 4, 8): n = 4, mean 15/4 = 3.75, squared deviations
    /// 7.5625 + 3.0625 + 0.0625 + 18.0625 = 28.75, sd = √(28.75/3) (denominator n − 1).
    /// Tolerance: a few ulps.
    @Test func numericColumnAgainstClosedForms() throws {
        let summaries = try CSV.read("x,label\n1,a\n2,b\n,a\n4,c\n8,a\n").summaries()
        #expect(summaries[0].name == "x")
        #expect(summaries[0].count == 4 && summaries[0].missing == 1)
        guard case let .numeric(mean, sd, lo, hi) = summaries[0].statistics else {
            Issue.record("x is numeric")
            return
        }
        #expect(mean == 3.75) // 15/4: the sum and the quotient are exact in binary
        #expect(abs(sd - (28.75 / 3).squareRoot()) <= 4 * Double.ulpOfOne * sd)
        #expect(lo == 1 && hi == 8)
    }

    @Test func textColumnCountsMostFrequentFirstTiesInLabelOrder() throws {
        let summaries = try CSV.read("x,label\n1,b\n2,c\n3,a\n4,c\n5,\n").summaries()
        #expect(summaries[1].count == 4 && summaries[1].missing == 1)
        #expect(summaries[1].statistics == .text(classCounts: [("c", 2), ("a", 1), ("b", 1)]))
    }

    @Test func allMissingAndSingleValueColumns() throws {
        let summaries = try CSV.read("x,y\n,5\nNA,6\n").summaries()
        #expect(summaries[0].count == 0)
        #expect(summaries[0].statistics == .numeric(mean: .nan, sd: .nan, min: .nan, max: .nan))
        let one = try CSV.read("x\n7\n").summaries()
        #expect(one[0].statistics == .numeric(mean: 7, sd: .nan, min: 7, max: 7))
    }
}
