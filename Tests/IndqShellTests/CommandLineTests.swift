// Tests of the command line's conventions from the sqlite3 and DuckDB shells: -c beside script files in the order
// given, --csv/--json/--markdown, --echo, --crlf, --init and --no-init, --version, --help within 80 columns, and
// the init file at the prompt.
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct CommandLineTests {
    /// file writes a file in the runner's folder and returns its path.
    func file(_ name: String, _ text: String) -> String {
        let path = HostileRunner.directory + "/cl-\(UUID().uuidString.prefix(8))-" + name
        let written = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        #expect(written, "cannot write \(path)")
        return path
    }

    func run(_ arguments: [String]) throws -> (out: String, err: String, status: Int32?) {
        let r = try FaultRunner.run(arguments)
        return (String(decoding: r.stdout, as: UTF8.self), r.stderr, r.status)
    }

    /// --format svg writes the chart with its source line; a result it cannot draw is an error, exit 1.
    @Test func formatSVGWritesAChart() throws {
        let r = try run(["--format", "svg", "-c", "select categorie, inwilligingen from regulier where year = 2021"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(r.out.contains(">Bron: IND Jaarverslag 2021, Cijfers Familie en gezin; "))
        #expect(r.out.hasSuffix("</svg>\n"))
        let text = try run(["--format", "svg", "-c", "select categorie from regulier"])
        #expect(text.status == 1)
        #expect(text.out == "")
        #expect(text.err.hasPrefix("error: an svg chart needs a label column and at least one numeric column"), "\(text.err)")
    }

    /// -c texts and script files run in the order the command line gives them.
    @Test func commandsAndFilesRunInTheOrderGiven() throws {
        let a = file("a.sql", "select 2 as b;\n")
        let r = try run(["--csv", "-c", "select 1 as a", a, "--command=select 3 as c", "-c", "select 4 as d"])
        #expect(r.out == "a\n1\nb\n2\nc\n3\nd\n4\n", "\(r.err)")
        #expect(r.status == 0)
        let failing = try run(["--csv", "-c", "select x", a])
        #expect(failing.out == "")
        #expect(failing.status == 1)
        let going = try run(["--csv", "--continue-on-error", "-c", "select x", a])
        #expect(going.out == "b\n2\n")
        #expect(going.status == 1)
    }

    /// --csv, --json and --markdown are --format's shorthands; two of them are a usage error.
    @Test func formatShorthands() throws {
        #expect(try run(["--csv", "-c", "select 1 as a"]).out == "a\n1\n")
        #expect(try run(["--json", "-c", "select 1 as a"]).out == "[\n  {\"a\": 1}\n]\n")
        #expect(try run(["--markdown", "-c", "select 1 as a"]).out == "| a |\n| ---: |\n| 1 |\n")
        #expect(try run(["--crlf", "--csv", "-c", "select 1 as a"]).out == "a\r\n1\r\n")
        #expect(try run(["--format", "jsonl", "-c", "select 1 as a; select 2 as a"]).out == "{\"a\": 1}\n{\"a\": 2}\n")
        let both = try run(["--csv", "--json", "-c", "select 1"])
        #expect(both.status == 2)
        #expect(both.err.contains("give one of --csv, --json and --markdown"), "\(both.err)")
    }

    @Test func echoPrintsEachStatement() throws {
        #expect(try run(["--echo", "--csv", "-c", "select 1 as a; select 2 as b"]).out == "select 1 as a\na\n1\nselect 2 as b\nb\n2\n")
    }

    /// --init runs its file first for -c and scripts; an error in it names file:line and stops nothing.
    @Test func initRunsFirstAndItsErrorsStopNothing() throws {
        let rc = file("rc", ".mode csv\nselect x;\n.headers off\n")
        let r = try run(["--init", rc, "-c", "select 1 as a"])
        #expect(r.out == "1\n", "\(r.err)")
        #expect(r.err.contains("\(rc):2:8"), "\(r.err)")
        #expect(r.status == 0)
        let missing = try run(["--init", HostileRunner.directory + "/no-such-rc", "-c", "select 1 as a"])
        #expect(missing.status == 2)
        #expect(missing.err.contains("no-such-rc"), "\(missing.err)")
        // Without --init, -c does not read the default init file.
        #expect(try run(["-c", "select 1 as a"]).out.contains("┌"))
    }

    /// --version names the report editions in the data, read from the datasets.
    @Test func versionNamesTheReportEditions() throws {
        let r = try run(["--version"])
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("indq ") == true, "\(r.out)")
        #expect(lines.count == 2 && lines[1].hasPrefix("report editions in the data: "), "\(r.out)")
        // Every year that a dataset's report names is an edition that --version names.
        let datasets = try run(["--csv", "-c", "show datasets"]).out
        let origins = datasets.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").last }
        let years = Set(origins.flatMap { $0.split(separator: " ").filter { $0.count == 4 && $0.allSatisfy(\.isNumber) } }.map(String.init))
        #expect(!years.isEmpty)
        for year in years {
            #expect(lines.last?.contains("Jaarverslag \(year)") == true, "\(year): \(r.out)")
        }
    }

    /// indq --help fits 80 columns, and no example is broken across lines.
    @Test func helpFitsEightyColumns() throws {
        let r = try run(["--help"])
        #expect(r.status == 0)
        for line in r.out.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(line.count <= 80, "\(line.count): \(line)")
        }
        #expect(r.out.contains("indq -c \"select year, inwilligingen from studenten where year >= 2020\""), "\(r.out)")
        for flag in ["--csv", "--json", "--markdown", "--crlf", "--echo", "--init", "--no-init", "--version"] {
            #expect(r.out.contains(flag), "\(flag)")
        }
    }
}

