#include "KernelLoops.h"

#include <stdint.h>
#include <string.h>

// No fused multiply-adds, one clone per instruction set (Clones.h).
#include "Clones.h"

// Eight doubles (eight rows of a column): one AVX-512 register, two AVX2, four SSE2.
typedef double v8d __attribute__((vector_size(64)));
typedef int64_t v8l __attribute__((vector_size(64)));
typedef uint64_t v8u __attribute__((vector_size(64)));
typedef float v8f __attribute__((vector_size(32)));

#define ALWAYS_INLINE static inline __attribute__((always_inline))

// Vectors move through macros and pointers, never as by-value arguments or results of a
// function: their calling convention differs between the clones' instruction sets.
#define LOAD8(pointer) ({ v8d loaded_; memcpy(&loaded_, (pointer), sizeof loaded_); loaded_; })
#define SPLAT8(x) ({ double splatted_ = (x); (v8d){splatted_, splatted_, splatted_, splatted_, \
                                               splatted_, splatted_, splatted_, splatted_}; })
/// Lane-wise `m ? a : b` for a comparison mask m (all ones or all zeros per lane).
#define SELECT8(m, a, b) ((v8d)(((v8l)(a) & (m)) | ((v8l)(b) & ~(m))))

// The constants and steps of Kernel.exponential (Sources/SVM/KernelExponential.swift, where
// the method and its error bound are derived): n = round(x/ln 2) by the 1.5·2⁵² shifter,
// r = (x − n·ln2High) − n·ln2Low, eʳ = 1 + (r + r²·q(r)) with q the Taylor series through
// 1/13!, 2ⁿ assembled in the exponent field; 0 below the cutoff.
#define EXP_CUTOFF (-708.39)
#define EXP_SHIFTER 6755399441055744.0
#define EXP_LOG2E 1.4426950408889634
#define EXP_LN2_HIGH 0.6931471803691238
#define EXP_LN2_LOW 1.9082149292705877e-10

/// q ← q(r) by Horner's rule from q = 1/13! (r and q both doubles or both v8d): the Taylor
/// coefficients 1/12!, …, 1/2! in turn, each step q·r + c rounded as Swift rounds it.
#define EXP_SERIES(q, r) do { \
    q = q * r + 2.08767569878681e-09; \
    q = q * r + 2.505210838544172e-08; \
    q = q * r + 2.755731922398589e-07; \
    q = q * r + 2.7557319223985893e-06; \
    q = q * r + 2.48015873015873e-05; \
    q = q * r + 0.0001984126984126984; \
    q = q * r + 0.001388888888888889; \
    q = q * r + 0.008333333333333333; \
    q = q * r + 0.041666666666666664; \
    q = q * r + 0.16666666666666666; \
    q = q * r + 0.5; \
} while (0)

/// *value = e^(*value), lane by lane.
ALWAYS_INLINE void exponential8(v8d *value) {
    v8d x = *value;
    v8l below = (v8l)(x < SPLAT8(EXP_CUTOFF));
    v8d clamped = SELECT8(below, SPLAT8(EXP_CUTOFF), x);
    v8d shifted = clamped * EXP_LOG2E + EXP_SHIFTER;
    v8d n = shifted - EXP_SHIFTER;
    v8d r = (clamped - n * EXP_LN2_HIGH) - n * EXP_LN2_LOW;
    v8d q = SPLAT8(1.6059043836821613e-10);
    EXP_SERIES(q, r);
    v8d er = 1.0 + (r + (r * r) * q);
    v8d scale = (v8d)(((v8u)shifted + 1023) << 52);
    *value = SELECT8(below, SPLAT8(0.0), er * scale);
}

ALWAYS_INLINE double exponential1(double x) {
    double clamped = x < EXP_CUTOFF ? EXP_CUTOFF : x;
    double shifted = clamped * EXP_LOG2E + EXP_SHIFTER;
    double n = shifted - EXP_SHIFTER;
    double r = (clamped - n * EXP_LN2_HIGH) - n * EXP_LN2_LOW;
    double q = 1.6059043836821613e-10;
    EXP_SERIES(q, r);
    double er = 1.0 + (r + (r * r) * q);
    uint64_t bits;
    memcpy(&bits, &shifted, sizeof bits);
    bits = (bits + 1023) << 52;
    double scale;
    memcpy(&scale, &bits, sizeof scale);
    return x < EXP_CUTOFF ? 0.0 : er * scale;
}

/// *dots = e(−γ·max(0, a + b − 2·dots)) on eight lanes, b = normsB[0..<8]; Swift's max(0, v)
/// is `v >= 0 ? v : 0`.
ALWAYS_INLINE void rbf8(double normA, const double *normsB, v8d *dots, double gamma) {
    v8d distance = (SPLAT8(normA) + LOAD8(normsB)) - 2.0 * *dots;
    v8d argument = -gamma * SELECT8((v8l)(distance >= 0.0), distance, SPLAT8(0.0));
    exponential8(&argument);
    *dots = argument;
}

