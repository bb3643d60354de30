// swift-tools-version:6.0
import PackageDescription

// Layout and dependency rules: see DESIGN.md. Only LinearAlgebra imports CLapack; the model
// families (SVM, LinearModels, LinearClassifiers, Decomposition) never import each other.
//
// Release builds (`swift build -c release`) are -O with whole-module optimization; no unsafe
// flags, so the package stays usable as a dependency. Hot loops use unsafe buffer pointers
// explicitly instead of a global -Ounchecked.
//
// Swift 6 language mode (full data-race checking). The numeric kernels hand disjoint parts of
// raw buffers to concurrent threads; that one crossing lives in LinearAlgebra/Parallel.swift.
// OpenBLASControl sets OpenBLAS's process-wide state; only executables depend on it.

let package = Package(
    name: "Lagrange",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Lagrange", targets: ["Lagrange"]),
        .executable(name: "lagrange", targets: ["LagrangeCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLapack",
            pkgConfig: "lapacke",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "OpenBLASControl"),
        .target(name: "LinearAlgebra", dependencies: ["CLapack"],
                linkerSettings: [.linkedLibrary("openblas"), .linkedLibrary("lapacke")]),
        .target(name: "DataIO", dependencies: ["LinearAlgebra"]),
        // The estimator contract every family conforms to: Estimator, Model, Certificate.
        .target(name: "Modeling", dependencies: ["LinearAlgebra", "DataIO"]),
        // Exact, mergeable sufficient statistics (n, means, centred scatter) and their file format.
        .target(name: "Statistics", dependencies: ["LinearAlgebra", "DataIO", "Modeling"]),
        // C loops for the RBF training kernel and the lasso's Gram-form gradient update, compiled
        // once per instruction set and picked at load time (SVM's KernelRows, LinearModels'
        // GramBlock; no compiler flags needed).
        .target(name: "KernelLoops"),
        .target(name: "SVM", dependencies: ["LinearAlgebra", "DataIO", "Modeling", "KernelLoops"]),
        .target(name: "LinearModels", dependencies: ["LinearAlgebra", "DataIO", "Modeling", "Evaluation", "Statistics", "KernelLoops"]),
        .target(name: "Decomposition", dependencies: ["LinearAlgebra", "DataIO", "Modeling", "Statistics"]),
        // Regularized linear classifiers: the binomial / multinomial logistic paths.
        .target(name: "LinearClassifiers", dependencies: ["LinearAlgebra", "DataIO", "Modeling", "KernelLoops"]),
        // Missing values, one-hot encoding and scaling, fitted on training data and saved with a
        // model (`Pipeline`); any family can be the inner model.
        .target(name: "Preprocessing", dependencies: ["LinearAlgebra", "DataIO", "Modeling"]),
        // Held-out scores (accuracy, confusion, F1, AUC; MSE, MAE, R²) and train/test splits.
        .target(name: "Evaluation", dependencies: ["LinearAlgebra", "DataIO"]),
        .target(name: "Reports", dependencies: ["LinearAlgebra"]),
        .target(name: "Lagrange",
                dependencies: ["LinearAlgebra", "DataIO", "Modeling", "Statistics", "SVM", "LinearModels", "LinearClassifiers",
                               "Decomposition", "Preprocessing", "Evaluation", "Reports"]),
        .executableTarget(
            name: "LagrangeCLI",
            dependencies: [
                "Lagrange", "OpenBLASControl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks/csv: the CSV reader alone, in process, against pandas.read_csv (release build).
        .executableTarget(name: "CSVBench", dependencies: ["DataIO", "LinearAlgebra", "OpenBLASControl"], path: "Benchmarks/csv/CSVBench"),
        // Benchmarks/pca: the fit alone vs the bare XᵀX + eigensolver floor (release build).
        .executableTarget(name: "PCABench", dependencies: ["DataIO", "Decomposition", "LinearAlgebra", "OpenBLASControl", "Statistics"],
                          path: "Benchmarks/pca/PCABench"),
        // Benchmarks/linear: times the linear-model paths against glmnet / scikit-learn (Benchmarks/linear/bench.py).
        .executableTarget(name: "linear-bench", dependencies: ["LinearAlgebra", "Modeling", "LinearModels", "LinearClassifiers", "OpenBLASControl"], path: "Benchmarks/linear/LinearBench"),

        .target(name: "TestSupport", dependencies: ["LinearAlgebra", "DataIO"], path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "DataIOTests", dependencies: ["DataIO", "TestSupport"]),
        .testTarget(name: "SVMTests", dependencies: ["SVM", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LinearModelsTests", dependencies: ["LinearModels", "Modeling", "Statistics", "TestSupport", "KernelLoops"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LinearClassifiersTests", dependencies: ["LinearClassifiers", "Modeling", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DecompositionTests", dependencies: ["Decomposition", "Statistics", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "PreprocessingTests", dependencies: ["Preprocessing", "SVM", "LinearModels", "Decomposition", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"]),
        .testTarget(name: "LagrangeCLITests", dependencies: ["LagrangeCLI", "OpenBLASControl", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "LagrangeTests", dependencies: ["Lagrange", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
