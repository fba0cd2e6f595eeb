// The command line: `indq` starts the REPL on a terminal, `indq -c '…'` runs statements, `indq FILE.sql …` runs
// scripts, and piped input is read as a script. Exit status: 0 success, 1 a statement failed, 2 usage error.

import ArgumentParser
import IndqCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

struct Indq: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indq",
        abstract: "Query the figures of the IND annual reports 2021 and 2022 with a small subset of SQL.",
        usage: "indq [<options>] [-c <statements> ...] [<file> ...]",
        discussion: """
        With no statements and no files, indq starts an interactive prompt on a terminal, or reads a script from \
        standard input when it is not a terminal. Type `help` at the prompt for the language.

        Examples:
          indq -c "select year, inwilligingen from studenten where year >= 2020"
          indq --format csv -c "select * from regulier" > regulier.csv
          indq Examples/01-basics.sql
          echo "show datasets" | indq

        Scripts and standard input are read statement by statement, each running as soon as it is complete.

        Exit status: 0 when every statement succeeded, 1 when a statement failed (a script stops at the first \
        failure unless --continue-on-error is given), when output could not be written, or when a script is not \
        text; 2 for a usage error or a script that cannot be opened; 128 + N when signal N (SIGINT, SIGTERM, \
        SIGHUP) cancelled the run. Results go to standard output; errors, hints and notes (`note: …`, e.g. a year \
        the dataset does not have) to standard error. A note never changes a result or the exit status.
        """,
        version: Indq.version)

    static let version = "0.1.0"

    // Taken whatever it starts with, so that `-c '-- note…'` works; several run in order.
    @Option(name: [.customShort("c"), .customLong("command")], parsing: .unconditionalSingleValue, help: ArgumentHelp(
        "Run these statements and exit; give it several times to run each in turn.", valueName: "statements"))
    var command: [String] = []

    @Option(name: .long, help: "Output format: table, csv, json, markdown, bar (a bar chart), spark (sparklines over the years), jsonl, html, list, line, tabs or svg (a chart for slides, with its source).")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Write csv, as --format csv does.")
    var csv = false

    @Flag(name: .long, help: "Write json, as --format json does.")
    var json = false

    @Flag(name: .long, help: "Write markdown, as --format markdown does.")
    var markdown = false

    @Flag(name: .long, help: "End csv lines in CRLF, as RFC 4180 does; they end in LF otherwise.")
    var crlf = false

    @Flag(name: .long, help: "Print each statement before its result, as .echo on does.")
    var echo = false

    @Option(name: .customLong("init"), help: ArgumentHelp("Run FILE first, before the statements, the scripts or the prompt.", valueName: "file"))
    var initFile: String?

    @Flag(name: .long, help: "Do not run the init file at the prompt (default $XDG_CONFIG_HOME/indq/indqrc).")
    var noInit = false

    @Flag(name: .long, help: "Keep running a script after a statement fails; exit 1 at the end if any failed.")
    var continueOnError = false

    @Flag(name: .long, help: "Never use colour. Colour is used only on a terminal, and never when NO_COLOR is set.")
    var noColor = false

    @Flag(name: .long, help: "Check the scripts: compare each statement's output with its `-- expect:` block and report a diff for each mismatch; exit 1 if any fails.")
    var check = false

    @Argument(help: ArgumentHelp("Script files to run, in order. Lines starting with -- are comments.", valueName: "file"))
    var files: [String] = []

    func run() throws {
        let shorthands = [(csv, OutputFormat.csv), (json, .json), (markdown, .markdown)].filter(\.0).map(\.1)
        guard shorthands.count <= 1 else { throw ValidationError("give one of --csv, --json and --markdown") }
        try Invocation(command: command, format: shorthands.first ?? format, continueOnError: continueOnError, noColor: noColor,
                       check: check, files: files, crlf: crlf, echo: echo, initFile: initFile, noInit: noInit,
                       order: Invocation.order(CommandLine.arguments, commands: command.count, files: files.count)).run()
    }
}

/// Invocation is what the command line asks for, read by ArgumentParser or, for a plain one-shot, by `oneShot`.
struct Invocation {
    var command: [String] = []
    var format: OutputFormat = .table
    var continueOnError = false
    var noColor = false
    var check = false
    var files: [String] = []
    var crlf = false
    var echo = false
    /// initFile is --init FILE; noInit is --no-init, which keeps the prompt from running the default init file.
    var initFile: String?
    var noInit = false
    /// order tells, for each -c text and file in the order given, which it is: true for a -c text.
    var order: [Bool]?

    /// Piece is one -c text or script file, in the order the command line gives them.
    enum Piece { case command, file }

