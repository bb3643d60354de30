#ifndef LAGRANGE_BOUND_LOOPS_H
#define LAGRANGE_BOUND_LOOPS_H

#include <stdbool.h>

// The passes over all p features of the wide lasso's check (Sources/LinearModels/
// CoordinateDescent+Check.swift, CorrelationBounds.swift, GapSafeScreening.swift), in C so
// that they run on the processor's widest vectors (AVX-512, AVX2 or the x86-64 baseline,
// chosen once at load time); Swift code here is compiled for the baseline. Every value is
// computed with the same IEEE operations, in the same order, as the Swift loops they replace
// (no fused multiply-add), so every result and every decision is bit for bit the same.

/// The correlation bounds of `CorrelationBounds.fill`, for features j < count. With
/// sum_j = (((0 + a[0]·d[j]) + a[1]·d[stride + j]) + …) + a[K−1]·d[(K−1)·stride + j]
/// (K = basisCount, each product and sum rounded, k in increasing order):
/// out[j] = sum_j when `exact`, else |sum_j|·inflation + root[j]·spread.
void lagrange_correlation_bounds(const double *d, long stride, const double *a, long basisCount,
                                 const double *root, double spread, double inflation, bool exact,
                                 long count, double *out);

/// Writes to `out` (increasing) every j < count with |values[j]| > threshold·weights[j] (≥ when
/// `orEqual`; the product rounded, then compared) and neither skip[j] nor skipAlso[j]; returns
/// how many.
long lagrange_exceeding(const double *values, const double *weights, double threshold, bool orEqual, const bool *skip,
                        const bool *skipAlso, long count, long *out);

/// The gap-safe test of `GapSafeScreening` on every feature j < count not yet screened with
/// weights[j] > 0 and beta[j] == 0: with root_j = roots[j] when ridge == 0, else
/// √(meanSquares[j] + ridge·weights[j]) (correctly rounded), it screens j (screened[j] = true)
/// when (scale·|correlations[j]| + root_j·radius) < (l1·weights[j])·keep. Returns the number
/// newly screened.
long lagrange_gap_safe_screen(const double *correlations, const double *weights, const double *beta,
                              const double *roots, const double *meanSquares, double ridge, double scale,
                              double radius, double l1, double keep, long count, bool *screened);

#endif
