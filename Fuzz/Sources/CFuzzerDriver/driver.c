// Intentionally empty: the declaration in CFuzzerDriver.h is all; libFuzzer (-sanitize=fuzzer) supplies the code.
#include "CFuzzerDriver.h"
