import Testing
import TestSupport
@testable import LinearAlgebra

/// A random symmetric n × n matrix, (B + Bᵀ)/2 with B uniform(−1, 1).
private func randomSymmetric(_ n: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    let b = rng.matrix(n, n)
    var s = Matrix.zeros(n, n)
    for i in 0..<n { for j in 0..<n { s[i, j] = (b[i, j] + b[j, i]) / 2 } }
    return s
}

/// max over rows i of ‖A vᵢ − λᵢ vᵢ‖∞.
private func eigenResidual(_ a: Matrix, _ e: SymmetricEigendecomposition) -> Double {
    var worst = 0.0
    for i in 0..<e.values.count {
        let v = Array(e.vectors.row(i))
        let av = Naive.product(a, try! Matrix(rows: v.count, columns: 1, storage: v)).storage
        for j in v.indices { worst = max(worst, abs(av[j] - e.values[i] * v[j])) }
    }
    return worst
}

/// max |(Q Qᵀ − I)ᵢⱼ| for a matrix Q with orthonormal rows.
private func rowOrthonormalityError(_ q: Matrix) -> Double {
    Naive.maxDifference(Naive.product(q, q, transposeB: true), .identity(q.rows))
}

@Suite struct SymmetricEigenTests {
    /// Reference: [[2, 1], [1, 2]] has λ = 3, 1 with v = (1, 1)/√2, (1, −1)/√2 (up to sign).
    /// Tolerance 1e-14: dsyevd is backward stable, error a few ε‖A‖ on a 2 × 2.
    @Test func knownTwoByTwo() throws {
        let e = try Matrix(rows: [[2, 1], [1, 2]]).symmetricEigen()
        #expect(Approx.all(e.values, [3, 1], relative: 1e-14))
        let s = 0.5.squareRoot()
        #expect(abs(abs(e.vectors[0, 0]) - s) < 1e-14 && abs(e.vectors[0, 0] - e.vectors[0, 1]) < 1e-14)
        #expect(abs(abs(e.vectors[1, 0]) - s) < 1e-14 && abs(e.vectors[1, 0] + e.vectors[1, 1]) < 1e-14)
    }

