// `explain sql SELECT …`: the DuckDB SQL that gives the same rows, over the datasets as `.dump` or `.export` carry
// them to DuckDB. The query keeps its own text; only what DuckDB reads otherwise is rewritten in place:
// - a percent literal becomes its decimal fraction (95% → 0.95), so that percentages and percentage points are plain
//   fractions, as the datasets hold them in DuckDB;
// - an English dataset or column name, and `jaar`, become the dataset's own (Dutch) name;
// - a file in FROM becomes read_csv(…) with the options indq's sniffer found in it.
// The query is bound first, so that a query indq rejects gets the same error here.

extension Session {
    /// explainSQL writes the DuckDB SQL of a query.
    func explainSQL(_ query: Query, range: SourceRange, source: SourceText) throws {
        var checker = Binder(catalogue: catalogue, source: source)
        _ = try checker.check(query)
        var translation = DuckDBSQL(catalogue: catalogue, source: source, range: range)
        write(try translation.translate(query) + ";\n")
    }
}

/// DuckDBSQL rewrites a query's text for DuckDB.
struct DuckDBSQL {
    let catalogue: Catalogue
    let source: SourceText
    /// edits replace places of the text, none overlapping.
    private var edits: [(range: SourceRange, text: String)] = []
    /// renames map an English column name (or jaar), in lower case, to the Dutch name of the datasets the query reads.
    private var renames: [String: String] = [:]
    /// defined are the names the query gives itself (aliases, CTEs and their columns), which are never renamed.
    private var defined = Set<String>()
    /// kept are the places of ORDER BY names that mean a select alias, which stay as they are.
    private var kept = Set<Int>()
    /// dutch are the columns of the datasets the query reads, by their own names, which stay as they are.
    private var dutch = Set<String>()

    /// range is the query's own text in the source.
    let range: SourceRange

    init(catalogue: Catalogue, source: SourceText, range: SourceRange) {
        self.catalogue = catalogue
        self.source = source
        self.range = range
    }

    /// translate gives the query's text with every edit made.
    mutating func translate(_ query: Query) throws -> String {
        // First the names: which datasets the query reads, and which names it defines.
        var datasets: [Dataset] = []
        Self.walk(query, table: { t in
            switch t {
            case .named(let n):
                if let d = catalogue.reportDataset(named: n.text) { datasets.append(d) }
            case .aliased(_, let alias, let columns):
                defined.insert(alias.text.lowercased())
                defined.formUnion(columns.map { $0.text.lowercased() })
            default: break
            }
        }, expr: { _ in }, query: { q in
            for cte in q.with {
                defined.insert(cte.name.text.lowercased())
                defined.formUnion(cte.columns.map { $0.text.lowercased() })
            }
            // An alias of the select list wins over a column only in ORDER BY, as in DuckDB.
            var aliases = Set<String>()
            for s in q.selects {
                for case .expr(_, let alias?) in s.items { aliases.insert(alias.text.lowercased()) }
            }
            for item in q.orderBy {
                if case .column(let n) = item.expr.kind, aliases.contains(n.lowercased()) { kept.insert(item.expr.range.start) }
            }
        })
        for d in datasets {
            for c in d.columns {
                dutch.insert(c.name.lowercased())
                if c.english.lowercased() != c.name.lowercased() { renames[c.english.lowercased()] = c.name }
            }
            if d.columnIndex(named: "year") != nil, d.columns.allSatisfy({ $0.name.lowercased() != "jaar" }) { renames["jaar"] = "year" }
        }
        for name in dutch.union(defined) { renames[name] = nil }
        // Then the edits.
        var failure: Error?
        Self.walk(query, table: { t in
            do { try table(t) } catch { failure = failure ?? error }
        }, expr: { e in expr(e) }, query: { q in
            for s in q.selects {
                for case .star(let star) in s.items {
                    for n in star.exclude { rename(n) }
                    for r in star.replace { rename(r.name) }
                }
            }
        })
        if let failure { throw failure }
        return apply()
    }

    private mutating func rename(_ n: Name) {
        if let to = renames[n.text.lowercased()] { edits.append((n.range, quoteName(to))) }
    }

