// Fault-injection tests of the history file against the real binary on a pseudo-terminal: links planted at the names
// a save uses, files libedit cannot read, a history that is a link, a FIFO or a device, and the entry cap. Whatever is
// found, indq never writes through a planted link and never overwrites a file it cannot read; it says so once.
// Also Ctrl-\ (SIGQUIT) at the prompt.
import CPty
@testable import IndqShell
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// writeBytes creates a file holding exactly `bytes`.
func writeBytes(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else {
        Issue.record("cannot create \(path)")
        return
    }
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// readBytes returns a file's bytes exactly, or nil when it cannot be read.
func readBytes(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { return bytes }
        bytes += chunk[..<n]
    }
}

/// fileType returns lstat's type bits for `path`, or nil when nothing is there.
func fileType(_ path: String) -> mode_t? {
    var status = stat()
    return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
}

/// names lists the entries of a folder.
func names(in folder: String) -> [String] {
    guard let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    var found: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { found.append(name) }
    }
    return found.sorted()
}

/// historyFolder makes the folder a session with this HOME keeps its history in, and returns it.
func historyFolder(_ home: String) -> String {
    _ = mkdir(home + "/state", 0o700)
    _ = mkdir(home + "/state/indq", 0o700)
    return home + "/state/indq"
}

/// libeditHistory is a history file in libedit's format holding `entries` (which must not contain spaces).
func libeditHistory(_ entries: [String]) -> [UInt8] {
    Array(("_HiStOrY_V2_\n" + entries.map { $0 + "\n" }.joined()).utf8)
}

/// today is the local date as the moved-aside file names it.
func today() -> String {
    var now = time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
}

@Suite struct HistorySafetyTests {
    @Test func linksPlantedAtTheTemporaryNamesAreNeverWrittenThrough() {
        let home = TerminalSessionHome()
        let folder = historyFolder(home.path)
        writeFile(home.path + "/victim", "precious\n")
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        // The names the old save used (history.tmp.<pid>), and a leftover of a killed save.
        _ = symlink(home.path + "/victim", folder + "/history.tmp.\(indq.pid)")
        _ = symlink(home.path + "/victim", folder + "/history.tmp.12345")
        writeFile(folder + "/history.tmp.Ab12Cd", "left by a killed save\n")
        indq.send("select 1 as one\r")
        indq.expectResult(rows: 1)
        #expect(readFile(home.path + "/victim") == "precious\n")
        #expect(readFile(historyFile(home.path))?.contains("select\\0401\\040as\\040one") == true)
        // Leftovers are removed (links themselves, not what they point to), and the save leaves none of its own.
        #expect(names(in: folder) == ["history", "history.lock"], "history folder: \(names(in: folder))")
        #expect(mode(historyFile(home.path)) == 0o600)
        #expect(!indq.all.contains("warning"), "screen: \(indq.all)")
    }

    @Test func aLinkAtTheLockNameIsNotFollowed() {
        let home = TerminalSessionHome()
        let folder = historyFolder(home.path)
        _ = symlink(home.path + "/created-through-the-lock", folder + "/history.lock")
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send("select 1 as one\r")
        indq.expect("history.lock is a symbolic link; history will not be kept")
        indq.expectResult(rows: 1)
        indq.send("select 2 as two\r")
        indq.expectResult(rows: 1)
        #expect(fileType(home.path + "/created-through-the-lock") == nil)
        #expect(occurrences(of: "warning", in: indq.all) == 1, "screen: \(indq.all)")
    }

