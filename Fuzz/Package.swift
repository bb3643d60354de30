// swift-tools-version:6.0
import PackageDescription

// Coverage-guided fuzz targets for the three parsers that read outside input (FUZZING.md).
// Built only by scripts/fuzz.sh, with `-sanitize=fuzzer,address -parse-as-library`. SwiftPM links
// an executable's entry point as `<Target>_main`; each target defines it and hands control to
// libFuzzer's `LLVMFuzzerRunDriver` (declared by the FuzzDriver C target).
let package = Package(
    name: "LagrangeFuzz",
    dependencies: [.package(name: "Lagrange", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzDriver", .product(name: "Lagrange", package: "Lagrange")]),
        .executableTarget(name: "FuzzLIBSVM", dependencies: ["FuzzDriver", .product(name: "Lagrange", package: "Lagrange")]),
        .executableTarget(name: "FuzzModelFile", dependencies: ["FuzzDriver", .product(name: "Lagrange", package: "Lagrange")]),
    ],
    swiftLanguageModes: [.v5]
)
