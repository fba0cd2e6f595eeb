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
        #expect(DotCommand.named("tables")?.name == "datasets")
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
            #expect(line.hasSuffix(command.summary), "\(line)")
        }
        #expect(help.contains(".format table|csv|json|markdown|bar|spark "))
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
        #expect(complete(".format ") == ["table", "csv", "json", "markdown", "bar", "spark"])
        #expect(complete(".MODE c") == ["table", "csv", "json", "markdown", "bar", "spark"])
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
        (".format xml", "", "error: expected one of table, csv, json, markdown, bar, spark after .format, found 'xml'\n"),
        (".mode", "", "error: expected one of table, csv, json, markdown, bar, spark after .format, found nothing\n"),
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
        #expect(report.outcomes.map(\.passed) == [true, true, false])
        #expect(report.outcomes.map(\.line) == [1, 2, 6])
    }
}
