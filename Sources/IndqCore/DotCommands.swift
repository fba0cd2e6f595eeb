// Dot-commands: the settings and shortcuts of the shell, in one registry. Each entry has its name, its arguments,
// its help, how its argument completes and its action, so that `.help`, Tab and the run all read the same list, and a
// new command is one entry. The script reader hands a dot-command over as its own item; the SQL parser never sees one.

/// DotCommand is one dot-command: `.format csv`, `.read FILE`, `.timer on`, … Each takes one line.
public struct DotCommand: Sendable {
    /// name is what `.help` lists; aliases are other spellings it answers to (sqlite3's and DuckDB's).
    public let name: String
    public let aliases: [String]
    /// arguments shows the arguments in `.help`: `NAME`, `on|off`.
    public let arguments: String
    public let summary: String
    public let completion: ArgumentCompletion
    /// action carries the command out.
    let action: @Sendable (inout Session, Invocation) throws -> Void

    /// ArgumentCompletion is what Tab offers for a command's argument.
    public enum ArgumentCompletion: Sendable {
        case nothing
        /// One of these words.
        case words([String])
        /// A dataset's name.
        case datasets
        /// A file's path.
        case files
        /// A lesson's name, or `off`.
        case lessons
    }

    init(_ name: String, aliases: [String] = [], arguments: String = "", _ summary: String,
         completion: ArgumentCompletion = .nothing, action: @escaping @Sendable (inout Session, Invocation) throws -> Void) {
        self.name = name
        self.aliases = aliases
        self.arguments = arguments
        self.summary = summary
        self.completion = completion
        self.action = action
    }

