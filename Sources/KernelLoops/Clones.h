#ifndef LAGRANGE_CLONES_H
#define LAGRANGE_CLONES_H

// Included by every loop file before its loops.
//
// No fused multiply-adds: every product and sum is rounded on its own, as Swift rounds them
// (Swift never contracts), so each loop's results equal its Swift reference's bit for bit.
#pragma STDC FP_CONTRACT OFF
#ifdef __clang__
#pragma clang fp contract(off)
#endif

// One clone per instruction set, the widest the processor supports picked at load time (an
// ifunc: Linux on x86-64 with clang). Elsewhere the baseline build only.
// (A build may define LAGRANGE_CLONES itself, e.g. empty, to test one instruction set.)
// Not under ThreadSanitizer: it instruments the ifunc resolver too, which the dynamic loader
// runs while relocating, before the sanitizer's runtime is set up, so the program crashes at
// load (seen with Swift 6.3.1's clang 21). The baseline build is tested there instead.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) && !defined(LAGRANGE_CLONES)
#define LAGRANGE_CLONES
#endif
#endif
#if defined(LAGRANGE_CLONES)
#elif defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define LAGRANGE_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define LAGRANGE_CLONES
#endif

#endif
