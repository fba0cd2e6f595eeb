// End-to-end tests of the real indq binary on a pseudo-terminal: typing, continuation lines, Up, Ctrl-R,
// Ctrl-C, Ctrl-D and history across restarts, as a person at a terminal would see them.
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
    private var mark = 0
    /// exit is set once the process has been reaped: (1, status) if it exited, (2, signal) if killed.
    private(set) var exit: (kind: Int32, code: Int32)?

    /// start launches the indq binary with a private HOME and XDG_STATE_HOME under `home`;
    /// it records a failure and returns nil when the binary is missing or cannot start.
    static func start(home: String, sourceLocation: SourceLocation = #_sourceLocation) -> TerminalSession? {
        let binary = indqBinaryPath()
        guard access(binary, X_OK) == 0 else {
            Issue.record("""
                The indq binary was not found at \(binary). Build the whole package (swift build / swift test) \
                so the executable sits next to the test bundle.
                """, sourceLocation: sourceLocation)
            return nil
        }
        let environment = ["HOME=\(home)", "XDG_STATE_HOME=\(home)/state", "TERM=xterm", "LANG=C.UTF-8",
                           "PATH=/usr/bin:/bin"]
        let session = TerminalSession(binary: binary, environment: environment)
        if session == nil {
            Issue.record("forkpty failed for \(binary): \(String(cString: strerror(errno)))",
                         sourceLocation: sourceLocation)
        }
        return session
    }

    /// init spawns `binary` on a 30x120 terminal.
    private init?(binary: String, environment: [String]) {
        let argv = [strdup(binary), nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var master: Int32 = -1
        let pid = indq_spawn_pty(binary, argv, envp, 30, 120, &master)
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

    /// send types `text` as if on the keyboard ("\r" is Enter).
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
            } else if errno != EINTR && errno != EAGAIN {
                return
            }
        }
    }

    /// expect waits until the output after the last match contains `text`, then moves the mark past it;
    /// on timeout it records a failure that shows what the screen received.
    @discardableResult
    func expect(_ text: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
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

    /// waitForExit reads the screen until the process ends; nil on timeout.
    func waitForExit(timeout: Double = 10) -> (kind: Int32, code: Int32)? {
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

    /// pump waits up to `milliseconds` for output and appends it; false once the terminal has closed.
    private func pump(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready <= 0 { return true }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if n > 0 {
            output.append(contentsOf: chunk[..<n])
            return true
        }
        // EIO: the child has exited and closed its side.
        return n < 0 && (errno == EAGAIN || errno == EINTR)
    }
}

/// upArrow is what a terminal sends for the Up key.
let upArrow: [UInt8] = [0x1B, 0x5B, 0x41]

// Serialized: each test starts a process, and the machine has two cores.
@Suite(.serialized) struct TerminalTests {
    @Test func aStatementWithoutSemicolonRuns() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expect("indq> ")
        indq.send("select year from studenten where year = 2021\r")
        indq.expect("where year = 2021")  // the echo
        indq.expect("2021")  // the result
        indq.expect("indq> ")
    }

    @Test func twoLineStatementIsRecalledWholeWithUp() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expect("indq> ")
        indq.send("select year\r")
        indq.expect("...>")
        indq.send("from studenten;\r")
        indq.expect("2019")
        indq.expect("2021")
        indq.expect("indq> ")
        indq.send(bytes: upArrow)
        indq.expect("select year")
        indq.expect("from studenten")
    }

    @Test func ctrlCClearsTheLineAndTheReplCarriesOn() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expect("indq> ")
        indq.send("select garbage")
        indq.expect("garbage")
        indq.send(bytes: [0x03])
        indq.expect("indq> ")
        indq.send("select year from studenten where year = 2020\r")
        indq.expect("where year = 2020")
        indq.expect("2020")
        indq.expect("indq> ")
        #expect(indq.waitForExit(timeout: 0.2) == nil, "indq ended after Ctrl-C")
    }

    @Test func ctrlDOnAnEmptyLineExitsZero() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expect("indq> ")
        indq.send(bytes: [0x04])
        let exit = indq.waitForExit()
        #expect(exit != nil, "indq did not exit after Ctrl-D")
        if let exit {
            #expect(exit.kind == 1 && exit.code == 0, "indq ended with \(exit)")
        }
    }

    @Test func historySurvivesARestart() {
        let home = TerminalSessionHome()
        do {
            guard let first = TerminalSession.start(home: home.path) else { return }
            first.expect("indq> ")
            first.send("select year from studenten where year = 2019\r")
            first.expect("where year = 2019")
            first.expect("indq> ")
            first.send(bytes: [0x04])
            #expect(first.waitForExit()?.code == 0)
        }
        #expect(mode(home.path + "/state/indq/history") == 0o600)

        guard let second = TerminalSession.start(home: home.path) else { return }
        second.expect("indq> ")
        second.send(bytes: upArrow)
        second.expect("select year from studenten where year = 2019")
    }

    @Test func ctrlRFindsAnEarlierStatement() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        for statement in ["select year from studenten where year = 2019",
                          "select aanvragen from studenten where year = 2020",
                          "select year from studenten where year = 2021"] {
            indq.expect("indq> ")
            indq.send(statement + "\r")
            indq.expect(statement)
        }
        indq.expect("indq> ")
        // 'v' occurs only in the target, so the first keystroke already finds it and the line is drawn whole.
        indq.send(bytes: [0x12])
        indq.send("vragen")
        indq.expect("select aanvragen from studenten where year = 2020")
        indq.send("\r")
        indq.expect("indq> ")
    }
}

/// TerminalSessionHome is a temporary HOME for one terminal test.
typealias TerminalSessionHome = TemporaryDirectory
