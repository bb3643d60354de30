import DataIO
import LinearAlgebra

/// One input column of a fitted preprocessor: what it is and what it learned in training.
public struct InputColumn: Codable, Equatable, Sendable {
    public enum Encoding: Codable, Equatable, Sendable {
        /// A number column; `fill` replaces a missing cell (nil when the strategy does not impute).
        case numeric(fill: Double?)
        /// A text column, one-hot encoded over `levels` (code-point order); with `dropFirst`
        /// `levels[0]` has no column. `fill` replaces a missing cell.
        case categorical(levels: [String], dropFirst: Bool, fill: String?)
    }

    public let name: String
    public let encoding: Encoding

    public init(name: String, encoding: Encoding) {
        self.name = name
        self.encoding = encoding
    }

    /// The names of the columns this input becomes: itself, or `name=level` per encoded level.
    public var outputNames: [String] {
        switch encoding {
        case .numeric:
            return [name]
        case let .categorical(levels, dropFirst, _):
            return levels.dropFirst(dropFirst ? 1 : 0).map { "\(name)=\($0)" }
        }
    }
}

/// A fitted preprocessing stage: imputation, one-hot encoding and scaling learned on training
/// data, applied identically to any later data (`transform`).
///
/// Per row, in order: a missing cell is filled with its column's learned value (or, with
/// `omit`, the row is left out); each text column becomes its 0/1 level columns; then every
/// output column j is mapped to zⱼ = (xⱼ − centerⱼ) / scaleⱼ. The stored `scaling` gives
/// center and scale per output column: mean and sd for `standard`, (max + min)/2 and
/// (max − min)/2 for `minmax`.
public struct Preprocessor: Codable, Equatable, Sendable {
    public let inputs: [InputColumn]
    public let missing: MissingValueStrategy
    public let unknownLevels: UnknownLevelPolicy
    public let scalingMethod: ScalingMethod
    public let standardDeviation: StandardDeviationConvention
    /// Center and scale of each output column; nil for `scalingMethod == .none`.
    public let scaling: Standardization?

    public init(inputs: [InputColumn], missing: MissingValueStrategy, unknownLevels: UnknownLevelPolicy,
                scalingMethod: ScalingMethod, standardDeviation: StandardDeviationConvention, scaling: Standardization?) {
        self.inputs = inputs
        self.missing = missing
        self.unknownLevels = unknownLevels
        self.scalingMethod = scalingMethod
        self.standardDeviation = standardDeviation
        self.scaling = scaling
    }

    /// The raw columns a table must have, in order.
    public var inputNames: [String] { inputs.map(\.name) }

    /// The encoded column names the inner model sees (`column=level` for text levels).
    public var outputNames: [String] { inputs.flatMap(\.outputNames) }

    /// Checks what a model file could get wrong: distinct input names, at least one output
    /// column, levels that are distinct and non-empty, fills that agree with the strategy
    /// (finite numbers, known levels), and one finite center and positive finite scale per
    /// output column exactly when scaling is on.
    public func validate() throws {
        guard !inputs.isEmpty, Set(inputNames).count == inputs.count, !outputNames.isEmpty else {
            throw LagrangeError.shapeMismatch("the preprocessor needs distinct input columns and at least one output column")
        }
        for input in inputs {
            switch input.encoding {
            case let .numeric(fill):
                guard (fill != nil) == missing.imputes, fill?.isFinite ?? true else {
                    throw LagrangeError.invalidData("column '\(input.name)': the fill value must be a finite number exactly when missing = \(missing.rawValue) imputes")
                }
            case let .categorical(levels, _, fill):
                guard !levels.isEmpty, Set(levels).count == levels.count else {
                    throw LagrangeError.invalidData("column '\(input.name)': the levels must be distinct and at least one")
                }
                guard (fill != nil) == missing.imputes, fill.map(levels.contains) ?? true else {
                    throw LagrangeError.invalidData("column '\(input.name)': the fill level must be one of the levels exactly when missing = \(missing.rawValue) imputes")
                }
            }
        }
        switch (scalingMethod, scaling) {
        case (.none, nil):
            break
        case let (method, scaling?) where method != .none:
            let count = outputNames.count
            guard scaling.means.count == count, scaling.scales.count == count,
                  scaling.means.allSatisfy(\.isFinite), scaling.scales.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw LagrangeError.invalidData("the scaling needs one finite center and one finite scale > 0 for each of the \(count) output columns")
            }
        default:
            throw LagrangeError.invalidData("the scaling values must be present exactly when scalingMethod is not 'none'")
        }
        if standardDeviation != .population, scalingMethod != .standard {
            throw LagrangeError.invalidData("standardDeviation '\(standardDeviation.rawValue)' applies only to standard scaling")
        }
    }
}
