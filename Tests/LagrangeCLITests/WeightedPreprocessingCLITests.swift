import Foundation
import Testing
import TestSupport

/// `--weights` together with the preprocessing options on the single fits (`fit svm`, `fit svr`,
/// `fit lasso`). Reference: the same fit on a file the test encodes itself
/// (`PathPreprocessingCLITests.encodedPenguins`, weight column carried along) predicts the same
/// numbers, byte for byte, on every row the pipeline keeps; the rows `--missing omit` leaves out
/// lose their weight with them.
@Suite struct WeightedPreprocessingCLITests {
    /// penguins.csv with a weight column w = 0.5, 1, 1.5, 2, 0.5, … appended.
    static func weightedPenguins(in directory: URL) throws -> String {
        let lines = try String(contentsOfFile: PathPreprocessingCLITests.penguins, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let rows = lines.dropFirst().enumerated().map { "\($1),\(0.5 + 0.5 * Double($0 % 4))" }
        let path = directory.appendingPathComponent("penguins-weighted.csv").path
        try ([lines[0] + ",w"] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Fits `command` on the raw weighted file with `--encode onehot --missing omit` and on the
    /// hand-encoded file, and returns both models' predictions (the pipeline's without its empty
    /// lines for the omitted rows).
    static func predictions(_ command: [String], predictFlags: [String], encoding text: Set<String> = ["species", "island", "sex"])
        throws -> (pipeline: [Substring], byHand: [Substring]) {
        let directory = try TestPaths.temporaryDirectory()
        let raw = try weightedPenguins(in: directory)
        let encoded = try PathPreprocessingCLITests.encodedPenguins(in: directory, from: raw, encoding: text)
        let (modelA, modelB) = (directory.appendingPathComponent("a.json").path, directory.appendingPathComponent("b.json").path)
        let fitA = try CLIRunner.run(command + ["--data", raw, "--weights", "w", "--encode", "onehot", "--missing", "omit", "--model", modelA])
        #expect(fitA.status == 0, "\(fitA.stderr)")
        #expect(fitA.stdout.components(separatedBy: "omitted 11 of 344 rows").count == 2, "said once: \(fitA.stdout)")
        let fitB = try CLIRunner.run(command + ["--data", encoded, "--weights", "w", "--model", modelB])
        #expect(fitB.status == 0, "\(fitB.stderr)")
        let predictA = try CLIRunner.run(["predict", "--model", modelA, "--data", raw] + predictFlags)
        let predictB = try CLIRunner.run(["predict", "--model", modelB, "--data", encoded] + predictFlags)
        #expect(predictA.status == 0 && predictB.status == 0, "\(predictA.stderr) \(predictB.stderr)")
        let linesA = predictA.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().filter { $0 != "\"\"" && !$0.allSatisfy { $0 == "," || $0 == "\"" } }
        let linesB = predictB.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        return (Array(linesA), Array(linesB))
    }

    @Test func weightedSVCOnEncodedColumnsIsTheFitOnTheEncodedFile() throws {
        // species is the target: the hand-encoded file keeps its labels.
        let (pipeline, byHand) = try Self.predictions(["fit", "svm", "--target", "species"], predictFlags: ["--decision"],
                                                      encoding: ["island", "sex"])
        #expect(byHand.count == 334)
        Self.expectSame(pipeline, byHand)
    }

    @Test func weightedSVROnEncodedColumnsIsTheFitOnTheEncodedFile() throws {
        let (pipeline, byHand) = try Self.predictions(["fit", "svr", "--target", "body_mass_g", "-C", "100", "--epsilon", "10"],
                                                      predictFlags: [])
        #expect(byHand.count == 334)
        Self.expectSame(pipeline, byHand)
    }

    @Test func weightedLassoOnEncodedColumnsIsTheFitOnTheEncodedFile() throws {
        let (pipeline, byHand) = try Self.predictions(["fit", "lasso", "--target", "body_mass_g", "--lambda", "10"], predictFlags: [])
        #expect(byHand.count == 334)
        Self.expectSame(pipeline, byHand)
    }

    /// The two outputs line for line, naming the first line that differs.
    static func expectSame(_ pipeline: [Substring], _ byHand: [Substring]) {
        let difference = pipeline.indices.first { $0 >= byHand.count || pipeline[$0] != byHand[$0] }
        #expect(pipeline.count == byHand.count && difference == nil,
                "\(pipeline.count) vs \(byHand.count) lines; first difference: \(difference.map { "\(pipeline[$0]) | \($0 < byHand.count ? byHand[$0] : "")" } ?? "none")")
    }
}
