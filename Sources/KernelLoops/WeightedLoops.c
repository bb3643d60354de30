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

LAGRANGE_CLONES
double lagrange_dot(const double *x, const double *u, long n) {
    weighted_v8d s = {0};
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        weighted_v8d a, b;
        memcpy(&a, x + i, sizeof a);
        memcpy(&b, u + i, sizeof b);
        s = s + a * b;
    }
    double total = WEIGHTED_LANES(s);
    for (; i < n; i++) total = total + x[i] * u[i];
    return total;
}

LAGRANGE_CLONES
double lagrange_subtract_weighted_dot(double *u, const double *v, const double *x, double delta, const double *next,
                                      long n) {
    const weighted_v8d d = {delta, delta, delta, delta, delta, delta, delta, delta};
    weighted_v8d s = {0};
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        weighted_v8d a, b, c, e;
        memcpy(&a, u + i, sizeof a);
        memcpy(&b, v + i, sizeof b);
        memcpy(&c, x + i, sizeof c);
        memcpy(&e, next + i, sizeof e);
        a = a - d * (b * c);
        memcpy(u + i, &a, sizeof a);
        s = s + e * a;
    }
    double total = WEIGHTED_LANES(s);
    for (; i < n; i++) {
        u[i] = u[i] - delta * (v[i] * x[i]);
        total = total + next[i] * u[i];
    }
    return total;
}
