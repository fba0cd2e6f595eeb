// Dot-commands: the settings and shortcuts of the shell. They work at the prompt and in
// scripts: `.format csv`, `.read FILE`, `.timer on`, and the rest. Each takes one line.

/// DotCommand describes one dot-command for parsing, suggestions and `.help`.
struct DotCommand {
    var name: String
    var arguments: String
    var summary: String

    static let all: [DotCommand] = [
        DotCommand(name: "help", arguments: "", summary: "this list"),
        DotCommand(name: "datasets", arguments: "", summary: "list the datasets (show datasets)"),
        DotCommand(name: "describe", arguments: "NAME", summary: "the columns of a dataset (describe NAME)"),
        DotCommand(name: "source", arguments: "NAME", summary: "where a dataset's figures come from (source NAME)"),
        DotCommand(name: "format", arguments: "table|csv|json|markdown|bar|spark", summary: "how results are written"),
        DotCommand(name: "numbers", arguments: "nl|en|plain", summary: "how tables write digits: 12.345, 12,345 or 12345"),
        DotCommand(name: "read", arguments: "FILE", summary: "run the statements of a script file"),
        DotCommand(name: "timer", arguments: "on|off", summary: "print the wall time of each statement"),
        DotCommand(name: "echo", arguments: "on|off", summary: "print each statement before its result"),
        DotCommand(name: "history", arguments: "", summary: "list the statements of the history"),
        DotCommand(name: "last", arguments: "", summary: "print the last result again, e.g. after .format"),
        DotCommand(name: "quit", arguments: "", summary: "leave (Ctrl-D does too)"),
    ]

    /// helpText lists every dot-command.
    static var helpText: String {
        let width = all.map { $0.name.count + $0.arguments.count }.max()! + 3
        return all.map { c in
            let left = "." + c.name + (c.arguments.isEmpty ? "" : " " + c.arguments)
            return left + String(repeating: " ", count: width - left.count) + c.summary
        }.joined(separator: "\n") + "\n"
            + "Settings: set memory_limit = '1GB' (also '200MB', '1.5GB', '1GiB') caps the memory of one statement; "
            + "the default is half the machine's memory.\n"
    }
}

extension Session {
    /// The deepest that `.read` may nest, so that a script that reads itself stops with a message.
    static let maxReadDepth = 16

    /// runDotCommand carries out a dot-command line such as `.format csv`.
    mutating func runDotCommand(_ text: String, range: SourceRange, source: SourceText) throws {
        let words = text.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let name = words.first?.lowercased() ?? ""
        let argument = words.dropFirst().joined(separator: " ")
        let nameRange = SourceRange(range.start, range.start + 1 + (words.first?.utf8.count ?? 0))
        // Errors about the argument point at it, or at the end of the line when it is missing.
        let argumentRange = text.hasSuffix(argument) && !argument.isEmpty
            ? SourceRange(range.end - argument.utf8.count, range.end) : SourceRange(range.end, range.end)
        func onOff() throws -> Bool {
            switch argument.lowercased() {
            case "on": return true
            case "off": return false
            default: throw Diagnostic("expected on or off after .\(name), found \(argument.isEmpty ? "nothing" : "'\(argument)'")", at: argumentRange)
            }
        }
        func needsName() throws -> Name {
            guard !argument.isEmpty else { throw Diagnostic("expected a dataset name after .\(name)", at: range) }
            return Name(argument, SourceRange(nameRange.end + 1, range.end))
        }
        switch name {
        case "help": write(DotCommand.helpText)
        case "datasets", "tables": try execute(.showDatasets, source: source)
        case "describe": try execute(.describe(try needsName()), source: source)
        case "source": try execute(.source(try needsName()), source: source)
        case "format", "mode":
            guard let f = OutputFormat(rawValue: argument.lowercased()) else {
                throw Diagnostic("expected one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) after .format, found \(argument.isEmpty ? "nothing" : "'\(argument)'")", at: argumentRange)
            }
            format = f
        case "numbers":
            guard let style = NumberStyle(rawValue: argument.lowercased()) else {
                throw Diagnostic("expected nl, en or plain after .numbers, found \(argument.isEmpty ? "nothing" : "'\(argument)'")", at: argumentRange)
            }
            numbers = style
        case "timer": timer = try onOff()
        case "echo": echo = try onOff()
        case "last": try emitLast(at: range)
        case "history":
            let entries = historyEntries?() ?? []
            for (i, entry) in entries.enumerated() {
                let number = String(i + 1)
                write(String(repeating: " ", count: max(0, 5 - number.count)) + number + "  "
                      + entry.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n       ") + "\n")
            }
        case "quit", "exit": quitRequested = true
        case "read":
            guard !argument.isEmpty else { throw Diagnostic("expected a file name after .read", at: range) }
            guard readDepth < Session.maxReadDepth else {
                throw Diagnostic("too many nested .read commands (limit is \(Session.maxReadDepth))", at: range)
            }
            guard let readScript else { throw Diagnostic(".read is not available here", at: range) }
            var script: ScriptReader
            do {
                script = try readScript(argument)
            } catch {
                throw Diagnostic("\(error)", at: range)
            }
            readDepth += 1
            defer { readDepth -= 1 }
            if run(&script, stopOnError: true) == .failure {
                throw ScriptFailed(interrupted: cancelled)
            }
        default:
            var notes: [String] = []
            if let s = suggestion(for: name, among: DotCommand.all.map(\.name)) { notes.append("did you mean .\(s)?") }
            notes.append(".help lists the commands")
            throw Diagnostic("unknown command '.\(name)'", at: nameRange, notes: notes)
        }
    }
}

/// ScriptFailed ends a `.read` whose script failed; the script's own error has been reported already.
struct ScriptFailed: Error {
    /// interrupted is whether the script was cancelled, which cancels what read it too.
    var interrupted = false
}
