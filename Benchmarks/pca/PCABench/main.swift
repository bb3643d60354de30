// Times the PCA fit alone against the bare floor, on data already in memory, in one run:
//   floor: XᵀX through dsyrk (no centring, no mean) + dsyevd on the p × p result;
//   fit:   PCAParameters().fit(X) — blockwise shifted covariance + dsyevd + certificate.
// Usage: PCABench FILE.csv [repeats]. Prints one JSON line: the best (fastest) and median
// times in seconds. PCABENCH_PROFILE=1 also times the streaming accumulator by block size.
import DataIO
import Decomposition
import Foundation
import LinearAlgebra
import OpenBLASControl
import Statistics

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
func best(_ values: [Double]) -> Double { values.min() ?? .nan }

OpenBLASControl.restartWithFittingKernels()   // the kernels `lagrange` runs with
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: PCABench FILE.csv [repeats]\n".utf8))
    exit(2)
}
let repeats = arguments.count >= 3 ? Int(arguments[2]) ?? 5 : 5
var x = Matrix.zeros(0, 0)
let load = try seconds { x = try CSVReader().read(path: arguments[1]).values }
var floorTimes: [Double] = []
var fitTimes: [Double] = []
var check = 0.0
for _ in 0..<repeats {
    floorTimes.append(try seconds {
        let gram = try BLAS.gram(x, .columns)
        check += try gram.symmetricEigen().values[0]
    })
    fitTimes.append(try seconds {
        check += try PCAParameters().fit(x).explainedVariance[0]
    })
}
if ProcessInfo.processInfo.environment["PCABENCH_PROFILE"] != nil {
    for blockRows in [1024, 4096, 16384, 65536] {
        var moments = CovarianceAccumulator(featureCount: x.columns)
        let t = try seconds {
            var start = 0
            while start < x.rows {
                let end = min(start + blockRows, x.rows)
                try moments.add(x.selectingRows(start..<end))
                start = end
            }
        }
        var copies = 0.0
        let c = seconds { var start = 0; while start < x.rows { let end = min(start + blockRows, x.rows); copies += x.selectingRows(start..<end)[0, 0]; start = end } }
        var g = Matrix.zeros(x.columns, x.columns)
        let sy = try seconds { var start = 0; while start < x.rows { let end = min(start + blockRows, x.rows); try BLAS.syrk(x.selectingRows(start..<end), .columns, beta: 1, into: &g); start = end } }
        print("streaming accumulator, blocks of \(blockRows) rows: accumulate \(t) s (of which row copies \(c) s); blockwise syrk alone \(sy - c) s")
    }
}
print("{\"rows\": \(x.rows), \"columns\": \(x.columns), \"load\": \(load), \"floor\": \(best(floorTimes)), \"fit\": \(best(fitTimes)), \"floorMedian\": \(median(floorTimes)), \"fitMedian\": \(median(fitTimes)), \"repeats\": \(repeats), \"check\": \(check)}")
