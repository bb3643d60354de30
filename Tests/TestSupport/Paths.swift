import Foundation

/// Locations the tests share: the repository root, the bundled datasets, fresh temp folders.
public enum TestPaths {
    /// The repository root (this file is Tests/TestSupport/Paths.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Datasets/<name>` (e.g. "iris.csv").
    public static func dataset(_ name: String) -> String {
        root.appendingPathComponent("Datasets").appendingPathComponent(name).path
    }

    /// A new empty temporary directory.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lagrange-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
