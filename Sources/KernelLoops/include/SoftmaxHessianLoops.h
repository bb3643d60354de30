#ifndef LAGRANGE_SOFTMAX_HESSIAN_LOOPS_H
#define LAGRANGE_SOFTMAX_HESSIAN_LOOPS_H

// The Hessian-vector product of the multinomial face Newton step (Sources/LinearClassifiers/
// MultinomialSolver+FaceNewton.swift) in one streaming pass over the support's columns, in C so
// that it runs on the processor's widest vectors (AVX-512, AVX2 or the x86-64 baseline, chosen
// once at load time). Two `dgemm` calls compute the same product, but OpenBLAS copies (packs)
// both operands of every call, and for these thin products (K columns against n × f) the copies
// of the n × f design cost more than the arithmetic.
//
// With X the n × f column-major design (column j at x[j·n ..< (j+1)·n]), D the direction
// (feature-major f × K: entry (j, c) at d[j·K + c]), b its intercepts (K), P the softmax
// probabilities (class-major: p[c·n + i]) and ω the row weights, the product is
//
//     u = b + X D          (n × K; u_ic = b_c + Σⱼ x_ij d_jc)
//     h_ic = (ω_i p_ic)(u_ic − Σₗ p_il u_il)
//     g = Xᵀ h             (f × K, feature-major), gb_c = Σᵢ h_ic.
//
// The rows are taken in blocks of `block_rows` (a multiple of 8 is fastest): the block's u and h
// live in `work` (K·block_rows doubles) and its f column segments are read twice, the second
// time from cache. The AVX-512 clone fuses multiply-adds, the others do not, and the order of
// the sums differs from BLAS's: the result agrees with the two-`dgemm` route to rounding (the
// tests bound the difference), not bit for bit.

/// g (f·K) and gb (K) ← the product above; work holds k·block_rows doubles; no pointer may
/// overlap an output. block_rows ≥ 1.
void lagrange_softmax_hessian_product(const double *x, long n, long f, long k, const double *d, const double *b,
                                      const double *p, const double *w, long block_rows, double *work, double *g,
                                      double *gb);

#endif
