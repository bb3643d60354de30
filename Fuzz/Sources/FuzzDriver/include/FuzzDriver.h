#ifndef LAGRANGE_FUZZ_DRIVER_H
#define LAGRANGE_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for a program with its own `main` (SwiftPM names an executable's
/// entry point `<Target>_main`, so each fuzz target calls this from there).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
