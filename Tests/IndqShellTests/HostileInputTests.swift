// Hostile-input tests: the real indq binary gets hundreds of malformed or adversarial statements and scripts, by
// `-c`, by a script file and on standard input. Hand-written cases cover each way input can go wrong; generated
// ones are seeded mutations of valid queries. Every run must end by itself within 2 seconds of CPU time (not wall
// time, which a busy machine stretches), never by a signal,
// with exit status 1 or 2 and an error on standard error that says where (`--> 1:8`, `--> file.sql:1:8`, or
// `byte offset N` for bytes that are not UTF-8). A generated mutation may be valid by chance: then exit 0 is fine.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// HostileCase is one input and what indq must do with it.
struct HostileCase: Sendable, CustomTestStringConvertible {
    /// How the input reaches indq.
    enum Mode: String, Sendable { case command = "-c", script = "file", stdin = "stdin" }
    /// What must happen.
    enum Expect: Sendable {
        /// Exit 1 or 2, with a position on standard error.
        case error
        /// Exit 0: the input is valid after all (empty scripts, comments only).
        case success
        /// Exit 0, or exit 1 or 2 with a position: generated mutations, and inputs a limit may reasonably refuse.
        case either
    }

    var name: String
    var input: [UInt8]
    var mode: Mode
    var expect: Expect = .error
    /// message, when set, must appear on standard error.
    var message: String?
    var arguments: [String] = []
    /// cpuLimit replaces HostileRunner.limit for a case that does real work per statement; the scaling test
    /// catches what such a case could hide, a cost that grows faster than the input.
    var cpuLimit: Double?

    var testDescription: String { "\(name) [\(mode.rawValue)]" }
}

/// HostileRun is what one run of indq did.
struct HostileRun {
    var status: Int32?
    var signal: Int32?
    /// seconds is the CPU time (user and system) that the child used; wallSeconds is how long it ran.
    var seconds: Double
    var wallSeconds: Double
    var stdout: [UInt8]
    var stderr: String
}

/// HostileRunner starts indq with an input and collects what it does. Output goes to files, so that a process
/// that writes megabytes can never block on a full pipe.
enum HostileRunner {
    /// limit is the CPU time a run may take; hardLimit is the wall time after which it is killed.
    static let limit = 2.0
    static let hardLimit = 10.0