    /// order reads from the raw arguments where each -c text and each file stands, so that they run in the order
    /// given; nil when the count does not match what ArgumentParser read (they then run -c texts first).
    static func order(_ arguments: [String], commands: Int, files: Int) -> [Bool]? {
        let valued: Set<String> = ["--format", "--init"]
        var out: [Bool] = []
        var i = 1
        var onlyFiles = false
        while i < arguments.count {
            let a = arguments[i]
            if onlyFiles || !a.hasPrefix("-") || a == "-" {
                out.append(false)
            } else if a == "--" {
                onlyFiles = true
            } else if a == "-c" || a == "--command" {
                out.append(true)
                i += 1
            } else if a.hasPrefix("--command=") || (a.hasPrefix("-c") && a.count > 2) {
                out.append(true)
            } else if valued.contains(a) {
                i += 1
            }
            i += 1
        }
        guard out.filter({ $0 }).count == commands, out.filter({ !$0 }).count == files else { return nil }
        return out
    }

    /// versionText is `--version`: the version and the report editions whose figures are in the data.
    static func versionText() -> String {
        var prefix = ""
        var years = Set<String>()
        for report in Catalogue.builtin.datasets.map(\.report) {
            let words = report.split(separator: " ")
            let found = words.filter { $0.count == 4 && $0.allSatisfy(\.isNumber) }
            if prefix.isEmpty, let first = words.firstIndex(where: { found.contains($0) }) { prefix = words[..<first].joined(separator: " ") }
            years.formUnion(found.map(String.init))
        }
        return "indq \(Indq.version)\nreport editions in the data: " + years.sorted().map { prefix + " " + $0 }.joined(separator: ", ") + "\n"
    }

    /// oneShot reads `indq -c TEXT [-c TEXT…]` without ArgumentParser, whose parse (it builds the command's
    /// argument model by reflection) takes longer than the statement; any other command line, including a text
    /// that starts with `-`, returns nil and is parsed by ArgumentParser as before.
    static func oneShot(_ arguments: [String]) -> Invocation? {
        var texts: [String] = []
        var i = 1
        while i < arguments.count {
            guard arguments[i] == "-c" || arguments[i] == "--command", i + 1 < arguments.count,
                  !arguments[i + 1].hasPrefix("-") else { return nil }
            texts.append(arguments[i + 1])
            i += 2
        }
        return texts.isEmpty ? nil : Invocation(command: texts)
    }

    func run() throws {
        var session = Session(format: format, write: { Output.write(1, $0) }, writeError: { Output.write(2, $0) })
        session.readScript = { path in try Script.open(path: path) }
        let colorAllowed = !noColor && (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true)
        session.color = colorAllowed && isatty(1) == 1
        session.colorErrors = colorAllowed && isatty(2) == 1
        if isatty(1) == 1 { session.terminalWidth = { Output.terminalWidth() } }
        session.numbers = NumberStyle.fromLocale { name in getenv(name).map { String(cString: $0) } }
        session.crlf = crlf
        session.echo = echo
        if !(command.isEmpty && files.isEmpty && isatty(0) == 1) {
            // Outside the prompt, SIGINT, SIGTERM and SIGHUP cancel the running statement and end the run.
            Stop.install()
            session.shouldStop = { Stop.signal.load(ordering: .relaxed) != 0 }
        }
        if check {
            guard !files.isEmpty else { throw ValidationError("--check needs script files") }
            var reports: [ScriptCheck.Report] = []
            for path in files {
                var checking = Session(format: .table, write: { _ in }, writeError: { _ in })
                checking.readScript = session.readScript
                // Messages name the file by its base name, so that expected errors do not depend on the folder.
                let script = try Script.read(path: path)
                let name = String(path.split(separator: "/").last ?? Substring(path))
                let report = ScriptCheck.run(SourceText(script.text, name: name), session: &checking)
                Output.write(1, ScriptCheck.describe(report))
                reports.append(report)
            }
            if reports.count > 1 { Output.write(1, ScriptCheck.describeTotal(reports)) }
            finish(reports.contains { $0.failed > 0 } ? .failure : .success)
        }
        // Open every file first, so that a missing one is a usage error before anything runs; each is then read
        // statement by statement while it runs.
        func open(_ path: String) throws -> ScriptReader {
            do {
                return try Script.open(path: path)
            } catch {
                Output.write(2, "error: \(error)\n")
                throw ExitCode(2)
            }
        }
        let prompt = command.isEmpty && files.isEmpty && isatty(0) == 1
        // The init file runs at the prompt, as ~/.sqliterc and ~/.duckdbrc do; for -c and scripts only with --init.
        if let path = initFile ?? (prompt && !noInit ? Self.defaultInitFile() : nil) {
            var script: ScriptReader
            if initFile != nil {
                script = try open(path)
            } else if let opened = try? Script.open(path: path) {
                script = opened
            } else {
                script = ScriptReader(name: path, bytes: [])
            }
            // An error in it is reported with file:line and stops neither the file nor what follows.
            session.run(&script, stopOnError: false)
            if session.quitRequested { finish(.success) }
        }
        if prompt {
            throw ExitCode(Interactive.run(session: session))
        }
        var scripts: [ScriptReader] = []
        // Each -c text is checked as bytes, like a file: the parsed strings have invalid UTF-8 replaced already.
        var texts = Script.rawCommands(command).map { ScriptReader(name: nil, label: "the -c text", bytes: $0) }[...]
        var paths = files[...]
        for isCommand in order ?? Array(repeating: true, count: command.count) + Array(repeating: false, count: files.count) {
            if isCommand, let text = texts.popFirst() {
                scripts.append(text)
            } else if !isCommand, let path = paths.popFirst() {
                scripts.append(try open(path))
            }
        }
        if command.isEmpty && files.isEmpty { scripts.append(Script.standardInput()) }
        runInOrder(&scripts, session: &session)
    }

