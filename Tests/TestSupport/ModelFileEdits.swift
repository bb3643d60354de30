import Foundation

/// Edits of a saved model file's JSON, for tests that check what decoding refuses or still
/// accepts (old files without a field, damaged values).
public enum ModelFileEdits {
    /// The file with `edit` applied to its "model" object.
    public static func editingModel(_ file: Data, _ edit: (inout [String: Any]) -> Void) throws -> Data {
        var object = try JSONSerialization.jsonObject(with: file) as! [String: Any]
        var model = object["model"] as! [String: Any]
        edit(&model)
        object["model"] = model
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// The file without its model's `field` (as written before the field existed); nil when the
    /// file has no such field, so a test cannot pass by removing nothing.
    public static func removing(_ field: String, from file: Data) throws -> Data? {
        var found = false
        let edited = try editingModel(file) { model in
            found = model[field] != nil
            model[field] = nil
        }
        return found ? edited : nil
    }
}