    /// binary is the indq executable next to the test bundle, or nil.
    static let binary: String? = {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let exe = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let path = String(exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)]) + "/indq"
        return access(path, X_OK) == 0 ? path : nil
    }()

    /// directory holds the inputs and outputs of this test run.
    static let directory: String = {
        let path = NSTemporaryDirectory() + "/indq-hostile-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// run runs indq on one case.
    static func run(_ c: HostileCase, binary: String) throws -> HostileRun {
        let id = UUID().uuidString
        let inputPath = "\(directory)/\(id).sql", outPath = "\(directory)/\(id).out", errPath = "\(directory)/\(id).err"
        defer { for p in [inputPath, outPath, errPath] { unlink(p) } }
        var arguments: [[UInt8]] = [Array(binary.utf8)] + c.arguments.map { Array($0.utf8) }
        switch c.mode {
        case .command: arguments += [Array("-c".utf8), c.input]
        case .script: arguments.append(Array(inputPath.utf8))
        case .stdin: break
        }
        guard FileManager.default.createFile(atPath: inputPath, contents: Data(c.input)) else {
            throw HostileError("cannot write \(inputPath)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, c.mode == .stdin ? inputPath : "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // argv from raw bytes, so that -c can carry bytes that are not UTF-8.
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { bytes in
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            return p
        } + [nil]
        defer { for p in argv { p?.deallocate() } }
        let environment = ["HOME=\(directory)", "XDG_STATE_HOME=\(directory)/state", "LANG=C.UTF-8", "NO_COLOR=1",
                           "PATH=/usr/bin:/bin"]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for p in envp { free(p) } }
        var pid: pid_t = 0
        let started = monotonicNow()
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        guard spawned == 0 else { throw HostileError("posix_spawn failed: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var killed = false
        var usage = rusage()
        while true {
            // wait4 reports the child's own resource use, unlike RUSAGE_CHILDREN, which sums every child so far.
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw HostileError("waitpid failed: \(String(cString: strerror(errno)))") }
            if !killed && monotonicNow() - started > hardLimit {
                kill(pid, SIGKILL)
                killed = true
            }
            usleep(1000)
        }
        let wallSeconds = monotonicNow() - started
        let seconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let stdout = readAll(outPath)
        let stderr = String(decoding: readAll(errPath), as: UTF8.self)
        // WIFEXITED / WIFSIGNALED are macros; these are their definitions for Linux.
        let exited = status & 0x7F == 0
        return HostileRun(status: exited ? (status >> 8) & 0xFF : nil, signal: exited ? nil : status & 0x7F,
                          seconds: seconds, wallSeconds: wallSeconds, stdout: stdout, stderr: stderr)
    }

    /// readAll reads a whole file, or nothing when it cannot be read.
    static func readAll(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return out }
            out += buffer[0..<n]
        }
    }

    static func monotonicNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// position finds `--> 1:8` or `--> name:1:8` and returns the line and column, (0, 0) for `byte offset N`, or nil
    /// if the error names no place. (No Regex: its compiled programs show up as leaks under AddressSanitizer.)
    static func position(in stderr: String) -> (line: Int, column: Int)? {
        for line in stderr.split(separator: "\n") {
            guard let arrow = line.range(of: "--> ") else { continue }
            let fields = line[arrow.upperBound...].split(separator: ":", omittingEmptySubsequences: false)
            if fields.count >= 2, let l = Int(fields[fields.count - 2]), let c = Int(fields[fields.count - 1]) { return (l, c) }
        }
        if let r = stderr.range(of: "byte offset "), stderr[r.upperBound...].first?.isNumber == true { return (0, 0) }
        return nil
    }

    /// check runs a case and records every way it goes wrong.
    static func check(_ c: HostileCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let binary else {
            Issue.record("""
                The indq binary was not found next to the test bundle (\(CommandLine.arguments.first ?? "?")). \
                Build the whole package (swift build --build-tests) so the executable sits next to it.
                """, sourceLocation: sourceLocation)
            return
        }
        let r = try run(c, binary: binary)
        let shown = c.input.count > 300 ? String(decoding: c.input.prefix(300), as: UTF8.self) + "… (\(c.input.count) bytes)"
            : String(decoding: c.input, as: UTF8.self)
        let context = "input: \(shown.debugDescription)\nstderr: \(String(r.stderr.prefix(2000)))"
        #expect(r.signal == nil, "indq was killed by signal \(r.signal ?? 0)\n\(context)", sourceLocation: sourceLocation)
        let limit = c.cpuLimit ?? Self.limit
        #expect(r.seconds <= limit, "indq used \(r.seconds) s of CPU time (limit \(limit) s; \(r.wallSeconds) s wall)\n\(context)",
                sourceLocation: sourceLocation)
        guard let status = r.status else { return }
        switch c.expect {
        case .success:
            #expect(status == 0, "expected success, got exit \(status)\n\(context)", sourceLocation: sourceLocation)
        case .error:
            #expect(status == 1 || status == 2, "expected exit 1 or 2, got \(status)\n\(context)", sourceLocation: sourceLocation)
        case .either:
            #expect(status <= 2, "expected exit 0, 1 or 2, got \(status)\n\(context)", sourceLocation: sourceLocation)
        }
        if status != 0 {
            let p = position(in: r.stderr)
            #expect(p != nil, "the error names no position\n\(context)", sourceLocation: sourceLocation)
            if let p, p.line > 0 {
                let lines = c.input.count(where: { $0 == 0x0A }) + 1
                #expect(p.line <= lines && p.column >= 1, "position \(p.line):\(p.column) is outside the input\n\(context)",
                        sourceLocation: sourceLocation)
            }
        }
        if let message = c.message {
            #expect(r.stderr.contains(message), "expected \(message.debugDescription) on stderr\n\(context)",
                    sourceLocation: sourceLocation)
        }
    }
}

struct HostileError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: - Hand-written cases

/// HostileInputs lists the hand-written cases.
enum HostileInputs {
    static let modes: [HostileCase.Mode] = [.command, .script, .stdin]

    /// text makes error cases from statements, cycling through the three ways in.
    static func texts(_ group: String, _ statements: [String], expect: HostileCase.Expect = .error, message: String? = nil)
        -> [HostileCase] {
        statements.enumerated().map { i, s in
            HostileCase(name: "\(group) #\(i + 1)", input: Array(s.utf8), mode: modes[i % 3], expect: expect, message: message)
        }
    }

    static func bytes(_ group: String, _ inputs: [[UInt8]], mode: HostileCase.Mode? = nil, expect: HostileCase.Expect = .error,
                      message: String? = nil) -> [HostileCase] {
        inputs.enumerated().map { i, b in
            // A NUL byte cannot travel in an argument.
            let m = mode ?? (b.contains(0) ? [.script, .stdin][i % 2] : modes[i % 3])
            return HostileCase(name: "\(group) #\(i + 1)", input: b, mode: m, expect: expect, message: message)
        }
    }

