#include "SoftmaxHessianLoops.h"

#include <string.h>

// One clone per instruction set (Clones.h). Unlike the other loop files, this one lets the
// compiler fuse multiply-adds where the instruction set has them (the AVX-512 clone; the AVX2
// target as declared has no FMA): no Swift loop is reproduced bit for bit here, and the products
// are the face step's arithmetic bottleneck. So the AVX-512 clone's last bits differ from the
// others', as BLAS's results differ between its kernels.
#include "Clones.h"
#pragma STDC FP_CONTRACT ON
#ifdef __clang__
#pragma clang fp contract(fast)
#endif

// Eight doubles: one AVX-512 register, two AVX2, four SSE2.
typedef double softmax_v8d __attribute__((vector_size(64)));

// Vectors move only through memcpy (unaligned, and no by-value vector arguments across clones).

// u_c[t] ← b_c + Σⱼ x_j[t] d_jc for the block's rows t < rows (x already offset to the block's
// first row). Columns go four at a time, so each pass over u_c adds four products:
// u + ((d0·x0 + d1·x1) + (d2·x2 + d3·x3)); a class whose four coefficients are 0 is skipped
// (its terms would be exact zeros).
LAGRANGE_CLONES
static void softmax_block_predictor(const double *x, long n, long f, long k, const double *d, const double *b, long rows,
                                    long stride, double *u) {
    for (long c = 0; c < k; c++) {
        double *uc = u + c * stride;
        for (long t = 0; t < rows; t++) uc[t] = b[c];
    }
    long j = 0;
    for (; j + 4 <= f; j += 4) {
        const double *x0 = x + j * n, *x1 = x0 + n, *x2 = x1 + n, *x3 = x2 + n;
        const double *dj = d + j * k;
        long c = 0;
        for (; c + 2 <= k; c += 2) {
            const double d00 = dj[c], d10 = dj[k + c], d20 = dj[2 * k + c], d30 = dj[3 * k + c];
            const double d01 = dj[c + 1], d11 = dj[k + c + 1], d21 = dj[2 * k + c + 1], d31 = dj[3 * k + c + 1];
            if (d00 == 0 && d10 == 0 && d20 == 0 && d30 == 0 && d01 == 0 && d11 == 0 && d21 == 0 && d31 == 0) continue;
            const softmax_v8d e00 = {d00, d00, d00, d00, d00, d00, d00, d00}, e10 = {d10, d10, d10, d10, d10, d10, d10, d10},
                              e20 = {d20, d20, d20, d20, d20, d20, d20, d20}, e30 = {d30, d30, d30, d30, d30, d30, d30, d30},
                              e01 = {d01, d01, d01, d01, d01, d01, d01, d01}, e11 = {d11, d11, d11, d11, d11, d11, d11, d11},
                              e21 = {d21, d21, d21, d21, d21, d21, d21, d21}, e31 = {d31, d31, d31, d31, d31, d31, d31, d31};
            double *u0 = u + c * stride, *u1 = u0 + stride;
            long t = 0;
            for (; t + 8 <= rows; t += 8) {
                softmax_v8d a0, a1, v0, v1, v2, v3;
                memcpy(&v0, x0 + t, sizeof v0);
                memcpy(&v1, x1 + t, sizeof v1);
                memcpy(&v2, x2 + t, sizeof v2);
                memcpy(&v3, x3 + t, sizeof v3);
                memcpy(&a0, u0 + t, sizeof a0);
                memcpy(&a1, u1 + t, sizeof a1);
                a0 = a0 + ((e00 * v0 + e10 * v1) + (e20 * v2 + e30 * v3));
                a1 = a1 + ((e01 * v0 + e11 * v1) + (e21 * v2 + e31 * v3));
                memcpy(u0 + t, &a0, sizeof a0);
                memcpy(u1 + t, &a1, sizeof a1);
            }
            for (; t < rows; t++) {
                u0[t] = u0[t] + ((d00 * x0[t] + d10 * x1[t]) + (d20 * x2[t] + d30 * x3[t]));
                u1[t] = u1[t] + ((d01 * x0[t] + d11 * x1[t]) + (d21 * x2[t] + d31 * x3[t]));
            }
        }
        for (; c < k; c++) {
            const double d0 = d[j * k + c], d1 = d[(j + 1) * k + c], d2 = d[(j + 2) * k + c], d3 = d[(j + 3) * k + c];
            if (d0 == 0 && d1 == 0 && d2 == 0 && d3 == 0) continue;
            const softmax_v8d e0 = {d0, d0, d0, d0, d0, d0, d0, d0}, e1 = {d1, d1, d1, d1, d1, d1, d1, d1},
                              e2 = {d2, d2, d2, d2, d2, d2, d2, d2}, e3 = {d3, d3, d3, d3, d3, d3, d3, d3};
            double *uc = u + c * stride;
            long t = 0;
            for (; t + 8 <= rows; t += 8) {
                softmax_v8d a, v0, v1, v2, v3;
                memcpy(&a, uc + t, sizeof a);
                memcpy(&v0, x0 + t, sizeof v0);
                memcpy(&v1, x1 + t, sizeof v1);
                memcpy(&v2, x2 + t, sizeof v2);
                memcpy(&v3, x3 + t, sizeof v3);
                a = a + ((e0 * v0 + e1 * v1) + (e2 * v2 + e3 * v3));
                memcpy(uc + t, &a, sizeof a);
            }
            for (; t < rows; t++) uc[t] = uc[t] + ((d0 * x0[t] + d1 * x1[t]) + (d2 * x2[t] + d3 * x3[t]));
        }
    }
    for (; j < f; j++) {
        const double *x0 = x + j * n;
        for (long c = 0; c < k; c++) {
            const double d0 = d[j * k + c];
            if (d0 == 0) continue;
            const softmax_v8d e0 = {d0, d0, d0, d0, d0, d0, d0, d0};
            double *uc = u + c * stride;
            long t = 0;
            for (; t + 8 <= rows; t += 8) {
                softmax_v8d a, v0;
                memcpy(&a, uc + t, sizeof a);
                memcpy(&v0, x0 + t, sizeof v0);
                a = a + e0 * v0;
                memcpy(uc + t, &a, sizeof a);
            }
            for (; t < rows; t++) uc[t] = uc[t] + d0 * x0[t];
        }
    }
}

