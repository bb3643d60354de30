import ArgumentParser
import Foundation
import Lagrange

/// `lagrange split`: a seeded train/test split of a CSV file, each row copied byte for byte.
struct Split: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Split a CSV file into a training and a test file (seeded; optionally stratified by the target).",
        discussion: """
        The test file gets ⌈f·n⌉ rows drawn by a seeded shuffle (with --stratify, round(f·n_c) of
        each class's n_c rows, keeping at least one in training). Both files keep the header and
        the input's row order, each row exactly as written, and are written atomically. Default
        names: FILE-train.csv and FILE-test.csv beside the input.
        """
    )

    @Option(help: ArgumentHelp("CSV file with a header row.", valueName: "file"))
    var data: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Fraction of the rows for the test file, in (0, 1).", valueName: "fraction"))
    var test: Double

    @Option(help: ArgumentHelp("Seed of the shuffle.", valueName: "S"))
    var seed: UInt64 = 1

    @Flag(help: "Keep each class's share of the rows in both files (classes of the --target column).")
    var stratify = false

    @Option(help: ArgumentHelp("With --stratify: the class column (default: the last column).", valueName: "column"))
    var target: String?

    @Option(name: .customLong("train-output"), help: ArgumentHelp("Where to write the training rows.", valueName: "file"))
    var trainOutput: String?

    @Option(name: .customLong("test-output"), help: ArgumentHelp("Where to write the test rows.", valueName: "file"))
    var testOutput: String?

    @OptionGroup var csvFormat: CSVFormatOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard test > 0, test < 1 else { throw ValidationError("--test takes a fraction in (0, 1), e.g. 0.25; got \(test)") }
        if target != nil, !stratify { throw ValidationError("--target applies with --stratify") }
        if data == "-" { throw ValidationError("split needs a file (--data -, standard input, cannot be re-read)") }
    }

    func run() throws {
        output.apply()
        var csv = try csvFormat.csvOptions(for: data)
        if stratify { csv.keepText = target.map { .columns([$0]) } ?? .lastColumn }
        let table = try CSVReader(options: csv).read(path: data)
        let bytes = [UInt8](try ModelFile.readData(path: data))
        let records = CSVRecords.ranges(bytes)
        guard records.count == table.rowCount + 1 else {
            throw DataError(.invalidSyntax, file: data, "found \(records.count - 1) records where the reader found \(table.rowCount) rows; cannot copy the rows exactly")
        }
        var strata: [Int]?
        if stratify {
            let j = try target.map(table.columnIndex) ?? table.columnCount - 1
            if let missing = table.firstMissing[j] {
                throw DataError(.missingValue, file: data, line: missing.line, column: j + 1,
                                "missing value in the class column '\(table.columnNames[j])' that --stratify splits by")
            }
            let labels = table.textColumns[j] ?? table.values.column(j).map { Optional(NumberFormatting.shortest($0)) }
            let encoding = LabelEncoding(fitting: labels.map { $0 ?? "" })
            strata = encoding.encode(labels.map { $0 ?? "" })
        }
        let split = try TrainTestSplit(count: table.rowCount, testFraction: test, seed: seed, strata: strata)
        let stem = data.hasSuffix(".csv") ? String(data.dropLast(4)) : data
        let trainPath = trainOutput ?? stem + "-train.csv", testPath = testOutput ?? stem + "-test.csv"
        guard trainPath != testPath, trainPath != data, testPath != data else {
            throw ValidationError("the training, test and input files must be three different files")
        }
        func file(_ rows: [Int]) -> [UInt8] {
            var out = Array(bytes[records[0]]) + [UInt8(ascii: "\n")]
            for i in rows { out += bytes[records[i + 1]]; out.append(UInt8(ascii: "\n")) }
            return out
        }
        try AtomicFile.write(file(split.train), to: trainPath)
        try AtomicFile.write(file(split.test), to: testPath)
        let how = stratify ? ", stratified by '\(target ?? table.columnNames.last!)'" : ""
        Console.print("\(table.rowCount) rows of \(data) (seed \(seed)\(how)): \(split.train.count) written to \(trainPath), \(split.test.count) to \(testPath)")
    }
}