    static func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    static let lexical = texts("unterminated string", [
        "select 'abc", "select '", "'", "select 'it''s", "select * from studenten where categorie = 'x",
        "select 'a' || 'b", "select 'line\nbreak", "select '''",
    ], message: "unterminated string literal") + texts("unterminated quoted name", [
        "select \"abc", "select \"", "\"", "select \"a\"\"b", "select * from \"studenten",
    ], message: "unterminated quoted name") + texts("unterminated comment", [
        "/*", "select 1 /* never closed", "select 1 /* /* nested *", "select 1 /*\n\n\n", "/* select 1 */ select 2 /*",
        "select /*/ 1", "select 1 */",
    ]) + texts("bad token", [
        "select 1 @ 2", "select #1", "select $1", "select `year` from studenten", "select 1 ? 2", "select ~1",
        "select 1 & 2", "select 1 ^ 2", "select [1]", "select {1}", "select 1 : 2", "select \\", "select !1",
        "select 1 !", "select 1abc", "select 1.2.3", "select 1e", "select .", "select 1..2", "select 0x10",
        "select 1_000", "select 95%%", "select 95 %", "select %", "select 1 % 2", "select 1 === 2", "select 1 <=> 2",
        "select 1 => 2", "select 1 ::: integer", "select year from studenten;;;x", "select \"\"",
        "select 1 as \"\"", "select 12abc from studenten", "select 1e5x",
    ]) + texts("unicode", [
        "select ①", "select 1 ＋ 2", "select ‘text’", "select “year” from studenten", "select\u{200B}1",
        "select 1\u{202E}", "select 😀", "select \u{301}", "sélect 1", "select year from stüdenten", "select ½",
        "select 1 − 2", "select year ＝ 1 from studenten", "select\u{00A0}1", "select 1\u{2028}",
    ])

    static let byteLevel = bytes("invalid UTF-8", [
        [0xFF], Array("select ".utf8) + [0xFF], Array("select '".utf8) + [0xC0, 0xAF] + Array("'".utf8),
        Array("select '".utf8) + [0xED, 0xA0, 0x80] + Array("'".utf8), Array("select ".utf8) + [0xE0, 0x80, 0xAF],
        Array("select ".utf8) + [0xE2, 0x82], Array("select 1 -- ".utf8) + [0xF5, 0x80, 0x80, 0x80],
        [0xEF, 0xBB, 0xBF, 0xFF], Array("select 1;\nselect 2;\n".utf8) + [0x80], [0xC2], [0xF4, 0x90, 0x80, 0x80],
        Array("select \"".utf8) + [0xFE] + Array("\"".utf8),
    ], mode: .script, message: "byte offset") + bytes("invalid UTF-8 on stdin", [
        [0xFF, 0xFE], Array("select ".utf8) + [0xC3, 0x28], Array(repeated("select 1;\n", 1000).utf8) + [0xBF],
    ], mode: .stdin, message: "byte offset") + bytes("invalid UTF-8 in -c", [
        Array("select ".utf8) + [0xFF], Array("select '".utf8) + [0xC0] + Array("' || 1x".utf8), [0x80, 0x81],
    ], mode: .command) + bytes("NUL and control bytes", [
        [0], Array("select 1".utf8) + [0], Array("sel".utf8) + [0] + Array("ect 1".utf8), Array("select 1;".utf8) + [0, 0, 0],
        Array("select ".utf8) + [0x01], Array("select 1".utf8) + [0x7F], Array("select 1 ".utf8) + [0x1B] + Array("[31m".utf8),
        Array("select ".utf8) + [0x08, 0x08], Array("select 1\u{0B}".utf8), Array("select 1 from studenten ".utf8) + [0x07],
    ]) + bytes("BOM", [
        Array("\u{FEFF}select x".utf8), Array("\u{FEFF}\u{FEFF}select 1".utf8), Array("\u{FEFF}".utf8) + [0xFF],
        Array("select 1;\u{FEFF}select 2".utf8), Array("\u{FEFF}select year from nowhere".utf8),
    ], mode: .script) + bytes("line ends", [
        Array("select 1\r\nfrom nowhere\r\n".utf8), Array("select 1\rfrom nowhere".utf8),
        Array("select\r\n'abc".utf8), Array("select 1;\r\n\r\nselect x;\r\n".utf8), Array("\r\n\r\n\r\nselect @".utf8),
        Array("select year\r\nfrom studenten\r\nwhere\r\n".utf8), Array("select 1\n\n\n\n\nfrom".utf8),
        Array("select 1 /*\r\n\r\n".utf8), Array("\tselect\t\tx\t".utf8), Array("select 1\u{0C}from nowhere".utf8),
    ])

