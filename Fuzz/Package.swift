// swift-tools-version:6.0
// The libFuzzer targets of indq: IndqFuzz sends every input through the whole pipeline (lex, parse, check, evaluate,
// render in every output format); IndqCSVFuzz reads every input as a CSV file. A separate package, so that the main
// build never needs the fuzzer runtime.
// Build and run: see README.md, or just `bash Fuzz/run`.
import PackageDescription

/// rootIdentity is how SwiftPM names the package at "..": its folder name, lower-cased, which depends on where the
/// repository was checked out (`main`, `indq`, …).
let rootIdentity = Context.packageDirectory.split(separator: "/").dropLast().last.map { $0.lowercased() } ?? "indq"

let package = Package(
    name: "IndqFuzz",
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(name: "IndqFuzz", dependencies: [
            "CFuzzerDriver",
            .product(name: "IndqCore", package: rootIdentity),
        ]),
        // The CSV reader and sniffer: each input is a file.
        .executableTarget(name: "IndqCSVFuzz", dependencies: [
            "CFuzzerDriver",
            .product(name: "IndqCore", package: rootIdentity),
        ]),
        // Declares LLVMFuzzerRunDriver, which the entry point calls.
        .target(name: "CFuzzerDriver"),
    ]
)
