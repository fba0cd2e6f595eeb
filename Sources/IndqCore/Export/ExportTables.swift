// The way out, step one: the datasets as plain tables that other engines can hold. `.dump`, `.export` and `.save`
// all start here: which datasets, under which names, with which SQL types, and where their figures come from.
// A percentage leaves as its DECIMAL fraction (82% is 0.82), as DuckDB and SQLite compute with it.

/// ExportTable is one dataset as it leaves indq: its own name, its columns with SQL types, its rows and its source.
struct ExportTable {
    var name: String
    /// english is the English name a report dataset also answers to in indq, else nil.
    var english: String?
    /// source says in one line where the figures come from: the report, section and table, or the session's query.
    var source: String
    /// description is what a report dataset holds, else empty.
    var description: String
    var columns: [(name: String, type: String)]
    var rows: [[Value]]
    /// sources is the dataset's provenance, as `source NAME` lists it.
    var sources: ResultSet
}

extension Session {
    /// exportTables returns the datasets that `names` names (Dutch or English, any case), or every report dataset
    /// and then every table and view of the session when `names` is empty. A view is written with the rows it gives now.
    func exportTables(_ names: [String], at range: SourceRange) throws -> [ExportTable] {
        var datasets: [Dataset] = []
        if names.isEmpty {
            datasets = catalogue.datasets
            for s in catalogue.sessionDatasets { datasets.append(try sessionRows(s, at: range)) }
        } else {
            for name in names {
                if let d = catalogue.reportDataset(named: name) {
                    datasets.append(d)
                } else if let s = catalogue.sessionDataset(named: name) {
                    datasets.append(try sessionRows(s, at: range))
                } else {
                    var notes: [String] = []
                    if let s = suggestion(for: name, among: catalogue.allNames) { notes.append("did you mean \(s)?") }
                    notes.append("show datasets lists them all")
                    throw Diagnostic("unknown dataset '\(name)'", at: range, notes: notes)
                }
            }
        }
        var seen = Set<String>()
        return datasets.filter { seen.insert($0.name.lowercased()).inserted }.map(ExportTable.init)
    }

    /// sessionRows is a session dataset with its rows: a table's own, a view's as its query gives them now.
    func sessionRows(_ s: SessionDataset, at range: SourceRange) throws -> Dataset {
        guard case .view = s.kind else { return s.dataset }
        let source = SourceText("select * from " + quoteName(s.name))
        do {
            var parser = try Parser(source)
            guard case .query(let query) = try parser.parseStatement() else { return s.dataset }
            var checker = Binder(catalogue: catalogue, source: source)
            var dataset = s.dataset
            dataset.rows = try Executor.run(try checker.check(query)).rows
            return dataset
        } catch var d as Diagnostic {
            d.range = range
            throw d
        }
    }
}

extension ExportTable {
    init(_ d: Dataset) {
        name = d.name
        english = d.report.isEmpty || d.english == d.name ? nil : d.english
        description = d.report.isEmpty ? "" : d.description
        if d.report.isEmpty {
            source = "made in an indq session, " + d.description
        } else {
            source = [d.report, d.section, d.table.isEmpty ? "" : "table " + d.table].filter { !$0.isEmpty }.joined(separator: ", ")
        }
        columns = d.columns.indices.map { i in (d.columns[i].name, ExportTable.sqlType(of: d.columns[i].type, values: d.rows.lazy.map { $0[i] })) }
        rows = d.rows
        sources = Info.source(d)
    }

    /// sqlType is the type a column gets in DuckDB and SQLite: a percentage, or a column of decimals or mixed figures,
    /// is a DECIMAL with the largest scale among its values and room for the largest of them.
    static func sqlType(of type: ValueType, values: some Sequence<Value>) -> String {
        switch type {
        case .integer: return "BIGINT"
        case .text: return "VARCHAR"
        case .boolean: return "BOOLEAN"
        case .double: return "DOUBLE"
        case .date: return "DATE"
        // A column of NULLs only: DuckDB names that type INTEGER when it makes a table of it.
        case .null: return "INTEGER"
        case .decimal, .percentage, .points, .number:
            var scale = 0, whole = 1
            for v in values {
                guard let d = v.asDecimal else { continue }
                scale = max(scale, d.scale)
                whole = max(whole, d.description.utf8.prefix { $0 != UInt8(ascii: ".") }.count { $0 != UInt8(ascii: "-") })
            }
            return "DECIMAL(\(min(DecimalValue.maxDigits, max(18, whole + scale))),\(scale))"
        }
    }

    /// literal writes a value as SQL that DuckDB and SQLite both read back as it: a percentage as its fraction, a
    /// date as its ISO text, which a DATE column reads as the day.
    static func literal(_ v: Value) -> String {
        switch v {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .decimal(let d), .percentage(let d), .points(let d): return d.description
        case .double(let d):
            // Both read 9e999 as infinity; neither has a NaN literal, and SQLite stores NaN as NULL.
            if d.isNaN { return "NULL" }
            if d.isInfinite { return d < 0 ? "-9e999" : "9e999" }
            return "\(d)"
        case .text(let s): return quoteSQLString(s)
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .date(let d): return "'\(d)'"
        }
    }

    /// comment is the table's source as SQL comment lines; a line break in the text cannot end the comment early.
    var comment: String {
        var lines = ["\(name)" + (english.map { " (in indq also \($0))" } ?? "") + ": " + source]
        if !description.isEmpty { lines.append(description) }
        return lines.map { "-- " + $0.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ") + "\n" }.joined()
    }

    /// createStatement is the table's CREATE TABLE, names always quoted, so that no keyword of either engine clashes.
    var createStatement: String {
        "CREATE TABLE \(quoteSQLName(name)) (" + columns.map { quoteSQLName($0.name) + " " + $0.type }.joined(separator: ", ") + ");"
    }
}

/// quoteSQLName writes a name in double quotes, doubling any inside, as DuckDB and SQLite read it.
func quoteSQLName(_ name: String) -> String { "\"" + name.replacingAll("\"", with: "\"\"") + "\"" }

/// quoteSQLString writes a string literal, doubling its quotes.
func quoteSQLString(_ s: String) -> String { "'" + s.replacingAll("'", with: "''") + "'" }
