// End-to-end tests of the real indq binary on a pseudo-terminal: completion in each context, continuation lines and
// their history entry, pastes, Up, Ctrl-R, Ctrl-C, Ctrl-D, history across restarts, signals and concurrent sessions,
// dot-commands, table layout and colour, as a person at a terminal would see them.
//
// Every test has its own temporary HOME (and working folder), so the tests run in parallel. Waits poll for the
// expected text with generous timeouts; no test sleeps a fixed time.
import CPty
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// indqBinaryPath returns the indq executable that sits next to this test bundle in the build folder.
func indqBinaryPath() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else { return "indq" }
    let exe = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let directory = exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)]
    return directory + "/indq"
}

/// monotonicSeconds is a clock for timeouts that wall-clock changes cannot upset.
func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// TerminalSession runs indq on a new pseudo-terminal and collects everything it writes to the screen.
final class TerminalSession {
    /// pid is the indq process.
    let pid: pid_t
    /// master is our side of the pseudo-terminal.
    let master: Int32
    /// output is every byte the program has written so far, escape sequences included.
    private(set) var output: [UInt8] = []
    /// mark is where the next expect starts searching, so an earlier match cannot satisfy a later wait.
    private(set) var mark = 0
    /// exit is set once the process has been reaped: (1, status) if it exited, (2, signal) if killed.
    private(set) var exit: (kind: Int32, code: Int32)?

    /// standardTimeout is how long a wait lasts before it fails: generous, because CI machines can be slow and busy.
    static let standardTimeout = 30.0

    /// start launches the indq binary with a private HOME and XDG_STATE_HOME under `home`, in folder `directory`
    /// (default `home`), with `arguments` and extra `environment`. NO_COLOR is set unless `color` is true, so that
    /// most tests can look for plain text. It records a failure and returns nil when the binary cannot start.
    static func start(home: String, arguments: [String] = [], environment extra: [String] = [], color: Bool = false,
                      directory: String? = nil, rows: Int32 = 30, columns: Int32 = 120,
                      sourceLocation: SourceLocation = #_sourceLocation) -> TerminalSession? {
        let binary = indqBinaryPath()
        guard access(binary, X_OK) == 0 else {
            Issue.record("""
                The indq binary was not found at \(binary). Build the whole package (swift build / swift test) \
                so the executable sits next to the test bundle.
                """, sourceLocation: sourceLocation)
            return nil
        }
        var environment = ["HOME=\(home)", "XDG_STATE_HOME=\(home)/state", "TERM=xterm", "LANG=C.UTF-8",
                           "PATH=/usr/bin:/bin"]
        if !color { environment.append("NO_COLOR=1") }
        environment += extra
        let session = TerminalSession(binary: binary, arguments: arguments, environment: environment,
                                      directory: directory ?? home, rows: rows, columns: columns)
        if session == nil {
            Issue.record("cannot start \(binary) on a pseudo-terminal: \(String(cString: strerror(errno)))",
                         sourceLocation: sourceLocation)
        }
        return session
    }

    /// init spawns `binary` on a rows x columns terminal.
    private init?(binary: String, arguments: [String], environment: [String], directory: String,
                  rows: Int32, columns: Int32) {
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var master: Int32 = -1
        let pid = indq_spawn_pty(binary, argv, envp, directory, rows, columns, &master)
        guard pid > 0 else { return nil }
        self.pid = pid
        self.master = master
        _ = indq_set_nonblocking(master)
    }

    deinit {
        if exit == nil {
            kill(pid, SIGKILL)
            var code: Int32 = 0
            _ = indq_wait_child(pid, 0, &code)
        }
        close(master)
    }

    /// send types `text` as if on the keyboard ("\r" is Enter); a longer text arrives in one write, like a paste.
    func send(_ text: String) {
        send(bytes: Array(text.utf8))
    }