// u_c[t] ← (ω_t p_ct)(u_ct − Σₗ p_lt u_lt) in place (the sum over l in increasing l), and gb_c += Σ_t of the new u_c[t] (in
// increasing t). p and w are offset to the block's first row; p's classes are n apart.
LAGRANGE_CLONES
static void softmax_block_weighting(const double *p, long n, const double *w, long k, long rows, long stride, double *u,
                                    double *gb) {
    long t = 0;
    for (; t + 8 <= rows; t += 8) {
        softmax_v8d mean = {0}, weight;
        memcpy(&weight, w + t, sizeof weight);
        for (long c = 0; c < k; c++) {
            softmax_v8d q, a;
            memcpy(&q, p + c * n + t, sizeof q);
            memcpy(&a, u + c * stride + t, sizeof a);
            mean = mean + q * a;
        }
        for (long c = 0; c < k; c++) {
            softmax_v8d q, a;
            memcpy(&q, p + c * n + t, sizeof q);
            memcpy(&a, u + c * stride + t, sizeof a);
            a = (weight * q) * (a - mean);
            memcpy(u + c * stride + t, &a, sizeof a);
        }
    }
    for (; t < rows; t++) {
        double mean = 0;
        for (long c = 0; c < k; c++) mean = mean + p[c * n + t] * u[c * stride + t];
        for (long c = 0; c < k; c++) u[c * stride + t] = (w[t] * p[c * n + t]) * (u[c * stride + t] - mean);
    }
    for (long c = 0; c < k; c++) {
        double total = gb[c];
        for (long t = 0; t < rows; t++) total = total + u[c * stride + t];
        gb[c] = total;
    }
}

// Lanes summed pairwise: ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
#define SOFTMAX_LANES(v) ((((v)[0] + (v)[1]) + ((v)[2] + (v)[3])) + (((v)[4] + (v)[5]) + ((v)[6] + (v)[7])))

