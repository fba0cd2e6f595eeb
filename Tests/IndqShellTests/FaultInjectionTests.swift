// Fault-injection tests against the real indq binary: output that cannot be written (a full device, a filling
// disk, a closed or read-only stdout, a closed pipe), input that never ends, and signals during a long statement.
// Whatever happens, indq does what was asked or says clearly that it did not. A test that cannot set up its fault
// (e.g. mount is refused) is skipped, never passed.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// FaultRun is what one run of indq did, with its resource use.
struct FaultRun {
    var status: Int32?
    var signal: Int32?
    var stdout: [UInt8]
    var stderr: String
    /// cpuSeconds is user plus system time; maxRSSKiB the peak resident memory.
    var cpuSeconds: Double
    var maxRSSKiB: Int
    var wallSeconds: Double
}

/// FaultRunner starts indq with its standard descriptors set up to fail in a chosen way.
enum FaultRunner {
    /// Where standard output goes.
    enum Target {
        /// A file in the test's folder, read back afterwards.
        case capture
        /// A path opened for writing, e.g. /dev/full or a file on a full disk.
        case path(String)
        /// Closed (`>&-`).
        case closed
        /// A descriptor open for reading only.
        case readOnly
        /// A pipe whose reader has gone away.
        case brokenPipe
    }

    /// Where standard input comes from.
    enum Input {
        case path(String)
        /// A pipe fed by the test, `bytes` repeated until indq is stopped or `total` bytes are written.
        case generated(bytes: [UInt8], total: Int)
    }

    /// run runs indq with `arguments`; `signalAfter` sends a signal that many seconds after the start.
    static func run(_ arguments: [String], stdin: Input = .path("/dev/null"), stdout: Target = .capture,
                    signalAfter: (signal: Int32, seconds: Double)? = nil, hardLimit: Double = 20) throws -> FaultRun {
        guard let binary = HostileRunner.binary else { throw HostileError("the indq binary was not found next to the tests") }
        let id = UUID().uuidString
        let outPath = "\(HostileRunner.directory)/\(id).out", errPath = "\(HostileRunner.directory)/\(id).err"
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var feed: [Int32] = [-1, -1]
        switch stdin {
        case .path(let p): posix_spawn_file_actions_addopen(&actions, 0, p, O_RDONLY, 0)
        case .generated:
            guard pipe(&feed) == 0 else { throw HostileError("pipe failed") }
            posix_spawn_file_actions_adddup2(&actions, feed[0], 0)
            posix_spawn_file_actions_addclose(&actions, feed[1])
        }
        var broken: [Int32] = [-1, -1]
        switch stdout {
        case .capture: posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        case .path(let p): posix_spawn_file_actions_addopen(&actions, 1, p, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        case .closed: posix_spawn_file_actions_addclose(&actions, 1)
        case .readOnly: posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_RDONLY, 0)
        case .brokenPipe:
            guard pipe(&broken) == 0 else { throw HostileError("pipe failed") }
            close(broken[0])
            posix_spawn_file_actions_adddup2(&actions, broken[1], 1)
        }
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let environment = ["HOME=\(HostileRunner.directory)", "XDG_STATE_HOME=\(HostileRunner.directory)/state",
                           "LANG=C.UTF-8", "NO_COLOR=1", "PATH=/usr/bin:/bin"]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for p in envp { free(p) } }
        var pid: pid_t = 0
        let started = HostileRunner.monotonicNow()
        let spawned = posix_spawn(&pid, binary, &actions, nil, argv, envp)
        if feed[0] >= 0 { close(feed[0]) }
        if broken[1] >= 0 { close(broken[1]) }
        guard spawned == 0 else { throw HostileError("posix_spawn failed: \(String(cString: strerror(spawned)))") }
        if feed[1] >= 0 { _ = fcntl(feed[1], F_SETFL, fcntl(feed[1], F_GETFL) | O_NONBLOCK) }
        var written = 0
        var status: Int32 = 0
        var usage = rusage()
        var signalled = false, killed = false
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw HostileError("wait4 failed: \(String(cString: strerror(errno)))") }
            let elapsed = HostileRunner.monotonicNow() - started
            if let s = signalAfter, !signalled, elapsed >= s.seconds {
                kill(pid, s.signal)
                signalled = true
            }
            if !killed && elapsed > hardLimit {
                kill(pid, SIGKILL)
                killed = true
            }
            if case .generated(let bytes, let total) = stdin, feed[1] >= 0 {
                // Keep the pipe full without blocking, so that the test can still watch the clock.
                var block: [UInt8] = []
                while block.count < 65536 { block += bytes }
                while written < total {
                    let n = block.withUnsafeBytes { write(feed[1], $0.baseAddress, min($0.count, total - written)) }
                    if n <= 0 { break }
                    written += n
                }
                if written >= total { close(feed[1]); feed[1] = -1 }
            } else {
                usleep(1000)
            }
        }
        if feed[1] >= 0 { close(feed[1]) }
        let exited = status & 0x7F == 0
        return FaultRun(status: exited ? (status >> 8) & 0xFF : nil, signal: exited ? nil : status & 0x7F,
                        stdout: HostileRunner.readAll(outPath), stderr: String(decoding: HostileRunner.readAll(errPath), as: UTF8.self),
                        cpuSeconds: Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6,
                        maxRSSKiB: usage.ru_maxrss, wallSeconds: HostileRunner.monotonicNow() - started)
    }

    /// script writes a script file into the test folder and returns its path.
    static func script(_ text: String) throws -> String {
        let path = "\(HostileRunner.directory)/\(UUID().uuidString).sql"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw HostileError("cannot write \(path)") }
        return path
    }

    /// tmpfsAllowed is whether this process may mount a small tmpfs (CI runs as root); tried once.
    static let tmpfsAllowed: Bool = {
        guard geteuid() == 0 else { return false }
        let point = "\(HostileRunner.directory)/probe-mount"
        guard mkdir(point, 0o700) == 0 || errno == EEXIST else { return false }
        defer { rmdir(point) }
        guard mount("tmpfs", point, "tmpfs", 0, "size=64k") == 0 else { return false }
        umount(point)
        return true
    }()
}

