#include "BoundLoops.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

// No fused multiply-adds, one clone per instruction set (Clones.h).
#include "Clones.h"

// Eight doubles (eight features): one AVX-512 register, two AVX2, four SSE2.
typedef double bound_v8d __attribute__((vector_size(64)));
typedef int64_t bound_v8l __attribute__((vector_size(64)));
typedef int8_t bound_v8c __attribute__((vector_size(8)));

// Vectors move through memcpy (unaligned) and never as by-value arguments across clones.
#define BOUND_LOAD(pointer) ({ bound_v8d loaded_; memcpy(&loaded_, (pointer), sizeof loaded_); loaded_; })
#define BOUND_SPLAT(x) ({ double splatted_ = (x); (bound_v8d){splatted_, splatted_, splatted_, splatted_, \
                                                              splatted_, splatted_, splatted_, splatted_}; })
/// Lane-wise |v|: the sign bit cleared, as fabs.
#define BOUND_ABS(v) ((bound_v8d)((bound_v8l)(v) & (bound_v8l){INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX, \
                                                                 INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX}))

LAGRANGE_CLONES
void lagrange_correlation_bounds(const double *d, long stride, const double *a, long basisCount,
                                 const double *root, double spread, double inflation, bool exact,
                                 long count, double *out) {
    long j = 0;
    for (; j + 8 <= count; j += 8) {
        bound_v8d sum = BOUND_SPLAT(0.0);
        for (long k = 0; k < basisCount; k++) sum = sum + BOUND_SPLAT(a[k]) * BOUND_LOAD(d + k * stride + j);
        if (!exact) sum = BOUND_ABS(sum) * inflation + BOUND_LOAD(root + j) * spread;
        memcpy(out + j, &sum, sizeof sum);
    }
    for (; j < count; j++) {
        double sum = 0.0;
        for (long k = 0; k < basisCount; k++) sum = sum + a[k] * d[k * stride + j];
        out[j] = exact ? sum : fabs(sum) * inflation + root[j] * spread;
    }
}

/// The loop of lagrange_exceeding with the comparison `compare` (> or >=), so the choice is made
/// once, outside the loop. Per block of eight: the comparison and the two flags as one lane mask;
/// a block with no lane kept is skipped, otherwise its lanes are written without branches (each
/// index stored, the count advanced only for a kept lane; out[found] is within out since
/// found ≤ j + l < count).
#define EXCEEDING_LOOP(compare) do { \
    for (; j + 8 <= count; j += 8) { \
        bound_v8l above = (bound_v8l)(BOUND_ABS(BOUND_LOAD(values + j)) compare BOUND_LOAD(weights + j) * threshold); \
        uint64_t first, second; \
        memcpy(&first, skip + j, sizeof first); \
        memcpy(&second, skipAlso + j, sizeof second); \
        uint64_t either = first | second; \
        bound_v8c skipped; \
        memcpy(&skipped, &either, sizeof skipped); \
        bound_v8l keep = above & (bound_v8l)(__builtin_convertvector(skipped, bound_v8l) == 0); \
        int64_t any = 0; \
        for (int l = 0; l < 8; l++) any |= keep[l]; \
        if (!any) continue; \
        for (int l = 0; l < 8; l++) { \
            out[found] = j + l; \
            found += keep[l] & 1; \
        } \
    } \
    for (; j < count; j++) { \
        if (fabs(values[j]) compare threshold * weights[j] && !skip[j] && !skipAlso[j]) out[found++] = j; \
    } \
} while (0)

LAGRANGE_CLONES
long lagrange_exceeding(const double *values, const double *weights, double threshold, bool orEqual, const bool *skip,
                        const bool *skipAlso, long count, long *out) {
    long found = 0, j = 0;
    if (orEqual) {
        EXCEEDING_LOOP(>=);
    } else {
        EXCEEDING_LOOP(>);
    }
    return found;
}

LAGRANGE_CLONES
long lagrange_gap_safe_screen(const double *correlations, const double *weights, const double *beta,
                              const double *roots, const double *meanSquares, double ridge, double scale,
                              double radius, double l1, double keep, long count, bool *screened) {
    long added = 0, j = 0;
    for (; j + 8 <= count; j += 8) {
        // Eight features screened already (most of p after a λ's first check): nothing to test.
        uint64_t before;
        memcpy(&before, screened + j, sizeof before);
        if (before == 0x0101010101010101ull) continue;
        bound_v8d w = BOUND_LOAD(weights + j);
        bound_v8d root;
        if (ridge == 0) {
            root = BOUND_LOAD(roots + j);
        } else {
            bound_v8d augmented = BOUND_LOAD(meanSquares + j) + w * ridge;
            for (int l = 0; l < 8; l++) root[l] = sqrt(augmented[l]);
        }
        bound_v8d left = BOUND_ABS(BOUND_LOAD(correlations + j)) * scale + root * radius;
        bound_v8l proves = (bound_v8l)(left < (w * l1) * keep) & (bound_v8l)(w > 0.0)
                         & (bound_v8l)(BOUND_LOAD(beta + j) == 0.0);
        // The eight flags as one word: each byte 0 or 1 (bool), set where the test passes.
        bound_v8c passes = __builtin_convertvector(proves, bound_v8c) & (bound_v8c){1, 1, 1, 1, 1, 1, 1, 1};
        uint64_t pass;
        memcpy(&pass, &passes, sizeof pass);
        uint64_t after = before | pass;
        memcpy(screened + j, &after, sizeof after);
        added += __builtin_popcountll(pass & ~before);
    }
    for (; j < count; j++) {
        if (screened[j] || !(weights[j] > 0) || beta[j] != 0) continue;
        double root = ridge == 0 ? roots[j] : sqrt(meanSquares[j] + ridge * weights[j]);
        if (scale * fabs(correlations[j]) + root * radius < (l1 * weights[j]) * keep) {
            screened[j] = true;
            added++;
        }
    }
    return added;
}