    /// all is the registry, in the order `.help` lists it.
    public static let all: [DotCommand] = [
        DotCommand("help", "this list") { session, _ in session.write(DotCommand.helpText) },
        DotCommand("datasets", "list the datasets (show datasets)") { session, line in
            try session.execute(.showDatasets, source: line.source)
        },
        DotCommand("tables", "the names of the datasets, in columns") { session, _ in session.listTables() },
        DotCommand("schema", arguments: "[NAME]", "the datasets, or one, as CREATE TABLE statements", completion: .datasets) { session, line in
            try session.writeSchema(line)
        },
        DotCommand("describe", arguments: "NAME", "the columns of a dataset (describe NAME)", completion: .datasets) { session, line in
            try session.execute(.describe(try line.datasetName()), source: line.source)
        },
        DotCommand("source", arguments: "NAME", "where a dataset's figures come from (source NAME)", completion: .datasets) { session, line in
            try session.execute(.source(try line.datasetName()), source: line.source)
        },
        DotCommand("format", aliases: ["mode"], arguments: "NAME",
                   "how results are written: " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", ") + " (or box)",
                   completion: .words(OutputFormat.allCases.map(\.rawValue))) { session, line in
            try session.setFormat(line)
        },
        DotCommand("numbers", arguments: "nl|en|plain", "how tables write digits: 12.345, 12,345 or 12345",
                   completion: .words(NumberStyle.allCases.map(\.rawValue))) { session, line in
            session.numbers = try line.choice(expected: "nl, en or plain")
        },
        DotCommand("read", arguments: "FILE", "run the statements of a script file", completion: .files) { session, line in
            try session.read(line)
        },
        DotCommand("import", arguments: "FILE NAME", "read a CSV file into a table of the session, as sqlite3 does",
                   completion: .files) { session, line in
            try session.importFile(line)
        },
        DotCommand("dump", arguments: "[NAME ...]", "the datasets (or those named) as SQL that sqlite3 and DuckDB load",
                   completion: .datasets) { session, line in
            try session.dump(line)
        },
        DotCommand("export", arguments: "DIR [NAME ...]", "one CSV per dataset, schema.sql and load.sql, as DuckDB's EXPORT DATABASE",
                   completion: .files) { session, line in
            try session.export(line)
        },
        DotCommand("save", arguments: "FILE [NAME ...]", "the datasets as a SQLite database, with a table of their sources",
                   completion: .files) { session, line in
            try session.save(line)
        },
        DotCommand("timer", arguments: "on|off", "print the wall time of each statement", completion: .words(["on", "off"])) { session, line in
            session.timer = try line.onOff()
        },
        DotCommand("echo", arguments: "on|off", "print each statement before its result", completion: .words(["on", "off"])) { session, line in
            session.echo = try line.onOff()
        },
        DotCommand("history", "list the statements of the history") { session, _ in
            for (i, entry) in (session.historyEntries?() ?? []).enumerated() {
                let number = String(i + 1)
                session.write(String(repeating: " ", count: max(0, 5 - number.count)) + number + "  "
                              + entry.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n       ") + "\n")
            }
        },
        DotCommand("last", "print the last result again, e.g. after .format") { session, line in
            try session.emitLast(at: line.range)
        },
        DotCommand("headers", aliases: ["header"], arguments: "on|off", "the header row of csv, tabs, list and html",
                   completion: .words(["on", "off"])) { session, line in
            session.headers = try line.onOff()
        },
        DotCommand("nullvalue", arguments: "TEXT", "how NULL is written (not in json)") { session, line in
            let words = try line.words()
            guard words.count == 1 else { throw Diagnostic("expected one text after .nullvalue, e.g. .nullvalue NULL or .nullvalue ''", at: line.argumentRange) }
            session.nullValue = words[0]
        },
        DotCommand("crlf", arguments: "on|off", "end csv lines in CRLF, as RFC 4180 does (LF by default)", completion: .words(["on", "off"])) { session, line in
            session.crlf = try line.onOff()
        },
        DotCommand("maxrows", arguments: "N", "the most rows a table shows (\(Limits.maxTableRows) at the start)") { session, line in
            guard let n = Int(line.argument), (1...Session.maxMaxRows).contains(n) else {
                throw Diagnostic("expected a number of rows from 1 to \(Session.maxMaxRows) after .maxrows, found \(line.found); "
                                 + "csv and json write every row", at: line.argumentRange)
            }
            session.maxRows = n
        },
        DotCommand("output", arguments: "[FILE]", "write results to FILE; .output alone writes to the screen again", completion: .files) { session, line in
            try session.redirectOutput(to: try line.optionalFile(), once: false, at: line.range)
        },
        DotCommand("once", arguments: "FILE", "write the next result to FILE (to FILE.svg as an svg chart)", completion: .files) { session, line in
            guard let file = try line.optionalFile() else { throw Diagnostic("expected a file name after .once", at: line.range) }
            try session.redirectOutput(to: file, once: true, at: line.range)
        },
        DotCommand("print", arguments: "TEXT", "write TEXT") { session, line in
            session.write(try line.words().joined(separator: " ") + "\n")
        },
        DotCommand("bail", arguments: "on|off", "stop a script at its first error (on unless --continue-on-error)",
                   completion: .words(["on", "off"])) { session, line in
            session.bail = try line.onOff()
        },
        DotCommand("cd", arguments: "DIR", "change the working folder", completion: .files) { session, line in
            try session.changeFolder(line)
        },
        DotCommand("shell", aliases: ["system"], arguments: "CMD", "run CMD in the system shell") { session, line in
            try session.runShell(line)
        },
        DotCommand("lesson", arguments: "[N|NAME|off]", "the lessons with your progress; start lesson N; end lesson mode",
                   completion: .lessons) { session, line in
            try session.lesson(line)
        },
        DotCommand("hint", "a hint for the open exercise of a lesson") { session, line in try session.lessonHint(at: line.range) },
        DotCommand("solution", "the model answer of the open exercise, with its result") { session, line in
            try session.lessonSolution(at: line.range)
        },
        DotCommand("next", "the next exercise, or after the last one the next lesson") { session, line in
            try session.lessonNext(at: line.range)
        },
        DotCommand("skip", "leave the open exercise unsolved, marked skipped, and go to the next") { session, line in
            try session.lessonSkip(at: line.range)
        },
        DotCommand("quit", aliases: ["exit"], "leave (Ctrl-D does too)") { session, _ in session.quitRequested = true },
    ]

    /// named finds a command by its name or an alias, in any case.
    public static func named(_ name: String) -> DotCommand? {
        let name = name.lowercased()
        return all.first { $0.name == name || $0.aliases.contains(name) }
    }

    /// helpText lists every dot-command.
    static var helpText: String {
        let width = all.map { $0.name.count + $0.arguments.count }.max()! + 3
        return all.map { c in
            let left = "." + c.name + (c.arguments.isEmpty ? "" : " " + c.arguments)
            return left + String(repeating: " ", count: width - left.count) + c.summary
                + (c.aliases.isEmpty ? "" : "; also " + c.aliases.map { "." + $0 }.joined(separator: ", "))
        }.joined(separator: "\n") + "\n"
            + "Settings: set memory_limit = '1GB' (also '200MB', '1.5GB', '1GiB') caps the memory of one statement; "
            + "the default is half the machine's memory.\n"
    }

    /// Invocation is one dot-command line as typed: its name and argument, with their places for messages.
    public struct Invocation {
        public let source: SourceText
        /// range is the whole command; nameRange its `.name`; argumentRange its argument, or the line's end without one.
        public let range: SourceRange
        public let nameRange: SourceRange
        public let argumentRange: SourceRange
        /// name is the command's name as typed, in lower case; argument is the rest, its words joined by one space.
        public let name: String
        public let argument: String

