// Tests of the dot-command registry: `.help`, Tab and the run read the one list, and each command does what it says
// with the messages it has always given, whether it comes from a text, a stream or a batch of statements.

import Testing
@testable import IndqCore

/// runDot runs a script through a session that writes csv, and returns what it wrote and what it reported.
func runDot(_ script: String, format: OutputFormat = .csv) -> (out: String, err: String) {
    var out = ""
    var err = ""
    var session = Session(format: format, write: { out += $0 }, writeError: { err += $0 })
    session.run(SourceText(script), stopOnError: false)
    return (out.replacingAll("\r\n", with: "\n"), err)
}

@Suite struct DotCommandTests {
    @Test func namesAndAliasesAreUniqueAndFoundInAnyCase() {
        let names = DotCommand.all.flatMap { [$0.name] + $0.aliases }
        #expect(Set(names).count == names.count, "\(names)")
        for name in names {
            #expect(DotCommand.named(name.uppercased()) != nil, "\(name)")
        }
        #expect(DotCommand.named("mode")?.name == "format")
        #expect(DotCommand.named("tables")?.name == "tables")
        #expect(DotCommand.named("system")?.name == "shell")
        #expect(DotCommand.named("header")?.name == "headers")
        #expect(DotCommand.named("exit")?.name == "quit")
        #expect(DotCommand.named("bogus") == nil)
    }

    /// `.help` lists every entry of the registry with its arguments and summary, in the registry's order.
    @Test func helpListsTheRegistry() {
        let help = runDot(".help").out
        let lines = help.split(separator: "\n").map(String.init)
        #expect(lines.count == DotCommand.all.count + 1)
        for (line, command) in zip(lines, DotCommand.all) {
            #expect(line.hasPrefix("." + command.name + (command.arguments.isEmpty ? " " : " " + command.arguments + " ")), "\(line)")
            #expect(line.hasSuffix(command.summary + (command.aliases.isEmpty ? "" : "; also ." + command.aliases.joined(separator: ", ."))), "\(line)")
        }
        #expect(help.contains(".format NAME "))
        #expect(help.contains("how results are written: table, csv, json, markdown, bar, spark, jsonl, html, list, line, tabs, svg (or box); also .mode\n"))
        #expect(help.contains("run CMD in the system shell; also .system\n"))
        #expect(lines.last?.hasPrefix("Settings: set memory_limit") == true)
    }

    /// Tab after '.' offers every command, and after a command what its entry says.
    @Test func completionReadsTheRegistry() {
        func complete(_ text: String) -> [String] {
            Completion.candidates(before: text, after: "", catalogue: .builtin) { typed in
                ["Examples/01-basics.sql", "Examples/02-percentages.sql"].filter { $0.hasPrefix(typed) }
            }
        }
        #expect(complete(".") == DotCommand.all.map(\.name))
        #expect(complete(".fo") == DotCommand.all.map(\.name))
        let formats = ["table", "csv", "json", "markdown", "bar", "spark", "jsonl", "html", "list", "line", "tabs", "svg"]
        #expect(complete(".format ") == formats)
        #expect(complete(".MODE c") == formats)
        #expect(complete(".headers ") == ["on", "off"])
        #expect(complete(".output Examples/0") == ["01-basics.sql", "02-percentages.sql"])
        #expect(complete(".numbers ") == ["plain", "nl", "en"])
        #expect(complete(".timer ") == ["on", "off"])
        #expect(complete(".describe ") == Catalogue.builtin.allNames)
        #expect(complete(".read Examples/0") == ["01-basics.sql", "02-percentages.sql"])
        #expect(complete(".history ") == [])
        #expect(complete(".bogus ") == [])
    }

