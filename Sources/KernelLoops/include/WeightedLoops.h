#ifndef LAGRANGE_WEIGHTED_LOOPS_H
#define LAGRANGE_WEIGHTED_LOOPS_H

// The inner loops of the logistic coordinate descents (binomial and multinomial, Sources/
// LinearClassifiers/WeightedColumnKernels.swift), in C so that they run on the processor's
// widest vectors (AVX-512, AVX2 or the x86-64 baseline, chosen once at load time); Swift code
// here is compiled for the baseline (two doubles per instruction). Every result is computed
// with the same IEEE operations, in the same order, as the Swift loops they replace (no fused
// multiply-add): bit for bit the same.

/// Σᵢ v[i]·x[i]·x[i] (each term rounded as (v[i]·x[i])·x[i]) in four partial sums, sum l over
/// the i ≡ l (mod 4) below the last multiple of 4 in increasing i, the remaining i added to
/// sum 0, and the result (sum0 + sum1) + (sum2 + sum3).
double lagrange_weighted_square_sum(const double *x, const double *v, long n);

/// u[i] ← u[i] − delta·(v[i]·x[i]) for i < n; u must not overlap v or x.
void lagrange_subtract_weighted(double *u, const double *v, const double *x, double delta, long n);

/// Σᵢ x[i]·u[i] in 32 partial sums, sum m over the i ≡ m (mod 32) below the last multiple of 32;
/// with S_q the eight sums m = 8q + l (l < 8) as vectors, T = (S_0 + S_1) + (S_2 + S_3) lane by
/// lane, then ((T0 + T1) + (T2 + T3)) + ((T4 + T5) + (T6 + T7)), then the remaining i in
/// increasing order.
double lagrange_dot(const double *x, const double *u, long n);

/// The coordinate descent's update of u followed by the next coordinate's product, in one pass:
/// u[i] ← u[i] − delta·(v[i]·x[i]) (as lagrange_subtract_weighted), then returns
/// Σᵢ next[i]·u[i] over the new u, summed as lagrange_dot sums. u must not overlap v, x or next.
double lagrange_subtract_weighted_dot(double *u, const double *v, const double *x, double delta, const double *next,
                                      long n);

#endif
