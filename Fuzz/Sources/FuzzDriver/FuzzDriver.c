// Declarations only (include/FuzzDriver.h); libFuzzer defines LLVMFuzzerRunDriver.
#include "FuzzDriver.h"
