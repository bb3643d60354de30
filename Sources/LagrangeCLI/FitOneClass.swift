import ArgumentParser
import Lagrange

/// `lagrange fit one-class`: the one-class SVM, a novelty detector fitted on unlabelled rows.
struct FitOneClass: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "one-class",
        abstract: "Fit a one-class SVM (novelty detection): 'predict' says +1 (inlier) or -1 (outlier) for each row.",
        discussion: "Every column except --drop is a feature unless --target names one to leave out (a one-class SVM has no target). "
            + "ν in (0, 1] bounds the fraction of training rows outside from above and of support vectors from below. "
            + "Prints the support vectors and the certificate: dual and primal objectives, duality gap, largest KKT violation. "
            + "The decision value (predict --decision) is Σ α K(sv, x) − ρ, positive inside.\n\n"
            + "From LIBSVM's svm-train -s 2 -n ν; scikit-learn's OneClassSVM(nu, kernel, gamma, …) maps name for name."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var svm: SVMOptions
    @OptionGroup var preprocessing: PreprocessingOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("ν in (0, 1].", valueName: "nu"))
    var nu: Double = 0.5

    @Option(help: ArgumentHelp("Where to write the model (JSON, written atomically; without it the fit is only printed).", valueName: "file"))
    var model: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if svm.c != nil { throw ValidationError("-C does not apply to a one-class SVM (its box bound is fixed by --nu)") }
    }

    func run() throws {
        output.apply()
        try OutputPlan.check(inputs: [data.data], outputs: [("--model", model)])
        let parameters = OneClassSVMParameters(nu: nu, kernel: svm.kernelParameters, tolerance: svm.tol, cacheMegabytes: svm.cacheMB,
                                               shrinking: !svm.noShrinking, maximumIterations: svm.maxIterations)
        try parameters.validate()
        let fit = try PreprocessedFit.fit(data: data, preprocessing: preprocessing, task: .unsupervised, context: svm.context) { _ in parameters }
        Console.endProgress()
        SVMOptions.warnIfNotConverged(fit.inner.certificate)
        ScaleWarning.check(fit.dataset, kernel: svm.kernel, scaled: preprocessing.scale != .none)
        if let model { try ModelFile.write(fit.saved, to: model) }
        PreprocessedFit.reportOmitted(fit.omittedRows, used: fit.dataset.sampleCount)
        Console.print(ModelRendering.summary(fit.saved) + (model.map { "model written to \($0)" } ?? ""))
    }
}
