// Session datasets: the tables and views that CREATE makes and DROP removes. A table holds the rows its query gave
// when it was made; a view keeps its query, which runs again each time a statement reads the view. Both last until
// the session ends, and neither may take the name of a report dataset, which it would hide.

extension Session {
    /// create makes a session table or view from a query.
    mutating func create(_ c: CreateDataset, source: SourceText) throws {
        if c.ifNotExists, catalogue.sessionDataset(named: c.name.text) != nil { return }
        var checker = Binder(catalogue: catalogue, source: source)
        let plan = try checker.check(c.query)
        for w in plan.warnings { writeError(source.render(w, color: colorErrors)) }
        let columns = Dataset.sessionColumns(plan.columns.map { ($0.name, $0.type) })
        let origin = "\(c.kind.rawValue.lowercased()): " + c.query.sql
        switch c.kind {
        case .view:
            // The rows are not read now; binding the query checks it, and gives the view its columns.
            let dataset = Dataset.session(named: c.name.text, columns: columns, rows: [], description: origin)
            var next = catalogue
            try next.add(SessionDataset(kind: .view(c.query, source), dataset: dataset, origin: origin), replace: c.orReplace, at: c.name.range)
            // A view replaced by one that reads its own name would read itself; binding it once more finds that.
            var reader = Binder(catalogue: next, source: source)
            do {
                _ = try reader.check(c.query)
            } catch let d as Diagnostic where d.code == .viewReadsItself {
                throw Diagnostic("view \(c.name.text) would read itself", at: c.name.range, code: .viewReadsItself)
            }
            catalogue = next
        case .table:
            let result = try Executor.run(plan)
            let dataset = Dataset.session(named: c.name.text, columns: columns, rows: result.rows, description: origin)
            try catalogue.add(SessionDataset(kind: .table, dataset: dataset, origin: origin), replace: c.orReplace, at: c.name.range)
            if result.qualifiers.contains(where: { $0.contains { $0 != nil } }), !columns.contains(where: { $0.name == "kwalificatie" }) {
                writeError(source.render(Diagnostic(
                    "some values of \(c.name.text) are approximate in the report (bijna, ruim, circa); the table keeps the numbers but not those words",
                    at: c.name.range, notes: ["select the report dataset's kwalificatie column into the table to keep them"], severity: .note),
                    color: colorErrors))
            }
        }
    }
}

