// The dot-commands that people bring from the sqlite3 and DuckDB shells: `.mode` with their names, `.tables`,
// `.schema`, `.cd` and `.shell`, and a hint for each of their commands that indq does in another way.

import Glibc

extension OutputFormat {
    /// init(mode:) reads a format by its name or by the name sqlite3 and DuckDB give it: their `box` and `table` are
    /// indq's table (drawn with box characters), their `jsonlines` is jsonl.
    public init?(mode: String) {
        let name = mode.lowercased()
        if let format = OutputFormat(rawValue: name) {
            self = format
            return
        }
        switch name {
        case "box": self = .table
        case "jsonlines", "ndjson": self = .jsonl
        default: return nil
        }
    }
}

extension DotCommand {
    /// peerHints says, for each command of sqlite3's or DuckDB's shell that indq does not have, what does the job.
    static let peerHints: [String: String] = [
        "open": "the report data is built in; select * from 'FILE.csv' queries a file, and .import FILE NAME loads one",
        "databases": "there is one catalogue; .tables lists its datasets",
        "fullschema": ".schema shows every dataset",
        "indexes": "there are no indexes; .schema NAME shows a dataset's columns",
        "indices": "there are no indexes; .schema NAME shows a dataset's columns",
        "separator": ".mode list, .mode tabs or .mode csv choose the separator",
        "width": "tables fit the terminal; .maxrows N sets how many rows they show",
        "maxwidth": "tables fit the terminal; .maxrows N sets how many rows they show",
        "columns": ".mode line writes one value per line",
        "rows": ".mode table writes one row per line",
        "excel": ".once FILE.csv after .mode csv writes a file a spreadsheet opens",
        "log": ".output FILE writes the results to a file",
        "trace": ".echo on prints each statement before its result",
        "show": ".help lists the settings; each takes its value (.mode csv, .headers off, …)",
        "explain": "source select … shows where each figure comes from",
        "eqp": "source select … shows where each figure comes from",
        "testcase": "indq --check FILE compares each statement with its -- expect: block",
        "check": "indq --check FILE compares each statement with its -- expect: block",
        "selftest": "indq --check FILE compares each statement with its -- expect: block",
        "changes": "statements do not change the report data; create table makes a table of the session",
        "prompt": "the prompt is indq> and its continuation ...>",
        "load": "there are no extensions; functions are built in (help functions)",
        "restore": "the report data is built in; .read FILE runs a script",
        "timeout": "a statement runs until it ends or Ctrl-C cancels it",
        "stats": ".timer on prints each statement's wall time",
    ]
}

extension Session {
    /// maxMaxRows bounds `.maxrows`: a table holds its rows to measure them.
    static let maxMaxRows = 1_000_000

    /// setFormat carries out `.format NAME` and `.mode NAME`; without a name, it says which format is in use.
    mutating func setFormat(_ line: DotCommand.Invocation) throws {
        guard !line.argument.isEmpty else { return write("current output mode: \(format.rawValue)\n") }
        guard let format = OutputFormat(mode: line.argument) else {
            throw Diagnostic("expected one of " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                             + " after \(line.command), found \(line.found)", at: line.argumentRange)
        }
        self.format = format
    }

    /// listTables writes the names of the datasets in columns, down then across, as sqlite3's `.tables` does.
    func listTables() {
        let names = (catalogue.datasets.map(\.name) + catalogue.sessionDatasets.map(\.name)).sorted()
        guard let longest = names.map(DisplayWidth.of).max() else { return }
        let width = longest + 2
        let columns = max(1, ((redirect == nil ? terminalWidth?() : nil) ?? 80) / width)
        let rows = (names.count + columns - 1) / columns
        var out = ""
        for r in 0..<rows {
            var line = ""
            for c in 0..<columns where c * rows + r < names.count {
                let name = names[c * rows + r]
                line += name + String(repeating: " ", count: width - DisplayWidth.of(name))
            }
            out += line.trimmingTrailingWhitespace + "\n"
        }
        write(out)
    }

    /// writeSchema carries out `.schema [NAME]`: a CREATE TABLE statement per dataset (CREATE VIEW for a view of
    /// the session), in DuckDB's types.
    func writeSchema(_ line: DotCommand.Invocation) throws {
        if !line.argument.isEmpty {
            let dataset = try Binder(catalogue: catalogue, source: line.source).resolveDataset(try line.datasetName())
            let view = catalogue.sessionDatasets.first { $0.name.lowercased() == dataset.name.lowercased() }
            return write(Self.schemaStatement(dataset, view: view))
        }
        write(catalogue.datasets.map { Self.schemaStatement($0, view: nil) }.joined()
              + catalogue.sessionDatasets.map { Self.schemaStatement($0.dataset, view: $0) }.joined())
    }

    /// schemaStatement is one dataset's CREATE statement, on one line.
    static func schemaStatement(_ d: Dataset, view: SessionDataset?) -> String {
        if let view, case .view(let query, _) = view.kind { return "CREATE VIEW \(d.name) AS \(query.sql);\n" }
        return "CREATE TABLE \(d.name)(" + d.columns.map { "\($0.name) \($0.type.sqlType)" }.joined(separator: ", ") + ");\n"
    }

    /// changeFolder carries out `.cd DIR`.
    func changeFolder(_ line: DotCommand.Invocation) throws {
        let words = try line.words()
        guard words.count == 1 else { throw Diagnostic("expected one folder after .cd, found \(line.found)", at: line.argumentRange) }
        guard chdir(words[0]) == 0 else {
            throw Diagnostic("cannot change to folder '\(words[0])': \(String(cString: strerror(errno)))", at: line.argumentRange)
        }
    }

    /// runShell carries out `.shell CMD` and `.system CMD`: /bin/sh runs the command, on the terminal's output, and
    /// a status other than 0 is reported, as sqlite3 reports it, without failing the script.
    func runShell(_ line: DotCommand.Invocation) throws {
        let command = line.rawArgument
        guard !command.isEmpty else { throw Diagnostic("expected a command after \(line.command)", at: line.range) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // indq ignores SIGPIPE; the command gets the default, so that `yes | head` ends.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let arguments: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (text: String) in strdup(text) }
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, arguments + [nil], environ)
        guard spawned == 0 else {
            throw Diagnostic("cannot run /bin/sh: \(String(cString: strerror(spawned)))", at: line.range)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : status & 0x7f
        if code != 0 { writeError("note: the command " + (exited ? "exited with status \(code)" : "was ended by signal \(code)") + "\n") }
    }
}

extension ValueType {
    /// sqlType is the column type that DuckDB and sqlite3 read: a percentage is a DECIMAL fraction (12.5% as 0.125).
    var sqlType: String {
        switch self {
        case .integer: "BIGINT"
        case .decimal, .percentage, .points, .number: "DECIMAL(18,6)"
        case .double: "DOUBLE"
        case .text, .null: "VARCHAR"
        case .boolean: "BOOLEAN"
        case .date: "DATE"
        }
    }
}