    static let scripts: [(script: String, out: String, err: String)] = [
        (".format json\nselect 1 as a;", "[\n  {\"a\": 1}\n]\n", ""),
        (".mode markdown\nselect 1 as a;", "| a |\n| ---: |\n| 1 |\n", ""),
        ("select 1 as a; .format json\nselect 2 as b;", "a\n1\n[\n  {\"b\": 2}\n]\n", ""),
        (".FORMAT   json;\nselect 1 as a;", "[\n  {\"a\": 1}\n]\n", ""),
        (".echo on\nselect 1 as a;\n.echo off\nselect 2 as b;", "select 1 as a\na\n1\n.echo off\nb\n2\n", ""),
        (".format xml", "", "error: expected one of table, csv, json, markdown, bar, spark, jsonl, html, list, line, tabs, svg after .format, found 'xml'\n"),
        (".mode", "current output mode: csv\n", ""),
        (".mode box\n.mode", "current output mode: table\n", ""),
        (".mode TABLE\n.mode jsonlines\n.mode", "current output mode: jsonl\n", ""),
        (".mode line\nselect 1 as a, null as bbbbbb;\nselect 2 as c;", "     a = 1\nbbbbbb = NULL\n    c = 2\n", ""),
        (".mode line\nselect 1 as a union all select 2;", "    a = 1\n\n    a = 2\n", ""),
        (".mode list\nselect 1 as a, 'x|y' as b, null as c;", "a|b|c\n1|x|y|NULL\n", ""),
        (".mode tabs\nselect 1 as a, null as b;\n.headers off\nselect 2 as a;", "a\tb\n1\t\n2\n", ""),
        (".mode html\nselect '<a&b>' as \"x<\", null as n;",
         "<table>\n<tr><th>x&lt;</th><th>n</th></tr>\n<tr><td>&lt;a&amp;b&gt;</td><td>NULL</td></tr>\n</table>\n", ""),
        (".mode html\n.headers off\nselect 1 as a;", "<table>\n<tr><td>1</td></tr>\n</table>\n", ""),
        (".mode jsonl\nselect 1 as a union all select 2; select 'x' as b, null as c;", "{\"a\": 1}\n{\"a\": 2}\n{\"b\": \"x\", \"c\": null}\n", ""),
        (".headers off\nselect 1 as a;\n.headers on\nselect 2 as b;", "1\nb\n2\n", ""),
        (".headers maybe", "", "error: expected on or off after .headers, found 'maybe'\n"),
        (".nullvalue NIL\nselect null as a;\n.mode markdown\nselect null as b;\n.mode json\nselect null as c;",
         "a\nNIL\n| b |\n| --- |\n| NIL |\n[\n  {\"c\": null}\n]\n", ""),
        (".nullvalue ''\n.mode list\nselect null as a;", "a\n\n", ""),
        (".nullvalue", "", "error: expected one text after .nullvalue, e.g. .nullvalue NULL or .nullvalue ''\n"),
        (".print 'a  b' c\n.print", "a  b c\n\n", ""),
        (".maxrows 0", "", "error: expected a number of rows from 1 to 1000000 after .maxrows, found '0'; csv and json write every row\n"),
        (".maxrows 2\n.mode table\nselect 1 as a union all select 2 union all select 3;",
         "┌───┐\n│ a │\n├───┤\n│ 1 │\n│ 2 │\n└───┘\n2 rows\n… and 1 more rows, 3 in all (a table shows at most 2 rows; --format csv or json writes every row)\n", ""),
        (".bail maybe", "", "error: expected on or off after .bail, found 'maybe'\n"),
        (".once", "", "error: expected a file name after .once\n"),
        (".output a b", "", "error: expected one file name after .output, found 2 words\n"),
        (".output\nselect 1 as a;", "a\n1\n", ""),
        (".shell", "", "error: expected a command after .shell\n"),
        (".cd", "", "error: expected one folder after .cd, found nothing\n"),
        (".cd /nonexistent-folder-of-a-test", "", "error: cannot change to folder '/nonexistent-folder-of-a-test': No such file or directory\n"),
        (".width 5", "", "error: unknown command '.width'\n"),
        (".schema nowhere", "", "error: unknown dataset 'nowhere'\n"),
        (".numbers xx", "", "error: expected nl, en or plain after .numbers, found 'xx'\n"),
        (".timer maybe", "", "error: expected on or off after .timer, found 'maybe'\n"),
        (".describe", "", "error: expected a dataset name after .describe\n"),
        (".last", "", "error: there is no result yet to print again\n"),
        (".read x.sql", "", "error: .read is not available here\n"),
        (".fromat csv", "", "error: unknown command '.fromat'\n"),
        (".", "", "error: unknown command '.'\n"),
        ("select 1 as a;\n.last", "a\n1\na\n1\n", ""),
        (".quit\nselect 1 as a;", "", ""),
    ]