extension Session {
    /// importFile carries out `.import [--csv] [--skip N] FILE NAME`: it reads the file as `from 'FILE'` does, with
    /// the dialect the sniffer finds, into a new session table, or appends its rows to a table of that name whose
    /// columns match, as sqlite3 appends to an existing table.
    mutating func importFile(_ line: DotCommand.Invocation) throws {
        let usage = "expected .import [--skip N] FILE NAME"
        var words = try ImportArguments.split(line.argument, at: line.argumentRange)
        var skip: Int?
        while let first = words.first, first.hasPrefix("--") {
            words.removeFirst()
            switch first {
            case "--csv": continue
            case "--skip":
                guard let n = words.first.flatMap({ Int($0) }), n >= 0 else {
                    throw Diagnostic("\(usage): --skip takes a number of lines", at: line.argumentRange)
                }
                skip = n
                words.removeFirst()
            default:
                throw Diagnostic("unknown option \(first) of .import; \(usage)", at: line.argumentRange)
            }
        }
        guard words.count == 2 else {
            throw Diagnostic("\(usage): a file and a table name, found \(words.count) \(words.count == 1 ? "word" : "words")", at: line.argumentRange)
        }
        let (path, name) = (words[0], words[1])
        guard name.utf8.first.map({ $0 == UInt8(ascii: "_") || ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) == true,
              name.utf8.allSatisfy({ $0 == UInt8(ascii: "_") || ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }) else {
            throw Diagnostic("expected a table name of letters, digits and _ after the file, found '\(name)'", at: line.argumentRange)
        }
        // The file is read by the query language itself, so that .import and `from 'FILE'` can never disagree.
        let quoted = "'" + path.replacingAll("'", with: "''") + "'"
        let sql = "select * from read_csv(\(quoted)" + (skip.map { ", skip = \($0)" } ?? "") + ")"
        let source = SourceText(sql, name: line.source.name)
        let plan: QueryPlan
        let result: ResultSet
        do {
            var parser = try Parser(source)
            guard case .query(let query) = try parser.parseStatement() else { return }
            var checker = Binder(catalogue: catalogue, source: source)
            plan = try checker.check(query)
            result = try Executor.run(plan)
        } catch var d as Diagnostic {
            // The places of the query made here mean nothing to the user; the file's own places are in the message.
            d.range = line.argumentRange
            throw d
        }
        let origin = "import: \(path)"
        if let existing = catalogue.sessionDataset(named: name) {
            guard case .table = existing.kind else {
                throw Diagnostic("'\(existing.name)' is a view; .import adds rows to a table only", at: line.argumentRange)
            }
            let columns = existing.dataset.columns
            guard columns.count == plan.columns.count else {
                throw Diagnostic("table \(existing.name) has \(columns.count) columns and \(path) has \(plan.columns.count); "
                                 + "the rows are not added", at: line.argumentRange)
            }
            for (c, new) in zip(columns, plan.columns) where new.type != c.type && new.type != .null {
                throw Diagnostic("column \(c.name) of \(existing.name) is \(c.type.rawValue), but \(path) has \(new.type.rawValue) there; "
                                 + "the rows are not added", at: line.argumentRange)
            }
            var grown = existing
            grown.dataset.rows += result.rows
            grown.origin += ", then " + origin
            try catalogue.add(grown, replace: true, at: line.argumentRange)
        } else {
            let columns = Dataset.sessionColumns(plan.columns.map { ($0.name, $0.type) })
            let dataset = Dataset.session(named: name, columns: columns, rows: result.rows, description: origin)
            try catalogue.add(SessionDataset(kind: .table, dataset: dataset, origin: origin), replace: false, at: line.argumentRange)
        }
        for var n in result.notes {
            n.range = line.argumentRange
            writeError(line.source.render(n, color: colorErrors))
        }
    }
}

/// ImportArguments splits the argument of `.import` (or `.dump`, `.export`, `.save`) into words; a word may be quoted,
/// so that a path may hold spaces.
enum ImportArguments {
    static func split(_ text: String, at range: SourceRange, command: String = ".import") throws -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var started = false
        for ch in text {
            if let q = quote {
                if ch == q { quote = nil } else { word.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                started = true
            } else if ch == " " || ch == "\t" {
                if started { words.append(word) }
                word = ""
                started = false
            } else {
                word.append(ch)
                started = true
            }
        }
        if quote != nil { throw Diagnostic("unterminated quote in the argument of \(command)", at: range) }
        if started { words.append(word) }
        return words
    }
}

extension Dataset {
    /// sessionColumns names the columns of a query's result for a session dataset. A name that the result repeats
    /// gets a suffix, `a` then `a_1`, as DuckDB gives it, so that every column can be named.
    static func sessionColumns(_ result: [(name: String, type: ValueType)]) -> [Column] {
        var taken = Set<String>()
        return result.map { column in
            var name = column.name
            var n = 0
            while taken.contains(name.lowercased()) || (name.lowercased() == "jaar" && taken.contains("year")) {
                n += 1
                name = "\(column.name)_\(n)"
            }
            taken.insert(name.lowercased())
            return Column(name: name, type: column.type, english: name.lowercased(), meaningNL: "", meaningEN: "")
        }
    }

    /// session is the dataset of a session table or view: its columns and rows, with no report behind them.
    static func session(named name: String, columns: [Column], rows: [[Value]], description: String) -> Dataset {
        Dataset(name: name, english: name.lowercased(), description: description, report: "", section: "", table: "",
                notes: [], columns: columns, rows: rows, rowSources: [])
    }
}
