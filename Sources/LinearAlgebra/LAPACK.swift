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
}
