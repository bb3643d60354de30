import ArgumentParser
import Lagrange

/// The `lagrange` command: subcommands per task, the contract of DESIGN.md.
struct LagrangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lagrange",
        abstract: "Classical machine learning on dual problems, with a certificate for every fit.",
        discussion: "Every fit reports its certificate: dual objective, duality gap and the largest KKT violation. "
            + "Data is CSV with a header row, or LIBSVM text for .svm/.libsvm files.\n\n"
            + "Exit status: 0 success, 1 bad input or failed fit, 2 usage error.",
        version: LagrangeVersion.current,
        subcommands: [Describe.self, Fit.self, PathCommand.self, Predict.self, Inspect.self]
    )
}

/// `lagrange fit …`: one subcommand per model.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a model on a data file and save it as a JSON model file.",
        subcommands: [FitSVM.self, FitSVR.self, FitRidge.self, FitLasso.self, FitEnet.self, FitLogistic.self, FitPCA.self]
    )
}
