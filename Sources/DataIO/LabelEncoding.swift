/// Class labels kept exactly as given, with a fixed order: numerically when every label is a
/// number, else by Unicode code points (scikit-learn's `np.unique` order, so one-vs-one pairs
/// and class indices line up with it).
///
/// When every label is a number, labels are classes by value: `1`, `1.0` and `+1` are one class
/// (as `np.unique` of a numeric column sees them, and as `describe` calls the column numeric),
/// shown by the spelling first in code-point order.
public struct LabelEncoding: Codable, Equatable, Sendable {
    /// The distinct labels in class-index order.
    public var classes: [String]

    public init(classes: [String]) {
        self.classes = classes
    }

    /// The encoding of the distinct values of `labels`.
    public init(fitting labels: [String]) {
        // Code-point order first, so that equal numbers ("1", "+1") keep one order on every run
        // (a Set's order changes between processes); the numeric sort below is stable.
        let distinct = Array(Set(labels)).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let numbers = distinct.compactMap { Double($0) }
        if numbers.count == distinct.count, !numbers.contains(where: \.isNaN) {
            var seen = Set<Double>()
            classes = zip(numbers, distinct).enumerated()
                .sorted { $0.element.0 != $1.element.0 ? $0.element.0 < $1.element.0 : $0.offset < $1.offset }
                .filter { seen.insert($0.element.0 == 0 ? 0 : $0.element.0).inserted } // −0 is 0
                .map(\.element.1)
        } else {
            classes = distinct
        }
    }

    public var count: Int { classes.count }

    /// The class index of `label`, or nil for a label not seen in training.
    public func index(of label: String) -> Int? {
        classes.firstIndex(of: label) ?? Self.key(label).flatMap { numericLookup()?[$0] }
    }

    /// Encodes every label; all must be known.
    public func encode(_ labels: [String]) -> [Int]? {
        let lookup = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        let byValue = numericLookup()
        var codes: [Int] = []
        codes.reserveCapacity(labels.count)
        for label in labels {
            guard let code = lookup[label] ?? Self.key(label).flatMap({ byValue?[$0] }) else { return nil }
            codes.append(code)
        }
        return codes
    }

    /// Class index by numeric value when every class is a number, else nil.
    private func numericLookup() -> [Double: Int]? {
        var lookup: [Double: Int] = [:]
        for (index, label) in classes.enumerated() {
            guard let value = Self.key(label) else { return nil }
            lookup[value] = index
        }
        return lookup
    }

    /// A label's numeric value (−0 as 0), nil for text or NaN.
    private static func key(_ label: String) -> Double? {
        guard let value = Double(label), !value.isNaN else { return nil }
        return value == 0 ? 0 : value
    }
}