    /// defaultInitFile is `$XDG_CONFIG_HOME/indq/indqrc`, by default `~/.config/indq/indqrc`; nil without a home.
    static func defaultInitFile() -> String? {
        if let config = getenv("XDG_CONFIG_HOME").map({ String(cString: $0) }), config.hasPrefix("/") { return config + "/indq/indqrc" }
        guard let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty else { return nil }
        return home + "/.config/indq/indqrc"
    }

    /// runInOrder runs the scripts one after another, stopping at the first failure unless --continue-on-error is
    /// given, and ends indq.
    func runInOrder(_ scripts: inout [ScriptReader], session: inout Session) -> Never {
        var failed = false
        for i in scripts.indices {
            if session.run(&scripts[i], stopOnError: !continueOnError) == .failure {
                failed = true
                if !(session.bail.map { !$0 } ?? continueOnError) { break }
            }
            if session.quitRequested { break }
        }
        // A file of `.output` still open is closed, and a write to it that failed fails the run.
        if let failure = session.endRedirect() {
            Output.write(2, "error: \(failure)\n")
            failed = true
        }
        finish(failed ? .failure : .success)
    }

    func finish(_ outcome: Session.RunOutcome) -> Never {
        Output.flush()
        // Ended by a signal: 128 + its number, as a shell reports it.
        let signal = Stop.signal.load(ordering: .relaxed)
        if signal != 0 { Glibc.exit(128 + signal) }
        Glibc.exit(outcome == .success ? 0 : 1)
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// Stop records SIGINT, SIGTERM and SIGHUP while a script runs; the session asks it inside long loops.
enum Stop {
    static let signal = Atomic<Int32>(0)

    /// install catches the signals without SA_RESTART, so that a read waiting for input returns at once.
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { Stop.signal.store($0, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var wanted = sigset_t()
        sigemptyset(&wanted)
        for s in [SIGINT, SIGTERM, SIGHUP] {
            sigaction(s, &action, nil)
            sigaddset(&wanted, s)
        }
        // A parent may have started indq with them blocked (the mask survives exec).
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
    }
}

/// Script opens script files and standard input as streams of statements, and reads whole files for `--check`.
enum Script {
    typealias ReadError = ScriptReader.ReadError

    /// Descriptor closes a script file once its reader is gone.
    final class Descriptor {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { if fd > 2 { close(fd) } }
    }

    /// open opens a script file for reading statement by statement; a file that cannot be opened, or a folder, is an
    /// error at once.
    static func open(path: String) throws -> ScriptReader {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError("cannot read script \(path): \(String(cString: strerror(errno)))") }
        let descriptor = Descriptor(fd)
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            throw ReadError("cannot read script \(path): \(String(cString: strerror(EISDIR)))")
        }
        return reader(descriptor, name: path)
    }

    /// standardInput reads standard input statement by statement.
    static func standardInput() -> ScriptReader { reader(Descriptor(0), name: "<stdin>") }

    static func reader(_ descriptor: Descriptor, name: String) -> ScriptReader {
        ScriptReader(name: name) { buffer in
            while true {
                let n = Glibc.read(descriptor.fd, buffer.baseAddress, buffer.count)
                if n >= 0 { return n }
                if errno == EINTR && Stop.signal.load(ordering: .relaxed) != 0 { throw Interrupted() }
                if errno != EINTR { throw ReadError("cannot read script \(name): \(String(cString: strerror(errno)))") }
            }
        }
    }

    /// rawCommands returns the bytes of each -c value as given on the command line, so that a byte that is not
    /// UTF-8 is reported rather than replaced; `parsed` are the values as the argument parser decoded them.
    static func rawCommands(_ parsed: [String]) -> [[UInt8]] {
        let argv = (1..<Int(CommandLine.argc)).map { i in
            CommandLine.unsafeArgv[i].map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
        }
        var next = 0
        return parsed.map { value in
            for i in next..<argv.count {
                var raw = argv[i][...]
                if raw.starts(with: Array("--command=".utf8)) { raw = raw.dropFirst(10) }
                if String(decoding: raw, as: UTF8.self) == value {
                    next = i + 1
                    return Array(raw)
                }
            }
            return Array(value.utf8)
        }
    }

    /// read returns a whole file's text for `--check`; an unreadable or invalid file is a usage error, exit 2.
    static func read(path: String) throws -> SourceText {
        switch readBytes(path: path) {
        case .success(let text): return text
        case .failure(let e):
            Output.write(2, "error: \(e)\n")
            throw ExitCode(2)
        }
    }

    /// readBytes reads a whole file and checks that it is UTF-8; a byte-order mark is dropped.
    static func readBytes(path: String) -> Result<SourceText, ReadError> {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadError("cannot read script \(path): \(String(cString: strerror(errno)))")) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return .failure(ReadError("cannot read script \(path): \(String(cString: strerror(errno)))")) }
            if n == 0 { break }
            bytes += buffer[0..<n]
        }
        if let bad = firstInvalidUTF8(bytes) {
            return .failure(ReadError(
                "\(path) is not valid UTF-8: invalid byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at byte offset \(bad)"))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return .success(SourceText(String(decoding: bytes, as: UTF8.self), name: path))
    }
}

