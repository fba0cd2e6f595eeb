// Session: runs statements and writes their results. It owns the settings (output format, terminal width), so
// that nothing in the core is global. The command line, scripts and the REPL all run text through here.

/// Session runs statements against a catalogue.
public struct Session {
    public var catalogue: Catalogue
    public var format: OutputFormat
    /// terminalWidth, when set, is asked before each result, so that tables fit the terminal as it is now.
    public var terminalWidth: (() -> Int?)?
    /// color marks table headers, NULL and errors; the command line sets it only for a terminal without NO_COLOR.
    public var color = false
    /// colorErrors colours diagnostics, when standard error is a terminal.
    public var colorErrors = false
    /// numbers is how table output writes digits (`.numbers nl|en|plain`); csv and json always write plain digits.
    public var numbers = NumberStyle.plain
    /// write receives results; writeError receives diagnostics and warnings.
    public var write: (String) -> Void
    public var writeError: (String) -> Void
    /// timer prints each statement's wall time (`.timer on`); echo prints each statement first (`.echo on`).
    public var timer = false
    public var echo = false
    /// maxRows is the most rows a table shows; it holds that many to measure them and counts the rest.
    public var maxRows = Limits.maxTableRows
    /// headers, nullValue and crlf are `.headers on|off`, `.nullvalue TEXT` and `.crlf on|off` (see RenderOptions).
    public var headers = true
    public var nullValue: String?
    public var crlf = false
    /// bail is `.bail on|off`: whether a script stops at its first failure. nil until given, when the command line's
    /// choice (--continue-on-error) holds; the prompt never stops.
    public var bail: Bool?
    /// redirect is where `.output FILE` or `.once FILE` sends results, with the screen's writer to go back to.
    var redirect: Redirect?
    /// last is what `.last` prints again: the last result, kept up to KeptResult's bound.
    public internal(set) var last: KeptResult?
    /// lastResult is the last result whole, or nil when there is none or it was larger than `.last` keeps.
    public var lastResult: ResultSet? { last?.resultSet }
    /// quitRequested is set by `.quit`; the REPL and scripts stop when they see it.
    public internal(set) var quitRequested = false
    /// readScript opens a file for `.read`; the command line supplies it, so that the core does no file I/O itself.
    public var readScript: ((String) throws -> ScriptReader)?
    /// historyEntries lists the prompt's history for `.history`.
    public var historyEntries: (() -> [String])?
    var readDepth = 0
    /// cancelled is whether the last statement was cancelled, so that the script, paste or .read around it stops.
    var cancelled = false
    /// memoryLimit bounds what one statement may keep (result rows, their provenance, sort keys), in bytes:
    /// `set memory_limit = '1GB'`; by default half the machine's memory.
    public var memoryLimit = MemorySize.defaultLimit
    /// lessons is where the learner is in the lessons of `.lesson`, and their progress.
    public var lessons = LessonState()
    /// shouldStop is asked while a statement runs; the REPL answers true after Ctrl-C, which cancels the statement.
    public var shouldStop: () -> Bool = { false }

    public init(catalogue: Catalogue = .builtin, format: OutputFormat = .table,
                write: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.catalogue = catalogue
        self.format = format
        self.write = write
        self.writeError = writeError
    }

    /// RunOutcome tells whether every statement succeeded.
    public enum RunOutcome: Equatable, Sendable {
        case success
        /// A statement failed; the script stops here unless asked to go on.
        case failure
    }

    /// StatementEvent tells an observer of `run` where it is: about to read a statement, or done with one.
    public enum StatementEvent {
        case willRun
        /// A statement or a dot-command ran (`succeeded` says how), or a statement failed to parse (`range` is nil,
        /// `at` is the error's place). `range` is the statement as written, without its ';'.
        case didRun(range: SourceRange?, at: SourceRange, succeeded: Bool)
    }

    /// run executes every statement and dot-command in `source`, in order. With `stopOnError` it stops at the first
    /// failure. `observe` hears of each, so that `--check` can capture and compare their output.
    @discardableResult
    public mutating func run(_ source: SourceText, from offset: Int = 0, stopOnError: Bool = true,
                             observe: (StatementEvent) -> Void = { _ in }) -> RunOutcome {
        var outcome = RunOutcome.success
        var items = ScriptItems(source, from: offset)
        while !quitRequested {
            if shouldStop() {
                report(Interrupted(), in: source)
                return .failure
            }
            observe(.willRun)
            guard let item = items.next() else { break }
            switch run(item, in: source, observe: observe) {
            case .succeeded: break
            case .failed:
                outcome = .failure
                if stopOnError { return outcome }
            case .interrupted:
                // A cancelled statement also cancels the rest of its script, paste or .read.
                return .failure
            }
        }
        return outcome
    }