// One (column, class) sum of the transpose: eight lanes t ≡ l (mod 8) below `whole`, added
// pairwise, then the rows from `whole` to `rows` in increasing t.
#define SOFTMAX_FINISH(acc, xj, hc, out)                                                            \
    do {                                                                                           \
        double sum = SOFTMAX_LANES(acc);                                                           \
        for (long t = whole; t < rows; t++) sum = sum + (xj)[t] * (hc)[t];                         \
        (out) = (out) + sum;                                                                       \
    } while (0)

// Sums of the transpose for two columns (x0, x1) and W classes from h0 (the classes `stride`
// apart), accumulated into g0[c] and g1[c] for c < W: 2W independent lane sums; per eight rows,
// two loads of x (from the L2 cache) and W of h (from L1) feed 2W products.
#define SOFTMAX_TWO_COLUMNS(W)                                                                     \
    do {                                                                                           \
        softmax_v8d a0[W], a1[W];                                                                  \
        for (int q = 0; q < W; q++) a0[q] = a1[q] = (softmax_v8d){0};                              \
        for (long t = 0; t < whole; t += 8) {                                                      \
            softmax_v8d v0, v1;                                                                    \
            memcpy(&v0, x0 + t, sizeof v0);                                                        \
            memcpy(&v1, x1 + t, sizeof v1);                                                        \
            for (int q = 0; q < W; q++) {                                                          \
                softmax_v8d e;                                                                     \
                memcpy(&e, h0 + q * stride + t, sizeof e);                                         \
                a0[q] = a0[q] + v0 * e;                                                            \
                a1[q] = a1[q] + v1 * e;                                                            \
            }                                                                                      \
        }                                                                                          \
        for (int q = 0; q < W; q++) {                                                              \
            SOFTMAX_FINISH(a0[q], x0, h0 + q * stride, g0[q]);                                     \
            SOFTMAX_FINISH(a1[q], x1, h0 + q * stride, g1[q]);                                     \
        }                                                                                          \
    } while (0)

// g_jc += Σ_t x_j[t] h_c[t] over the block's rows: two columns at a time, the classes four at a
// time, then two, then one; an odd last column one class at a time.
LAGRANGE_CLONES
static void softmax_block_transpose(const double *x, long n, long f, long k, const double *h, long rows, long stride,
                                    double *g) {
    const long whole = rows - rows % 8;
    long j = 0;
    for (; j + 2 <= f; j += 2) {
        const double *x0 = x + j * n, *x1 = x0 + n;
        long c = 0;
        for (; c + 4 <= k; c += 4) {
            const double *h0 = h + c * stride;
            double *g0 = g + j * k + c, *g1 = g0 + k;
            SOFTMAX_TWO_COLUMNS(4);
        }
        if (c + 2 <= k) {
            const double *h0 = h + c * stride;
            double *g0 = g + j * k + c, *g1 = g0 + k;
            SOFTMAX_TWO_COLUMNS(2);
            c += 2;
        }
        if (c < k) {
            const double *h0 = h + c * stride;
            double *g0 = g + j * k + c, *g1 = g0 + k;
            SOFTMAX_TWO_COLUMNS(1);
        }
    }
    if (j < f) {
        const double *x0 = x + j * n;
        for (long c = 0; c < k; c++) {
            const double *h0 = h + c * stride;
            softmax_v8d a0 = {0};
            for (long t = 0; t < whole; t += 8) {
                softmax_v8d v0, q0;
                memcpy(&q0, h0 + t, sizeof q0);
                memcpy(&v0, x0 + t, sizeof v0);
                a0 = a0 + v0 * q0;
            }
            SOFTMAX_FINISH(a0, x0, h0, g[j * k + c]);
        }
    }
}

void lagrange_softmax_hessian_product(const double *x, long n, long f, long k, const double *d, const double *b,
                                      const double *p, const double *w, long block_rows, double *work, double *g,
                                      double *gb) {
    for (long index = 0; index < f * k; index++) g[index] = 0;
    for (long c = 0; c < k; c++) gb[c] = 0;
    for (long start = 0; start < n; start += block_rows) {
        const long rows = n - start < block_rows ? n - start : block_rows;
        softmax_block_predictor(x + start, n, f, k, d, b, rows, block_rows, work);
        softmax_block_weighting(p + start, n, w + start, k, rows, block_rows, work, gb);
        softmax_block_transpose(x + start, n, f, k, work, rows, block_rows, g);
    }
}
