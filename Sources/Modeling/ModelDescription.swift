/// What a model is, in a form the command line prints and `inspect --json` writes, the same
/// for every family: a title, facts, tables and the certificate.
public struct ModelDescription: Sendable, Encodable {
    /// The model file's kind tag (`svc`, `linear-model`, `pca`, …).
    public let kind: String
    /// One line, e.g. "C-SVC, kernel rbf (γ = 0.25), C = 1".
    public let title: String
    public let samples: Int
    public let features: [String]
    public let target: String?
    /// Labelled values, in display order.
    public let facts: [Fact]
    public let tables: [Table]
    /// A heading for the certificate, e.g. "certificate (sum over 3 one-vs-one machines)".
    public let certificateTitle: String

    public init(kind: String, title: String, samples: Int, features: [String], target: String?,
                facts: [Fact] = [], tables: [Table] = [], certificateTitle: String = "certificate") {
        self.kind = kind
        self.title = title
        self.samples = samples
        self.features = features
        self.target = target
        self.facts = facts
        self.tables = tables
        self.certificateTitle = certificateTitle
    }

    /// A labelled value.
    public struct Fact: Sendable, Encodable {
        public let label: String
        public let value: Value
        public init(_ label: String, _ value: Value) {
            self.label = label
            self.value = value
        }
    }

    /// A number, a count or text.
    public enum Value: Sendable, Encodable, Equatable {
        case number(Double)
        case count(Int)
        case text(String)

        public func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .number(value): try container.encode(value)
            case let .count(value): try container.encode(value)
            case let .text(value): try container.encode(value)
            }
        }
    }

    /// A small table (coefficients, support vectors per class, explained variance).
    public struct Table: Sendable, Encodable {
        public let title: String
        public let header: [String]
        public let rows: [[Value]]
        public init(title: String, header: [String], rows: [[Value]]) {
            self.title = title
            self.header = header
            self.rows = rows
        }
    }
}
