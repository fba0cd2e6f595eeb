// libFuzzer's driver, for a Swift executable that keeps its own `main`: SwiftPM renames the entry point of an
// executable target in debug builds, so the `main` that -sanitize=fuzzer links in would never run.
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// LLVMFuzzerRunDriver parses libFuzzer's flags from argv and runs the fuzzer with `callback` as the target.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
