import Lagrange

/// Every output of a command, checked before any work and any write (DESIGN.md "Bad input":
/// nothing on disk is lost): each location can be written (`OutputDestination`: its directory
/// exists and accepts files, it is not a directory or another non-regular file that would be
/// replaced), none is one of the command's input files — the same file by device and inode,
/// so a link or another spelling of the path is caught too — and no two outputs are one file.
enum OutputPlan {
    /// The destinations of `outputs` (nil paths are options not given), in order.
    @discardableResult
    static func check(inputs: [String], outputs: [(option: String, path: String?)]) throws -> [OutputDestination] {
        let inputFiles = inputs.filter { $0 != "-" }.compactMap { path in FileIdentity(path: path).map { (path: path, identity: $0) } }
        var destinations: [(option: String, destination: OutputDestination)] = []
        for case let (option, path?) in outputs {
            let destination = try OutputDestination(path: path)
            if case .file = destination.kind, let identity = destination.identity,
               let input = inputFiles.first(where: { $0.identity == identity }) {
                throw DataError(.writeFailed, file: path,
                                "is the input file '\(input.path)'; \(option) would overwrite it — write to another file")
            }
            if let earlier = destinations.first(where: { Self.sameFile($0.destination, destination) }) {
                throw DataError(.writeFailed, file: path, "is also given to \(earlier.option); give \(option) another file")
            }
            destinations.append((option, destination))
        }
        return destinations.map(\.destination)
    }

    private static func sameFile(_ a: OutputDestination, _ b: OutputDestination) -> Bool {
        switch (a.kind, b.kind) {
        case let (.file(x), .file(y)):
            return x == y || (a.identity != nil && a.identity == b.identity)
        default:
            return false
        }
    }
}