    /// Files libedit cannot read, as they were seen: plain lines, a byte-order mark, CR LF line ends, binary garbage.
    static let unreadable: [(String, [UInt8], [String]?)] = [
        ("plain lines", Array("select 1 as a\nselect 2 as b\n".utf8), ["select 1 as a", "select 2 as b"]),
        ("byte-order mark", [0xEF, 0xBB, 0xBF] + Array("select 3 as c\n".utf8), ["select 3 as c"]),
        ("CR LF", Array("select 4 as d\r\nselect 5 as e\r\n".utf8), ["select 4 as d", "select 5 as e"]),
        ("binary garbage", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0xFF, 0xFE, 0x80, 0x0A, 0x01], nil),
    ]

    @Test(arguments: unreadable)
    func aFileLibeditCannotReadIsKept(_ row: (String, [UInt8], [String]?)) {
        let (name, bytes, lines) = row
        let home = TerminalSessionHome()
        _ = historyFolder(home.path)
        writeBytes(historyFile(home.path), bytes)
        guard let indq = TerminalSession.start(home: home.path) else { return }
        let aside = historyFile(home.path) + ".unreadable-" + today()
        if let lines {
            indq.expect("lines were read as entries, and the file was kept as \(aside)")
            indq.expectPrompt()
            // The old lines are entries: Up brings back the newest.
            indq.press(.up)
            indq.expect(lines.last!)
            indq.press(.ctrlC)
        } else {
            indq.expect("it was moved to \(aside), and a new history begins")
        }
        indq.expectPrompt()
        indq.send("select 9 as new\r")
        indq.expectResult(rows: 1)
        // The original is kept byte for byte; the history file now holds the old lines and the new entry.
        #expect(readBytes(aside) == bytes, "\(name)")
        let reopened = History(path: historyFile(home.path), warn: { Issue.record("warning: \($0)") })
        #expect(reopened.entries == (lines ?? []) + ["select 9 as new"], "\(name)")
        #expect(occurrences(of: "warning", in: indq.all) == 1, "\(name): \(indq.all)")
    }

    @Test func aLinkedHistoryIsWrittenAtItsTargetAndStaysALink() {
        let home = TerminalSessionHome()
        let folder = historyFolder(home.path)
        _ = mkdir(home.path + "/dotfiles", 0o700)
        writeBytes(home.path + "/dotfiles/indq-history", libeditHistory(["select\\0407\\040as\\040old"]))
        _ = symlink("../../dotfiles/indq-history", folder + "/history")
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.press(.up)
        indq.expect("select 7 as old")
        indq.press(.ctrlC)
        indq.expectPrompt()
        indq.send("select 8 as new\r")
        indq.expectResult(rows: 1)
        #expect(fileType(folder + "/history") == S_IFLNK)
        let saved = readFile(home.path + "/dotfiles/indq-history") ?? ""
        #expect(saved.contains("select\\0407\\040as\\040old") && saved.contains("select\\0408\\040as\\040new"), "\(saved)")
        // The temporary file was made beside the target and renamed; nothing is left behind in either folder.
        #expect(names(in: home.path + "/dotfiles") == ["indq-history"])
        #expect(names(in: folder) == ["history", "history.lock"])
        #expect(!indq.all.contains("warning"), "screen: \(indq.all)")
    }

    @Test(arguments: ["fifo", "device"])
    func aFIFOOrDeviceIsRefusedAndThePromptStarts(_ kind: String) {
        let home = TerminalSessionHome()
        let folder = historyFolder(home.path)
        if kind == "fifo" {
            #expect(mkfifo(folder + "/history", 0o600) == 0)
        } else {
            _ = symlink("/dev/zero", folder + "/history")
        }
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expect(kind == "fifo" ? "history is a FIFO, not a history file" : "history is a device, not a history file")
        indq.expectPrompt()
        indq.send("select 1 as one\r")
        indq.expectResult(rows: 1)
        indq.send("select 2 as two\r")
        indq.expectResult(rows: 1)
        #expect(occurrences(of: "warning", in: indq.all) == 1, "screen: \(indq.all)")
        #expect(fileType(folder + "/history") == (kind == "fifo" ? S_IFIFO : S_IFLNK))
        indq.press(.ctrlD)
        #expect(indq.waitForExit()?.code == 0)
    }

    @Test func theCapIsAnnouncedOnceWhenAFileIsTrimmed() {
        let home = TerminalSessionHome()
        _ = historyFolder(home.path)
        writeBytes(historyFile(home.path), libeditHistory((1...1005).map { "select\\040\($0)" }))
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expect("the history file held 1005 entries; only the newest 1000 are kept (INDQ_HISTORY_SIZE sets the limit)")
        indq.expectPrompt()
        indq.send("select 1 as one\r")
        indq.expectResult(rows: 1)
        #expect(occurrences(of: "warning", in: indq.all) == 1, "screen: \(indq.all)")
        let lines = (readFile(historyFile(home.path)) ?? "").split(separator: "\n")
        #expect(lines.count == 1001, "header and 1000 entries, found \(lines.count) lines")
    }

    @Test func theCapIsTheSettingINDQHistorySize() {
        let home = TerminalSessionHome()
        _ = historyFolder(home.path)
        writeBytes(historyFile(home.path), libeditHistory((1...5).map { "select\\040\($0)" }))
        guard let indq = TerminalSession.start(home: home.path, environment: ["INDQ_HISTORY_SIZE=3"]) else { return }
        indq.expect("the history file held 5 entries; only the newest 3 are kept")
        indq.expectPrompt()
        indq.send(".history\r")
        indq.expect("1  select 4")
        indq.expect("2  select 5")
        indq.expect("3  .history")
        indq.expectPrompt()

        guard let wrong = TerminalSession.start(home: home.path, environment: ["INDQ_HISTORY_SIZE=lots"]) else { return }
        wrong.expect("INDQ_HISTORY_SIZE must be a whole number of entries, not 'lots'; keeping 1000")
        wrong.expectPrompt()
    }

    @Test func ctrlBackslashAtThePromptIsIgnored() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(bytes: [0x1C])
        indq.waitUntilIdle()
        indq.send(bytes: [0x1C])
        indq.waitUntilIdle()
        let asked = monotonicSeconds()
        indq.send("select year from studenten where year = 2021\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2021 │"))
        #expect(monotonicSeconds() - asked < 5, "the prompt answered only after \(monotonicSeconds() - asked) s")
        #expect(indq.isRunning, "indq ended after Ctrl-\\")
        // Also while the continuation prompt waits.
        indq.send("select year\r")
        indq.expectPrompt("   ...> ")
        indq.send(bytes: [0x1C])
        indq.waitUntilIdle()
        indq.send("from studenten where year = 2019;\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2019 │"))
        indq.press(.ctrlD)
        let exit = indq.waitForExit()
        #expect(exit?.kind == 1 && exit?.code == 0, "indq ended with \(String(describing: exit))")
        #expect(!indq.all.contains("Crash") && !indq.all.contains("crash"), "screen: \(indq.all)")
        #expect(fileType(home.path + "/core") == nil)
        #expect(indq_terminal_is_raw(indq.master) != 1, "the terminal was left raw")
    }
}
