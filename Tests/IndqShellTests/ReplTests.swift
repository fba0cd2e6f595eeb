// Unit tests of the REPL loop, history persistence and plain line reading, with a scripted editor and a
// fake runner, so no terminal is involved.
import Testing
@testable import IndqShell
#if canImport(Glibc)
import Glibc
#endif

/// ScriptedEditor plays back a fixed list of reads and records the prompts it was shown.
struct ScriptedEditor: LineEditor {
    /// script is consumed front to back; once it is empty every read is end of input.
    var script: [LineRead]
    /// before runs a side effect just before the read with that index (0-based), e.g. another session.
    var before: [Int: () -> Void] = [:]
    /// completeWith, when set, is offered to the completion function on every read.
    var completeWith: String?
    /// prompts lists every prompt shown, in order.
    var prompts: [String] = []
    /// completions lists what the completion function answered.
    var completions: [[String]] = []

    /// pasted lists the reads (0-based) that arrive with more input behind them, as the lines of a paste do.
    var pasted: Set<Int> = []

    /// moreInputIsWaiting tells whether the read just returned was one of the `pasted` ones.
    mutating func moreInputIsWaiting() -> Bool { pasted.contains(prompts.count - 1) }

    /// readLine returns the next scripted read.
    mutating func readLine(prompt: String, completions complete: (CompletionContext) -> [String]) -> LineRead {
        before[prompts.count]?()
        prompts.append(prompt)
        if let completeWith { completions.append(complete(CompletionContext(before: completeWith))) }
        return script.isEmpty ? .endOfInput : script.removeFirst()
    }
}

/// FakeRunner records what it ran; a line on its own counts as complete when it names a FROM or selects a number.
struct FakeRunner: StatementRunner {
    /// ran lists the statements run, in order.
    var ran: [String] = []
    /// onRun is called with each statement before it is recorded.
    var onRun: (String) -> Void = { _ in }
    /// asked records the text completion was asked about; a class so copies share it.
    final class Log { var asked: [String] = [] }
    let log = Log()

    /// inputState: blank is empty; `… from …` and `select 7` are complete; anything else (`select year`) continues.
    func inputState(_ text: String) -> InputState {
        if text.allSatisfy(\.isWhitespace) { return .empty }
        let words = text.split(whereSeparator: \.isWhitespace)
        return words.contains("from") || (words.count == 2 && words[1].allSatisfy(\.isNumber)) ? .complete : .incomplete
    }

    /// run records the statement.
    mutating func run(_ text: String) -> Bool {
        onRun(text)
        ran.append(text)
        return true
    }

    /// completions offers a fixed word list.
    func completions(before prefix: String, after: String) -> [String] {
        log.asked.append(prefix)
        return ["from", "studenten"]
    }
}

/// TemporaryDirectory makes a fresh directory per test and removes it afterwards.
final class TemporaryDirectory {
    /// path is the directory.
    let path: String

    /// init creates a directory under /tmp.
    init() {
        var template = Array("/tmp/indq-shell-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit {
        // Test files only; a shell command is the shortest recursive delete without Foundation.
        _ = system("rm -rf '\(path)'")
    }
}

/// mode returns a file's permission bits, or nil when it does not exist.
func mode(_ path: String) -> mode_t? {
    var status = stat()
    return stat(path, &status) == 0 ? status.st_mode & 0o777 : nil
}

/// makeRepl builds a REPL over a scripted editor that writes nothing to stdout.
func makeRepl(_ script: [LineRead], runner: FakeRunner = FakeRunner(), history: History?)
    -> Repl<ScriptedEditor, FakeRunner> {
    var repl = Repl(editor: ScriptedEditor(script: script), runner: runner, history: history)
    repl.write = { _ in }
    return repl
}

@Suite struct ReplTests {
    @Test func multiLineStatementIsOneHistoryEntry() {
        let dir = TemporaryDirectory()
        let history = History(path: dir.path + "/indq/history")
        var repl = makeRepl([.line("select year"), .line("from studenten;")], history: history)
        #expect(repl.run() == 0)
        #expect(repl.runner.ran == ["select year\nfrom studenten;"])
        #expect(history.entries == ["select year\nfrom studenten;"])
        #expect(repl.editor.prompts == ["indq> ", "   ...> ", "indq> "])
    }

    @Test func blankLinesAreNeitherRunNorRecorded() {
        let history = History(path: nil)
        var repl = makeRepl([.line(""), .line("   "), .line("select 1;")], history: history)
        #expect(repl.run() == 0)
        #expect(repl.runner.ran == ["select 1;"])
        #expect(history.entries == ["select 1;"])
        #expect(repl.editor.prompts == ["indq> ", "indq> ", "indq> ", "indq> "])
    }

