#ifndef LAGRANGE_KERNEL_LOOPS_H
#define LAGRANGE_KERNEL_LOOPS_H

// RBF kernel blocks for the SVM training kernel (Sources/SVM/KernelRows.swift), in C so that
// one source compiles to the processor's widest vectors (AVX-512, AVX2, or the x86-64 baseline,
// chosen once at load time), which Swift cannot do without package-wide unsafe flags.
// Every entry is computed with the same IEEE operations, in the same order, as the Swift
// reference (`KernelRows` with `vectorLoops: false`): the results are bit for bit the same.
//
// Layout: `features` is feature-major, feature k of row t at features[k * rowCount + t];
// `norms[t]` = ‖x_t‖²; `signs` (may be NULL: all +1) holds ±1 per row.

/// out[t] = (float)(sign(i)·sign(from+t)·K(x_i, x_{from+t})) for t < length, with
/// K = e(−γ·max(0, ‖x_i‖² + ‖x_t‖² − 2·x_iᵀx_t)), the inner product summed from 0 in feature
/// order and e the RBF exponential of Kernel.exponential.
void lagrange_rbf_column(const double *features, long rowCount, long featureCount, const double *norms,
                         const double *signs, double gamma, long i, long from, long length, float *out);

/// values[g·stride + t] = sign(j_g)·sign(from+t)·K(x_{j_g}, x_{from+t}) in double (not rounded to
/// float) for j_g = columns[g], g < width ≤ 8, t < length ≤ stride; the same entries as
/// lagrange_rbf_column before its float rounding.
void lagrange_rbf_values(const double *features, long rowCount, long featureCount, const double *norms,
                         const double *signs, double gamma, const long *columns, long width, long from, long length,
                         double *values, long stride);

// The lasso's Gram-form gradient update.
#include "GramLoops.h"

// The logistic coordinate descents' weighted column loops.
#include "WeightedLoops.h"

// The multinomial face Newton step's Hessian-vector product.
#include "SoftmaxHessianLoops.h"

// The wide lasso check's passes over all features (bounds, thresholds, gap-safe screening).
#include "BoundLoops.h"

#endif
