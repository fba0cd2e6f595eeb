// Cancellation and limits tests against the real binary: a statement that runs long inside one function (a LIKE
// whose middle piece has `_`, tried at every place) ends within 0.2 s of Ctrl-C, SIGTERM or SIGHUP at the prompt
// (the fault-injection tests cover scripts); LIKE on long text is linear, `help` on a megabyte topic is quick, and a
// statement over memory_limit fails naming the limit.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

enum Cancellation {
    /// slowLike keeps indq busy for minutes inside one LIKE, with no rows in between to check at.
    static let slowLike = "select '" + String(repeating: "a", count: 200_000) + "' like '%"
        + String(repeating: "a", count: 5_000) + "_b%' as r;\n"

    /// isComputing tells whether a process is running on a CPU now rather than waiting (Linux: /proc/PID/syscall).
    static func isComputing(_ pid: pid_t) -> Bool {
        (readFile("/proc/\(pid)/syscall") ?? "").hasPrefix("running")
    }

    /// cpuSeconds is the CPU time a process has used so far (Linux: /proc/PID/stat, in clock ticks).
    static func cpuSeconds(_ pid: pid_t) -> Double {
        guard let stat = readFile("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// waitUntilBusy waits until the process has computed for half a second, so that it is inside the statement.
    static func waitUntilBusy(_ pid: pid_t, timeout: Double = 30) -> Bool {
        let deadline = monotonicSeconds() + timeout
        while monotonicSeconds() < deadline {
            if cpuSeconds(pid) >= 0.5 && isComputing(pid) { return true }
            usleep(10_000)
        }
        return false
    }
}

@Suite struct CancellationTests {
    @Test func ctrlCEndsALongLikeAtThePromptWithinTwoTenthsOfASecond() {
        let home = TerminalSessionHome()
        writeFile(home.path + "/slow.sql", Cancellation.slowLike)
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(".read slow.sql\r")
        #expect(Cancellation.waitUntilBusy(indq.pid), "indq never got busy with the statement")
        let pressed = monotonicSeconds()
        indq.press(.ctrlC)
        #expect(indq.expect("interrupted", timeout: 10))
        let took = monotonicSeconds() - pressed
        #expect(took <= 0.2, "the statement took \(took) s to stop after Ctrl-C")
        indq.expectPrompt()
        #expect(indq.isRunning, "indq ended after Ctrl-C during a statement")
        indq.send("select 8 as eight\r")
        #expect(indq.expectResult(rows: 1).contains("│ eight │"))
    }

    @Test("SIGTERM or SIGHUP ends a long statement at the prompt, and indq, within 0.2 s", arguments: [SIGTERM, SIGHUP])
    func signalAtThePrompt(_ signal: Int32) {
        let home = TerminalSessionHome()
        writeFile(home.path + "/slow.sql", Cancellation.slowLike)
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(".read slow.sql\r")
        #expect(Cancellation.waitUntilBusy(indq.pid), "indq never got busy with the statement")
        let sent = monotonicSeconds()
        kill(indq.pid, signal)
        let exit = indq.waitForExit(timeout: 10)
        let took = monotonicSeconds() - sent
        #expect(exit != nil, "indq did not end on signal \(signal)")
        if let exit { #expect(exit.kind == 1 && exit.code == 128 + signal, "indq ended with \(exit)") }
        #expect(took <= 0.2, "indq took \(took) s to end after signal \(signal)")
    }

    /// Long LIKEs, by name, so that a failure does not print a 300 KB statement.
    static let longLikes = [
        "like '%a…ab'": "select '" + String(repeating: "a", count: 200_000) + "' like '%" + String(repeating: "a", count: 100_000) + "b' as r;",
        "ilike '%A…AB%'": "select '" + String(repeating: "a", count: 200_000) + "' ilike '%" + String(repeating: "A", count: 100_000) + "B%' as r;",
        "like '%ab…abb%'": "select '" + String(repeating: "ab", count: 100_000) + "' like '%" + String(repeating: "ab", count: 50_000) + "b%' as r;",
    ]

    @Test("like on long text takes well under a second of CPU time", arguments: longLikes.keys.sorted())
    func likeIsLinear(_ name: String) throws {
        let statement = Self.longLikes[name]!
        guard let binary = HostileRunner.binary else { Issue.record("indq binary missing"); return }
        let r = try HostileRunner.run(HostileCase(name: "like", input: Array(statement.utf8), mode: .script, expect: .success),
                                      binary: binary)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(String(decoding: r.stdout, as: UTF8.self).contains("false"))
        #expect(r.seconds < 1, "like took \(r.seconds) s of CPU time")
    }

    @Test func helpOnAMegabyteTopicIsQuick() throws {
        guard let binary = HostileRunner.binary else { Issue.record("indq binary missing"); return }
        let statement = "help " + String(repeating: "x", count: 999_000)
        let r = try HostileRunner.run(HostileCase(name: "help", input: Array(statement.utf8), mode: .script, expect: .success),
                                      binary: binary)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(String(decoding: r.stdout, as: UTF8.self).hasPrefix("No help on 'xxx"))
        #expect(r.seconds < 1.5, "help took \(r.seconds) s of CPU time")
    }

    @Test func aStatementOverTheMemoryLimitFailsNamingIt() throws {
        guard let binary = HostileRunner.binary else { Issue.record("indq binary missing"); return }
        let big = Array(repeating: "select * from kerncijfers", count: 2000).joined(separator: " union all ")
        let script = "set memory_limit = '10MB';\nsource " + big + ";\nselect 1 as one;\n"
        let r = try HostileRunner.run(HostileCase(name: "memory", input: Array(script.utf8), mode: .script), binary: binary)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: out of memory: this statement needs more than the memory limit of 10.0 MB"), "\(r.stderr)")
        // The script stopped at the failing statement.
        #expect(!String(decoding: r.stdout, as: UTF8.self).contains("one"))
        let bad = try HostileRunner.run(HostileCase(name: "bad", input: Array("set memory_limit = '1 zillion'".utf8), mode: .command),
                                        binary: binary)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("expected a size such as '1GB'"), "\(bad.stderr)")
    }
}
