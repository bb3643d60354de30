import DataIO
import Foundation
import LinearAlgebra
import TestSupport

/// The fixtures (see Fixtures/make_*.{py,R} for how each was produced) and the bundled tables.
enum Fixture {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw LagrangeError.invalidData("fixture \(name) is missing")
        }
        return url
    }

    static func json(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: try url(name))) as! [String: Any]
    }

    /// A CSV table; `labels` keeps that column's text as written (class labels).
    static func table(_ path: String, labels: String? = nil) throws -> CSVTable {
        var options = CSVOptions()
        if let labels { options.keepText = .columns([labels]) }
        return try CSVReader(options: options).read(path: path)
    }

    static var penguins: String { TestPaths.dataset("penguins.csv") }
}

extension Dictionary where Key == String, Value == Any {
    func numbers(_ key: String) -> [Double] { (self[key] as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    func matrix(_ key: String) -> [[Double]] { (self[key] as! [[Any]]).map { $0.map { ($0 as! NSNumber).doubleValue } } }
    func number(_ key: String) -> Double { (self[key] as! NSNumber).doubleValue }
    func strings(_ key: String) -> [String] { self[key] as! [String] }
}