    /// send writes raw bytes such as 0x03 (Ctrl-C) or an escape sequence.
    func send(bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
            } else if errno == EAGAIN {
                // The terminal's input queue is full: let the program read, and keep draining its output.
                _ = pump(milliseconds: 10)
            } else if errno != EINTR {
                return
            }
        }
    }

    /// send presses `key`.
    func press(_ key: Key, times: Int = 1) {
        for _ in 0..<times { send(bytes: key.bytes) }
    }

    /// expect waits until the output after the last match contains `text`, then moves the mark past it;
    /// on timeout it records a failure that shows what the screen received.
    @discardableResult
    func expect(_ text: String, timeout: Double = TerminalSession.standardTimeout,
                sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let needle = Array(text.utf8)
        let deadline = monotonicSeconds() + timeout
        while true {
            if let found = find(needle) {
                mark = found + needle.count
                return true
            }
            if monotonicSeconds() > deadline || !pump(milliseconds: 100) {
                // One last look: the final bytes may have arrived with the end of the stream.
                if let found = find(needle) {
                    mark = found + needle.count
                    return true
                }
                Issue.record("""
                    Did not see \(text.debugDescription) on the terminal within \(timeout) s\(exitNote()). \
                    Output since the last match:
                    \(String(decoding: output[mark...], as: UTF8.self).debugDescription)
                    """, sourceLocation: sourceLocation)
                return false
            }
        }
    }

    /// expectPrompt waits for the main prompt, then for the line editor to own the terminal (raw mode), so that
    /// control keys sent next reach libedit rather than the kernel's line discipline, and to wait for keys.
    @discardableResult
    func expectPrompt(_ prompt: String = "indq> ", sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard expect(prompt, sourceLocation: sourceLocation) else { return false }
        let deadline = monotonicSeconds() + TerminalSession.standardTimeout
        while indq_terminal_is_raw(master) == 0 {
            if monotonicSeconds() > deadline || !pump(milliseconds: 5) {
                Issue.record("indq showed its prompt but did not put the terminal into raw mode\(exitNote())",
                             sourceLocation: sourceLocation)
                return false
            }
        }
        return waitUntilIdle(sourceLocation: sourceLocation)
    }

    /// waitUntilIdle waits until indq is blocked reading the terminal, i.e. it has dealt with every key sent so far.
    /// A signal (Ctrl-C, SIGTERM) that arrives while indq is busy between two reads only sets a flag and is noticed
    /// at the next key, so tests send signals once indq waits for input, as it does when a person presses the keys.
    /// On Linux, /proc/PID/syscall then names read (0 on x86_64, 63 on arm64) on descriptor 0.
    @discardableResult
    func waitUntilIdle(sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let deadline = monotonicSeconds() + TerminalSession.standardTimeout
        while true {
            guard let syscall = readFile("/proc/\(pid)/syscall") else { return true }  // not Linux: best effort
            if syscall.hasPrefix("0 0x0 ") || syscall.hasPrefix("63 0x0 ") { return true }
            if monotonicSeconds() > deadline || !pump(milliseconds: 5) {
                Issue.record("indq did not come back to waiting for keys\(exitNote())", sourceLocation: sourceLocation)
                return false
            }
        }
    }

    /// expectResult waits for a table's footer (`1 row`, `3 rows`) and then for the next prompt;
    /// it returns the plain text of what came in between the mark and the footer.
    @discardableResult
    func expectResult(rows: Int, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let start = mark
        let footer = rows == 1 ? "1 row" : "\(rows) rows"
        guard expect(footer + "\r\n", sourceLocation: sourceLocation) else { return "" }
        let text = plainText(Array(output[start..<mark]))
        expectPrompt(sourceLocation: sourceLocation)
        return text
    }

    /// waitForExit reads the screen until the process ends; nil on timeout.
    func waitForExit(timeout: Double = TerminalSession.standardTimeout) -> (kind: Int32, code: Int32)? {
        let deadline = monotonicSeconds() + timeout
        while exit == nil && monotonicSeconds() < deadline {
            var code: Int32 = 0
            let state = indq_wait_child(pid, 1, &code)
            if state != 0 {
                exit = (state, code)
                break
            }
            // Keep draining so the child never blocks writing to a full terminal.
            if !pump(milliseconds: 50) { usleep(20_000) }
        }
        return exit
    }

    /// isRunning checks, without waiting, that indq has not ended.
    var isRunning: Bool {
        waitForExit(timeout: 0) == nil
    }

    /// sinceMark is the plain text (escape sequences removed) received after the last match.
    var sinceMark: String {
        plainText(Array(output[mark...]))
    }

    /// all is the plain text of everything received.
    var all: String {
        plainText(output)
    }

    /// exitNote says whether indq has ended, for failure messages.
    private func exitNote() -> String {
        // The terminal closes a moment before the process can be reaped, so give it a second.
        guard let exit = exit ?? waitForExit(timeout: 1) else { return "" }
        return exit.kind == 1 ? " (indq exited with status \(exit.code))" : " (indq was killed by signal \(exit.code))"
    }

    /// find returns where `needle` starts in the output after the mark.
    private func find(_ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, output.count - mark >= needle.count else { return needle.isEmpty ? mark : nil }
        for start in mark...(output.count - needle.count) where output[start] == needle[0] {
            if output[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }

    /// pump waits up to `milliseconds` for output and appends all that is there; false once the terminal has closed.
    private func pump(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready <= 0 { return true }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n > 0 {
                output.append(contentsOf: chunk[..<n])
                continue
            }
            // EAGAIN: all read for now. EIO: the child has exited and closed its side.
            return n < 0 && (errno == EAGAIN || errno == EINTR)
        }
    }
}

/// Key is a key on the keyboard, as the terminal sends it.
enum Key {
    case tab, up, left, ctrlC, ctrlD, ctrlR, enter

    var bytes: [UInt8] {
        switch self {
        case .tab: return [0x09]
        case .up: return [0x1B, 0x5B, 0x41]
        case .left: return [0x1B, 0x5B, 0x44]
        case .ctrlC: return [0x03]
        case .ctrlD: return [0x04]
        case .ctrlR: return [0x12]
        case .enter: return [0x0D]
        }
    }
}