ALWAYS_INLINE double rbf1(double normA, double normB, double dot, double gamma) {
    double distance = (normA + normB) - 2.0 * dot;
    return exponential1(-gamma * (distance >= 0.0 ? distance : 0.0));
}

LAGRANGE_CLONES
void lagrange_rbf_column(const double *features, long rowCount, long featureCount, const double *norms,
                         const double *signs, double gamma, long i, long from, long length, float *out) {
    const long n = rowCount, p = featureCount;
    const double normI = norms[i];
    const double signI = signs ? signs[i] : 1.0;
    long t = 0;
    // 32 rows per step: four independent sums per feature keep the adders busy (one sum's
    // chain of p additions would wait on each addition's latency).
    for (; t + 32 <= length; t += 32) {
        const double *base = features + from + t;
        v8d s0 = SPLAT8(0.0), s1 = s0, s2 = s0, s3 = s0;
        for (long k = 0; k < p; k++) {
            const double *slice = base + k * n;
            v8d xi = SPLAT8(features[k * n + i]);
            s0 = s0 + xi * LOAD8(slice);
            s1 = s1 + xi * LOAD8(slice + 8);
            s2 = s2 + xi * LOAD8(slice + 16);
            s3 = s3 + xi * LOAD8(slice + 24);
        }
        v8d sums[4] = {s0, s1, s2, s3};
        for (int g = 0; g < 4; g++) {
            long row = from + t + 8 * g;
            v8d value = sums[g];
            rbf8(normI, norms + row, &value, gamma);
            if (signs) value = value * (signI * LOAD8(signs + row));
            v8f rounded = __builtin_convertvector(value, v8f);
            memcpy(out + t + 8 * g, &rounded, sizeof rounded);
        }
    }
    for (; t + 8 <= length; t += 8) {
        const double *base = features + from + t;
        v8d s = SPLAT8(0.0);
        for (long k = 0; k < p; k++) s = s + SPLAT8(features[k * n + i]) * LOAD8(base + k * n);
        long row = from + t;
        v8d value = s;
        rbf8(normI, norms + row, &value, gamma);
        if (signs) value = value * (signI * LOAD8(signs + row));
        v8f rounded = __builtin_convertvector(value, v8f);
        memcpy(out + t, &rounded, sizeof rounded);
    }
    for (; t < length; t++) {
        long row = from + t;
        double sum = 0.0;
        for (long k = 0; k < p; k++) sum = sum + features[k * n + i] * features[k * n + row];
        double value = rbf1(normI, norms[row], sum, gamma);
        if (signs) value = value * (signI * signs[row]);
        out[t] = (float)value;
    }
}

/// The inner products of eight rows (from + t, …) with the rows `j[0..<G]`, each summed from 0
/// in feature order, into sums[0..<G].
#define DOTS8(G, j, sums)                                                   \
    do {                                                                    \
        const double *base_ = features + from + t;                          \
        for (long g_ = 0; g_ < (G); g_++) (sums)[g_] = SPLAT8(0.0);         \
        for (long k_ = 0; k_ < p; k_++) {                                   \
            const double *row_ = features + k_ * n;                         \
            v8d slice_ = LOAD8(base_ + k_ * n);                             \
            for (long g_ = 0; g_ < (G); g_++)                               \
                (sums)[g_] = (sums)[g_] + SPLAT8(row_[(j)[g_]]) * slice_;   \
        }                                                                   \
    } while (0)

LAGRANGE_CLONES
void lagrange_rbf_values(const double *features, long rowCount, long featureCount, const double *norms,
                         const double *signs, double gamma, const long *columns, long width, long from, long length,
                         double *values, long stride) {
    const long n = rowCount, p = featureCount;
    // Column indices padded with the first to four or eight (the extra sums are computed, not
    // used): eight columns per pass over the rows halve the loads per entry of four, where
    // the processor has the registers for them.
    long j[8];
    const long group = width > 4 ? 8 : 4;
    for (long g = 0; g < group; g++) j[g] = g < width ? columns[g] : columns[0];
    long t = 0;
    for (; t + 8 <= length; t += 8) {
        v8d sums[8];
        if (group == 8) DOTS8(8, j, sums); else DOTS8(4, j, sums);
        for (long g = 0; g < width; g++) {
            v8d value = sums[g];
            rbf8(norms[j[g]], norms + from + t, &value, gamma);
            if (signs) value = value * (signs[j[g]] * LOAD8(signs + from + t));
            memcpy(values + g * stride + t, &value, sizeof value);
        }
    }
    for (; t < length; t++) {
        long row = from + t;
        for (long g = 0; g < width; g++) {
            double sum = 0.0;
            for (long k = 0; k < p; k++) sum = sum + features[k * n + j[g]] * features[k * n + row];
            double value = rbf1(norms[j[g]], norms[row], sum, gamma);
            if (signs) value = value * (signs[j[g]] * signs[row]);
            values[g * stride + t] = value;
        }
    }
}