@Suite("Fault injection: output that is lost is reported") struct OutputFaultTests {
    static let query = ["-c", "select * from kerncijfers"]

    @Test("a full device (/dev/full)") func devFull() throws {
        let r = try FaultRunner.run(Self.query, stdout: .path("/dev/full"))
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write output: No space left on device\n")
    }

    @Test("a closed standard output (>&-)") func closedStdout() throws {
        let r = try FaultRunner.run(Self.query, stdout: .closed)
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write output: Bad file descriptor\n")
    }

    @Test("a closed standard output, with a script file open") func closedStdoutScript() throws {
        // The script must not take descriptor 1 and receive the output.
        let path = try FaultRunner.script("select 1;\n")
        let r = try FaultRunner.run([path], stdout: .closed)
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write output: Bad file descriptor\n")
        #expect(String(decoding: HostileRunner.readAll(path), as: UTF8.self) == "select 1;\n")
    }

    @Test("a read-only descriptor") func readOnly() throws {
        let r = try FaultRunner.run(Self.query, stdout: .readOnly)
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write output: Bad file descriptor\n")
    }

    @Test("a closed pipe stays quiet (| head)") func brokenPipe() throws {
        let r = try FaultRunner.run(Self.query, stdout: .brokenPipe)
        #expect(r.status == 0)
        #expect(r.stderr == "")
    }

    @Test("--check and --help report a full device too") func checkAndHelp() throws {
        let path = try FaultRunner.script("select 1 as a;\n-- expect:\n-- a\n-- 1\n")
        for arguments in [["--check", path], ["--help"], ["--version"]] {
            let r = try FaultRunner.run(arguments, stdout: .path("/dev/full"))
            #expect(r.status == 1, "\(arguments)")
            #expect(r.stderr == "error: cannot write output: No space left on device\n", "\(arguments)")
        }
    }

    @Test("a disk that fills half-way: 64 KiB of 2 MB written, the run stops", .enabled(if: FaultRunner.tmpfsAllowed))
    func fillingDisk() throws {
        let point = "\(HostileRunner.directory)/tmpfs-\(UUID().uuidString.prefix(8))"
        try #require(mkdir(point, 0o700) == 0)
        defer { rmdir(point) }
        try #require(mount("tmpfs", point, "tmpfs", 0, "size=64k") == 0, "mount: \(String(cString: strerror(errno)))")
        defer { umount(point) }
        // 700 tables of kerncijfers, about 5 MB, then a failing statement that must never be reached.
        let path = try FaultRunner.script(String(repeating: "select * from kerncijfers;\n", count: 700) + "select nonsense;\n")
        let r = try FaultRunner.run([path, "--continue-on-error"], stdout: .path("\(point)/out"))
        #expect(r.status == 1)
        #expect(r.stderr == "error: cannot write output: No space left on device\n")
        var info = stat()
        #expect(stat("\(point)/out", &info) == 0 && info.st_size == 65536)
    }
}
