import ArgumentParser
import Lagrange

/// `lagrange fit svr`: ε-support vector regression.
struct FitSVR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svr",
        abstract: "Fit an ε-support vector regression (SMO on the 2n-variable dual).",
        discussion: "Prints the support vectors and the certificate: dual and primal objectives, duality gap, largest KKT violation.\n\n"
            + "From LIBSVM's svm-train -s 3: -p → --epsilon (-s 4 -n ν → --nu ν, scikit-learn's NuSVR), and the options of 'fit svm' (docs/conventions.md); scikit-learn's "
            + "SVR(C, epsilon, kernel, gamma, …) maps name for name."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var svm: SVMOptions
    @OptionGroup var preprocessing: PreprocessingOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Half-width ε ≥ 0 of the insensitive tube (LIBSVM's -p; default 0.1).", valueName: "eps"))
    var epsilon: Double?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Fit a ν-SVR instead (LIBSVM's -s 4 -n, scikit-learn's NuSVR): ν in (0, 1] bounds the fraction of samples outside the tube from above and of support vectors from below, and ε is fitted. Not with --epsilon.", valueName: "nu"))
    var nu: Double?

    @Option(help: ArgumentHelp("Where to write the model (JSON, written atomically; without it the fit is only printed).", valueName: "file"))
    var model: String?

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Write an HTML report here: the residual histogram with the ε-tube, support vectors free and bounded, the certificate, and the fitted function over the one feature (or the first principal component).", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("Sample-weight column (left out of the features; each weight > 0 scales that sample's C, as scikit-learn's SVR sample_weight).", valueName: "column"))
    var weights: String?

    func validate() throws {
        if nu != nil, epsilon != nil { throw ValidationError("give --epsilon (an ε-SVR) or --nu (a ν-SVR, which fits ε), not both") }
        if weights != nil, nu != nil { throw ValidationError("--weights applies to an ε-SVR, not to --nu") }
    }

    func run() throws {
        output.apply()
        try OutputPlan.check(inputs: [data.data], outputs: [("--model", model), ("--report", report)])
        if let nu {
            return try fitAndReport(NuSVRParameters(nu: nu, c: svm.box, kernel: svm.kernelParameters, tolerance: svm.tol,
                                                    cacheMegabytes: svm.cacheMB, shrinking: !svm.noShrinking,
                                                    maximumIterations: svm.maxIterations))
        }
        let parameters = SVRParameters(c: svm.box, epsilon: epsilon ?? 0.1, kernel: svm.kernelParameters, tolerance: svm.tol,
                                       cacheMegabytes: svm.cacheMB, shrinking: !svm.noShrinking,
                                       maximumIterations: svm.maxIterations)
        if let weights {
            try parameters.validate()
            let fit = try SampleWeightColumn.svr(data, column: weights, preprocessing: preprocessing, parameters: parameters, context: svm.context)
            return try finish(fit) { try SVRFitReportInput.make(model: fit.inner, dataset: fit.dataset, kind: "ε-SVR") }
        }
        try fitAndReport(parameters)
    }

    /// Fits an ε-SVR or a ν-SVR and prints it (and saves it with --model, --report).
    private func fitAndReport<E: Estimator>(_ parameters: E) throws where E.Fitted.ModelCertificate == SVMCertificate {
        try parameters.validate()
        let fit = try PreprocessedFit.fit(data: data, preprocessing: preprocessing, task: .regression, context: svm.context) { _ in parameters }
        try finish(fit) {
            if let nuSVR = fit.inner as? NuSVR { return try SVRFitReportInput.make(model: nuSVR.regression, dataset: fit.dataset, kind: "ν-SVR") }
            guard let svr = fit.inner as? SVR else { throw LagrangeError.invalidData("no report for a \(type(of: fit.inner))") }
            return try SVRFitReportInput.make(model: svr, dataset: fit.dataset, kind: "ε-SVR")
        }
    }

    /// Warns, saves (--model, --report) and prints a fitted ε-SVR or ν-SVR.
    private func finish<M: Model>(_ fit: PreprocessedFit.Result<M>, report page: () throws -> SVRFitReportData) throws
        where M.ModelCertificate == SVMCertificate {
        Console.endProgress()
        SVMOptions.warnIfNotConverged(fit.inner.certificate)
        ScaleWarning.check(fit.dataset, kernel: svm.kernel, scaled: preprocessing.scale != .none)
        if let model { try ModelFile.write(fit.saved, to: model) }
        if let report { try AtomicFile.write(SVRFitReport.render(try page()), to: report) }
        PreprocessedFit.reportOmitted(fit.omittedRows, used: fit.dataset.sampleCount)
        let written = [model.map { "model written to \($0)" }, report.map { "report written to \($0)" }].compactMap { $0 }
        Console.print(ModelRendering.summary(fit.saved) + written.joined(separator: "\n"))
    }
}
