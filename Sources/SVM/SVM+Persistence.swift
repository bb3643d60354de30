import DataIO

extension SVC: PersistableModel {
    public static let modelKind = "svc"
    /// Raised whenever a stored field changes meaning.
    public static let modelVersion = 1
}

extension SVR: PersistableModel {
    public static let modelKind = "svr"
    public static let modelVersion = 1
}