    static let parsing = texts("incomplete", [
        "select", "select from studenten", "from studenten", "select 1 from", "select * from studenten where",
        "select * from studenten order", "select * from studenten order by", "order by 1", "select 1,", "select ,1",
        "select 1 as", "select (1", "select 1)", "select ((1)", "select 1 +", "select * * from studenten",
        "select 1 limit", "select 1 limit -1", "select 1 limit 1.5", "select 1 limit 'a'", "select 1 offset x",
        "select 1 union select", "select 1 union all", "select distinct", "select 1 between 1", "select 1 in",
        "select 1 in ()", "select 1 in (", "select 1 is", "select 1 is not", "select 1 not 2", "select case end",
        "select case when 1", "select case when true then 1", "select cast(1)", "select cast(1 as)",
        "select cast(1 as texts)", "select count(*) over from studenten", "select count(*) over (rows between) from studenten",
        "select count(*) filter (year) from studenten", "select 1 order by 1 nulls first", "show", "show me",
        "describe", "describe 1", "source", "show datasets please", "select 1 select 2", "where 1", "select 1 group by",
        "select 1 having", "select 1 ==", "select -", "select not", "select year from studenten group year",
        "select 1 limit 99999999999999999999", "select count(*) over (partition year) from studenten",
    ]) + texts("misplaced keyword", [
        "select select", "select from", "select where", "select 1 from studenten where order by year",
        "select * from studenten limit 1 where year = 1", "select * from studenten order by year where year = 1",
        "select 1 as from", "from select", "select * from select", "distinct select 1", "select 1 union all order by 1",
        "select year from studenten where year = 2020 and", "select year from studenten where and year = 2020",
        "select year, from studenten", "select year from studenten,", "select * from studenten studenten studenten",
        "select null null", "select true false", "select 1 desc", "select year from studenten order by desc",
        "select year from studenten having year > 1 where year > 1", "select end", "select then", "select over",
        "select year as select from studenten", "select partition by year", "select 1 limit 1 limit 2",
        "select 1 offset 1 offset 2", "select * from studenten order by year asc desc", "select like 'a'",
    ])

    static let names = texts("unknown name", [
        "select year from studnten", "select yeer from studenten", "select foo(1)", "describe nope", "source nope",
        "select s.year from studenten t", "select * from studenten.year", "select \"year \" from studenten",
        "select x", "select * from \"\u{1F600}\"", "select sum(year) over (partition by nope) from studenten",
        "select year from studenten order by nope", "select year from studenten where nope = 1",
        "select year from studenten group by nope", ".describe nope", ".bogus", ".format xml", ".timer maybe",
        ".echo", ".read", ".read /nonexistent/indq/script.sql", ".last", ".", ". ", ".describe", ".source",
        "select * from nationaliteiten where nationality_x = 'a'", "select count(distinct nope) from studenten",
        "select cast(1 as decimal(39))", "select cast(1 as integer[])",
    ]) + texts("wrong arity", [
        "select abs()", "select abs(1, 2)", "select round()", "select round(1, 2, 3)", "select nullif(1)",
        "select count(1, 2) from studenten", "select row_number(1) over () from studenten", "select lag() over () from studenten",
        "select coalesce()", "select upper()", "select length('a', 'b')", "select row_number() from studenten",
        "select lower('a', 'b', 'c')", "select min() from studenten", "select max(year, year) from studenten",
        "select first_value() over () from studenten", "select lead(year, 1, 2, 3) over () from studenten",
        "select sum(*) from studenten", "select avg(distinct) from studenten",
        "select coalesce(\(repeated("1, ", 200))1)",
    ]) + texts("type error", [
        "select 'a' + 1", "select 1 where 1", "select -'a'", "select not 1", "select upper(1)",
        "select sum(categorie) from regulier", "select * from studenten where year = 'x'",
        "select 1 between 'a' and 2", "select inwilligingen + 'a' from studenten", "select 'a' * 'b'",
        "select year from studenten where aanvragen", "select abs('x')", "select round('x')", "select true + 1",
        "select 1 // 'a'", "select case when 1 then 2 end", "select nationaliteit < 1 from nationaliteiten",
        "select year from studenten where year in ('a', 'b')", "select 1 like 2", "select 'a' like 1",
        "select cast('abc' as integer)", "select cast('1e400' as double)", "select lag(year, 'a') over () from studenten",
        "select 1 in (select categorie from regulier)", "select (select year, aanvragen from studenten)",
        "select (select year from studenten)", "select year from studenten union all select categorie, year from regulier",
    ]) + texts("aggregate misuse", [
        "select year, count(*) from studenten", "select sum(sum(year)) from studenten",
        "select * from studenten where count(*) > 1", "select year from studenten group by aanvragen", "select 1 having 1",
        "select year from studenten order by 5", "select year from studenten order by 0",
        "select year from studenten where row_number() over () > 1", "select row_number() over (order by count(*)) from studenten group by nope",
        "select year from studenten group by count(*)", "select sum(year) filter (where count(*) > 1) from studenten",
        "select * from studenten group by year",
    ])

