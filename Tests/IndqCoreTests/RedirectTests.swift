// Tests of `.output`, `.once`, `.bail` and `.shell`: where results go, what a failing write does, and how a
// script stops, as sqlite3's and DuckDB's shells do it.

import Foundation
import Testing
@testable import IndqCore

@Suite struct RedirectTests {
    /// folder is a new empty folder for one test.
    func folder() -> String {
        let path = NSTemporaryDirectory() + "indq-redirect-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// run runs a script as a stream (as a script file runs) and returns its outcome, output and errors.
    func run(_ script: String, stopOnError: Bool = true) -> (outcome: Session.RunOutcome, out: String, err: String) {
        var out = ""
        var err = ""
        var session = Session(format: .csv, write: { out += $0 }, writeError: { err += $0 })
        var reader = ScriptReader(name: "t.sql", bytes: Array(script.utf8))
        let outcome = session.run(&reader, stopOnError: stopOnError)
        session.endRedirect()
        return (outcome, out, err)
    }

    /// `.output FILE` sends every result and `.print` to the file until `.output`; the file is made anew.
    @Test func outputSendsResultsToAFileUntilOutputAlone() throws {
        let dir = folder()
        try "old text that goes\n".write(toFile: dir + "/o.csv", atomically: true, encoding: .utf8)
        let r = run("select 1 as a;\n.output \(dir)/o.csv\nselect 2 as b;\n.print done\n.output\nselect 3 as c;\n")
        #expect(r.outcome == .success)
        #expect(r.out == "a\n1\nc\n3\n")
        #expect(contents(dir + "/o.csv") == "b\n2\ndone\n")
    }

    /// `.once FILE` sends the next result only, as sqlite3 does; a second `.output` closes the first file.
    @Test func onceSendsOnlyTheNextResult() {
        let dir = folder()
        let r = run(".once '\(dir)/one.csv'\nselect 1 as a;\nselect 2 as b;\n.output \(dir)/x\n.output \(dir)/y\nselect 3 as c;\n")
        #expect(r.out == "b\n2\n")
        #expect(contents(dir + "/one.csv") == "a\n1\n")
        #expect(contents(dir + "/x") == "")
        #expect(contents(dir + "/y") == "c\n3\n")
    }

    /// A file that cannot be opened is an error that stops the script, and output stays on the screen.
    @Test func anUnwritablePlaceIsAnError() {
        let r = run(".output /nonexistent-folder-of-a-test/o.csv\nselect 1 as a;\n")
        #expect(r.outcome == .failure)
        #expect(r.out == "")
        #expect(r.err.hasPrefix("error: cannot open '/nonexistent-folder-of-a-test/o.csv' for writing: No such file or directory\n"), "\(r.err)")
        let going = run(".output /nonexistent-folder-of-a-test/o.csv\nselect 1 as a;\n", stopOnError: false)
        #expect(going.out == "a\n1\n")
    }

    /// A write that fails (a full device) fails its statement, and what follows goes to the screen again.
    @Test func aFailingWriteIsReported() throws {
        guard FileManager.default.isWritableFile(atPath: "/dev/full") else {
            print("skipped: /dev/full is not available here")
            return
        }
        let r = run(".output /dev/full\nselect 1 as a;\nselect 2 as b;\n")
        #expect(r.outcome == .failure)
        #expect(r.err.hasPrefix("error: cannot write to '/dev/full': No space left on device\n"), "\(r.err)")
        #expect(r.out == "")
        let going = run(".output /dev/full\nselect 1 as a;\nselect 2 as b;\n", stopOnError: false)
        #expect(going.outcome == .failure)
        #expect(going.out == "b\n2\n")
    }

    /// `.bail off` lets a script go on after an error, `.bail on` stops it, whatever the command line chose; the
    /// outcome is a failure either way, as both shells exit 1.
    @Test func bailDecidesWhetherAScriptStops() {
        let off = run(".bail off\nselect x;\nselect 1 as a;\n")
        #expect(off.outcome == .failure)
        #expect(off.out == "a\n1\n")
        let on = run(".bail on\nselect x;\nselect 1 as a;\n", stopOnError: false)
        #expect(on.outcome == .failure)
        #expect(on.out == "")
        #expect(run("select x;\nselect 1 as a;\n").out == "")
    }

    /// `.shell` runs its command in /bin/sh; a status other than 0 is a note, not a failure.
    @Test func shellRunsACommand() {
        guard FileManager.default.isExecutableFile(atPath: "/bin/sh") else {
            print("skipped: /bin/sh is not available here")
            return
        }
        let dir = folder()
        let r = run(".shell echo 'a  b' > \(dir)/s.txt\n.system exit 3\nselect 1 as a;\n")
        #expect(r.outcome == .success)
        #expect(contents(dir + "/s.txt") == "a  b\n")
        #expect(r.err == "note: the command exited with status 3\n")
        #expect(r.out == "a\n1\n")
    }
}
