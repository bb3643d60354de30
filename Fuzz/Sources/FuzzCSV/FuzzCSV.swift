import FuzzDriver
import Lagrange

/// The CSV reader on arbitrary bytes: it must return a table or throw `DataError` — never trap,
/// read out of bounds or disagree with itself. The same bytes are parsed three ways (one
/// thread; three threads; three threads over 64-byte blocks, so record boundaries fall inside
/// quoted fields and CRLF pairs) and the outcomes must be identical. Blocks are 64 KiB at most
/// (inputs are ≤ 4 KiB; the default 8 MiB block would be allocated and poisoned on every run). A parsed table is then cut
/// into a classification and a regression `Dataset`, which must also succeed or throw cleanly.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let serial = outcome(bytes, threads: 1, blockBytes: 1 << 16)
    let parallel = outcome(bytes, threads: 3, blockBytes: 1 << 16)
    let smallBlocks = outcome(bytes, threads: 3, blockBytes: 64)
    guard serial == parallel, serial == smallBlocks else {
        fatalError("CSV outcomes differ:\n1 thread: \(serial)\n3 threads: \(parallel)\n64-byte blocks: \(smallBlocks)")
    }
    for task in [LearningTask.classification, .regression] {
        do {
            var options = CSVOptions()
            options.threads = 1
            options.blockBytes = 1 << 16
            _ = try DataLoader.dataset(csv: MemoryByteSource(bytes, name: "fuzz"), options: options,
                                       dataset: DatasetOptions(task: task))
        } catch is DataError {
        } catch is LagrangeError {
        } catch {
            fatalError("dataset (\(task)) threw an unexpected error type: \(error)")
        }
    }
    return 0
}

/// The parse result as a comparable string: names, values bit for bit, text columns; or the error.
private func outcome(_ bytes: [UInt8], threads: Int, blockBytes: Int) -> String {
    var options = CSVOptions()
    options.threads = threads
    options.blockBytes = blockBytes
    do {
        let table = try CSVReader(options: options).read(MemoryByteSource(bytes, name: "fuzz"))
        return "ok \(table.columnNames) \(table.values.storage.map(\.bitPattern)) \(table.textColumns.sorted { $0.key < $1.key }.map(\.value))"
    } catch let error as DataError {
        return "error \(error)"
    } catch {
        fatalError("CSV reader threw an unexpected error type: \(error)")
    }
}

/// The program's entry point (SwiftPM's name for `main`): libFuzzer's driver with this target.
@_cdecl("FuzzCSV_main")
public func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzCSV(data!, size) }
}
