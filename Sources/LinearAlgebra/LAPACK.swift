/// Maps LAPACK's `info` to `LagrangeError`; never a trap.
enum LAPACK {
    /// `info < 0`: argument −info was illegal (a bug here, reported as an error all the same);
    /// `info > 0`: the routine-specific failure described by `positive`.
    static func check(_ info: Int32, _ routine: String, positive: String) throws {
        if info < 0 {
            throw LagrangeError.lapack(routine: routine, info: Int(info), meaning: "argument \(-info) had an illegal value (LAPACKE reports a NaN in an input matrix this way)")
        }
        if info > 0 {
            throw LagrangeError.lapack(routine: routine, info: Int(info), meaning: positive)
        }
    }

    /// LAPACKE rejects NaN only as an "illegal argument", and ±∞ passes through to NaN
    /// results with info = 0; both are refused up front with a message a person can act on.
    static func requireFinite(_ a: Matrix, _ what: String) throws {
        guard a.storage.allSatisfy({ $0.isFinite }) else {
            throw LagrangeError.invalidData("\(what): the matrix contains NaN or an infinite value")
        }
    }
}
