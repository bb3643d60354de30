import DataIO
import Foundation
import LinearAlgebra
import SVM
import Testing
import TestSupport

/// The library example of docs/svm.md, kept compiling and true (reference: scikit-learn 1.9.1
/// gives 60 support vectors on iris with SVC(C=1, gamma='scale'); see the fixtures).
@Suite struct DocumentationExampleTests {
    @Test func libraryExampleRuns() throws {
        let directory = try TestPaths.temporaryDirectory()
        let iris = try DataLoader.dataset(path: TestPaths.dataset("iris.csv"),
                                          options: DatasetOptions(task: .classification))
        let parameters = SVCParameters(c: 1, kernel: KernelParameters(kind: .rbf, gamma: .scale))
        let svc = try parameters.fit(iris)
        #expect(svc.supportVectors.indices.count == 60)
        #expect(svc.certificate.maximumKKTViolation <= 1e-3)
        let labels = try svc.predict(iris.features)
        #expect(labels.first == "setosa")
        let values = try svc.decisionFunction(iris.features)
        #expect(values.rows == 150 && values.columns == 3)
        let path = directory.appendingPathComponent("iris-svc.json").path
        try ModelFile.write(svc, to: path)
        #expect(try ModelFile.read(SVC.self, from: path) == svc)

        let diabetes = try DataLoader.dataset(path: TestPaths.dataset("diabetes.csv"),
                                              options: DatasetOptions(task: .regression))
        let svr = try SVRParameters(c: 100, epsilon: 10).fit(diabetes)
        let fitted = try svr.predict(diabetes.features)
        #expect(fitted.count == 442)
    }
}
