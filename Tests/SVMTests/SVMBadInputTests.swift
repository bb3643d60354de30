import DataIO
import Foundation
import LinearAlgebra
import SVM
import Testing
import TestSupport

/// Bad input becomes a typed error, never a trap.
@Suite struct SVMBadInputTests {
    let x = try! Matrix(rows: [[0, 1], [1, 0], [2, 2], [3, 1]])
    let labels = ["a", "b", "a", "b"]

    @Test func invalidHyperparametersAreErrors() {
        #expect(throws: LagrangeError.self) { try SVCParameters(c: 0).fit(x, labels: labels) }
        #expect(throws: LagrangeError.self) { try SVCParameters(c: -1).fit(x, labels: labels) }
        #expect(throws: LagrangeError.self) { try SVCParameters(c: .nan).fit(x, labels: labels) }
        #expect(throws: LagrangeError.self) { try SVCParameters(kernel: KernelParameters(gamma: .value(-0.5))).fit(x, labels: labels) }
        #expect(throws: LagrangeError.self) { try SVCParameters(kernel: KernelParameters(kind: .poly, degree: 0)).fit(x, labels: labels) }
        #expect(throws: LagrangeError.self) { try SVCParameters(tolerance: 0).fit(x, labels: labels) }
        #expect(throws: LagrangeError.self) { try SVCParameters(cacheMegabytes: 0).fit(x, labels: labels) }
        #expect(throws: LagrangeError.self) { try SVCParameters(classWeight: .custom(["a": -1])).fit(x, labels: labels) }
        #expect(throws: LagrangeError.self) { try SVCParameters(classWeight: .custom(["zebra": 2])).fit(x, labels: labels) }
        #expect(throws: LagrangeError.self) { try SVRParameters(epsilon: -0.1).fit(x, targets: [1, 2, 3, 4]) }
        #expect(throws: LagrangeError.self) { try SVRParameters(c: 0).fit(x, targets: [1, 2, 3, 4]) }
    }

    @Test func messagesNameTheParameter() {
        #expect(throws: LagrangeError.invalidParameter(name: "c", value: "0.0", requirement: "must be a finite number > 0")) {
            try SVCParameters(c: 0).fit(x, labels: labels)
        }
        #expect(throws: LagrangeError.invalidParameter(name: "degree", value: "0", requirement: "must be an integer ≥ 1")) {
            try SVCParameters(kernel: KernelParameters(kind: .poly, degree: 0)).fit(x, labels: labels)
        }
    }

    /// Issue 10, crash 2: `Int(cacheMegabytes × 2²⁰)` trapped for 1e13 MB. The budget only bounds
    /// a lazily filled cache, so a huge one is clamped and the fit is the same as with the default
    /// (invariant: the cache size never changes the solution, only the work).
    @Test func hugeCacheBudgetIsClampedNotATrap() throws {
        let reference = try SVCParameters().fit(x, labels: labels)
        for megabytes in [1e13, 1e300, Double.greatestFiniteMagnitude] {
            #expect(try SVCParameters(cacheMegabytes: megabytes).fit(x, labels: labels) == reference)
            #expect(try SVRParameters(cacheMegabytes: megabytes).fit(x, targets: [1, 2, 3, 4])
                    == SVRParameters().fit(x, targets: [1, 2, 3, 4]))
        }
    }

    @Test func singleClassIsAnError() {
        #expect(throws: LagrangeError.self) { try SVCParameters().fit(x, labels: ["a", "a", "a", "a"]) }
    }

    @Test func nonFiniteFeaturesAreErrors() throws {
        var bad = x
        bad[2, 1] = .nan
        #expect(throws: LagrangeError.self) { try SVCParameters().fit(bad, labels: labels) }
        bad[2, 1] = .infinity
        #expect(throws: LagrangeError.self) { try SVRParameters().fit(bad, targets: [1, 2, 3, 4]) }
        let model = try SVCParameters().fit(x, labels: labels)
        #expect(throws: LagrangeError.self) { try model.predict(bad) }
        #expect(throws: LagrangeError.self) { try SVRParameters().fit(x, targets: [1, .nan, 3, 4]) }
    }

    @Test func shapeMismatchesAreErrors() throws {
        #expect(throws: LagrangeError.self) { try SVCParameters().fit(x, labels: ["a", "b"]) }
        let model = try SVCParameters().fit(x, labels: labels)
        #expect(throws: LagrangeError.self) { try model.predict(try Matrix(rows: [[1, 2, 3]])) }
        #expect(throws: LagrangeError.self) { try SVCParameters().fit(try Matrix(rows: [[1, 2]]), labels: ["a"]) }
    }

    /// Model files round-trip every number exactly and refuse another kind.
    @Test func modelFilesRoundTripAndRefuseOtherKinds() throws {
        let data = try DataLoader.dataset(path: TestPaths.dataset("iris.csv"), options: DatasetOptions(task: .classification))
        let model = try SVCParameters().fit(data)
        let bytes = try ModelFile.encode(model)
        #expect(try ModelFile.decode(SVC.self, from: bytes, path: "m.json") == model)
        #expect(throws: DataError.self) { try ModelFile.decode(SVR.self, from: bytes, path: "m.json") }
        let regression = try SVRParameters().fit(x, targets: [1, 2, 3, 4])
        let svrBytes = try ModelFile.encode(regression)
        #expect(try ModelFile.decode(SVR.self, from: svrBytes, path: "r.json") == regression)
        #expect(throws: DataError.self) { try ModelFile.decode(SVC.self, from: svrBytes, path: "r.json") }
    }
}