    /// ItemOutcome is how one statement or dot-command went.
    enum ItemOutcome {
        case succeeded, failed, interrupted
    }

    /// run parses and runs one statement, or runs one dot-command, and reports its error.
    mutating func run(_ item: ScriptItem, in source: SourceText, observe: (StatementEvent) -> Void) -> ItemOutcome {
        let range: SourceRange
        var statement: Statement?
        switch item {
        case .statement(let bytes):
            do {
                var parser = try Parser(source, from: bytes.start, to: bytes.end)
                guard let parsed = try parser.nextStatement() else { return .succeeded }
                (statement, range) = (parsed.statement, parsed.range)
            } catch {
                report(error, in: source)
                observe(.didRun(range: nil, at: (error as? Diagnostic)?.range ?? SourceRange(bytes.start, bytes.start),
                                succeeded: false))
                return .failed
            }
        case .dotCommand(let line):
            range = line
        }
        if echo { write(String(decoding: source.bytes[range.start..<range.end], as: UTF8.self) + "\n") }
        let started = ContinuousClock.now
        var outcome = ItemOutcome.succeeded
        cancelled = false
        do {
            let stop = shouldStop
            try Cancellation.run(stop, memoryLimit: memoryLimit) {
                if let statement {
                    try execute(statement, source: source, range: range)
                } else {
                    try runDotCommand(at: range, in: source)
                }
            }
        } catch {
            if !(error is ScriptFailed) { report(error, in: source) }
            cancelled = error is Interrupted || (error as? ScriptFailed)?.interrupted == true
            outcome = cancelled ? .interrupted : .failed
        }
        if timer && statement != nil { writeError("Run time: \(Session.milliseconds(ContinuousClock.now - started)) ms\n") }
        if let failure = finishRedirectedItem(), outcome == .succeeded {
            report(Diagnostic(failure, at: range), in: source)
            outcome = .failed
        }
        // In lesson mode a query is an answer, checked once its result is out.
        if outcome == .succeeded, case .query? = statement { checkLessonAnswer() }
        observe(.didRun(range: range, at: range, succeeded: outcome == .succeeded))
        return outcome
    }

    /// run executes the statements of a stream as they arrive: each runs as soon as it is complete, and only one is
    /// held at a time. A stream that cannot be read further (a NUL, a byte that is not UTF-8, a read error) or a
    /// statement over the length limit stops the run there, like a failing statement.
    @discardableResult
    public mutating func run(_ reader: inout ScriptReader, stopOnError: Bool = true) -> RunOutcome {
        var outcome = RunOutcome.success
        while !quitRequested {
            if shouldStop() {
                writeError("interrupted\n")
                return .failure
            }
            let next: ScriptReader.Next
            do {
                next = try reader.next()
            } catch {
                // A signal while waiting for input cancels the rest, as one while a statement runs does.
                cancelled = error is Interrupted
                writeError(cancelled ? "interrupted\n" : "error: \(error)\n")
                return .failure
            }
            switch next {
            case .end:
                return outcome
            case .statement(let source, let from, let tooLong):
                if tooLong {
                    report(Diagnostic("statement too long (limit is \(Limits.maxStatementLength) bytes)",
                                      at: SourceRange(from, from + 1)), in: source)
                    return .failure
                }
                if run(source, from: from, stopOnError: bail ?? stopOnError) == .failure {
                    outcome = .failure
                    if bail ?? stopOnError || cancelled { return outcome }
                }
            case .dotCommand(let source, let range):
                switch run(.dotCommand(range), in: source, observe: { _ in }) {
                case .succeeded: break
                case .failed:
                    outcome = .failure
                    if bail ?? stopOnError { return outcome }
                case .interrupted:
                    return .failure
                }
            }
        }
        return outcome
    }