    private mutating func table(_ t: TableRef) throws {
        switch t {
        case .named(let n):
            if let d = catalogue.reportDataset(named: n.text), d.name != n.text { edits.append((n.range, quoteName(d.name))) }
        case .file(let path, let range):
            let file = try Binder.openFile(path, CSVOptions(), at: range)
            edits.append((range, Self.readCSV(path, file.layout.dialect)))
        case .join(_, let j):
            if case .using(let names) = j.constraint { for n in names { rename(n) } }
        default: break
        }
    }

    private mutating func expr(_ e: Expr) {
        switch e.kind {
        case .literal(.percentage(let text)):
            edits.append((e.range, DuckDBSQL.fraction(text)))
        case .column(let name):
            if !kept.contains(e.range.start), let to = renames[name.lowercased()] { edits.append((e.range, quoteName(to))) }
        case .qualifiedColumn(let table, let column):
            if let to = renames[column.lowercased()] { edits.append((e.range, quoteName(table) + "." + quoteName(to))) }
        default: break
        }
    }

    /// apply makes the edits on the query's text, from `range.start` to `range.end`.
    private func apply() -> String {
        var out = ""
        var at = range.start
        for edit in edits.sorted(by: { $0.range.start < $1.range.start }) where edit.range.start >= at && edit.range.end <= range.end {
            out += String(decoding: source.bytes[at..<edit.range.start], as: UTF8.self) + edit.text
            at = edit.range.end
        }
        return out + String(decoding: source.bytes[at..<range.end], as: UTF8.self)
    }

    /// fraction writes a percent literal's number as its fraction: 95 → 0.95, 12.5 → 0.125.
    static func fraction(_ text: String) -> String {
        DecimalValue.parse(text, shift: 2)?.description ?? text
    }

    /// readCSV writes read_csv with the dialect the sniffer found.
    static func readCSV(_ path: String, _ d: CSVDialect) -> String {
        var options = ["delim = " + quoteSQLString(d.delimiter == 9 ? "\\t" : String(UnicodeScalar(d.delimiter)))]
        options.append("quote = " + quoteSQLString(d.quote.map { String(UnicodeScalar($0)) } ?? ""))
        options.append("escape = " + quoteSQLString(d.escape.map { String(UnicodeScalar($0)) } ?? ""))
        options.append("header = " + (d.header ? "true" : "false"))
        if d.skip > 0 { options.append("skip = \(d.skip)") }
        if !d.nullStrings.isEmpty {
            options.append("nullstr = [" + d.nullStrings.map { quoteSQLString(String(decoding: $0, as: UTF8.self)) }.joined(separator: ", ") + "]")
        }
        return "read_csv(" + quoteSQLString(path) + ", " + options.joined(separator: ", ") + ")"
    }

    /// walk visits every table reference, expression and query of a query, subqueries and CTEs included.
    static func walk(_ q: Query, table: (TableRef) -> Void, expr: (Expr) -> Void, query: (Query) -> Void) {
        query(q)
        for cte in q.with { walk(cte.query, table: table, expr: expr, query: query) }
        func e(_ x: Expr) {
            expr(x)
            switch x.kind {
            case .subquery(let s), .exists(let s): walk(s, table: table, expr: expr, query: query)
            case .inSubquery(_, let s, _): walk(s, table: table, expr: expr, query: query)
            default: break
            }
            for c in x.children { e(c) }
        }
        func t(_ r: TableRef) {
            table(r)
            switch r {
            case .function(_, let args, _): args.forEach(e)
            case .derived(let s, _): walk(s, table: table, expr: expr, query: query)
            case .aliased(let inner, _, _): t(inner)
            case .join(let left, let j):
                t(left)
                t(j.right)
                if case .on(let c) = j.constraint { e(c) }
            default: break
            }
        }
        for s in q.selects {
            for item in s.items {
                switch item {
                case .expr(let x, _): e(x)
                case .star(let star): star.replace.forEach { e($0.expr) }
                }
            }
            if let from = s.from { t(from) }
            [s.whereClause, s.having, s.qualify].compactMap { $0 }.forEach(e)
            s.groupBy.forEach(e)
        }
        q.orderBy.forEach { e($0.expr) }
        [q.limit, q.offset].compactMap { $0 }.forEach(e)
    }
}