    static let overflow = texts("overflow", [
        "select 9223372036854775808", "select 99999999999999999999999", "select -9223372036854775809",
        "select 9223372036854775807 + 1", "select -9223372036854775807 - 2", "select 9223372036854775807 * 2",
        "select (-9223372036854775807 - 1) // -1", "select abs(-9223372036854775807 - 1)", "select -(-9223372036854775807 - 1)",
        "select sum(9223372036854775807) from regulier", "select cast(1e30 as bigint)", "select cast(3000000000 as integer)",
        "select cast(9223372036854775808.0 as bigint)", "select 1234567890123456789012345678901234567.5 * 10.5", "select 9999999999999999999999999999999999999.5 + 0.5", "select cast(1e300 as percentage)", "select cast(1e300 as decimal(38, 2))", "select round(9223372036854775807, -1)", "select 1e400",
        "select 1e308 * 10", "select count(*) * 9223372036854775807 from regulier",
        "select aanvragen * aanvragen * aanvragen * aanvragen * aanvragen from studenten",
        "select year * 9223372036854775807 from studenten", "select -year * 9223372036854775807 * 2 from studenten",
        "select sum(aanvragen * 1000000000000000) from regulier", "select cast(-2147483649 as int)",
        "select cast('9223372036854775808' as bigint)", "select 1 limit 9223372036854775808",
        "select \(repeated("9", 400))", "select \(repeated("9", 400)).5 * 10", "select -\(repeated("9", 30))",
        "select 9223372036854775807 + 9223372036854775807 - 1", "select 4611686018427387904 * 2",
        "select -4611686018427387904 * 2 - 1", "select cast(1e308 * 10 as integer)",
    ], message: nil)

    /// Lag and lead take a row offset; an offset near the 64-bit limits must not overflow the row index.
    static let windowOffsets = texts("window offset", [
        "select year, lead(year, 9223372036854775807) over (order by year) from studenten",
        "select year, lag(year, 9223372036854775807) over (order by year) from studenten",
        "select year, lead(year, 9223372036854775806, 0) over (order by year) from studenten",
        "select year, lag(year, -1) over (order by year) from studenten",
        "select year, lead(year, -9223372036854775807 - 1) over (order by year) from studenten",
    ], expect: .either)

    static let empty = texts("empty input", [
        "", " ", "\n", ";", ";;;", "-- comment only", "/* */", "\t\n\t", "-- a\n-- b\n", "/* a */ ; /* b */",
        "; -- x", "\r\n",
    ], expect: .success)