    @Test func ctrlCDropsThePendingStatementAndCarriesOn() {
        let history = History(path: nil)
        var output = ""
        var repl = makeRepl([.line("select garbage"), .interrupted, .line("select 1;")], history: history)
        repl.write = { output += $0 }
        #expect(repl.run() == 0)
        #expect(repl.runner.ran == ["select 1;"])
        #expect(history.entries == ["select 1;"])
        #expect(repl.editor.prompts == ["indq> ", "   ...> ", "indq> ", "indq> "])
        #expect(output.hasPrefix("\n"))
    }

    @Test func ctrlDOnAnEmptyLineExitsZero() {
        var repl = makeRepl([.endOfInput, .line("never read;")], history: nil)
        #expect(repl.run() == 0)
        #expect(repl.runner.ran.isEmpty)
        #expect(repl.editor.prompts.count == 1)
    }

    @Test func ctrlDWithAPendingStatementDiscardsItAndExitsZero() {
        let history = History(path: nil)
        var repl = makeRepl([.line("select year"), .endOfInput], history: history)
        #expect(repl.run() == 0)
        #expect(repl.runner.ran.isEmpty)
        #expect(history.entries.isEmpty)
    }

    @Test func terminatingSignalExitsWith128PlusTheSignal() {
        var repl = makeRepl([.line("select 1;"), .terminated(signal: SIGTERM)], history: nil)
        #expect(repl.run() == 128 + SIGTERM)
        #expect(repl.runner.ran == ["select 1;"])
    }

    // MARK: Where a statement ends

    /// rules runs lines through a REPL and returns what ran and the prompts shown; `pasted` marks lines of a paste.
    func rules(_ lines: [String], pasted: Set<Int> = []) -> (ran: [String], prompts: [String]) {
        var repl = makeRepl(lines.map { .line($0) }, history: nil)
        repl.editor.pasted = pasted
        _ = repl.run()
        return (repl.runner.ran, repl.editor.prompts)
    }

    @Test func aLineTypedOnItsOwnThatIsCompleteRunsWithoutSemicolon() {
        let result = rules(["select year from studenten", "select 7"])
        #expect(result.ran == ["select year from studenten", "select 7"])
        #expect(result.prompts == ["indq> ", "indq> ", "indq> "])
    }

    @Test func onceAStatementHasTakenASecondLineOnlySemicolonEndsIt() {
        // The lesson's query typed line by line: the second and third lines would each be complete, but wait.
        let result = rules(["select count(*) as n", "from regulier", "where year = 2021", ";", "select 7"])
        #expect(result.ran == ["select count(*) as n\nfrom regulier\nwhere year = 2021\n;", "select 7"])
        #expect(result.prompts == ["indq> ", "   ...> ", "   ...> ", "   ...> ", "indq> ", "indq> "])
    }

    @Test func aPastedLineWaitsForItsSemicolonEvenWhenComplete() {
        // The first line is complete, but more input came with it: it is a paste, and runs as a script would.
        let result = rules(["select year from studenten", "where year = 2021;"], pasted: [0])
        #expect(result.ran == ["select year from studenten\nwhere year = 2021;"])
    }