/// Tests at the prompt: the init file, and .output and .once as a person uses them.
@Suite struct PromptConventionTests {
    /// The init file under XDG_CONFIG_HOME runs when the prompt starts; its error names file:line and the prompt
    /// still starts; --no-init skips it.
    @Test func theInitFileRunsAtThePrompt() {
        let home = TerminalSessionHome()
        mkdir(home.path + "/config", 0o755)
        mkdir(home.path + "/config/indq", 0o755)
        writeFile(home.path + "/config/indq/indqrc", ".mode csv\nselect nosuch;\n.print from the init file\n")
        guard let indq = TerminalSession.start(home: home.path, environment: ["XDG_CONFIG_HOME=\(home.path)/config"]) else { return }
        #expect(indq.expect("indqrc:2:8"))
        #expect(indq.expect("from the init file"))
        indq.expectPrompt()
        indq.send("select 1 as a\r")
        #expect(indq.expect("a\r\n1\r\n"))
        indq.expectPrompt()
        indq.send(".quit\r")
        _ = indq.waitForExit()

        guard let plain = TerminalSession.start(home: home.path, arguments: ["--no-init"],
                                                environment: ["XDG_CONFIG_HOME=\(home.path)/config"]) else { return }
        plain.expectPrompt()
        plain.send("select 1 as a\r")
        #expect(plain.expectResult(rows: 1).contains("│ 1 │"))
        plain.send(".quit\r")
        _ = plain.waitForExit()
    }

    /// At the prompt, .once sends the next result to a file and the one after to the screen; .output stays.
    @Test func outputAndOnceAtThePrompt() {
        let home = TerminalSessionHome()
        guard let indq = TerminalSession.start(home: home.path) else { return }
        indq.expectPrompt()
        indq.send(".once once.txt\r")
        indq.expectPrompt()
        indq.send("select 1 as a\r")
        indq.expectPrompt()
        indq.send("select 2 as b\r")
        #expect(indq.expectResult(rows: 1).contains("│ 2 │"))
        indq.send(".output out.txt\r")
        indq.expectPrompt()
        indq.send(".mode csv\r")
        indq.expectPrompt()
        indq.send("select 3 as c\r")
        indq.expectPrompt()
        indq.send(".output /nonexistent-folder-of-a-test/x\r")
        #expect(indq.expect("cannot open '/nonexistent-folder-of-a-test/x' for writing"))
        indq.expectPrompt()
        indq.send(".output\r")
        indq.expectPrompt()
        indq.send("select 4 as d\r")
        #expect(indq.expect("d\r\n4\r\n"))
        indq.expectPrompt()
        #expect(readFile(home.path + "/once.txt")?.contains("│ 1 │") == true)
        #expect(readFile(home.path + "/once.txt")?.contains("\u{1B}") == false)
        #expect(readFile(home.path + "/out.txt") == "c\n3\n")
        indq.send(".quit\r")
        _ = indq.waitForExit()
    }
}
