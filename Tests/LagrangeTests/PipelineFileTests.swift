import Foundation
import Testing
import TestSupport
import Lagrange

/// A pipeline model file: the inner model kept under its own kind and version, and everything
/// checked on decode — the preprocessor, the inner model and that the two fit together.
@Suite struct PipelineFileTests {
    static let pipeline = try! PipelineParameters(preprocessing: PreprocessingParameters(missing: .mean, scaling: .standard),
                                                  estimator: SVCParameters(c: 1)).fit(ContractTests.iris)

    /// The error decoding the edited file gives, as text ("accepted" when there is none).
    func decode(_ edit: (String) -> String) -> String {
        let text = edit(String(decoding: try! ModelFile.encode(Self.pipeline), as: UTF8.self))
        do { _ = try ModelFile.decode(Pipeline<SVC>.self, from: Data(text.utf8), path: "p.json"); return "accepted" } catch {
            return String(describing: error)
        }
    }

    @Test func roundTripsAndNamesItsInnerKind() throws {
        let data = try ModelFile.encode(Self.pipeline)
        #expect(try ModelFile.header(of: data, path: "p.json").kind == "pipeline")
        #expect(try PipelineFile.innerKind(of: data, path: "p.json") == "svc")
        #expect(try ModelFile.decode(Pipeline<SVC>.self, from: data, path: "p.json") == Self.pipeline)
        // Read as a pipeline around another family: refused, naming both kinds.
        #expect(decode { $0 } == "accepted")
        var message = "accepted"
        do { _ = try ModelFile.decode(Pipeline<LinearModel>.self, from: data, path: "p.json") } catch { message = String(describing: error) }
        #expect(message.contains("'svc'"))
        // A plain model file is not a pipeline.
        #expect(throws: DataError.self) { try ModelFile.decode(Pipeline<SVC>.self, from: try ModelFile.encode(Self.pipeline.model), path: "m.json") }
    }

    @Test func damagedPipelinesAreRefused() {
        // A scale of zero in the preprocessor.
        let scale = Self.pipeline.preprocessor.scaling!.scales[0]
        let zeroScale = decode { $0.replacingOccurrences(of: "\(scale)", with: "0") }
        #expect(zeroScale.contains("scale"))
        // Output columns that are not the inner model's features.
        let renamed = decode { $0.replacingOccurrences(of: "\"name\" : \"petal_width\"", with: "\"name\" : \"petal_w\"") }
        #expect(renamed.contains("features"))
        // A negative omitted-row count.
        let negative = decode { $0.replacingOccurrences(of: "\"omittedTrainingRows\" : 0", with: "\"omittedTrainingRows\" : -1") }
        #expect(negative != "accepted")
    }

    /// The same predictions as the inner model on the preprocessed rows, and missing cells
    /// imputed with the training means (where the plain model would refuse the row).
    @Test func predictsThroughThePreprocessor() throws {
        let x = ContractTests.iris.features
        let rows = try Self.pipeline.preprocessor.transform(try FeatureTable(x, names: Self.pipeline.featureNames))
        #expect(try Self.pipeline.predict(x) == (try Self.pipeline.model.predict(rows.features)))
        var holed = x
        holed[0, 2] = .nan
        #expect(try Self.pipeline.predict(holed).count == x.rows)
    }
}
