// swift-tools-version:6.0
// indq: a query language and REPL over the figures of the IND annual reports.
import PackageDescription

let package = Package(
    name: "indq",
    products: [
        .executable(name: "indq", targets: ["indq"]),
        // The language core, for tools such as the fuzzer in Fuzz/.
        .library(name: "IndqCore", targets: ["IndqCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The report figures as plain data files, embedded into the binary at build time.
        .target(name: "IndqData", exclude: ["datasets", "glossary.tsv", "README.md"]),
        // The language: lexer, parser, binder, executor and renderers. No terminal code.
        .target(name: "IndqCore", dependencies: ["IndqData", "CZlib", "CSQLite"]),
        // zlib, reached through pkg-config, for .csv.gz files.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libsqlite3, reached through pkg-config, for .save FILE.sqlite.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // libedit, reached through pkg-config.
        .systemLibrary(name: "CLibedit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // The interactive shell: line editors, history and the read-eval-print loop. It uses the core only to find
        // where statements end.
        .target(name: "IndqShell", dependencies: ["IndqCore", "CLibedit"]),
        // The command line.
        .executableTarget(name: "indq", dependencies: [
            "IndqCore", "IndqShell",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // zlib too, to read the PNG screenshot of the svg test.
        .testTarget(name: "IndqCoreTests", dependencies: ["IndqCore", "CZlib"], exclude: ["Seeds"]),
        .testTarget(name: "IndqShellTests", dependencies: ["IndqShell", "CPty"]),
        // forkpty for the terminal tests.
        .target(name: "CPty", path: "Tests/CPty"),
    ]
)
