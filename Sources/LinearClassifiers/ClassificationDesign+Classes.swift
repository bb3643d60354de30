import LinearAlgebra

/// Products of the design with all K classes at once (one `dgemm` each), for the multinomial
/// solver's dense moments: η from (b, B), the gradient Xᵀ(ω∘(Y − P)), the face Newton step's
/// Hessian products. Layouts as the solver's: K × n class-major blocks, p × K feature-major
/// coefficients (`BLAS.columnMajorTimesFeatureMajor`).
extension ClassificationDesign {
    /// e ← e + X B, B feature-major (p × K), e class-major (K × n).
    func addTimes(_ b: [Double], classes k: Int, into e: inout [Double]) {
        let n = sampleCount, p = featureCount
        precondition(b.count == p * k && e.count == n * k)
        columns.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { bp in
                e.withUnsafeMutableBufferPointer { ep in
                    BLAS.columnMajorTimesFeatureMajor(rows: n, columns: p, classes: k, x.baseAddress!, bp.baseAddress!,
                                                      beta: 1, into: ep.baseAddress!)
                }
            }
        }
    }

    /// Xᵀ H, p × K feature-major, for H class-major (K × n).
    func transposeTimesClasses(_ h: [Double], classes k: Int) -> [Double] {
        let n = sampleCount, p = featureCount
        precondition(h.count == n * k)
        var g = [Double](repeating: 0, count: p * k)
        columns.withUnsafeBufferPointer { x in
            h.withUnsafeBufferPointer { hp in
                g.withUnsafeMutableBufferPointer { gp in
                    BLAS.columnMajorTransposeTimesClasses(rows: n, columns: p, classes: k, x.baseAddress!, hp.baseAddress!,
                                                          into: gp.baseAddress!)
                }
            }
        }
        return g
    }

    /// The columns of `features`, gathered into one column-major n × |features| buffer (the
    /// face Newton step's products run on the support's columns only).
    func gathered(_ features: [Int]) -> [Double] {
        let n = sampleCount
        var out = [Double](repeating: 0, count: n * features.count)
        columns.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in
                for (position, j) in features.enumerated() {
                    (o.baseAddress! + position * n).update(from: x.baseAddress! + j * n, count: n)
                }
            }
        }
        return out
    }
}