/// plainText decodes terminal output and removes escape sequences and carriage returns, leaving lines of text.
func plainText(_ bytes: [UInt8]) -> String {
    var kept: [UInt8] = []
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if b == 0x1B, i + 1 < bytes.count {
            if bytes[i + 1] == UInt8(ascii: "[") {
                // CSI: parameters, then one final byte in 0x40...0x7E.
                var j = i + 2
                while j < bytes.count, !(0x40...0x7E).contains(bytes[j]) { j += 1 }
                i = j + 1
            } else if bytes[i + 1] == UInt8(ascii: "]") {
                // OSC: up to BEL.
                var j = i + 2
                while j < bytes.count, bytes[j] != 0x07 { j += 1 }
                i = j + 1
            } else {
                i += 2
            }
            continue
        }
        if b != UInt8(ascii: "\r") && b != 0x07 { kept.append(b) }
        i += 1
    }
    return String(decoding: kept, as: UTF8.self)
}

/// selectGraphicRenditions counts the colour and style sequences (ESC [ … m) in terminal output.
func selectGraphicRenditions(_ bytes: [UInt8]) -> Int {
    var count = 0
    var i = 0
    while i + 1 < bytes.count {
        if bytes[i] == 0x1B && bytes[i + 1] == UInt8(ascii: "[") {
            var j = i + 2
            while j < bytes.count, !(0x40...0x7E).contains(bytes[j]) { j += 1 }
            if j < bytes.count && bytes[j] == UInt8(ascii: "m") { count += 1 }
            i = j
        }
        i += 1
    }
    return count
}

/// displayWidth counts terminal cells the way a terminal does: combining marks take none, East Asian wide and
/// full-width characters two. It is written independently of the renderer's own width function.
func displayWidth(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
         0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
         0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return 2
    default:
        return 1
    }
}

/// displayWidth of a whole line.
func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + displayWidth($1) }
}

/// boxColumns lists the display columns at which a line has a vertical box-drawing character.
func boxColumns(_ line: String) -> [Int] {
    let verticals: Set<Unicode.Scalar> = ["│", "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼"]
    var column = 0
    var found: [Int] = []
    for scalar in line.unicodeScalars {
        if verticals.contains(scalar) { found.append(column) }
        column += displayWidth(scalar)
    }
    return found
}

/// tableLines picks the lines of drawn tables out of plain terminal text.
func tableLines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { line in
        guard let first = line.unicodeScalars.first else { return false }
        return ["┌", "│", "├", "└"].contains(first)
    }
}

/// occurrences counts how often `needle` occurs in `text`, without overlaps.
func occurrences(of needle: String, in text: String) -> Int {
    let target = Array(needle.utf8), bytes = Array(text.utf8)
    var count = 0
    var i = 0
    while i + target.count <= bytes.count {
        if bytes[i..<(i + target.count)].elementsEqual(target) {
            count += 1
            i += target.count
        } else {
            i += 1
        }
    }
    return count
}

/// writeFile creates a file with `text`, for scripts that tests `.read`.
func writeFile(_ path: String, _ text: String) {
    guard let file = fopen(path, "w") else {
        Issue.record("cannot create \(path)")
        return
    }
    fputs(text, file)
    fclose(file)
}

/// readFile returns a file's contents, or nil when it cannot be read.
func readFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n <= 0 { break }
        bytes += chunk[..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// runPiped runs indq with standard input, output and error on pipes (not a terminal) and returns all it wrote.
func runPiped(home: String, shellArguments: String, input: String) -> (output: [UInt8], status: Int32) {
    writeFile(home + "/input.sql", input)
    let command = "cd '\(home)' && HOME='\(home)' XDG_STATE_HOME='\(home)/state' TERM=xterm LANG=C.UTF-8 "
        + "'\(indqBinaryPath())' \(shellArguments) < input.sql 2>&1"
    guard let pipe = popen(command, "r") else {
        Issue.record("popen failed")
        return ([], -1)
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&chunk, 1, chunk.count, pipe)
        if n <= 0 { break }
        bytes += chunk[..<n]
    }
    let status = pclose(pipe)
    return (bytes, (status >> 8) & 0xFF)
}

