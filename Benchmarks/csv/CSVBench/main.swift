// Times the CSV reader alone, in this process, as the peer's `pandas.read_csv` is timed in
// its own: `CSVReader().read(path:)` into a table (every number parsed, correctly rounded,
// into one row-major matrix), then the table is dropped.
// Usage: CSVBench FILE.csv [repeats]. Prints one JSON line: best and median seconds, shape.
// OpenBLAS's idle worker is parked first, as `lagrange` does at start (it would busy-wait on
// a core for the first tenth of a second).
import DataIO
import OpenBLASControl
import Foundation
import LinearAlgebra

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: CSVBench FILE.csv [repeats]\n".utf8))
    exit(2)
}
let repeats = arguments.count >= 3 ? Int(arguments[2]) ?? 5 : 5
OpenBLASControl.parkWorkerThreads()
var times: [Double] = []
var shape = (rows: 0, columns: 0)
for _ in 0..<repeats {
    times.append(try seconds {
        let table = try CSVReader().read(path: arguments[1])
        shape = (table.rowCount, table.columnCount)
    })
}
let sorted = times.sorted()
print("{\"best\": \(sorted[0]), \"median\": \(sorted[sorted.count / 2]), \"rows\": \(shape.rows), \"columns\": \(shape.columns)}")
