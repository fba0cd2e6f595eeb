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
