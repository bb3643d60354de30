#ifndef LAGRANGE_GRAM_LOOPS_H
#define LAGRANGE_GRAM_LOOPS_H

// The gradient update of the lasso's Gram-form coordinate descent (Sources/LinearModels/
// CoordinateDescent+Gram.swift), in C so that it runs on the processor's widest vectors
// (AVX-512, AVX2 or the x86-64 baseline, chosen once at load time). Each entry is computed as
// Swift computes `g[c] -= delta * row[c]`: the product rounded, then the difference rounded (no
// fused multiply-add), so the results are bit for bit those of the Swift loop.

/// g[c] ← g[c] − delta·row[c] for c < count; g and row must not overlap.
void lagrange_subtract_multiple(double *g, const double *row, double delta, long count);

#endif