    /// Big inputs: each is built on demand; the cases are cheap until run.
    static let big: [HostileCase] = [
        HostileCase(name: "100,000 open parentheses", input: Array(("select " + repeated("(", 100_000) + "1").utf8),
                    mode: .script, message: "too many nested"),
        HostileCase(name: "100,000 balanced parentheses", input: Array(("select " + repeated("(", 100_000) + "1"
                    + repeated(")", 100_000)).utf8), mode: .stdin, message: "too many nested"),
        HostileCase(name: "100,000 NOTs", input: Array(("select " + repeated("not ", 100_000) + "true").utf8), mode: .script,
                    message: "too many nested"),
        HostileCase(name: "100,000 minus signs", input: Array(("select " + repeated("- ", 100_000) + "1").utf8), mode: .script,
                    message: "too many nested"),
        HostileCase(name: "100,000 nested abs", input: Array(("select " + repeated("abs(", 100_000) + "1"
                    + repeated(")", 100_000)).utf8), mode: .script, message: "too many nested"),
        HostileCase(name: "10,000 nested subqueries", input: Array(repeated("select (", 10_000).utf8 + Array("1".utf8)
                    + Array(repeated(")", 10_000).utf8)), mode: .script, message: "too many nested"),
        HostileCase(name: "10,000 nested CASE", input: Array(("select " + repeated("case when true then ", 10_000) + "1"
                    + repeated(" end", 10_000)).utf8), mode: .script, message: "too many nested"),
        HostileCase(name: "10,000 nested IN", input: Array(("select 1 " + repeated("in (1 ", 10_000) + repeated(")", 10_000)).utf8),
                    mode: .script, message: "too many nested"),
        HostileCase(name: "10,000 nested CAST", input: Array(("select " + repeated("cast(", 10_000) + "1"
                    + repeated(" as integer)", 10_000)).utf8), mode: .script, message: "too many nested"),
        HostileCase(name: "10 MB string literal", input: Array(("select '" + repeated("a", 10_000_000) + "'").utf8),
                    mode: .script, message: "too long"),
        HostileCase(name: "10 MB unterminated string", input: Array(("select '" + repeated("a", 10_000_000)).utf8),
                    mode: .stdin),
        HostileCase(name: "10 MB number", input: Array(("select " + repeated("9", 10_000_000)).utf8), mode: .script,
                    message: "too long"),
        HostileCase(name: "10 MB identifier", input: Array(("select " + repeated("a", 10_000_000)).utf8), mode: .script),
        HostileCase(name: "10 MB comment then an error", input: Array(("-- " + repeated("x", 10_000_000) + "\nselect @").utf8),
                    mode: .script),
        HostileCase(name: "10 MB of spaces then an error", input: Array((repeated(" ", 10_000_000) + "select @").utf8),
                    mode: .stdin),
        HostileCase(name: "10 MB block comment, unterminated", input: Array(("/*" + repeated("*", 10_000_000)).utf8),
                    mode: .script, message: "unterminated comment"),
        HostileCase(name: "100,000-character name in -c", input: Array(("select " + repeated("b", 100_000)).utf8),
                    mode: .command),
        HostileCase(name: "100,000-character quoted name", input: Array(("select \"" + repeated("y", 100_000)
                    + "\" from studenten").utf8), mode: .script),
        // 20,000 results are real work (about 0.1 ms each in a debug build), so this case has a larger budget.
        HostileCase(name: "20,000 statements, then an error", input: Array((repeated("select 1;\n", 20_000) + "select x;\n").utf8),
                    mode: .script, cpuLimit: 6.0),
        HostileCase(name: "10,000 failing statements, continuing", input: Array(repeated("select x;\n", 10_000).utf8),
                    mode: .script, arguments: ["--continue-on-error"]),
        HostileCase(name: "100,000 empty statements, then an error", input: Array((repeated(";", 100_000) + "select @").utf8),
                    mode: .stdin),
        HostileCase(name: "10,000 lines, error on the last", input: Array((repeated("\n", 10_000) + "select 'x").utf8),
                    mode: .script, message: "unterminated"),
        HostileCase(name: "50,000 columns", input: Array(("select " + repeated("x, ", 50_000) + "x").utf8), mode: .script),
        HostileCase(name: "IN list of 100,000", input: Array(("select year from studenten where year in ("
                    + repeated("'a', ", 100_000) + "'a')").utf8), mode: .script),
    ]

    /// Long flat chains: no nesting, but a tree as deep as the chain is long. Running them is fine, so is a limit;
    /// a crash is not.
    static let chains: [HostileCase] = [
        ("+", "1"), ("*", "1"), ("-", "1"), ("//", "1"), ("/", "1"), (" or ", "true"), (" and ", "true"), ("||", "'a'"),
    ].flatMap { op, term in
        [1_000, 100_000].map { n in
            HostileCase(name: "chain of \(n) '\(op.trimmingCharacters(in: .whitespaces))'",
                        input: Array(("select " + Array(repeating: term, count: n).joined(separator: op)).utf8),
                        mode: .script, expect: .either)
        }
    } + [
        HostileCase(name: "chain of 10,000 ORs in WHERE", input: Array(("select year from studenten where "
                    + Array(repeating: "year = 1", count: 10_000).joined(separator: " or ")).utf8), mode: .script, expect: .either),
        HostileCase(name: "10,000 UNION ALL", input: Array(("select 1" + repeated(" union all select 1", 10_000)).utf8),
                    mode: .script, expect: .either),
    ]

    static let all: [HostileCase] = lexical + byteLevel + parsing + names + overflow + windowOffsets + empty + big + chains
}

// MARK: - Generated mutations

