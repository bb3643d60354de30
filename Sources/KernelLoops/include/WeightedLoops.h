#ifndef LAGRANGE_WEIGHTED_LOOPS_H
#define LAGRANGE_WEIGHTED_LOOPS_H

// The two inner loops of the logistic coordinate descents (binomial and multinomial, Sources/
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

#endif