    /// Each command's action and message, from a text with statements around it; a failing one does not stop the rest
    /// here, as at the prompt.
    @Test(arguments: scripts)
    func runsEachCommand(_ row: (script: String, out: String, err: String)) {
        let (out, err) = runDot(row.script)
        #expect(out == row.out, "\(row.script.debugDescription)")
        #expect(err.split(separator: "\n").first.map { String($0) + "\n" } ?? "" == row.err, "\(row.script.debugDescription): \(err)")
    }

    /// A command of sqlite3 or DuckDB that indq does not have says what does its job, instead of a guess.
    @Test func aPeersCommandSaysWhatDoesItsJob() {
        let err = runDot(".width 5").err
        #expect(err.contains("indq has no .width: tables fit the terminal; .maxrows N sets how many rows they show"), "\(err)")
        #expect(!err.contains("did you mean"), "\(err)")
        for name in DotCommand.peerHints.keys {
            #expect(DotCommand.named(name) == nil, "\(name) is a command and has a hint")
        }
    }

    /// `.schema` writes a CREATE TABLE per dataset, with every column of `describe`; `.schema NAME` writes one.
    @Test func schemaWritesACreateTablePerDataset() {
        let all = runDot(".schema").out.split(separator: "\n").map(String.init)
        let datasets = Catalogue.builtin.datasets
        #expect(all.count == datasets.count)
        for (line, d) in zip(all, datasets) {
            #expect(line == "CREATE TABLE \(d.name)(" + d.columns.map { "\($0.name) \($0.type.sqlType)" }.joined(separator: ", ") + ");")
        }
        let one = runDot(".schema STUDENTEN").out
        #expect(one.hasPrefix("CREATE TABLE studenten(year BIGINT, "), "\(one)")
        let session = runDot("create table t as select 1 as a, 'x' as b;\ncreate view v as select a from t;\n.schema t\n.schema v").out
        #expect(session == "CREATE TABLE t(a BIGINT, b VARCHAR);\nCREATE VIEW v AS SELECT a FROM t;\n", "\(session)")
    }

    /// `.tables` lists every name, down then across, within 80 columns.
    @Test func tablesListsTheNamesInColumns() {
        let out = runDot("create table extra as select 1 as a;\n.tables").out
        let names = out.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        #expect(names.sorted() == (Catalogue.builtin.datasets.map(\.name) + ["extra"]).sorted(), "\(out)")
        #expect(out.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(out)")
        #expect(names.first == names.sorted().first)
    }

    /// `.crlf on` ends csv lines in CRLF; they end in LF otherwise.
    @Test func crlfEndsCSVLinesInCRLF() {
        var out = ""
        var session = Session(format: .csv, write: { out += $0 }, writeError: { _ in })
        session.run(SourceText("select 1 as a;\n.crlf on\nselect 2 as b;\n.crlf off\nselect 3 as c;"))
        #expect(out == "a\n1\nb\r\n2\r\nc\n3\n")
    }

    @Test func aMistypedCommandGetsASuggestion() {
        let err = runDot(".fromat csv").err
        #expect(err.contains("did you mean .format?"))
        #expect(err.contains(".help lists the commands"))
        #expect(err.contains(" --> 1:1"))
    }

    /// A stream's dot-commands run between its statements, each as soon as its line is complete.
    @Test func aStreamRunsItsDotCommandsInOrder() {
        var out = ""
        var session = Session(format: .table, write: { out += $0 }, writeError: { _ in })
        var reader = ScriptReader(name: "t.sql", bytes: Array("select 1 as a;\n.format csv\nselect 2 as b;\n.format json\nselect 3 as c;\n".utf8))
        #expect(session.run(&reader) == .success)
        #expect(out.replacingAll("\r\n", with: "\n").hasSuffix("1 row\nb\n2\n[\n  {\"c\": 3}\n]\n"), "\(out)")
    }

    /// `--check` gives a dot-command its own outcome, and its expect block is compared like a statement's.
    @Test func checkedScriptsSeeDotCommands() {
        var session = Session(format: .table, write: { _ in }, writeError: { _ in })
        let script = ".format csv\nselect 2 as b;\n-- expect:\n-- b\n-- 2\n.bogus\n"
        let report = ScriptCheck.run(SourceText(script, name: "t.sql"), session: &session)
        #expect(report.outcomes.map(\.statement) == [".format csv", "select 2 as b", ".bogus"])
        #expect(report.outcomes.map(\.verdict) == [.ran, .passed, .failed])
        #expect(report.outcomes.map(\.line) == [1, 2, 6])
    }
}
