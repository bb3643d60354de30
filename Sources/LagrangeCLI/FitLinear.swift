import ArgumentParser
import Lagrange

/// `lagrange fit ridge|lasso|enet`: one penalized linear model at one λ, printed and (with
/// `--model`) saved. Each command lists only the options it uses: `--l1-ratio` is the elastic
/// net's, and the duality-gap `--tol` belongs to coordinate descent (ridge is a Cholesky solve).
struct FitRidge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ridge", abstract: "Fit ridge regression (l1-ratio 0) at one λ, by a Cholesky solve.",
        discussion: "Minimizes (1/2n)‖y − b − Xβ‖² + (λ/2)‖β‖² on standardized features. scikit-learn's Ridge(alpha = a) is "
            + "--lambda a/n --no-standardize; glmnet's alpha = 0, lambda = λ_g is --lambda λ_g/s_y, s_y the population sd of y "
            + "(docs/conventions.md). The certificate is the normal-equation residual.")
    @OptionGroup var options: FitLinearOptions
    @Option(name: .customLong("l1-ratio"), parsing: .unconditional, help: .hidden) var l1Ratio: Double?
    @Option(parsing: .unconditional, help: .hidden) var tol: Double?
    func validate() throws {
        if l1Ratio != nil { throw ValidationError("--l1-ratio applies to 'fit enet' only (lasso is 1, ridge is 0)") }
        if tol != nil { throw ValidationError("--tol applies to 'fit lasso' and 'fit enet': a ridge fit is a direct (Cholesky) solve") }
    }
    func run() throws { try options.run(.ridge, l1Ratio: 0, tolerance: ElasticNetParameters.defaultTolerance) }
}

struct FitLasso: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lasso", abstract: "Fit the lasso (l1-ratio 1) at one λ, by coordinate descent.",
        discussion: "Minimizes (1/2n)‖y − b − Xβ‖² + λ‖β‖₁ on standardized features. scikit-learn's Lasso(alpha = a) is "
            + "--lambda a --no-standardize; glmnet's lambda is --lambda, as it is (docs/conventions.md).")
    @OptionGroup var options: FitLinearOptions
    @OptionGroup var gap: GapToleranceOption
    @Option(name: .customLong("l1-ratio"), parsing: .unconditional, help: .hidden) var l1Ratio: Double?
    func validate() throws {
        if l1Ratio != nil { throw ValidationError("--l1-ratio applies to 'fit enet' only (lasso is 1, ridge is 0)") }
    }
    func run() throws { try options.run(.lasso, l1Ratio: 1, tolerance: gap.tol) }
}

struct FitEnet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enet", abstract: "Fit the elastic net at one λ and l1-ratio, by coordinate descent.",
        discussion: "Minimizes (1/2n)‖y − b − Xβ‖² + λ(α‖β‖₁ + (1−α)/2‖β‖²) on standardized features, α = --l1-ratio. "
            + "scikit-learn's ElasticNet(alpha = a, l1_ratio = r) is --lambda a --l1-ratio r --no-standardize; glmnet's "
            + "(lambda_g, alpha_g) is λ = λ_g α_g + λ_g(1 − α_g)/s_y, α = λ_g α_g/λ (docs/conventions.md).")
    @OptionGroup var options: FitLinearOptions
    @Option(name: .customLong("l1-ratio"), parsing: .unconditional, help: ArgumentHelp("α ∈ [0, 1]: 1 is the lasso, 0 ridge.", valueName: "α"))
    var l1Ratio: Double = 0.5
    @OptionGroup var gap: GapToleranceOption
    func run() throws { try options.run(.enet, l1Ratio: l1Ratio, tolerance: gap.tol) }
}

/// The options of the three `fit` commands, and the fit itself.
struct FitLinearOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @Option(parsing: .unconditional, help: ArgumentHelp("Penalty strength λ ≥ 0.", valueName: "λ"))
    var lambda: Double
    @OptionGroup var linear: LinearModelOptions
    @OptionGroup var preprocessing: PreprocessingOptions
    @Option(help: ArgumentHelp("Write the fitted model here (JSON, atomically; without it the fit is only printed).", valueName: "file"))
    var model: String?
    @OptionGroup var statistics: StatisticsInputOptions
    @Option(help: ArgumentHelp("Sample-weight column (left out of the features; each > 0, normalized to sum to n as glmnet does).", valueName: "column"))
    var weights: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try statistics.check(data: data)
        if weights != nil, statistics.isActive { throw ValidationError("--weights needs the rows (--data); statistics files are unweighted") }
    }

    func run(_ family: LinearModelFamily, l1Ratio alpha: Double, tolerance: Double) throws {
        output.apply()
        try OutputPlan.check(inputs: [data.dataPath].compactMap { $0 } + statistics.stats, outputs: [("--model", model)])
        let saved: any Model
        let fitted: LinearModel
        let header: String
        if statistics.isActive {
            let description: String
            (fitted, description) = try StatisticsFits.linear(statistics.stats, options: data, linear: linear, l1Ratio: alpha,
                                                              lambda: lambda, family: family, tolerance: tolerance)
            saved = fitted
            header = description
        } else if let weights {
            let prepared = try PreparedData.load(data, preprocessing: preprocessing, task: .regression, weightColumn: weights,
                                                 allowZeroWeights: false)
            let dataset = prepared.dataset
            guard let y = dataset.targetValues else {
                throw LagrangeError.invalidData("\(dataset.source): the target must be numeric for a linear model")
            }
            fitted = try LinearModelParameters(lambda: lambda, penalty: try linear.parameters(l1Ratio: alpha, dataset: dataset, tolerance: tolerance),
                                               family: family)
                .fit(x: dataset.features, y: y, sampleWeights: prepared.weights, featureNames: dataset.featureNames,
                     targetName: dataset.targetName)
            saved = prepared.stage.saved(fitted)
            header = "\(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")', weighted by '\(weights)'"
        } else {
            let fit = try PreprocessedFit.fit(data: data, preprocessing: preprocessing, task: .regression, context: ExecutionContext()) {
                LinearModelParameters(lambda: lambda, penalty: try linear.parameters(l1Ratio: alpha, dataset: $0, tolerance: tolerance), family: family)
            }
            fitted = fit.inner
            saved = fit.saved
            let dataset = fit.dataset
            header = "\(dataset.source): \(dataset.sampleCount) rows × \(dataset.featureCount) features, target '\(dataset.targetName ?? "")'"
            PreprocessedFit.reportOmitted(fit.omittedRows, used: dataset.sampleCount)
        }
        if case let .elasticNet(certificate) = fitted.certificate, !certificate.converged {
            Console.warn("the duality gap (\(certificate.relativeGap) relative) did not reach --tol \(tolerance) within the pass limit")
        }
        // The model is written before anything is printed, so an unwritable standard output
        // loses no work.
        if let model { try ModelFile.write(saved, to: model) }
        Console.print(header)
        Console.print(ModelRendering.summary(saved).trimmingCharacters(in: .newlines))
        if let model { Console.print("model written to \(model)") }
    }
}