    @Test func aPasteOfThreeMultiLineStatementsRunsThreeStatements() {
        let lines = ["select year", "from studenten;", "select aanvragen from studenten", "where year = 2020;",
                     "select 1", "+ 1;"]
        let result = rules(lines, pasted: Set(0..<5))
        #expect(result.ran == ["select year\nfrom studenten;", "select aanvragen from studenten\nwhere year = 2020;",
                               "select 1\n+ 1;"])
    }

    @Test func aPasteThatEndsMidStatementWaits() {
        let result = rules(["select 1 as a;", "select year", "from studenten"], pasted: [0, 1])
        #expect(result.ran == ["select 1 as a;"])
        #expect(result.prompts.suffix(2) == ["   ...> ", "   ...> "])
    }

    @Test func severalStatementsOnOneLineRunTogether() {
        #expect(rules(["select 1; select 2"]).ran == ["select 1; select 2"])
        // The finished one runs; the unfinished rest waits, and once it has a second line needs its ';'.
        let result = rules(["select 1; select year,", "aanvragen from studenten", "where year = 2021;"])
        #expect(result.ran == ["select 1;", "select year,\naanvragen from studenten\nwhere year = 2021;"])
    }

    @Test func semicolonsInStringsAndCommentsEndNothing() {
        let result = rules(["select 'a;", "b' as x -- c;", "from t /* ; */ ;"])
        #expect(result.ran == ["select 'a;\nb' as x -- c;\nfrom t /* ; */ ;"])
    }

    @Test func aDotCommandEndsAtItsLine() {
        let result = rules([".format csv", "select 1;", ".timer on"], pasted: [0, 1])
        #expect(result.ran == [".format csv", "select 1;", ".timer on"])
    }

    @Test func commentsAloneAreNotRunAndATrailingCommentStaysWithItsStatement() {
        let result = rules(["-- a note", "/* a", "block */", "select 1; -- the answer"])
        #expect(result.ran == ["select 1; -- the answer"])
        #expect(result.prompts == ["indq> ", "indq> ", "   ...> ", "indq> ", "indq> "])
    }

    @Test func aLongPastedStatementIsAcceptedQuickly() {
        // 20,000 lines, as one paste: each line is scanned once, never the whole statement again.
        var lines = ["select year from studenten where year in ("]
        lines += Array(repeating: "2019, -- a year; not the end", count: 20_000)
        lines.append("2021);")
        let started = ContinuousClock.now
        let result = rules(lines, pasted: Set(0..<lines.count))
        let elapsed = ContinuousClock.now - started
        #expect(result.ran.count == 1)
        #expect(elapsed < .seconds(1), "20,000 lines took \(elapsed)")
    }

    @Test func completionSeesThePendingStatement() {
        var repl = makeRepl([.line("select year"), .line("from studenten;")], history: nil)
        repl.editor.completeWith = "fr"
        _ = repl.run()
        #expect(repl.runner.log.asked == ["fr", "select year\nfr", "fr"])
        #expect(repl.editor.completions.first == ["from", "studenten"])
    }

    @Test func historyFileIsWrittenBeforeEachStatementRunsWithMode0600() {
        let dir = TemporaryDirectory()
        let path = dir.path + "/state/indq/history"
        var seenOnDisk: [[String]] = []
        var runner = FakeRunner()
        runner.onRun = { _ in seenOnDisk.append(History(path: path).entries) }
        var repl = makeRepl([.line("select 1;"), .line("select"), .line("  2;")], runner: runner,
                            history: History(path: path))
        #expect(repl.run() == 0)
        #expect(seenOnDisk == [["select 1;"], ["select 1;", "select\n  2;"]])
        #expect(mode(path) == 0o600)
        #expect(mode(dir.path + "/state/indq") == 0o700)
        #expect(mode(dir.path + "/state") == 0o700)
        // No temp file is left behind.
        #expect(mode(path + ".tmp.\(getpid())") == nil)
    }

    @Test func historyIsReadBackInANewSession() {
        let dir = TemporaryDirectory()
        let path = dir.path + "/indq/history"
        let statements = ["select year\nfrom studenten;", "select \"naïve\", 'é'; -- tab\there", "select 1;"]
        var first = makeRepl(statements.map { .line($0) }, history: History(path: path))
        #expect(first.run() == 0)

        let reopened = History(path: path)
        #expect(reopened.entries == statements)
        // The new session's own entries go after the old ones.
        var second = makeRepl([.line("select 2;")], history: reopened)
        #expect(second.run() == 0)
        #expect(History(path: path).entries == statements + ["select 2;"])
    }

    @Test func twoSessionsAtOnceKeepEachOthersEntries() {
        let dir = TemporaryDirectory()
        let path = dir.path + "/indq/history"
        // Both sessions load the (empty) file before either writes, as two open REPLs would.
        let historyA = History(path: path)
        let historyB = History(path: path)
        var replA = makeRepl([.line("select 'a1';"), .line("select 'a2';")], history: historyA)
        // Session B runs entirely between A's two statements.
        replA.editor.before[1] = {
            var replB = makeRepl([.line("select 'b1';")], history: historyB)
            _ = replB.run()
        }
        #expect(replA.run() == 0)
        #expect(History(path: path).entries == ["select 'a1';", "select 'b1';", "select 'a2';"])
        // Each session browses only its own entries until it restarts, like a shell.
        #expect(historyA.entries == ["select 'a1';", "select 'a2';"])
    }

    @Test func historyKeepsAtMostItsCapacity() {
        let dir = TemporaryDirectory()
        let path = dir.path + "/indq/history"
        let history = History(path: path, capacity: 3)
        for n in 1...5 { history.add("select \(n);") }
        #expect(history.entries == ["select 3;", "select 4;", "select 5;"])
        #expect(History(path: path).entries == ["select 3;", "select 4;", "select 5;"])
    }

    @Test func anUnwritableLocationWarnsOnceAndCarriesOn() {
        var warnings: [String] = []
        let history = History(path: "/dev/null/indq/history", warn: { warnings.append($0) })
        var repl = makeRepl([.line("select 1;"), .line("select 2;")], history: history)
        #expect(repl.run() == 0)
        #expect(repl.runner.ran == ["select 1;", "select 2;"])
        #expect(warnings.count == 1)
        #expect(history.entries == ["select 1;", "select 2;"])
    }

    @Test func defaultPathFollowsXDGStateHome() {
        let saved = getenv("XDG_STATE_HOME").map { String(cString: $0) }
        defer {
            if let saved { setenv("XDG_STATE_HOME", saved, 1) } else { unsetenv("XDG_STATE_HOME") }
        }
        setenv("XDG_STATE_HOME", "/somewhere/state", 1)
        #expect(History.defaultPath() == "/somewhere/state/indq/history")
        // A relative value is invalid per the XDG spec and falls back to ~/.local/state.
        setenv("XDG_STATE_HOME", "relative", 1)
        #expect(History.defaultPath()?.hasSuffix("/.local/state/indq/history") == true)
    }
}