    /// Reference: the 3 × 3 second-difference matrix tridiag(−1, 2, −1) has λₖ = 2 − 2cos(kπ/4),
    /// i.e. 2 + √2, 2, 2 − √2 descending, with vₖ ∝ (sin(kπ/4), sin(2kπ/4), sin(3kπ/4)).
    @Test func knownSecondDifferenceMatrix() throws {
        let a = try Matrix(rows: [[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
        let e = try a.symmetricEigen()
        let r2 = 2.0.squareRoot()
        #expect(Approx.all(e.values, [2 + r2, 2, 2 - r2], relative: 1e-14))
        // The middle vector is ∝ (1, 0, −1): its middle entry vanishes.
        #expect(abs(e.vectors[1, 1]) < 1e-14)
        #expect(abs(abs(e.vectors[1, 0]) - 1 / r2) < 1e-14)
    }

    /// Invariants on a random 40 × 40: Av = λv, VVᵀ = I, descending order. Tolerance 1e-12:
    /// backward error of a stable eigensolver is O(n ε ‖A‖) ≈ 40 · 2.2e-16 · 20 ≈ 2e-13.
    @Test func randomMatrixInvariants() throws {
        let a = randomSymmetric(40, seed: 17)
        let e = try a.symmetricEigen()
        #expect(e.values.count == 40 && e.vectors.rows == 40 && e.vectors.columns == 40)
        #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(eigenResidual(a, e) < 1e-12)
        #expect(rowOrthonormalityError(e.vectors) < 1e-12)
    }

    /// The top-k dsyevr pairs equal the first k of the full dsyevd ones: values to 1e-12
    /// (both backward stable), vectors up to sign (|vᵀw| = 1 to 1e-9; the vector error is
    /// ε‖A‖/gap, and the gaps of this matrix are far above 1e-6).
    @Test(arguments: [1, 3, 40])
    func largestKAgreesWithTheFullDecomposition(k: Int) throws {
        let a = randomSymmetric(40, seed: 23)
        let full = try a.symmetricEigen()
        let top = try a.symmetricEigen(largest: k)
        #expect(top.values.count == k && top.vectors.rows == k && top.vectors.columns == 40)
        #expect(Approx.all(top.values, Array(full.values.prefix(k)), relative: 0, absolute: 1e-12))
        for i in 0..<k {
            #expect(abs(abs(BLAS.dot(Array(top.vectors.row(i)), Array(full.vectors.row(i)))) - 1) < 1e-9)
        }
        #expect(eigenResidual(a, top) < 1e-12)
    }

    /// LAPACKE answers NaN with info < 0 ("argument 5 had an illegal value") and lets ±∞
    /// through to NaN eigenvalues, singular values and solutions with info = 0. Both must be
    /// a typed error that says what is wrong, for every routine.
    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteInputIsATypedError(bad: Double) throws {
        let a = try Matrix(rows: [[1, bad], [bad, 1]])
        // The first non-finite entry in reading order is a[0, 1].
        let message = { (what: String) in
            LagrangeError.invalidData("the matrix of the \(what) has a non-finite value (\(bad)) at row 1, column 2; remove or fill it")
        }
        #expect(throws: message("eigen-decomposition")) { try a.symmetricEigen() }
        #expect(throws: message("eigen-decomposition")) { try a.symmetricEigen(largest: 1) }
        #expect(throws: message("SVD")) { try a.svd() }
        #expect(throws: message("Cholesky factorization")) { try Cholesky(a) }
        #expect(throws: message("least squares")) { try a.leastSquares([1, 2]) }
        #expect(throws: LagrangeError.self) { try Matrix.identity(2).leastSquares([1, bad]) }
    }

    @Test func invalidKAndNonSquareInputThrow() throws {
        let a = randomSymmetric(4, seed: 1)
        #expect(throws: LagrangeError.self) { try a.symmetricEigen(largest: 0) }
        #expect(throws: LagrangeError.self) { try a.symmetricEigen(largest: 5) }
        #expect(throws: LagrangeError.self) { try Matrix.zeros(2, 3).symmetricEigen() }
        #expect(throws: LagrangeError.self) { try Matrix.zeros(2, 3).symmetricEigen(largest: 1) }
    }
}

@Suite struct SVDTests {
    /// Reference: A = [[3, 0], [4, 5]] has AᵀA = [[25, 20], [20, 25]], eigenvalues 45 and 5,
    /// so σ = (3√5, √5). Tolerance 1e-14 relative (backward stable dgesdd on a 2 × 2).
    @Test func knownTwoByTwo() throws {
        let d = try Matrix(rows: [[3, 0], [4, 5]]).svd()
        #expect(Approx.all(d.singularValues, [3 * 5.0.squareRoot(), 5.0.squareRoot()], relative: 1e-14))
    }

    /// A = UΣVᵀ for tall and wide random matrices, UᵀU = I, VᵀVᵀᵀ = I, σ descending ≥ 0.
    /// Tolerance 1e-13: reconstruction error of a stable SVD is O(max(m, n) ε ‖A‖).
    @Test(arguments: [(11, 4), (4, 11), (6, 6)])
    func reconstructsWithOrthonormalFactors(shape: (Int, Int)) throws {
        var rng = SplitMix64(seed: UInt64(shape.0 * 31 + shape.1))
        let a = rng.matrix(shape.0, shape.1)
        let d = try a.svd()
        let r = min(shape.0, shape.1)
        #expect(d.u.rows == shape.0 && d.u.columns == r)
        #expect(d.vt.rows == r && d.vt.columns == shape.1)
        #expect(d.singularValues.count == r)
        #expect(zip(d.singularValues, d.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(d.singularValues.allSatisfy { $0 >= 0 })
        let rebuilt = Naive.product(Naive.product(d.u, .diagonal(d.singularValues)), d.vt)
        #expect(Naive.maxDifference(rebuilt, a) < 1e-13)
        #expect(rowOrthonormalityError(Naive.transpose(d.u)) < 1e-13)
        #expect(rowOrthonormalityError(d.vt) < 1e-13)
    }

    /// A rank-one matrix xyᵀ has exactly one non-zero singular value, ‖x‖‖y‖.
    @Test func rankOneHasOneSingularValue() throws {
        let x: [Double] = [1, 2, 2], y: [Double] = [3, 4]
        var a = Matrix.zeros(3, 2)
        for i in 0..<3 { for j in 0..<2 { a[i, j] = x[i] * y[j] } }
        let d = try a.svd()
        // ‖x‖ = 3, ‖y‖ = 5; the second σ is zero up to ε‖A‖ ≈ 15 ε.
        #expect(Approx.close(d.singularValues[0], 15, relative: 1e-14))
        #expect(d.singularValues[1] < 1e-13)
    }
}

@Suite struct CholeskyTests {
    /// Reference: [[4, 2], [2, 3]] x = (2, −1) has x = (1, −1). Tolerance 1e-15: κ ≈ 2.6.
    @Test func solvesAKnownSystem() throws {
        let x = try Cholesky(try Matrix(rows: [[4, 2], [2, 3]])).solve([2, -1])
        #expect(Approx.all(x, [1, -1], relative: 0, absolute: 1e-15))
    }

    /// Random SPD A = BᵀB + nI (κ small): A X = B for a vector and a 3-column right-hand side,
    /// residual ‖AX − B‖∞ ≤ 1e-12 (backward stable solve, O(n ε ‖A‖ ‖X‖)).
    @Test func solvesVectorAndMatrixRightHandSides() throws {
        var rng = SplitMix64(seed: 99)
        let n = 12
        let b0 = rng.matrix(n, n)
        var a = Naive.product(b0, transposeA: true, b0)
        for i in 0..<n { a[i, i] += Double(n) }
        let factor = try Cholesky(a)
        let rhs = rng.vector(n)
        let x = try factor.solve(rhs)
        let ax = Naive.product(a, try Matrix(rows: n, columns: 1, storage: x)).storage
        #expect(Approx.all(ax, rhs, relative: 0, absolute: 1e-12))

        let rhsMatrix = rng.matrix(n, 3)
        let xMatrix = try factor.solve(rhsMatrix)
        #expect(xMatrix.rows == n && xMatrix.columns == 3)
        #expect(Naive.maxDifference(Naive.product(a, xMatrix), rhsMatrix) < 1e-12)
        // Column j of the matrix solve is the vector solve of column j.
        let column1 = try factor.solve(rhsMatrix.column(1))
        #expect(Approx.all(xMatrix.column(1), column1, relative: 0, absolute: 1e-14))
    }

    /// [[1, 2], [2, 1]] has eigenvalues 3 and −1: the leading minor of order 2 is negative.
    /// That must be a typed error naming dpotrf and the minor, never a trap.
    @Test func notPositiveDefiniteIsATypedError() throws {
        do {
            _ = try Cholesky(try Matrix(rows: [[1, 2], [2, 1]]))
            Issue.record("a matrix that is not positive definite was factored")
        } catch let LagrangeError.lapack(routine, info, meaning) {
            #expect(routine == "dpotrf")
            #expect(info == 2)
            #expect(meaning.contains("order 2"))
        }
    }

    @Test func wrongShapesThrow() throws {
        #expect(throws: LagrangeError.self) { try Cholesky(.zeros(2, 3)) }
        let factor = try Cholesky(.identity(2))
        #expect(throws: LagrangeError.self) { try factor.solve([1, 2, 3]) }
        #expect(throws: LagrangeError.self) { try factor.solve(Matrix.zeros(3, 1)) }
    }
}

@Suite struct LeastSquaresTests {
    /// A consistent overdetermined system b = A x★ is solved exactly up to κ(A) ε ≈ 1e-15 · 10.
    @Test func recoversAnExactSolution() throws {
        var rng = SplitMix64(seed: 8)
        let a = rng.matrix(30, 5)
        let truth: [Double] = [1, -2, 0.5, 3, -0.25]
        let b = Naive.product(a, try Matrix(rows: 5, columns: 1, storage: truth)).storage
        #expect(Approx.all(try a.leastSquares(b), truth, relative: 0, absolute: 1e-12))
    }

    /// Against the normal equations AᵀA x = Aᵀb solved by Cholesky: the two agree to
    /// κ(A)² ε ≈ 1e-13 on this well-conditioned random A; and the residual is orthogonal to
    /// the columns, ‖Aᵀ(Ax − b)‖∞ ≤ 1e-12.
    @Test func agreesWithTheNormalEquations() throws {
        var rng = SplitMix64(seed: 9)
        let a = rng.matrix(25, 4)
        let b = rng.vector(25)
        let x = try a.leastSquares(b)
        let normal = try Cholesky(Naive.product(a, transposeA: true, a)).solve(try BLAS.multiply(a, .transposed, b))
        #expect(Approx.all(x, normal, relative: 0, absolute: 1e-11))
        var residual = try BLAS.multiply(a, .none, x)
        BLAS.axpy(-1, b, &residual)
        #expect(try BLAS.multiply(a, .transposed, residual).allSatisfy { abs($0) < 1e-12 })
    }

    @Test func squareSystemIsSolvedExactly() throws {
        // [[2, 1], [1, 3]] x = (3, 5) has x = (0.8, 1.4); κ ≈ 2.6, so a few ulps (1e-15).
        let x = try Matrix(rows: [[2, 1], [1, 3]]).leastSquares([3, 5])
        #expect(Approx.all(x, [0.8, 1.4], relative: 0, absolute: 1e-15))
    }

    /// A zero column makes R singular exactly: dgels reports it as info > 0, a typed error.
    @Test func rankDeficientIsATypedError() throws {
        let a = try Matrix(rows: [[1, 0], [2, 0], [3, 0]])
        do {
            _ = try a.leastSquares([1, 2, 3])
            Issue.record("a rank-deficient system was solved")
        } catch let LagrangeError.lapack(routine, info, _) {
            #expect(routine == "dgels")
            #expect(info == 2)
        }
    }

    /// Columns dependent up to rounding (0.3 = 3 · 0.1 is not exact in binary) leave R with a
    /// diagonal of a few ulps; dgels returns info = 0 and a solution of size 1e15. That must be
    /// the rank-deficiency error too (numpy's lstsq cut-off: |rⱼⱼ| ≤ max(m, n) ε max|rᵢᵢ|).
    @Test(arguments: [[[0.1, 0.3], [0.2, 0.6], [0.7, 2.1]], [[1, 1], [2, 2], [3, 3]]])
    func numericallyRankDeficientIsATypedError(rows: [[Double]]) throws {
        let a = try Matrix(rows: rows)
        #expect(throws: LagrangeError.self) { try a.leastSquares([1, 2, 3]) }
    }

    @Test func shapeErrors() throws {
        #expect(throws: LagrangeError.self) { try Matrix.zeros(3, 2).leastSquares([1, 2]) }
        #expect(throws: LagrangeError.self) { try Matrix.identity(2).transposed.selectingRows([0]).leastSquares([1]) }
    }
}
