// The CSV fuzzer's entry point: libFuzzer's own driver, with LLVMFuzzerTestOneInput (CSVFuzzTarget.swift) as the
// target. Built without -sanitize=fuzzer this does not link; see Fuzz/README.md.
import CFuzzerDriver
#if canImport(Glibc)
import Glibc
#endif

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneCSV(data, size) })
