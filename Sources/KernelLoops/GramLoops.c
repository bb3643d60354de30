#include "GramLoops.h"

#include <string.h>

// No fused multiply-adds, one clone per instruction set (Clones.h).
#include "Clones.h"

// Eight doubles: one AVX-512 register, two AVX2, four SSE2.
typedef double gram_v8d __attribute__((vector_size(64)));

LAGRANGE_CLONES
void lagrange_subtract_multiple(double *g, const double *row, double delta, long count) {
    const gram_v8d d = {delta, delta, delta, delta, delta, delta, delta, delta};
    long c = 0;
    for (; c + 8 <= count; c += 8) {
        // Vectors only through memcpy (unaligned, and no by-value vector arguments across clones).
        gram_v8d a, r;
        memcpy(&a, g + c, sizeof a);
        memcpy(&r, row + c, sizeof r);
        a = a - d * r;
        memcpy(g + c, &a, sizeof a);
    }
    for (; c < count; c++) g[c] = g[c] - delta * row[c];
}
