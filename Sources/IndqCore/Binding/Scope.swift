// Scopes: what names mean while one clause of a select is bound: the tables that FROM brings in, the GROUP BY
// keys, the aggregates and windows found so far, and the select list's aliases. Every column name is resolved here.

/// TableBinding is one table that FROM brings into scope: the name the query knows it by (its alias, or the table's
/// own name), its schema, and where its columns start in the row that the select reads, which holds the columns of
/// every table in scope one after another.
struct TableBinding {
    var name: String
    var schema: Dataset
    var columnOffset: Int

    /// holds tells whether a column of the combined row is one of this table's.
    func holds(_ column: Int) -> Bool {
        column >= columnOffset && column < columnOffset + schema.columns.count
    }
}

extension Binder {
    /// Scope is what names mean while binding one clause of a select.
    struct Scope {
        /// tables are the tables in scope, in FROM's order; empty for a select without FROM.
        var tables: [TableBinding] = []
        /// The clause being bound, for messages: "WHERE", "GROUP BY", "the select list".
        var clause: String
        var grouped = false
        var groupKeys: [(key: String, expr: BoundExpr)] = []
        /// chainKeyLengths are the numbers of links of GROUP BY keys that are chains, so that the start of a longer
        /// chain can be read from its group: `year + 1 + 2` after `GROUP BY year + 1`.
        var chainKeyLengths: Set<Int> = []
        var aggregates: [AggregatePlan] = []
        var windows: [WindowPlan] = []
        var allowAggregates = false
        var allowWindows = false
        /// insideAggregate is set while binding an aggregate's argument, where a group's rows are visible again.
        var insideAggregate = false
        /// aliases are the select list's `AS` names, which WHERE, GROUP BY, HAVING, QUALIFY and ORDER BY may use as
        /// DuckDB allows; a column of a table with the same name wins.
        var aliases: [(name: String, expr: Expr)] = []
        /// using maps the columns that JOIN … USING merged to what their unqualified names mean.
        var using: [(name: String, expr: BoundExpr)] = []
        /// groupColumns maps a column of the combined row that is a GROUP BY key to the key's number, so that
        /// `r.year` and `year` find the same key.
        var groupColumns: [Int: Int] = [:]

        /// table returns the table that a column of the combined row belongs to, with the column's index in it.
        func table(of column: Int) -> (TableBinding, Int)? {
            tables.first { $0.holds(column) }.map { ($0, column - $0.columnOffset) }
        }
    }

    /// ColumnMeaning is what an unqualified name stands for among the tables in scope.
    enum ColumnMeaning {
        /// A column of the combined row, with its type.
        case column(Int, ValueType)
        /// The pseudo-column `bron` (`source_ref`) of a table whose rows come from the reports or a file, with where the
        /// table's columns start in the combined row.
        case sourceRef(Int)
    }

    /// lookUpColumn finds an unqualified name among the tables in scope: a column (by its Dutch or English name, or
    /// `jaar` for year), else the pseudo-column `bron` where `sourceRef` allows it. It gives each table that has the
    /// name: none, one, or several when the name is ambiguous.
    static func lookUpColumn(_ name: String, in tables: [TableBinding], sourceRef: Bool = true) -> [(TableBinding, ColumnMeaning)] {
        var found: [(TableBinding, ColumnMeaning)] = []
        for t in tables {
            if let i = t.schema.columnIndex(named: name) {
                found.append((t, .column(t.columnOffset + i, t.schema.columns[i].type)))
            }
        }
        if found.isEmpty, sourceRef, sourceRefNames.contains(name.lowercased()) {
            found = tables.filter { !$0.schema.report.isEmpty || $0.schema.file != nil }.map { ($0, .sourceRef($0.columnOffset)) }
        }
        return found
    }

    /// resolveColumn resolves a name to exactly one table's column, or throws: no FROM, no table with the name (with
    /// the likely meaning and the columns there are), or several tables with it. A qualifier (`table` in `r.year`)
    /// looks in the tables of that name only. `place` names where the name was looked for in the message about an
    /// unknown name; by default the tables in scope.
    static func resolveColumn(_ name: String, table qualifier: String? = nil, at range: SourceRange, in tables: [TableBinding],
                              sourceRef: Bool = true, place: String? = nil) throws -> ColumnMeaning {
        guard !tables.isEmpty else {
            throw Diagnostic("unknown column '\(name)': a select without FROM has no columns", at: range, code: .columnWithoutFrom)
        }
        var tables = tables
        if let qualifier {
            let named = tables.filter { $0.name.lowercased() == qualifier.lowercased() }
            guard !named.isEmpty else {
                var notes: [String] = []
                if let s = suggestion(for: qualifier, among: tables.map(\.name)) { notes.append("did you mean \(s)?") }
                notes.append("FROM has " + tables.map(\.name).joined(separator: ", "))
                throw Diagnostic("unknown table '\(qualifier)'", at: range, notes: notes)
            }
            tables = named
        }
        let found = lookUpColumn(name, in: tables, sourceRef: sourceRef)
        if found.count > 1 {
            let names = found.map(\.0.name)
            throw Diagnostic("column '\(name)' is ambiguous: \(names.dropLast().joined(separator: ", ")) and \(names.last ?? "") each have it",
                             at: range, notes: ["name the table, as in \(names[0]).\(name)"])
        }
        guard let (_, meaning) = found.first else {
            var notes: [String] = []
            if let s = suggestion(for: name, among: tables.flatMap(\.schema.columnNames)) { notes.append("did you mean \(s)?") }
            for t in tables { notes.append("\(t.name) has columns " + t.schema.columns.map(\.name).joined(separator: ", ")) }
            throw Diagnostic("unknown column '\(name)' in \(place ?? tables.map(\.name).joined(separator: ", "))", at: range, notes: notes)
        }
        return meaning
    }
}
