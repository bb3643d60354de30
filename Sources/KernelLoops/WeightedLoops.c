#include "WeightedLoops.h"

#include <string.h>

// No fused multiply-adds, one clone per instruction set (Clones.h).
#include "Clones.h"

// Four doubles: lane l is the partial sum of the i ≡ l (mod 4) (the Swift loop's four chains).
typedef double weighted_v4d __attribute__((vector_size(32)));
// Eight doubles: one AVX-512 register, two AVX2, four SSE2 (an elementwise update, no order).
typedef double weighted_v8d __attribute__((vector_size(64)));

LAGRANGE_CLONES
double lagrange_weighted_square_sum(const double *x, const double *v, long n) {
    weighted_v4d h = {0, 0, 0, 0};
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        // Vectors only through memcpy (unaligned, and no by-value vector arguments across clones).
        weighted_v4d a, b;
        memcpy(&a, v + i, sizeof a);
        memcpy(&b, x + i, sizeof b);
        h = h + (a * b) * b;
    }
    double h0 = h[0];
    for (; i < n; i++) h0 = h0 + (v[i] * x[i]) * x[i];
    return (h0 + h[1]) + (h[2] + h[3]);
}

LAGRANGE_CLONES
void lagrange_subtract_weighted(double *u, const double *v, const double *x, double delta, long n) {
    const weighted_v8d d = {delta, delta, delta, delta, delta, delta, delta, delta};
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        weighted_v8d a, b, c;
        memcpy(&a, u + i, sizeof a);
        memcpy(&b, v + i, sizeof b);
        memcpy(&c, x + i, sizeof c);
        a = a - d * (b * c);
        memcpy(u + i, &a, sizeof a);
    }
    for (; i < n; i++) u[i] = u[i] - delta * (v[i] * x[i]);
}

// Eight lanes l = i mod 8 below the last multiple of 8, added pairwise, then the rest in order.
#define WEIGHTED_LANES(v) ((((v)[0] + (v)[1]) + ((v)[2] + (v)[3])) + (((v)[4] + (v)[5]) + ((v)[6] + (v)[7])))

// Four eight-lane sums over 32 rows at a time: lane l of sum q holds the i ≡ 8q + l (mod 32)
// below the last multiple of 32 (a chain per 32 rows hides the adder's latency).
#define WEIGHTED_COMBINE(s0, s1, s2, s3) WEIGHTED_LANES(((s0) + (s1)) + ((s2) + (s3)))

LAGRANGE_CLONES
double lagrange_dot(const double *x, const double *u, long n) {
    weighted_v8d s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
    long i = 0;
    for (; i + 32 <= n; i += 32) {
        weighted_v8d a0, a1, a2, a3, b0, b1, b2, b3;
        memcpy(&a0, x + i, sizeof a0);
        memcpy(&a1, x + i + 8, sizeof a1);
        memcpy(&a2, x + i + 16, sizeof a2);
        memcpy(&a3, x + i + 24, sizeof a3);
        memcpy(&b0, u + i, sizeof b0);
        memcpy(&b1, u + i + 8, sizeof b1);
        memcpy(&b2, u + i + 16, sizeof b2);
        memcpy(&b3, u + i + 24, sizeof b3);
        s0 = s0 + a0 * b0;
        s1 = s1 + a1 * b1;
        s2 = s2 + a2 * b2;
        s3 = s3 + a3 * b3;
    }
    double total = WEIGHTED_COMBINE(s0, s1, s2, s3);
    for (; i < n; i++) total = total + x[i] * u[i];
    return total;
}

LAGRANGE_CLONES
double lagrange_subtract_weighted_dot(double *u, const double *v, const double *x, double delta, const double *next,
                                      long n) {
    const weighted_v8d d = {delta, delta, delta, delta, delta, delta, delta, delta};
    weighted_v8d s[4] = {{0}, {0}, {0}, {0}};
    long i = 0;
    for (; i + 32 <= n; i += 32) {
        for (int q = 0; q < 4; q++) {
            weighted_v8d a, b, c, e;
            memcpy(&a, u + i + 8 * q, sizeof a);
            memcpy(&b, v + i + 8 * q, sizeof b);
            memcpy(&c, x + i + 8 * q, sizeof c);
            memcpy(&e, next + i + 8 * q, sizeof e);
            a = a - d * (b * c);
            memcpy(u + i + 8 * q, &a, sizeof a);
            s[q] = s[q] + e * a;
        }
    }
    double total = WEIGHTED_COMBINE(s[0], s[1], s[2], s[3]);
    for (; i < n; i++) {
        u[i] = u[i] - delta * (v[i] * x[i]);
        total = total + next[i] * u[i];
    }
    return total;
}