@Suite struct CompletionTests {
    @Test(arguments: [
        ("select ye", "ye"),
        ("select ", ""),
        ("", ""),
        ("from stu", "stu"),
        ("where naï", "naï"),
        ("select a.b_c1", "b_c1"),
    ])
    func wordBeforeCursor(line: String, word: String) {
        #expect(Completion.word(before: line) == word)
    }

    @Test func matchingIgnoresCaseAndRepeats() {
        #expect(Completion.matching(["select", "SET", "from", "select"], word: "SE") == ["select", "SET"])
        #expect(Completion.matching(["from"], word: "") == ["from"])
    }

    @Test func aUniqueFileInsideAQuoteGetsItsClosingQuote() {
        #expect(Completion.suffix(after: "export.csv", before: "select * from 'exp", rest: "") == "' ")
        #expect(Completion.suffix(after: "export.csv", before: "select * from 'exp", rest: "' limit 3") == "")
        #expect(Completion.suffix(after: "data/", before: "select * from 'da", rest: "") == "")
        #expect(Completion.suffix(after: "studenten", before: "select * from 'a' join stu", rest: "") == " ")
        #expect(Completion.suffix(after: "x.sql", before: ".read x", rest: "") == " ")
    }

    @Test func commonPrefix() {
        #expect(Completion.commonPrefix(["beslissingen", "beslist"]) == "beslis")
        #expect(Completion.commonPrefix(["année", "annéx"]) == "anné")
        #expect(Completion.commonPrefix(["a", "b"]) == "")
    }

    @Test func columnsFitTheWidth() {
        #expect(Completion.columns(["aa", "bb", "cc"], width: 8) == "aa  bb\ncc\n")
        #expect(Completion.columns(["aa", "bb"], width: 80) == "aa  bb\n")
    }
}

@Suite struct PlainLineReaderTests {
    /// reader returns a PlainLineReader over a temp file holding `bytes`.
    func reader(_ bytes: [UInt8], in dir: TemporaryDirectory) -> PlainLineReader {
        let path = dir.path + "/input"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return PlainLineReader(fileDescriptor: open(path, O_RDONLY))
    }

    @Test func splitsLinesAndKeepsAnUnterminatedLast() {
        let dir = TemporaryDirectory()
        var input = reader(Array("select 1;\r\n\nselect é;\nlast".utf8), in: dir)
        #expect(input.readLine(prompt: "") == .line("select 1;"))
        #expect(input.readLine(prompt: "") == .line(""))
        #expect(input.readLine(prompt: "") == .line("select é;"))
        #expect(input.readLine(prompt: "") == .line("last"))
        #expect(input.readLine(prompt: "") == .endOfInput)
        #expect(input.readLine(prompt: "") == .endOfInput)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let dir = TemporaryDirectory()
        var input = reader([0x61, 0xFF, 0xC3, 0x0A, 0x62], in: dir)
        #expect(input.readLine(prompt: "") == .line("a\u{FFFD}\u{FFFD}"))
        #expect(input.readLine(prompt: "") == .line("b"))
    }

    @Test func veryLongLines() {
        let dir = TemporaryDirectory()
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 3_000_000)
        var input = reader(long + [0x0A] + long, in: dir)
        for _ in 0..<2 {
            guard case .line(let text) = input.readLine(prompt: "") else {
                Issue.record("expected a line")
                return
            }
            #expect(text.utf8.count == long.count)
        }
        #expect(input.readLine(prompt: "") == .endOfInput)
    }
}