        public init(source: SourceText, range: SourceRange) {
            self.source = source
            self.range = range
            let text = String(decoding: source.bytes[range.start..<range.end], as: UTF8.self)
            let words = text.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            name = words.first?.lowercased() ?? ""
            argument = words.dropFirst().joined(separator: " ")
            nameRange = SourceRange(range.start, range.start + 1 + (words.first?.utf8.count ?? 0))
            argumentRange = text.hasSuffix(argument) && !argument.isEmpty
                ? SourceRange(range.end - argument.utf8.count, range.end) : SourceRange(range.end, range.end)
        }

        /// command is the registry's name for what was typed, for messages (`.format` also when `.mode` was typed).
        var command: String { "." + (DotCommand.named(name)?.name ?? name) }

        /// found describes the argument in a message.
        var found: String { argument.isEmpty ? "nothing" : "'\(argument)'" }

        /// onOff reads `on` or `off`.
        func onOff() throws -> Bool {
            switch argument.lowercased() {
            case "on": return true
            case "off": return false
            default: throw Diagnostic("expected on or off after \(command), found \(found)", at: argumentRange)
            }
        }

        /// choice reads one of a setting's values, such as a format; `expected` names them for the message.
        func choice<Choice: RawRepresentable>(expected: String) throws -> Choice where Choice.RawValue == String {
            guard let value = Choice(rawValue: argument.lowercased()) else {
                throw Diagnostic("expected \(expected) after \(command), found \(found)", at: argumentRange)
            }
            return value
        }

        /// rawArgument is the text after the name as typed, its spaces kept.
        var rawArgument: String {
            let text = String(decoding: source.bytes[nameRange.end..<range.end], as: UTF8.self)
            return String(text.drop { $0 == " " || $0 == "\t" }.trimmingTrailingWhitespace)
        }

        /// words splits the argument at spaces, keeping what is inside '…' or "…" together without its quotes.
        func words() throws -> [String] {
            try ImportArguments.split(rawArgument, at: argumentRange, command: command)
        }

        /// optionalFile reads the one file name of `.output` or `.once`, quoted or not, or nil when there is none.
        func optionalFile() throws -> String? {
            let words = try words()
            guard words.count <= 1 else { throw Diagnostic("expected one file name after \(command), found \(words.count) words", at: argumentRange) }
            return words.first
        }

        /// datasetName reads a dataset's name.
        func datasetName() throws -> Name {
            guard !argument.isEmpty else { throw Diagnostic("expected a dataset name after \(command)", at: range) }
            return Name(argument, SourceRange(nameRange.end + 1, range.end))
        }
    }
}

extension Session {
    /// The deepest that `.read` may nest, so that a script that reads itself stops with a message.
    static let maxReadDepth = 16

    /// runDotCommand carries out the dot-command at `range`, such as `.format csv`.
    mutating func runDotCommand(at range: SourceRange, in source: SourceText) throws {
        let line = DotCommand.Invocation(source: source, range: range)
        guard let command = DotCommand.named(line.name) else {
            var notes: [String] = []
            if let hint = DotCommand.peerHints[line.name] {
                notes.append("indq has no .\(line.name): \(hint)")
            } else if let s = suggestion(for: line.name, among: DotCommand.all.map(\.name)) {
                notes.append("did you mean .\(s)?")
            }
            notes.append(".help lists the commands")
            throw Diagnostic("unknown command '.\(line.name)'", at: line.nameRange, notes: notes)
        }
        try command.action(&self, line)
    }

    /// read runs the script that `.read FILE` names, statement by statement.
    mutating func read(_ line: DotCommand.Invocation) throws {
        guard !line.argument.isEmpty else { throw Diagnostic("expected a file name after .read", at: line.range) }
        guard readDepth < Session.maxReadDepth else {
            throw Diagnostic("too many nested .read commands (limit is \(Session.maxReadDepth))", at: line.range)
        }
        guard let readScript else { throw Diagnostic(".read is not available here", at: line.range) }
        var script: ScriptReader
        do {
            script = try readScript(line.argument)
        } catch {
            throw Diagnostic("\(error)", at: line.range)
        }
        readDepth += 1
        defer { readDepth -= 1 }
        if run(&script, stopOnError: true) == .failure {
            throw ScriptFailed(interrupted: cancelled)
        }
    }
}

/// ScriptFailed ends a `.read` whose script failed; the script's own error has been reported already.
struct ScriptFailed: Error {
    /// interrupted is whether the script was cancelled, which cancels what read it too.
    var interrupted = false
}
