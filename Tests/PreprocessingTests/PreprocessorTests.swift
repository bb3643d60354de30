import DataIO
import Foundation
import LinearAlgebra
import Modeling
import Preprocessing
import Testing

/// The preprocessor on small tables whose answers are worked out by hand.
@Suite struct PreprocessorTests {
    /// x: 1, 2, missing, 7 (mean 10/3, median 2, most frequent: every value once → the smallest, 1);
    /// colour: red, blue, missing, red (levels blue < red; most frequent red).
    static let table = try! FeatureTable(source: "t.csv", names: ["x", "colour"],
                                         columns: [.numbers([1, 2, .nan, 7]), .text(["red", "blue", nil, "red"])])

    func fitted(_ missing: MissingValueStrategy, dropFirst: Bool = false, scaling: ScalingMethod = .none,
                unknown: UnknownLevelPolicy = .error) throws -> Preprocessor {
        try PreprocessingParameters(missing: missing, encoding: .oneHot(dropFirst: dropFirst), unknownLevels: unknown,
                                    scaling: scaling).fit(Self.table)
    }

    @Test func fillValuesAreLearnedPerStrategy() throws {
        #expect(try fitted(.mean).inputs[0].encoding == .numeric(fill: 10.0 / 3))
        #expect(try fitted(.median).inputs[0].encoding == .numeric(fill: 2))
        #expect(try fitted(.mostFrequent).inputs[0].encoding == .numeric(fill: 1))
        #expect(try fitted(.mean).inputs[1].encoding == .categorical(levels: ["blue", "red"], dropFirst: false, fill: "red"))
        #expect(try fitted(.omit).inputs[0].encoding == .numeric(fill: nil))
    }

    @Test func oneHotColumnsInLevelOrderAndImputedRows() throws {
        let preprocessor = try fitted(.median)
        #expect(preprocessor.outputNames == ["x", "colour=blue", "colour=red"])
        let rows = try preprocessor.transform(Self.table)
        #expect(rows.features.storage == [1, 0, 1, 2, 1, 0, 2, 0, 1, 7, 0, 1])
        #expect(rows.omittedRows.isEmpty)
        let dropped = try fitted(.median, dropFirst: true)
        #expect(dropped.outputNames == ["x", "colour=red"])
        #expect(try dropped.transform(Self.table).features.storage == [1, 1, 2, 0, 2, 1, 7, 1])
    }

    @Test func omitLeavesIncompleteRowsOut() throws {
        let rows = try fitted(.omit).transform(Self.table)
        #expect(rows.keptRows == [0, 1, 3] && rows.omittedRows == [2])
        #expect(rows.features.rows == 3)
    }

    @Test func failNamesTheRowAndColumn() {
        #expect(throws: PreprocessingError.missingValue(row: 2, column: "x", source: "t.csv")) {
            try PreprocessingParameters(missing: .fail, encoding: .oneHot(dropFirst: false)).fit(Self.table)
        }
        #expect(throws: PreprocessingError.textColumns(["colour"], source: "t.csv")) {
            try PreprocessingParameters(missing: .mean).fit(Self.table)
        }
    }

    /// minmax maps [1, 7] onto [−1, 1]: 1 → −1, 2 → −2/3, 7 → 1; a 0/1 column onto ±1.
    @Test func minMaxMapsOntoMinusOneOne() throws {
        let rows = try fitted(.omit, scaling: .minMax).transform(Self.table)
        #expect(rows.features.column(0).map { ($0 * 3).rounded() / 3 } == [-1, -2.0 / 3, 1])
        #expect(rows.features.column(1) == [-1, 1, -1])
    }

    /// Standard scaling: every training column has mean 0 and population sd 1 (or sample sd 1).
    @Test func standardScalingHasUnitVariance() throws {
        for convention in StandardDeviationConvention.allCases {
            let preprocessor = try PreprocessingParameters(missing: .mean, encoding: .oneHot(dropFirst: false), scaling: .standard,
                                                           standardDeviation: convention).fit(Self.table)
            let z = try preprocessor.transform(Self.table).features
            for (mean, sd) in zip(z.columnMeans(), z.columnStandardDeviations(ddof: convention == .sample ? 1 : 0)) {
                #expect(abs(mean) <= 1e-15 && abs(sd - 1) <= 1e-14)
            }
        }
    }

    @Test func unknownLevelsFailOrEncodeAsZeros() throws {
        let later = try FeatureTable(source: "new.csv", names: ["colour", "x"], columns: [.text(["green"]), .numbers([3])])
        #expect(throws: PreprocessingError.unknownLevel(row: 0, column: "colour", value: "green", levels: ["blue", "red"], source: "new.csv")) {
            try fitted(.mean).transform(later)
        }
        #expect(try fitted(.mean, unknown: .ignore).transform(later).features.storage == [3, 0, 0])
    }

    @Test func textInANumericColumnIsRefused() throws {
        let later = try FeatureTable(source: "new.csv", names: ["x", "colour"], columns: [.text(["3", "many"]), .text(["red", "red"])])
        #expect(throws: PreprocessingError.nonNumeric(row: 1, column: "x", value: "many", source: "new.csv")) {
            try fitted(.mean).transform(later)
        }
    }

    @Test func meaninglessCombinationsAreRefused() {
        #expect(throws: LagrangeError.self) { try PreprocessingParameters(unknownLevels: .ignore).validate() }
        #expect(throws: LagrangeError.self) { try PreprocessingParameters(standardDeviation: .sample).validate() }
    }

    /// A damaged preprocessor (a fill where none is learned, a level list with repeats, a
    /// scale of 0) fails `validate`, which model-file decoding runs.
    @Test func damagedPreprocessorsFailValidation() throws {
        let good = try fitted(.mean, scaling: .standard)
        try good.validate()
        let wrongFill = Preprocessor(inputs: good.inputs, missing: .omit, unknownLevels: .error, scalingMethod: .standard,
                                     standardDeviation: .population, scaling: good.scaling)
        #expect(throws: LagrangeError.self) { try wrongFill.validate() }
        let repeated = Preprocessor(inputs: [InputColumn(name: "c", encoding: .categorical(levels: ["a", "a"], dropFirst: false, fill: nil))],
                                    missing: .fail, unknownLevels: .error, scalingMethod: .none, standardDeviation: .population, scaling: nil)
        #expect(throws: LagrangeError.self) { try repeated.validate() }
        let zeroScale = Preprocessor(inputs: good.inputs, missing: .mean, unknownLevels: .error, scalingMethod: .standard,
                                     standardDeviation: .population,
                                     scaling: Standardization(means: [0, 0, 0], scales: [1, 0, 1]))
        #expect(throws: LagrangeError.self) { try zeroScale.validate() }
    }
}
