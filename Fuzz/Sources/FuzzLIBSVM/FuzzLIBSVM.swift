import FuzzDriver
import Lagrange

/// The LIBSVM text reader on arbitrary bytes, for both tasks: a `Dataset` whose shape agrees
/// with itself, or a thrown `DataError` — never a trap or an out-of-bounds read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLIBSVM(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for task in [LearningTask.classification, .regression] {
        do {
            let dataset = try LIBSVMReader.read(MemoryByteSource(bytes, name: "fuzz"), task: task)
            let targetCount: Int
            switch dataset.target {
            case let .values(y)?: targetCount = y.count
            case let .labels(codes, encoding)?:
                guard codes.allSatisfy({ (0..<encoding.count).contains($0) }) else { fatalError("a class code out of range") }
                targetCount = codes.count
            case nil: fatalError("a supervised LIBSVM dataset without a target")
            }
            guard dataset.featureNames.count == dataset.featureCount, targetCount == dataset.sampleCount else {
                fatalError("LIBSVM dataset disagrees with itself: \(dataset.featureNames.count) names, \(dataset.sampleCount)×\(dataset.featureCount), \(targetCount) targets")
            }
        } catch is DataError {
        } catch is LagrangeError {
        } catch {
            fatalError("LIBSVM reader threw an unexpected error type: \(error)")
        }
    }
    return 0
}

/// The program's entry point (SwiftPM's name for `main`): libFuzzer's driver with this target.
@_cdecl("FuzzLIBSVM_main")
public func fuzzLIBSVMMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzLIBSVM(data!, size) }
}
