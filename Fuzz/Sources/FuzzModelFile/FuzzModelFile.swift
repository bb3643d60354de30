import Foundation
import FuzzDriver
import Lagrange

/// Model-file decoding on arbitrary bytes, as `predict` and `inspect` use it: the header, the
/// model of the kind it names, the consistency checks (SVC/SVR), then a prediction on a small
/// fixed matrix with the model's feature count. Any bytes must end in a thrown error or a
/// finished prediction — never a trap or an out-of-bounds read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    do {
        let header = try ModelFile.header(of: bytes, path: "fuzz")
        switch header.kind {
        case SVC.modelKind:
            let model = try ModelFile.decode(SVC.self, from: bytes, path: "fuzz")
            if let x = probe(model.featureNames.count) {
                _ = try model.predict(x)
                _ = try model.decisionFunction(x)
            }
        case SVR.modelKind:
            let model = try ModelFile.decode(SVR.self, from: bytes, path: "fuzz")
            if let x = probe(model.featureNames.count) { _ = try model.predict(x) }
        case LinearModel.modelKind:
            let model = try ModelFile.decode(LinearModel.self, from: bytes, path: "fuzz")
            if let x = probe(model.featureNames.count) { _ = try model.predict(x) }
        case PCAModel.modelKind:
            let model = try ModelFile.decode(PCAModel.self, from: bytes, path: "fuzz")
            if let x = probe(model.featureNames.count) { _ = try model.transform(x) }
        default:
            break
        }
    } catch is DataError {
    } catch is LagrangeError {
    } catch {
        fatalError("model file decoding threw an unexpected error type: \(error)")
    }
    return 0
}

/// Three rows of fixed values with `columns` columns (nil above 1,000 columns, to keep each
/// run small).
private func probe(_ columns: Int) -> Matrix? {
    guard columns <= 1_000 else { return nil }
    let values = (0..<(3 * columns)).map { Double($0 % 7) - 3 }
    return try? Matrix(rows: 3, columns: columns, storage: values)
}

/// The program's entry point (SwiftPM's name for `main`): libFuzzer's driver with this target.
@_cdecl("FuzzModelFile_main")
public func fuzzModelFileMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzModelFile(data!, size) }
}