    /// milliseconds writes a duration with three decimals.
    static func milliseconds(_ d: Duration) -> String {
        let micro = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
        let frac = String(micro % 1000)
        return "\(micro / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    /// report writes an error with its place.
    func report(_ error: Error, in source: SourceText) {
        if error is Interrupted {
            writeError("interrupted\n")
        } else if let d = error as? Diagnostic {
            writeError(source.render(d, color: colorErrors))
        } else if let e = error as? CSVError {
            writeError(e.render(color: colorErrors))
        } else {
            writeError("error: \(error)\n")
        }
    }

    /// execute runs one parsed statement; `range` is where it stands in `source`, whose text a chart shows.
    public mutating func execute(_ statement: Statement, source: SourceText, range: SourceRange? = nil) throws {
        switch statement {
        case .query(let q):
            var checker = Binder(catalogue: catalogue, source: source)
            let plan = try checker.check(q)
            for w in plan.warnings { writeError(source.render(w, color: colorErrors)) }
            var notes: [Diagnostic]
            // A result that cannot be drawn is an error before the query runs, never a document that is no chart.
            try checkChartable(plan.columns)
            let text = range.map { String(decoding: source.bytes[$0.start..<min($0.end, source.bytes.count)], as: UTF8.self) }
            if plan.streams {
                // Rows without report figures have no approximate values, and go to the output as they are made.
                notes = []
                var header = ResultHeader(columns: plan.columns, qualified: false)
                (header.statement, header.provenance) = (text, .none)
                try emit(header) { write in notes = try Executor(plan).run(write: write) }
            } else if format == .svg {
                // A chart names the report tables (or files) its rows come from, which their origins tell.
                let (result, origins) = try Executor.collect(plan, tracksFileRows: true)
                emit(result, origins: origins, statement: text)
                notes = result.notes
            } else {
                let result = try Executor.run(plan)
                emit(result)
                notes = result.notes
            }
            for n in notes { writeError(source.render(n, color: colorErrors)) }
        case .showDatasets:
            try emitListing(Info.datasets(catalogue))
        case .describe(let name):
            try emitListing(Info.describe(try Binder(catalogue: catalogue, source: source).resolveDataset(name)))
        case .describeFile(let path, let range):
            try emitListing(Info.describe(try Binder.openFile(path, CSVOptions(), at: range)))
        case .source(let name):
            try emitListing(Info.source(try Binder(catalogue: catalogue, source: source).resolveDataset(name)))
        case .sourceOf(let q):
            var checker = Binder(catalogue: catalogue, source: source)
            let plan = try checker.check(q)
            var notes: [Diagnostic] = []
            // A person reads the sources best as a list; the other formats get the rows.
            let listing = format == .table ? Info.Listing(numbers: numbers, write: write) : nil
            try emit(ResultHeader(columns: Info.sourceColumns, qualified: false), to: listing) { write in
                notes = try Info.sources(of: plan, write: write)
            }
            for n in notes { writeError(source.render(n, color: colorErrors)) }
        case .explainSQL(let q, let range):
            try explainSQL(q, range: range, source: source)
        case .set(let name, let value):
            guard ["memory_limit", "max_memory"].contains(name.text.lowercased()) else {
                throw Diagnostic("unknown setting '\(name.text)'; indq has one setting, memory_limit", at: name.range)
            }
            guard let bytes = MemorySize.parse(value) else {
                throw Diagnostic("expected a size such as '1GB', '512MB' or '2GiB' for memory_limit, found '\(value)'", at: name.range)
            }
            memoryLimit = bytes
        case .help(let topic):
            write(Help.text(topic: topic, catalogue: catalogue))
        case .create(let c):
            try create(c, source: source)
        case .drop(let d):
            try catalogue.drop(d.kind, named: d.name, ifExists: d.ifExists)
        case .summarize(let q):
            var checker = Binder(catalogue: catalogue, source: source)
            let plan = try checker.check(q)
            for w in plan.warnings { writeError(source.render(w, color: colorErrors)) }
            let summary = try Summarize.run(plan, at: q.selects[0].range)
            emit(summary.result)
            for n in summary.notes { writeError(source.render(n, color: colorErrors)) }
        }
    }

    /// emit writes a whole result in the session's format and keeps it for `.last`; with `origins`, the chunks carry
    /// where each row came from.
    mutating func emit(_ result: ResultSet, origins: [RowOrigin?]? = nil, statement: String? = nil) {
        var header = result.header
        header.statement = statement
        if origins != nil { header.provenance = .inChunks }
        emit(header) { result.chunks(of: 1024, origins: origins ?? [], $0) }
    }

    /// emitListing writes a listing (`show datasets`, `describe`, `source`); in the svg format one that cannot be
    /// drawn is an error.
    mutating func emitListing(_ result: ResultSet) throws {
        try checkChartable(result.columns)
        emit(result)
    }

    /// emit writes a result as its rows are made. `produce` hands chunks of rows, in order, to the function it is
    /// given; each goes at once to the sink of the session's format (or to `sink`) and to the copy kept for `.last`.
    /// An error that `produce` throws ends the result where it is, and `.last` keeps the result before.
    public mutating func emit(_ header: ResultHeader, to sink: (any ResultSink)? = nil,
                              rows produce: (_ write: (RowChunk) -> Void) throws -> Void) rethrows {
        let sink = sink ?? format.sink(options: renderOptions, write: write)
        let keeper = ResultKeeper()
        sink.begin(header)
        keeper.begin(header)
        try produce { chunk in
            sink.write(chunk)
            keeper.write(chunk)
        }
        sink.finish()
        last = keeper.kept
    }

    /// checkChartable throws, in the svg format, when a result of these columns cannot be drawn.
    func checkChartable(_ columns: [ResultColumn]) throws {
        if format == .svg, let problem = SVGChartError.check(columns) { throw problem }
    }

    /// renderOptions are the settings that shape a table or chart now.
    var renderOptions: RenderOptions {
        // A file gets neither the terminal's width nor its colours.
        RenderOptions(maxWidth: redirect == nil ? terminalWidth?() : nil, color: color && redirect == nil, numbers: numbers,
                      maxRows: maxRows, headers: headers, nullValue: nullValue, crlf: crlf)
    }

    /// emitLast writes the last result again, in the session's format. A result larger than `.last` keeps is written
    /// again only where the format shows no more rows than were kept (a table, a chart); anything else is an error
    /// that says so, never a part of the result.
    mutating func emitLast(at range: SourceRange) throws {
        guard let last else { throw Diagnostic("there is no result yet to print again", at: range) }
        try checkChartable(last.header.columns)
        if let whole = last.resultSet { return emit(whole) }
        let sink = format.sink(options: renderOptions, write: write)
        guard let limited = (sink as? any RowLimitedSink), limited.rowLimit < last.rows.count else {
            throw Diagnostic("the last result had \(last.total) rows, more than the \(last.rows.count) that .last keeps; "
                             + "run its statement again to write every row", at: range)
        }
        sink.begin(last.header)
        sink.write(RowChunk(rows: last.rows, qualifiers: last.qualifiers))
        limited.passOver(last.total - last.rows.count)
        sink.finish()
    }

    /// inputState tells the REPL whether `text`, one line typed at the prompt, can run as it is: complete statements
    /// run, an unfinished one waits for more. It decides from diagnostic codes only, never from a message's words.
    public func inputState(_ text: String) -> InputCompleteness {
        let source = SourceText(text)
        var last: Statement?
        var seen = false
        for item in ScriptItems(source) {
            // A dot-command is complete at the end of its line.
            guard case .statement(let bytes) = item else {
                (last, seen) = (nil, true)
                continue
            }
            do {
                var parser = try Parser(source, from: bytes.start, to: bytes.end)
                if let parsed = try parser.nextStatement() { (last, seen) = (parsed.statement, true) }
            } catch {
                // Unfinished input waits; any other error runs, to be shown.
                return Self.completeness(of: error)
            }
        }
        guard seen else { return .empty }
        guard let last else { return .complete }
        // `select year` parses (a select needs no FROM), but at the prompt it almost surely waits for its FROM.
        if case .query(let q) = last, q.selects.last?.from == nil, !text.trimmingTrailingWhitespace.hasSuffix(";") {
            var checker = Binder(catalogue: catalogue, source: source)
            if let d = Self.checkError(&checker, q), d.code == .columnWithoutFrom {
                return .incomplete
            }
        }
        return .complete
    }

    /// completeness maps a parse error onto what the prompt does: wait for more input, or run and show the error.
    static func completeness(of error: Error) -> InputCompleteness {
        guard let d = error as? Diagnostic else { return .complete }
        return d.code.isUnfinishedInput ? .incomplete : .complete
    }

    /// checkError returns the diagnostic a query's check throws, if any.
    static func checkError(_ checker: inout Binder, _ q: Query) -> Diagnostic? {
        do {
            _ = try checker.check(q)
            return nil
        } catch {
            return error as? Diagnostic
        }
    }
}

extension String {
    /// trimmingTrailingWhitespace drops spaces and line ends at the end.
    var trimmingTrailingWhitespace: Substring {
        var t = self[...]
        while t.last?.isWhitespace == true { t.removeLast() }
        return t
    }
}

/// InputCompleteness is whether buffered input is empty, ready, or needs another line.
public enum InputCompleteness: Equatable, Sendable {
    case empty, complete, incomplete
}