/// Output writes to file descriptors directly, so results and errors keep their order.
enum Output {
    /// write writes all of `s`. Output that is lost is reported: a write error on standard output ends the run with
    /// `error: cannot write output: <reason>` and exit 1, except a closed pipe (`indq … | head`), which ends it
    /// quietly with exit 0, as a pipeline expects. An error on standard error itself cannot be reported.
    static func write(_ fd: Int32, _ s: String) {
        guard let code = OutputFile.writeAll(fd, s) else { return }
        if code == EPIPE { exit(0) }
        if fd != 2 { cannotWrite(code) }
    }

    /// cannotWrite reports that output was lost and ends the run.
    static func cannotWrite(_ code: Int32) -> Never {
        write(2, "error: cannot write output: \(String(cString: strerror(code)))\n")
        exit(1)
    }

    /// flush pushes out whatever the C library still buffers for standard output and checks that it arrived.
    static func flush() {
        // fflush(nil) flushes every output stream; naming `stdout` is not concurrency-safe in Swift 6.
        if fflush(nil) != 0 {
            if errno == EPIPE { exit(0) }
            cannotWrite(errno)
        }
    }

    /// guardStandardDescriptors keeps a closed standard descriptor closed in effect: /dev/null is opened on it in the
    /// wrong direction, so that writes to a closed stdout still fail (EBADF) and no file indq opens can take its
    /// number and receive output meant for the terminal.
    static func guardStandardDescriptors() {
        for (fd, mode) in [(Int32(0), O_WRONLY), (1, O_RDONLY), (2, O_RDONLY)] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", mode | O_CLOEXEC)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
        }
    }

    /// terminalWidth is the width of the terminal on standard output, if it is one.
    static func terminalWidth() -> Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// The entry point maps ArgumentParser's outcomes onto indq's exit statuses: usage errors are 2, not 64.
// A closed pipe shows up as EPIPE from write, handled in Output.write, instead of killing the process.
signal(SIGPIPE, SIG_IGN)
Output.guardStandardDescriptors()
do {
    if CommandLine.arguments.count == 2 && CommandLine.arguments[1] == "--version" {
        Output.write(1, Invocation.versionText())
        Output.flush()
        exit(0)
    }
    if let oneShot = Invocation.oneShot(CommandLine.arguments) {
        try oneShot.run()
    } else {
        var command = try Indq.parseAsRoot()
        try command.run()
    }
} catch {
    Output.flush()
    let code = Indq.exitCode(for: error).rawValue
    let message = Indq.fullMessage(for: error)
    if code == 0 {
        if !message.isEmpty { Output.write(1, message + "\n") }
        exit(0)
    }
    if error is ExitCode { exit(code) }
    Output.write(2, message + "\n")
    exit(2)
}