/// cpuSeconds is the user and system CPU time a process has used so far, from /proc; nil where there is none.
func cpuSeconds(of pid: pid_t) -> Double? {
    guard let stat = readFile("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
    // After the command name in parentheses: state is field 3, utime and stime are fields 14 and 15.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// repositoryRoot is the checkout this test file belongs to.
let repositoryRoot: String = {
    let file = #filePath
    var parts = file.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/IndqShellTests/TerminalTests.swift
    return parts.joined(separator: "/")
}()

/// historyFile is where a session with this HOME keeps its history.
func historyFile(_ home: String) -> String {
    home + "/state/indq/history"
}

/// TerminalSessionHome is a temporary HOME for one terminal test.
typealias TerminalSessionHome = TemporaryDirectory

// The tests run in parallel: each has its own HOME, working folder and terminal.
@Suite struct TerminalTests {
    // MARK: Typing and running

    @Test func aStatementWithoutSemicolonRuns() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select year from studenten where year = 2021\r")
        indq.expect("where year = 2021")  // the echo
        #expect(indq.expectResult(rows: 1).contains("│ 2021 │"))
    }

    // MARK: Completion in each context

    @Test func tabCompletesAStatementWordAtTheStartWithASpace() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("sel")
        indq.press(.tab)
        indq.expect("ect ")
        // Only "select " with its space makes this a valid statement.
        indq.send("1 as one\r")
        #expect(indq.expectResult(rows: 1).contains("│ one │"))
    }

    @Test func tabCompletesAFileInsideItsQuoteAndClosesTheQuote() {
        let home = TerminalSessionHome()
        let fd = open(home.path + "/eigen-cijfers.csv", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = "a,b\n1,2\n".withCString { write(fd, $0, 8) }
        close(fd)
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select b from 'eigen")
        indq.press(.tab)
        indq.expect("-cijfers.csv' ")
        indq.send("where a = 1\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2 │"))
    }

    @Test func tabCompletesAClauseKeywordAfterAnExpression() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select year fr")
        indq.press(.tab)
        indq.expect("om ")
        indq.send("studenten where year = 2019\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2019 │"))
    }

    @Test func tabCompletesADatasetAfterFrom() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select year from kenn")
        indq.press(.tab)
        indq.expect("is_en_talent ")
        indq.send("where year = 2021\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2021 │"))
    }

    @Test func severalMatchesAreListedAndTheirCommonPrefixCompleted() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select year from stu")
        indq.press(.tab)
        // studenten and students: listed under the prompt, and "stu" grows to their common prefix "student".
        indq.expect("students")
        let listing = indq.all.split(separator: "\n").map(String.init).filter { $0.contains("students") }
        #expect(listing.contains { $0.contains("studenten") && !$0.contains("indq>") },
                "the candidates are not listed on their own line: \(listing)")
        indq.expect("indq> select year from student")
        indq.send("en where year = 2020\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2020 │"))
    }

    @Test func tabCompletesAColumnOfTheDatasetNamedLaterOnTheLine() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select  from studenten")
        indq.expect("studenten")
        // Back to just after "select ".
        indq.press(.left, times: " from studenten".count)
        indq.send("aanv")
        indq.press(.tab)
        indq.expect("ragen")
        indq.press(.enter)
        let result = indq.expectResult(rows: 3)
        #expect(result.contains("│ aanvragen │"))
        #expect(result.contains("│     20560 │"))
    }

    @Test func columnCompletionUsesOnlyTheNamedDataset() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        // Over all datasets "in" is ambiguous (inwilligingen, instandhoudingen_asiel, …); studenten has one.
        indq.send("select  from studenten")
        indq.expect("studenten")
        indq.press(.left, times: " from studenten".count)
        indq.send("in")
        indq.press(.tab)
        indq.expect("willigingen")
        indq.press(.enter)
        #expect(indq.expectResult(rows: 3).contains("│ inwilligingen │"))
    }

    @Test func tabCompletesAFunctionName() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select coal")
        indq.press(.tab)
        indq.expect("esce ")
        indq.send("(null, 3) as c\r")
        let result = indq.expectResult(rows: 1)
        #expect(result.contains("│ c │"))
        #expect(result.contains("│ 3 │"))
    }

    @Test func tabAfterHelpCompletesATermAnSQLWordAndATopicOfSeveralWords() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("help dwa")
        indq.press(.tab)
        indq.expect("ngsom ")
        indq.send("\r")
        indq.expect("dwangsom (penalty payment)")
        indq.expectPrompt()
        indq.send("help lik")
        indq.press(.tab)
        indq.expect("e ")
        indq.send("\r")
        indq.expect("text LIKE 'pattern'")
        indq.expect("nareisaanvragen afgehandeld")
        indq.expectPrompt()
        // The word before the cursor grows into the rest of a term of three words.
        indq.send("help raad van s")
        indq.press(.tab)
        indq.expect("tate ")
        indq.send("\r")
        indq.expect("raad van state (Council of State)")
        indq.expectPrompt()
    }

    @Test func tabCompletesADotCommandAndItsArgument() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(".form")
        indq.press(.tab)
        indq.expect("at ")
        indq.send("mark")
        indq.press(.tab)
        indq.expect("down ")
        indq.press(.enter)
        indq.expectPrompt()
        indq.send("select 1 as one\r")
        indq.expect("| one |")
        indq.expectPrompt()
    }

    @Test func tabCompletesFileNamesAfterRead() {
        let home = TerminalSessionHome()
        _ = mkdir(home.path + "/Examples", 0o700)
        writeFile(home.path + "/Examples/one.sql", "select 'from one' as what;\n")
        writeFile(home.path + "/Examples/other.sql", "select 'from other' as what;\n")
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(".read Exa")
        indq.press(.tab)
        // A folder gets a slash and no space, so Tab can go on into it.
        indq.expect("mples/")
        indq.press(.tab)
        // Two files: both listed, and their common prefix "o" completed.
        indq.expect("other.sql")
        #expect(indq.all.contains("one.sql"), "one.sql is not listed")
        indq.expect("indq> .read Examples/o")
        indq.send("n")
        indq.press(.tab)
        indq.expect("e.sql ")
        indq.press(.enter)
        #expect(indq.expectResult(rows: 1).contains("from one"))
        #expect(!indq.all.contains("from other"))
    }

    // MARK: Multi-line input and pastes

    @Test func twoLineStatementIsOneHistoryEntryRecalledWholeWithUp() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select year\r")
        indq.expectPrompt("   ...> ")
        indq.send("from studenten;\r")
        indq.expectResult(rows: 3)
        indq.press(.up)
        indq.expect("select year")
        indq.expect("from studenten;")
        // Enter on the recalled statement runs all of it again.
        indq.press(.enter)
        indq.expectResult(rows: 3)
        // One entry in the file (a header line, then the entry with its newline encoded); a repeat is not added.
        let lines = readFile(historyFile(home.path))?.split(separator: "\n") ?? []
        #expect(lines.count == 2, "history file: \(lines)")
        // Up once more gives the statement before it, not the second line.
        indq.press(.up)
        indq.expect("from studenten;")
    }

    @Test func aPasteOfThreeStatementsRunsEachInOrder() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        // One write, as a terminal delivers a paste.
        indq.send("select 1 as alpha;\rselect 2 as beta;\rselect 3 as gamma;\r")
        for name in ["alpha", "beta", "gamma"] {
            indq.expect("│ \(name) │")
            indq.expect("1 row")
        }
        indq.expectPrompt()
        indq.send("select 4 as delta; select 5 as epsilon; select 6 as zeta\r")
        for name in ["delta", "epsilon", "zeta"] {
            indq.expect("│ \(name) │")
        }
        indq.expectPrompt()
        #expect(!indq.all.contains("error"))
    }

    @Test func aPasteWhoseLastStatementIsUnfinishedRunsOnlyTheCompleteOnes() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select 1 as alpha;\rselect 2 as beta;\rselect 3 as gamma,\r")
        indq.expect("│ alpha │")
        indq.expect("│ beta │")
        // The unfinished one waits on a continuation prompt instead of running (which would be an error).
        indq.expectPrompt("   ...> ")
        #expect(!indq.all.contains("gamma │"))
        #expect(!indq.all.contains("error"))
        indq.send("4 as delta;\r")
        #expect(indq.expectResult(rows: 1).contains("│ gamma │ delta │"))

        // A paste whose last line has no Enter leaves that line in the editor.
        indq.send("select 5 as epsilon;\rselect 6 as zeta")
        indq.expect("│ epsilon │")
        indq.expectPrompt()
        indq.expect("select 6 as zeta")
        indq.press(.enter)
        indq.expectResult(rows: 1)
        let zeta = occurrences(of: "│ zeta │", in: indq.all)
        #expect(zeta == 1, "the last statement ran \(zeta) times")
        #expect(!indq.all.contains("error"))
    }

    @Test func lessonFivesFirstQueryTypedLineByLineGivesTheLessonsAnswer() throws {
        // The query and its answer exactly as the lesson prints them.
        guard let lesson = readFile(repositoryRoot + "/Examples/lessons/05-aggregates.sql") else {
            Issue.record("cannot read lesson 5")
            return
        }
        let lines = lesson.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { $0.hasPrefix("select ") }),
              let last = lines[first...].firstIndex(where: { $0.hasSuffix(";") }),
              lines.indices.contains(last + 1), lines[last + 1] == "-- expect:" else {
            Issue.record("lesson 5 does not start with a query and its expected result")
            return
        }
        let query = Array(lines[first...last])
        #expect(query.count == 3, "the lesson's first query: \(query)")
        let expected = lines[(last + 2)...].prefix { $0.hasPrefix("-- ") }.map { String($0.dropFirst(3)) }

        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        for (index, line) in query.enumerated() {
            indq.send(line + "\r")
            if index < query.count - 1 {
                // Each line before the ';' waits on the continuation prompt, even once it would be complete.
                indq.expectPrompt("   ...> ")
            }
        }
        let result = indq.expectResult(rows: 1)
        #expect(tableLines(result) == tableLines(expected.joined(separator: "\n")), "screen: \(result)")
        #expect(!indq.all.contains("error"), "screen: \(indq.all)")
    }

    @Test func aContinuedStatementWaitsForItsSemicolon() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select year\r")
        indq.expectPrompt("   ...> ")
        // Complete now, but on its second line: only ';' ends it.
        indq.send("from studenten\r")
        indq.expectPrompt("   ...> ")
        indq.send("where year = 2020\r")
        indq.expectPrompt("   ...> ")
        #expect(!indq.all.contains("row"), "it ran before its ';': \(indq.all)")
        indq.send(";\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2020 │"))
    }

    @Test func aPastedFourLineQueryRunsOnce() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        // Its first line alone would be a complete statement.
        indq.send("select year, aanvragen from studenten\rwhere year >= 2020\rorder by year desc\rlimit 1;\r")
        let result = indq.expectResult(rows: 1)
        #expect(tableLines(result) == ["┌──────┬───────────┐", "│ year │ aanvragen │", "├──────┼───────────┤",
                                       "│ 2021 │     20560 │", "└──────┴───────────┘"], "screen: \(result)")
        #expect(occurrences(of: "row", in: indq.all) == 1, "screen: \(indq.all)")
        #expect(!indq.all.contains("error"), "screen: \(indq.all)")
    }

    @Test func aPasteOfThreeMultiLineStatementsRunsThree() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select 1 as alpha\rfrom studenten\rlimit 1;\rselect year as beta from studenten\r"
                  + "where year = 2019;\rselect 3\r  as gamma;\r")
        for name in ["alpha", "beta", "gamma"] {
            indq.expect("│ \(name) │")
            indq.expect("1 row")
        }
        indq.expectPrompt()
        #expect(occurrences(of: "1 row", in: indq.all) == 3, "screen: \(indq.all)")
        #expect(!indq.all.contains("error"), "screen: \(indq.all)")
        // Each statement is one history entry.
        indq.send(".history\r")
        indq.expect("3  select 3\r\n")
        indq.expectPrompt()
    }

    @Test func aPasteThatEndsMidStatementWaitsForTheRest() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select 1 as alpha;\rselect year, aanvragen from studenten\rwhere year = 2021\r")
        indq.expect("│ alpha │")
        indq.expectPrompt("   ...> ")
        #expect(!indq.all.contains("aanvragen │"), "the unfinished statement ran: \(indq.all)")
        indq.send("order by year;\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2021 │     20560 │"))
        #expect(!indq.all.contains("error"), "screen: \(indq.all)")
    }

    @Test func aPasteOfA20000LineStatementIsAcceptedWithinASecond() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        let paste = "select count(*) as n from studenten where year in (\r"
            + String(repeating: "2019, -- one of the years\r", count: 20_000) + "2021);\r"
        // Accepted means read up to its last line, which is echoed once read; CPU time, so that a busy machine cannot
        // fail the test (wall time is reported too).
        let started = monotonicSeconds()
        let cpuBefore = cpuSeconds(of: indq.pid)
        indq.send(paste)
        indq.expect("2021);")
        let cpu = cpuSeconds(of: indq.pid).map { $0 - (cpuBefore ?? 0) }
        let elapsed = monotonicSeconds() - started
        let result = indq.expectResult(rows: 1)
        #expect(result.contains("│ 2 │"), "screen: \(result.suffix(500))")
        if let cpu {
            #expect(cpu < 1.0, "the 20,000-line paste took \(cpu) s of CPU (\(elapsed) s on the clock)")
        } else {
            #expect(elapsed < 1.0, "the 20,000-line paste took \(elapsed) s")
        }
    }

    // MARK: History

    @Test func historySurvivesARestart() {
        let home = TerminalSessionHome()
        do {
            guard let first = TerminalSession.start(home: home.path) else { return }
            first.expectPrompt()
            first.send("select year from studenten where year = 2019\r")
            first.expectResult(rows: 1)
            first.press(.ctrlD)
            #expect(first.waitForExit()?.code == 0)
        }
        #expect(mode(historyFile(home.path)) == 0o600)

        guard let second = TerminalSession.start(home: home.path) else { return }
        second.expectPrompt()
        second.press(.up)
        second.expect("select year from studenten where year = 2019")
    }

    @Test func historySurvivesSIGTERM() {
        let home = TerminalSessionHome()
        do {
            guard let first = TerminalSession.start(home: home.path) else { return }
            first.expectPrompt()
            first.send("select year from studenten where year = 2020\r")
            first.expectResult(rows: 1)
            // Something typed but not entered is not a statement, and not kept.
            first.send("select unfinished")
            first.expect("unfinished")
            first.waitUntilIdle()
            kill(first.pid, SIGTERM)
            let exit = first.waitForExit()
            #expect(exit != nil, "indq did not end on SIGTERM")
            if let exit { #expect(exit.kind == 1 && exit.code == 128 + SIGTERM, "indq ended with \(exit)") }
        }
        #expect(mode(historyFile(home.path)) == 0o600)

        guard let second = TerminalSession.start(home: home.path) else { return }
        second.expectPrompt()
        second.press(.up)
        second.expect("select year from studenten where year = 2020")
        #expect(!(readFile(historyFile(home.path)) ?? "").contains("unfinished"))
    }

    @Test func historySurvivesACrash() {
        let home = TerminalSessionHome()
        do {
            guard let first = TerminalSession.start(home: home.path) else { return }
            first.expectPrompt()
            first.send("select year from studenten where year = 2021\r")
            first.expectResult(rows: 1)
            kill(first.pid, SIGKILL)
            #expect(first.waitForExit()?.kind == 2)
        }
        guard let second = TerminalSession.start(home: home.path) else { return }
        second.expectPrompt()
        second.press(.up)
        second.expect("select year from studenten where year = 2021")
    }

    @Test func twoSessionsAtOnceKeepBothHistories() {
        let home = TerminalSessionHome()
        do {
            guard let a = TerminalSession.start(home: home.path), let b = TerminalSession.start(home: home.path) else {
                return
            }
            a.expectPrompt()
            b.expectPrompt()
            a.send("select 1 as from_a\r")
            a.expectResult(rows: 1)
            b.send("select 2 as from_b\r")
            b.expectResult(rows: 1)
            a.send("select 3 as from_a_again\r")
            a.expectResult(rows: 1)
            a.press(.ctrlD)
            b.press(.ctrlD)
            #expect(a.waitForExit()?.code == 0)
            #expect(b.waitForExit()?.code == 0)
        }
        guard let c = TerminalSession.start(home: home.path) else { return }
        c.expectPrompt()
        c.send(".history\r")
        c.expect("1  select 1 as from_a")
        c.expect("2  select 2 as from_b")
        c.expect("3  select 3 as from_a_again")
        c.expectPrompt()
        #expect(mode(historyFile(home.path)) == 0o600)
    }

    @Test func ctrlRFindsAnEarlierStatement() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        for statement in ["select year from studenten where year = 2019",
                          "select aanvragen from studenten where year = 2020",
                          "select year from studenten where year = 2021"] {
            indq.send(statement + "\r")
            indq.expectResult(rows: 1)
        }
        // 'v' occurs only in the target, so the first keystroke already finds it and the line is drawn whole.
        indq.press(.ctrlR)
        indq.send("vragen")
        indq.expect("select aanvragen from studenten where year = 2020")
        indq.press(.enter)
        #expect(indq.expectResult(rows: 1).contains("12310"))
    }

    // MARK: Ctrl-C and Ctrl-D

    @Test func ctrlCClearsTheLineAndTheReplCarriesOn() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select garbage")
        indq.expect("garbage")
        indq.waitUntilIdle()
        indq.press(.ctrlC)
        indq.expectPrompt()
        indq.send("select year from studenten where year = 2020\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2020 │"))
        #expect(indq.isRunning, "indq ended after Ctrl-C")
        #expect(!indq.all.contains("unknown column"), "the abandoned statement ran")
    }

    @Test func invalidUTF8AtThePromptIsRefusedWithItsOffset() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select 'a")
        indq.send(bytes: [0xFF])
        indq.send("'\r")
        indq.expect("error: the line is not valid UTF-8: byte 0xFF at byte offset 9")
        indq.expectPrompt()
        indq.send("select 'é' as ok\r")
        #expect(indq.expectResult(rows: 1).contains("│ é  │"))
        #expect(indq.isRunning)
    }

    @Test func ctrlCOnAContinuationLineDropsTheWholeStatement() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select year,\r")
        indq.expectPrompt("   ...> ")
        indq.send("garbage")
        indq.expect("garbage")
        indq.waitUntilIdle()
        indq.press(.ctrlC)
        // Back at the main prompt, not the continuation prompt: the pending first line is gone too.
        indq.expectPrompt()
        indq.send("select 7 as seven\r")
        #expect(indq.expectResult(rows: 1).contains("│ seven │"))
        #expect(!indq.all.contains("error"))
        #expect(!(readFile(historyFile(home.path)) ?? "").contains("garbage"))
    }

    @Test func ctrlCWhileAScriptRunsReturnsToThePrompt() {
        let home = TerminalSessionHome()
        // Enough statements that the script is still running when Ctrl-C arrives.
        writeFile(home.path + "/long.sql",
                  String(repeating: "select year, aanvragen from studenten where year = 2021;\n", count: 20000))
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(".read long.sql\r")
        indq.expect("1 row")
        indq.press(.ctrlC)
        indq.expectPrompt()
        #expect(indq.isRunning, "indq ended after Ctrl-C during a statement")
        indq.send("select 8 as eight\r")
        #expect(indq.expectResult(rows: 1).contains("│ eight │"))
    }

    @Test func ctrlDOnAnEmptyLineExitsZero() {
        // Repeated, and sent the moment the prompt appears: Ctrl-D used to be lost when it arrived before libedit
        // had switched the terminal to raw mode (the kernel took it as end-of-file in cooked mode).
        for attempt in 1...10 {
            let home = TerminalSessionHome()
            guard let indq = TerminalSession.start(home: home.path) else { return }
            indq.expect("indq> ")
            indq.press(.ctrlD)
            let exit = indq.waitForExit()
            #expect(exit != nil, "indq did not exit after Ctrl-D (attempt \(attempt)); screen: \(indq.all.debugDescription)")
            if let exit {
                #expect(exit.kind == 1 && exit.code == 0, "indq ended with \(exit)")
            }
            if exit == nil { return }
        }
    }

    @Test func ctrlDOnAContinuationLineExitsZero() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select year\r")
        indq.expectPrompt("   ...> ")
        indq.press(.ctrlD)
        let exit = indq.waitForExit()
        #expect(exit?.kind == 1 && exit?.code == 0, "indq ended with \(String(describing: exit))")
    }

    // MARK: Dot-commands

    @Test func dotCommandsWorkAtThePrompt() {
        let home = TerminalSessionHome()
        writeFile(home.path + "/script.sql", "-- a script\nselect 'from the script' as what;\n")
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(".help\r")
        indq.expect(".format NAME")
        indq.expectPrompt()
        indq.send(".datasets\r")
        indq.expect("studenten")
        indq.expectPrompt()
        indq.send(".describe studenten\r")
        indq.expect("inwilligingen")
        indq.expectPrompt()
        indq.send(".source studenten\r")
        indq.expect("Jaarverslag")
        indq.expectPrompt()
        indq.send(".read script.sql\r")
        indq.expect("from the script")
        indq.expectPrompt()
        indq.send(".timer on\r")
        indq.expectPrompt()
        indq.send("select 1 as one\r")
        indq.expect("1 row")
        indq.expect("Run time:")
        indq.expectPrompt()
        indq.send(".timer off\r")
        indq.expectPrompt()
        indq.send(".echo on\r")
        indq.expectPrompt()
        indq.send("select 2 as two\r")
        indq.expect("select 2 as two\r\n")  // the echo of the line as typed
        indq.expect("select 2 as two\r\n┌")  // and the echo printed before the result
        indq.expectPrompt()
        indq.send(".format csv\r")
        indq.expectPrompt()
        indq.send(".last\r")
        indq.expect("two\r\n2\r\n")  // CSV ends its lines in LF; the terminal writes CR LF
        indq.expectPrompt()
        indq.send(".history\r")
        indq.expect("select 2 as two")
        indq.expect(".history")
        indq.expectPrompt()
        indq.send(".quit\r")
        let exit = indq.waitForExit()
        #expect(exit?.kind == 1 && exit?.code == 0, "after .quit: \(String(describing: exit))")
    }

    @Test func quitExitsZero() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(".quit\r")
        let exit = indq.waitForExit()
        #expect(exit?.kind == 1 && exit?.code == 0, "after .quit: \(String(describing: exit))")
    }

    @Test func aMistypedDotCommandGetsDidYouMean() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(".fromat csv\r")
        indq.expect("unknown command '.fromat'")
        indq.expect("did you mean .format?")
        indq.expectPrompt()
        indq.send("select 1 as one\r")
        #expect(indq.expectResult(rows: 1).contains("│ one │"))
    }

    // MARK: Tables and colour

    @Test func tableColumnsLineUpWithAccentsAndWideCharacters() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        // é precomposed, e + a combining acute accent, and two wide CJK characters.
        indq.send("select 'é' as a, '中文' as b, 'e\u{301}z' as c union all select 'xyz', 'x', 'wide'\r")
        let lines = tableLines(indq.expectResult(rows: 2))
        #expect(lines.count == 6, "table lines: \(lines)")
        guard let first = lines.first else { return }
        for line in lines {
            #expect(boxColumns(line) == boxColumns(first), "misaligned: \(lines.joined(separator: "\n"))")
            #expect(displayWidth(line) == displayWidth(first), "ragged: \(lines.joined(separator: "\n"))")
        }
        #expect(lines.contains("│ é   │ 中文 │ e\u{301}z   │"))
    }

    @Test func tablesRightAlignNumbersAndPercentagesAndShowNull() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select year, aanvragen, inwilligingen from studenten where year >= 2020\r")
        let lines = tableLines(indq.expectResult(rows: 2))
        #expect(lines == [
            "┌──────┬───────────┬───────────────┐",
            "│ year │ aanvragen │ inwilligingen │",
            "├──────┼───────────┼───────────────┤",
            "│ 2020 │     12310 │           96% │",
            "│ 2021 │     20560 │           99% │",
            "└──────┴───────────┴───────────────┘",
        ])
        indq.send("select null as nothing, 'text' as words\r")
        #expect(indq.expectResult(rows: 1).contains("│ NULL    │ text  │"))
    }

    @Test func aTableWiderThanTheTerminalIsShortenedVisibly() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path, columns: 60) else { return }
        indq.expectPrompt()
        indq.send("select '\(String(repeating: "x", count: 100))' as long, 42 as answer\r")
        let lines = tableLines(indq.expectResult(rows: 1))
        #expect(lines.count == 5)
        for line in lines { #expect(displayWidth(line) <= 60, "wider than the terminal: \(line)") }
        #expect(lines.contains { $0.contains("…") }, "the cut is not marked: \(lines)")
        #expect(lines.contains { $0.contains("│     42 │") }, "the narrow column was cut too: \(lines)")
    }

    @Test func aTerminalGetsAColouredHeader() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path, color: true) else { return }
        indq.expectPrompt()
        indq.send("select 1 as one\r")
        indq.expect("\u{1B}[1mone\u{1B}[0m")
        indq.expectResult(rows: 1)
    }

    @Test(arguments: [(["NO_COLOR=1"], [String]()), ([String](), ["--no-color"])])
    func noColorTurnsColourOff(environment: [String], arguments: [String]) {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path, arguments: arguments, environment: environment,
                                               color: true) else { return }
        indq.expectPrompt()
        indq.send("select null as nothing\r")
        indq.expectResult(rows: 1)
        indq.send("select nothing from nowhere\r")
        indq.expect("unknown dataset")
        indq.expectPrompt()
        #expect(selectGraphicRenditions(indq.output) == 0,
                "colour codes in: \(String(decoding: indq.output, as: UTF8.self).debugDescription)")
    }

    @Test func outputThatIsNotATerminalHasNoEscapeSequences() {
        let home = TerminalSessionHome()
        for arguments in ["", "--format table"] {
            let (output, status) = runPiped(home: home.path, shellArguments: arguments,
                                            input: "select null as nothing;\nselect nothing from nowhere;\n")
            let text = String(decoding: output, as: UTF8.self)
            #expect(status == 1)
            #expect(text.contains("│ NULL    │"), "output: \(text)")
            #expect(text.contains("unknown dataset"), "output: \(text)")
            #expect(!output.contains(0x1B), "escape sequences in: \(text.debugDescription)")
        }
        // Nothing read from a pipe goes into the history.
        #expect(readFile(historyFile(home.path)) == nil)
    }
}
