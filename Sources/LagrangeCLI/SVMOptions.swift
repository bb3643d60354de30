import ArgumentParser
import Lagrange

/// Kernel and solver options shared by `fit svm` and `fit svr`.
struct SVMOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Kernel: rbf, linear, poly or sigmoid.", valueName: "kernel"))
    var kernel: KernelKind = .rbf

    @Option(name: [.customShort("C"), .customShort("c")], parsing: .unconditional,
            help: ArgumentHelp("Box bound C > 0, the cost of a margin violation (-c as in LIBSVM, C in scikit-learn; default 1).", valueName: "C"))
    var c: Double?

    /// C as given, or 1.
    var box: Double { c ?? 1 }

    @Option(parsing: .unconditional, help: ArgumentHelp("Kernel width: 'scale' = 1/(p·Var(X)) (scikit-learn's default), 'auto' = 1/p (LIBSVM's default), or a number ≥ 0.", valueName: "gamma"))
    var gamma: GammaArgument = .init(setting: .scale)

    @Option(parsing: .unconditional, help: ArgumentHelp("Degree of the poly kernel (≥ 1).", valueName: "d"))
    var degree: Int = 3

    @Option(parsing: .unconditional, help: ArgumentHelp("Constant r of the poly and sigmoid kernels.", valueName: "r"))
    var coef0: Double = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop when the largest KKT violation m(α) − M(α) is at most this (LIBSVM's -e).", valueName: "tol"))
    var tol: Double = 1e-3

    @Option(name: .customLong("cache-mb"), parsing: .unconditional, help: ArgumentHelp("Memory for cached kernel columns, in MB.", valueName: "MB"))
    var cacheMB: Double = 200

    @Flag(name: .customLong("no-shrinking"), help: "Do not shrink the active set.")
    var noShrinking = false

    @Option(name: .customLong("max-iterations"), parsing: .unconditional, help: ArgumentHelp("Iteration cap per solve (default max(10⁷, 100·n)).", valueName: "n"))
    var maxIterations: Int?

    var kernelParameters: KernelParameters {
        KernelParameters(kind: kernel, gamma: gamma.setting, degree: degree, coef0: coef0)
    }

    /// Every core, with a progress line on standard error (terminal only) during long solves.
    var context: ExecutionContext {
        guard Console.showsProgress else { return ExecutionContext() }
        return ExecutionContext(progress: { event in
            let which = event.partCount > 1 ? "machine \(event.part + 1)/\(event.partCount)  " : ""
            Console.progress("\(which)iteration \(event.step)  KKT violation \(TextTable.format(event.measure ?? .nan, significant: 3))")
        })
    }

    /// The warning for a solve that did not meet its tolerance.
    static func warnIfNotConverged(_ certificate: SVMCertificate) {
        guard !certificate.converged else { return }
        Console.warn("the solver stopped at its iteration cap after \(certificate.iterations) iterations with KKT violation "
            + "\(TextTable.format(certificate.maximumKKTViolation, significant: 3)) > tol \(certificate.tolerance); the model is saved "
            + "but not optimal — scale the features, lower C, or raise --max-iterations")
    }
}

extension KernelKind: ExpressibleByArgument {}

/// `--gamma scale|auto|X`.
struct GammaArgument: ExpressibleByArgument {
    var setting: GammaSetting

    init(setting: GammaSetting) { self.setting = setting }

    init?(argument: String) {
        switch argument {
        case "scale": setting = .scale
        case "auto": setting = .auto
        default:
            guard let value = Double(argument) else { return nil }
            setting = .value(value)
        }
    }

    var defaultValueDescription: String {
        switch setting {
        case .scale: return "scale"
        case .auto: return "auto"
        case let .value(v): return "\(v)"
        }
    }
}
