import ArgumentParser
import Lagrange

/// `lagrange fit svm`: C-support vector classification (one-vs-one for more than two classes).
struct FitSVM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "svm",
        abstract: "Fit a C-support vector classifier (SMO on the dual; one-vs-one for several classes).",
        discussion: "Prints the support vectors per class and the certificate: dual and primal objectives, duality gap, largest KKT violation. "
            + "For two classes the decision values and the saved intercept and linear w are positive for the second class "
            + "(scikit-learn's sign).\n\n"
            + "From LIBSVM's svm-train: -c → -c (or -C); -g → --gamma (LIBSVM's default γ is 'auto', 1/p; Lagrange's is 'scale', "
            + "scikit-learn's); -t, -d, -r → --kernel, --degree, --coef0; -e → --tol; -m → --cache-mb; -h 0 → --no-shrinking; "
            + "-wi W → --class-weight LABEL=W; -b 1 → --probability; -s 1 -n ν → --nu ν; -v k → 'path svm --folds k'. scikit-learn's SVC(C, kernel, gamma, degree, coef0, tol, "
            + "class_weight) maps name for name. Table and fixtures: docs/conventions.md."
    )

    @OptionGroup var data: DataOptions
    @OptionGroup var svm: SVMOptions
    @OptionGroup var preprocessing: PreprocessingOptions

    @Option(name: .customLong("class-weight"),
            help: ArgumentHelp("'balanced' (C scaled by n/(k·n_class)) or LABEL=W (repeatable).", valueName: "weight"))
    var classWeight: [String] = []

    @Flag(help: "Fit Platt sigmoids for probability estimates (LIBSVM's -b 1): decision values from a seeded internal 5-fold cross-validation per machine, pairwise coupling for several classes.")
    var probability = false

    @Flag(name: .customLong("probability-labels"), help: "With --probability: predict the class of largest probability instead of the one-vs-one vote, so label and probabilities never disagree.")
    var probabilityLabels = false

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Fit a ν-SVC instead of a C-SVC (LIBSVM's -s 1 -n, scikit-learn's NuSVC): ν in (0, 1] bounds the fraction of margin errors from above and of support vectors from below. Not with -C, --class-weight or --probability.", valueName: "nu"))
    var nu: Double?

    @Option(help: ArgumentHelp("Where to write the model (JSON, written atomically; without it the fit is only printed).", valueName: "file"))
    var model: String?

    @Option(help: ArgumentHelp("Write an HTML report here: decision-value histograms with the margin, support vectors per class, the certificate, and the decision function over the two features (or the first two principal components).", valueName: "file"))
    var report: String?

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Sample-weight column (left out of the features; each weight > 0 scales that sample's C, as scikit-learn's sample_weight).", valueName: "column"))
    var weights: String?

    func validate() throws {
        _ = try parsedClassWeight()
        if probabilityLabels, !probability { throw ValidationError("--probability-labels needs --probability") }
        if nu != nil {
            if svm.c != nil { throw ValidationError("give -C (a C-SVC) or --nu (a ν-SVC), not both") }
            if !classWeight.isEmpty { throw ValidationError("--class-weight applies to a C-SVC, not to --nu") }
            if probability { throw ValidationError("--probability applies to a C-SVC, not to --nu") }
            if weights != nil { throw ValidationError("--weights applies to a C-SVC, not to --nu") }
            if report != nil { throw ValidationError("--report applies to a C-SVC, not to --nu") }
        }
    }

    func parsedClassWeight() throws -> ClassWeight {
        if classWeight.isEmpty { return .uniform }
        if classWeight == ["balanced"] { return .balanced }
        var weights: [String: Double] = [:]
        for entry in classWeight {
            guard let separator = entry.lastIndex(of: "="), let weight = Double(entry[entry.index(after: separator)...]) else {
                throw ValidationError("--class-weight takes 'balanced' or LABEL=WEIGHT, not '\(entry)'")
            }
            weights[String(entry[..<separator])] = weight
        }
        return .custom(weights)
    }

    func run() throws {
        output.apply()
        try OutputPlan.check(inputs: [data.data], outputs: [("--model", model), ("--report", report)])
        if let nu {
            let parameters = NuSVCParameters(nu: nu, kernel: svm.kernelParameters, tolerance: svm.tol, cacheMegabytes: svm.cacheMB,
                                             shrinking: !svm.noShrinking, maximumIterations: svm.maxIterations)
            try parameters.validate()
            let fit = try PreprocessedFit.fit(data: data, preprocessing: preprocessing, task: .classification, context: svm.context) { _ in parameters }
            return try finish(fit, reportPage: nil)
        }
        var parameters = SVCParameters(c: svm.box, kernel: svm.kernelParameters, tolerance: svm.tol,
                                       cacheMegabytes: svm.cacheMB, shrinking: !svm.noShrinking,
                                       classWeight: try parsedClassWeight(), maximumIterations: svm.maxIterations)
        parameters.probability = probability
        parameters.labelsFromProbabilities = probabilityLabels
        try parameters.validate()
        let fit = try weights.map { try SampleWeightColumn.svc(data, column: $0, preprocessing: preprocessing, parameters: parameters, context: svm.context) }
            ?? PreprocessedFit.fit(data: data, preprocessing: preprocessing, task: .classification, context: svm.context) { _ in parameters }
        try finish(fit) { try SVMFitReport.render(SVMFitReportInput.make(model: fit.inner, dataset: fit.dataset)) }
    }

    /// Warns, saves (--model, --report) and prints a fitted C-SVC or ν-SVC.
    private func finish<M: Model>(_ fit: PreprocessedFit.Result<M>, reportPage: (() throws -> String)?) throws
        where M.ModelCertificate == SVMCertificate {
        if let (_, encoding) = fit.dataset.targetLabels, encoding.count > 10, encoding.count * 10 > fit.dataset.sampleCount,
           encoding.classes.allSatisfy({ Double($0) != nil }) {
            Console.warn("the target '\(fit.dataset.targetName ?? "")' has \(encoding.count) distinct numeric values in \(fit.dataset.sampleCount) rows, "
                + "and a classifier makes each one a class; for a numeric target use 'fit svr' or a linear model")
        }
        Console.endProgress()
        SVMOptions.warnIfNotConverged(fit.inner.certificate)
        ScaleWarning.check(fit.dataset, kernel: svm.kernel, scaled: preprocessing.scale != .none)
        if let model { try ModelFile.write(fit.saved, to: model) }
        if let report, let reportPage { try AtomicFile.write(try reportPage(), to: report) }
        PreprocessedFit.reportOmitted(fit.omittedRows, used: fit.dataset.sampleCount)
        let written = [model.map { "model written to \($0)" }, report.map { "report written to \($0)" }].compactMap { $0 }
        Console.print(ModelRendering.summary(fit.saved) + written.joined(separator: "\n"))
    }
}