/// HostileMutations makes deterministic mutations of valid queries.
enum HostileMutations {
    /// seeds are valid queries across the language.
    static let seeds = [
        "select year, aanvragen, inwilligingen from studenten where year >= 2020 order by year desc;",
        "select categorie, sum(aanvragen) as totaal from regulier group by categorie having sum(aanvragen) > 1000 order by 2 desc;",
        "select year, aanvragen - beslissingen as saldo from brexit where year between 2020 and 2021;",
        "select onderwerp, waarde, eenheid from kerncijfers where kwalificatie is not null limit 5 offset 1;",
        "select nationaliteit, rang from nationaliteiten where categorie in ('asiel', 'studie') order by rang;",
        "select post, bedrag, bedrag * 1000 as euro from financien where bedrag > 0;",
        "select distinct year from regulier order by year;",
        "select year, round(aanvragen / 1000, 1) as duizendtallen from studenten;",
        "select categorie, year, aanvragen - lag(aanvragen) over (partition by categorie order by year) as groei from regulier;",
        "select case when inwilligingen >= 95% then 'hoog' else 'laag' end as niveau, count(*) from regulier group by 1;",
        "select cast(aanvragen as double) / beslissingen from kennis_en_talent;",
        "select upper(nationaliteit) || ' (' || rang || ')' from nationaliteiten;",
        "select year from studenten where year in (select year from brexit) and not aanvragen < 100;",
        "select coalesce(kwalificatie, 'exact'), nullif(eenheid, 'aantal') from kerncijfers;",
        "select max(aanvragen) filter (where year = 2020), min(inwilligingen), avg(inwilligingen) from regulier;",
        "select year, rank() over (order by aanvragen desc), row_number() over () from arbeidsmigranten;",
        "select * from juridische_zaken where instandhoudingen_asiel > 80%;",
        "select year, aanvragen // 1000, abs(aanvragen - 20000), length(categorie) from regulier where categorie like 'stu%';",
        "select 1 + 2 * 3 - -4, 7 / 2, 'a' ilike 'A', null is null, true or false;",
        "show datasets; describe studenten; source regulier; help functions;",
        "select year, aanvragen from studenten union all select year, aanvragen from start_ups order by 1 limit 3;",
        "select \"year\", \"aanvragen\" as \"a b\" from \"studenten\";",
        ".format csv\nselect year, inwilligingen from studenten;\n.format json\nselect 1.5 as x;",
        "select first_value(aanvragen) over (order by year), lead(aanvragen, 1, 0) over (order by year) from studenten;",
        "select jaar, applications, grant_rate from students where jaar <> 2019 and grant_rate != 1;",
    ]

    /// words are inserted by the mutations: keywords, names, operators and odd literals.
    static let words = ["select", "from", "where", "(", ")", ",", ";", "'", "\"", "--", "/*", "*/", "||", "//", "%", "95%",
                        "null", "not", "in", "between", "and", "or", "case", "end", "over", "as", "order by", "group by",
                        "9223372036854775807", "-9223372036854775808", "1e308", "studenten", "year", "count(*)", "sum(",
                        "lag(", "cast(", ".", "=", "<>", "*", "-", "+", "limit", "union all", "distinct", "is", "like"]

