import ArgumentParser
import Foundation
import Lagrange

/// The `lagrange` command: subcommands per task, the contract of DESIGN.md.
struct LagrangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lagrange",
        abstract: "Classical machine learning on dual problems, with a certificate for every fit.",
        discussion: "Every fit reports its certificate: dual objective, duality gap and the largest KKT violation. "
            + "Data is CSV with a header row, or LIBSVM text for .svm/.libsvm files.\n\n"
            + "Exit status: 0 success, 1 bad input or failed fit, 2 usage error.\n\n"
            + PeerConventions.summary,
        version: LagrangeVersion.current,
        subcommands: [Describe.self, Fit.self, PathGroup.self, Predict.self, Inspect.self, Evaluate.self, Split.self,
                      StatsCommand.self, MergeCommand.self]
    )

    func run() throws { throw CommandGroup.missingSubcommand(Self.self, path: "lagrange") }
}

/// `lagrange fit …`: one subcommand per model.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a model on a data file, print it with its certificate, and save it with --model.",
        subcommands: [FitSVM.self, FitSVR.self, FitOneClass.self, FitRidge.self, FitLasso.self, FitEnet.self, FitLogistic.self, FitPCA.self]
    )

    func run() throws { throw CommandGroup.missingSubcommand(Self.self, path: "lagrange fit") }
}

/// `lagrange path …`: `svm` and `svr` (the C × γ grids), else the linear paths (`lasso`, `ridge`, `enet`:
/// the default subcommand, so `path lasso …` reads as before).
struct PathGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Fit a whole lasso / ridge / elastic-net path over λ, or cross-validate an SVM over C × γ (path svm, path svr).",
        subcommands: [PathCommand.self, PathSVM.self, PathSVR.self],
        defaultSubcommand: PathCommand.self
    )
}

/// Usage errors of the command groups (exit status 2, DESIGN.md): a group run without a
/// subcommand, and `help` asked about a command that does not exist.
enum CommandGroup {
    /// Prints the group's help and one error line on standard error; the caller throws the result.
    static func missingSubcommand(_ group: ParsableCommand.Type, path: String) -> ExitCode {
        let names = group.configuration.subcommands.map { $0._commandName }
        FileHandle.standardError.write(Data((LagrangeCommand.helpMessage(for: group) + "\n\n").utf8))
        Console.error("'\(path)' needs a subcommand: \(names.joined(separator: ", "))")
        return ExitCode(2)
    }

    /// For `lagrange help A B …`: the error line when A B … is not a command, else nil.
    static func unknownHelpTopic(_ arguments: [String]) -> String? {
        guard arguments.first == "help" else { return nil }
        var command: ParsableCommand.Type = LagrangeCommand.self
        var path = "lagrange"
        for name in arguments.dropFirst() where !name.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard let next = subcommands.first(where: { $0._commandName == name }) else {
                let names = subcommands.map { $0._commandName }
                return names.isEmpty
                    ? "'\(path)' has no subcommands, so there is no help for '\(name)'"
                    : "no command '\(path) \(name)'; the commands are: \(names.joined(separator: ", "))"
            }
            command = next
            path += " \(name)"
        }
        return nil
    }
}