    /// Generator is SplitMix64: small, fast and the same on every machine.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// tokens splits a query into rough tokens: words, strings, and runs of other characters, keeping spaces.
    static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inString = false
        for ch in s {
            if inString {
                current.append(ch)
                if ch == "'" { inString = false; out.append(current); current = "" }
            } else if ch == "'" {
                if !current.isEmpty { out.append(current) }
                current = "'"
                inString = true
            } else if ch.isLetter || ch.isNumber || ch == "_" || ch == "%" {
                if let last = current.last, !(last.isLetter || last.isNumber || last == "_" || last == "%") {
                    out.append(current); current = ""
                }
                current.append(ch)
            } else {
                if !current.isEmpty { out.append(current) }
                current = ""
                out.append(String(ch))
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// mutate applies one to three random edits.
    static func mutate(_ seed: String, _ g: inout Generator) -> (String, [UInt8]) {
        var t = tokens(seed)
        var what: [String] = []
        var rawTail: [UInt8] = []
        var rawInsert: (Int, [UInt8])?
        for _ in 0..<Int.random(in: 1...3, using: &g) {
            guard !t.isEmpty else { break }
            let i = Int.random(in: 0..<t.count, using: &g)
            switch Int.random(in: 0..<8, using: &g) {
            case 0: t.remove(at: i); what.append("delete")
            case 1: t.insert(t[i], at: i); what.append("duplicate")
            case 2:
                let j = Int.random(in: 0..<t.count, using: &g)
                t.swapAt(i, j); what.append("swap")
            case 3: t.insert(" " + words.randomElement(using: &g)! + " ", at: i); what.append("insert word")
            case 4: t[i] = words.randomElement(using: &g)!; what.append("replace")
            case 5:
                let n = Int.random(in: 1...4, using: &g)
                rawInsert = (i, (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }); what.append("insert bytes")
            case 6:
                t = Array(t.prefix(i)); what.append("truncate")
            default:
                let n = Int.random(in: 1...3, using: &g)
                rawTail = (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }; what.append("append bytes")
            }
        }
        var bytes: [UInt8] = []
        for (k, token) in t.enumerated() {
            if let (at, raw) = rawInsert, at == k { bytes += raw }
            bytes += Array(token.utf8)
        }
        return (what.joined(separator: "+"), bytes + rawTail)
    }

    /// all is 260 mutations, the same every run.
    static let all: [HostileCase] = {
        var g = Generator(state: 20_240_101)
        let modes: [HostileCase.Mode] = [.command, .script, .stdin]
        return (0..<260).map { n in
            let seed = seeds[n % seeds.count]
            let (what, bytes) = mutate(seed, &g)
            var mode = modes[(n / seeds.count) % 3]
            if mode == .command && bytes.contains(0) { mode = .script }
            return HostileCase(name: "mutation \(n + 1) (\(what)) of seed \(n % seeds.count + 1)", input: bytes, mode: mode,
                               expect: .either)
        }
    }()
}

// MARK: - Tests

@Suite("Hostile input")
struct HostileInputTests {
    @Test("the binary is there") func binaryExists() {
        #expect(HostileRunner.binary != nil, """
            The indq binary was not found next to the test bundle. Build the whole package \
            (swift build --build-tests) so the executable sits next to it.
            """)
    }

    @Test("there are at least 300 hostile cases") func enough() {
        #expect(HostileInputs.all.count + HostileMutations.all.count >= 300)
    }

    @Test("hand-written hostile input", arguments: HostileInputs.all)
    func handWritten(_ c: HostileCase) throws {
        try HostileRunner.check(c)
    }

    /// Many statements cost time in proportion to their number: ten times the statements may take at most about
    /// fifteen times the CPU time (a quadratic cost would take a hundred times).
    @Test("many statements scale linearly") func manyStatementsScale() throws {
        guard let binary = HostileRunner.binary else { Issue.record("indq binary missing"); return }
        func cpu(_ count: Int) throws -> Double {
            let c = HostileCase(name: "\(count) statements", input: Array(String(repeating: "select 1;\n", count: count).utf8),
                                mode: .script, expect: .success)
            let r = try HostileRunner.run(c, binary: binary)
            #expect(r.status == 0, "\(count) statements: exit \(String(describing: r.status)), stderr: \(r.stderr.prefix(500))")
            return r.seconds
        }
        let small = try cpu(2_000), large = try cpu(20_000)
        #expect(large <= 15 * small + 0.5, "2,000 statements: \(small) s of CPU; 20,000: \(large) s")
    }

    @Test("generated mutations of valid queries", arguments: HostileMutations.all)
    func mutation(_ c: HostileCase) throws {
        try HostileRunner.check(c)
    }

    @Test("the seeds of the mutations are valid") func seedsRun() throws {
        for (i, s) in HostileMutations.seeds.enumerated() {
            try HostileRunner.check(HostileCase(name: "seed \(i + 1)", input: Array(s.utf8), mode: .script, expect: .success))
        }
    }

    /// Command-line misuse is exit 2 with a message; there is no source to point into.
    @Test("usage errors", arguments: [
        ["--format", "xml", "-c", "select 1"], ["--bogus"], ["-c"], ["/nonexistent/indq.sql"], ["/tmp"],
        ["-c", "select 1", "/nonexistent/indq.sql"], ["--format"], ["--format", "", "-c", "select 1"],
    ])
    func usage(_ arguments: [String]) throws {
        guard let binary = HostileRunner.binary else { Issue.record("indq binary missing"); return }
        let r = try HostileRunner.run(HostileCase(name: "usage", input: [], mode: .stdin, arguments: arguments), binary: binary)
        #expect(r.signal == nil)
        #expect(r.status == 2, "\(arguments): exit \(String(describing: r.status)), stderr: \(r.stderr)")
        #expect(!r.stderr.isEmpty)
        #expect(r.seconds <= HostileRunner.limit)
    }
}
