// Binder: syntax tree → plan. Binds a query and each of its selects (FROM, *, WHERE, GROUP BY, HAVING, the select
// list, QUALIFY, ORDER BY) before any row is read, so that every mistake is reported with its place.

/// Binder resolves and type-checks queries against a catalogue.
public struct Binder {
    let catalogue: Catalogue
    let source: SourceText
    var warnings: [Diagnostic] = []
    var notes = Notes()
    /// viewDepth is how many views deep this binder is, so that a view that reads itself is an error, not a hang.
    var viewDepth = 0
    /// ctes are the CTEs in scope, the outermost first.
    var ctes: [CTEDefinition] = []
    /// bindingCTEs are the CTEs whose queries are being bound, so that one that refers to itself is refused.
    var bindingCTEs: Set<String> = []
    /// outer is the scope of the query around this one when this is a subquery, whose columns it may read.
    var outer: OuterScope?
    /// lastOuter is the outer scope of the subquery bound last, whose parameters its plan takes.
    var lastOuter: OuterScope?

    public init(catalogue: Catalogue, source: SourceText) {
        self.catalogue = catalogue
        self.source = source
    }

    /// check turns a query into a plan, or throws the first error found.
    public mutating func check(_ query: Query) throws -> QueryPlan {
        let outerCTEs = ctes
        defer { ctes = outerCTEs }
        for (i, cte) in query.with.enumerated() {
            if query.with[..<i].contains(where: { $0.name.text.lowercased() == cte.name.text.lowercased() }) {
                throw Diagnostic("the CTE name '\(cte.name.text)' is defined twice in one WITH", at: cte.name.range)
            }
            ctes.append(CTEDefinition(cte, visible: ctes.count))
        }
        var selects: [SelectPlan] = []
        var orderScope: Scope?
        var items: [SelectList] = []
        for select in query.selects {
            let (plan, scope, list) = try bindSelect(select)
            selects.append(plan)
            orderScope = scope
            items.append(list)
        }
        // Column names come from the first select; types are unified across the set operations.
        var columns = selects[0].outputs.map { ResultColumn($0.name, $0.expr.type) }
        for (n, s) in selects.enumerated().dropFirst() {
            let op = query.setOps[n - 1].sql
            guard s.outputs.count == columns.count else {
                throw Diagnostic("\(op) needs selects with the same number of columns: the first has \(columns.count), this one \(s.outputs.count)",
                                 at: query.selects[n].range)
            }
            for (i, o) in s.outputs.enumerated() {
                // A date beside text is text in a set operation, as in DuckDB, where the text is a VARCHAR by then.
                let dateAndText = Set([columns[i].type, o.expr.type]) == [.date, .text]
                guard let t = dateAndText ? .text : unify(columns[i].type, o.expr.type) else {
                    throw Diagnostic("\(op) column \(i + 1) is \(columns[i].type.rawValue) in the first select and \(o.expr.type.rawValue) here",
                                     at: o.expr.range)
                }
                columns[i].type = t
            }
        }
        if selects.count > 1 {
            for i in columns.indices {
                let unified = coerce(selects.map { $0.outputs[i].expr }, to: columns[i].type)
                for s in selects.indices { selects[s].outputs[i].expr = unified[s] }
            }
        }
        var order: [(key: QueryPlan.SortKey, descending: Bool)] = []
        if let all = query.orderByAll {
            order = columns.indices.map { (.output($0), all.descending) }
        }
        for item in query.orderBy {
            if selects.count > 1 {
                order.append((try outputSortKey(item.expr, columns: columns, list: nil, after: query.setOps[0].sql), item.descending))
                continue
            }
            if let key = try? outputSortKey(item.expr, columns: columns, list: items[0]) {
                order.append((key, item.descending))
                continue
            }
            if case .literal(.integer) = item.expr.kind { _ = try outputSortKey(item.expr, columns: columns, list: items[0]) }
            if selects[0].distinct {
                throw Diagnostic("for SELECT DISTINCT, ORDER BY must name a result column or give its position", at: item.expr.range)
            }
            var scope = orderScope!
            scope.clause = "ORDER BY"
            scope.allowAggregates = scope.grouped
            scope.allowWindows = true
            scope.aliases = items[0].aliases
            let bound = try bind(item.expr, &scope)
            selects[0].aggregates = scope.aggregates
            selects[0].windows = scope.windows
            orderScope = scope
            order.append((.expr(bound), item.descending))
        }
        Self.readOnlyUsedColumns(&selects, order: order)
        return QueryPlan(selects: selects, setOps: query.setOps, columns: columns, order: order, limit: try count(query.limit),
                         offset: try count(query.offset), warnings: warnings, notes: notes.all)
    }

    /// SelectList is a select's list once `*` is expanded: each expression, its result name, and whether the name
    /// is an alias the query gave (`AS name`, or a column that `* REPLACE` replaced).
    struct SelectList {
        /// tables are the tables that FROM brings in, which `*` expands to.
        var tables: [TableBinding] = []
        /// from is FROM as bound, with the columns that USING merged.
        var from: BoundFrom?
        var items: [(expr: Expr, name: String?, aliased: Bool)] = []
        /// outputs are the bound expressions, parallel to items.
        var outputs: [BoundExpr] = []

        /// aliases are the names that clauses other than the select list may use for an item's expression.
        var aliases: [(name: String, expr: Expr)] {
            items.compactMap { item in item.aliased ? item.name.map { ($0, item.expr) } : nil }
        }
    }

    /// outputSortKey resolves an ORDER BY entry that names a result column: a position (`2`), an alias, or a column
    /// of the select list. As in DuckDB, an alias wins over a column of the same name, and quoting does not matter.
    func outputSortKey(_ e: Expr, columns: [ResultColumn], list: SelectList?, after setOp: String = "") throws -> QueryPlan.SortKey {
        if case .literal(.integer(let t)) = e.kind {
            guard let n = Int(t), n >= 1, n <= columns.count else {
                throw Diagnostic("ORDER BY position \(t) is not in the select list (expected 1 to \(columns.count))", at: e.range)
            }
            return .output(n - 1)
        }
        if case .column(let name) = e.kind {
            let key = name.lowercased()
            if let list, let i = list.items.firstIndex(where: { $0.aliased && $0.name?.lowercased() == key }) { return .output(i) }
            if let i = columns.firstIndex(where: { $0.name.lowercased() == key }) { return .output(i) }
            // The same column under another spelling: jaar for year, an English name.
            if let list, case let found = Self.lookUpColumn(name, in: list.tables, sourceRef: false), found.count == 1,
               case .column(let c, _) = found[0].1,
               let i = list.outputs.firstIndex(where: { if case .column(c) = $0.kind { return true }; return false }) {
                return .output(i)
            }
        }
        throw Diagnostic(list == nil ? "ORDER BY after \(setOp) must name a result column or give its position" : "not a result column",
                         at: e.range)
    }

    /// bindSelect binds one select: FROM, WHERE, GROUP BY, HAVING, the select list, QUALIFY and the window functions.
    mutating func bindSelect(_ select: Select) throws -> (SelectPlan, Scope, SelectList) {
        let from = try bindFrom(select.from)
        let tables = from?.tables ?? []
        let using = from?.using ?? []
        // Expand `*` first, so that WHERE, GROUP BY positions and aliases refer to the final select list.
        var list = SelectList(tables: tables, from: from)
        for item in select.items {
            switch item {
            case .star(let star):
                list.items += try expand(star, from)
            case .expr(let e, let alias):
                // A column's result name is its name without quotes, so that "year" and year name the same column.
                var name = alias?.text
                if name == nil, case .column(let c) = e.kind { name = c }
                if name == nil, case .qualifiedColumn(_, let c) = e.kind { name = c }
                list.items.append((e, name, alias != nil))
            }
        }
        let aliases = list.aliases
        var scope = Scope(tables: tables, clause: "WHERE")
        scope.using = using
        var filter: BoundExpr?
        if let w = select.whereClause {
            scope.aliases = aliases
            filter = try bindCondition(w, &scope, clause: "WHERE")
            scope.aliases = []
        }
        let aggregating = !select.groupBy.isEmpty || select.groupByAll || select.having != nil
            || list.items.contains { containsAggregate($0.expr) }
        scope.grouped = aggregating
        var groupKeys: [BoundExpr] = []
        scope.clause = "GROUP BY"
        // GROUP BY ALL groups by every item that is not an aggregate (or a window function over one).
        let targets = select.groupByAll
            ? list.items.map(\.expr).filter { !containsAggregate($0) && !containsWindow($0) }
            : try select.groupBy.map { g -> Expr in
                if case .literal(.integer(let t)) = g.kind {
                    guard let n = Int(t), n >= 1, n <= list.items.count else {
                        throw Diagnostic("GROUP BY position \(t) is not in the select list (expected 1 to \(list.items.count))", at: g.range)
                    }
                    return list.items[n - 1].expr
                }
                if case .column(let name) = g.kind, Self.lookUpColumn(name, in: tables, sourceRef: false).isEmpty,
                   let aliased = aliases.first(where: { $0.name.lowercased() == name.lowercased() }) {
                    return aliased.expr
                }
                return g
            }
        for target in targets {
            var keyScope = Scope(tables: tables, clause: "GROUP BY")
            keyScope.using = using
            keyScope.aliases = aliases
            let bound = try bind(target, &keyScope)
            if case .column(let i) = bound.kind, scope.groupColumns[i] == nil { scope.groupColumns[i] = groupKeys.count }
            scope.groupKeys.append((target.key, BoundExpr(kind: .groupKey(groupKeys.count), type: bound.type, range: bound.range)))
            if case .chain(_, let links) = target.kind { scope.chainKeyLengths.insert(links.count) }
            groupKeys.append(bound)
        }
        var having: BoundExpr?
        if let h = select.having {
            scope.allowAggregates = true
            scope.aliases = aliases
            having = try bindCondition(h, &scope, clause: "HAVING")
            scope.aliases = []
        }
        scope.clause = "the select list"
        scope.allowAggregates = aggregating
        scope.allowWindows = true
        var outputs: [(name: String, expr: BoundExpr)] = []
        for item in list.items {
            let bound = try bind(item.expr, &scope)
            outputs.append((item.name ?? text(of: item.expr), bound))
            list.outputs.append(bound)
        }
        var qualify: BoundExpr?
        if let q = select.qualify {
            scope.aliases = aliases
            qualify = try bindCondition(q, &scope, clause: "QUALIFY")
            scope.aliases = []
            // As in DuckDB: without a window function, QUALIFY would be a WHERE in the wrong place.
            if scope.windows.isEmpty {
                throw Diagnostic("QUALIFY filters on window functions, but the select has none; use WHERE", at: q.range)
            }
        }
        let table = from?.single
        let plan = SelectPlan(dataset: table?.schema, table: table, from: from?.plan, filter: filter, grouped: aggregating, groupKeys: groupKeys,
                              aggregates: scope.aggregates, having: having, windows: scope.windows, qualify: qualify,
                              outputs: outputs, distinct: select.distinct)
        return (plan, scope, list)
    }

    /// expand turns `* [EXCLUDE (…)] [REPLACE (…)]` into the columns of the tables in scope, and `t.*` into those of
    /// table t. Under a join each column is named with its table, so that a name two tables have stays one column;
    /// a column that USING merged comes once.
    func expand(_ star: Star, _ from: BoundFrom?) throws -> [(expr: Expr, name: String?, aliased: Bool)] {
        guard let from, !from.tables.isEmpty else { throw Diagnostic("SELECT * needs a FROM: there are no columns to select", at: star.range) }
        var tables = from.tables
        if let t = star.table {
            tables = tables.filter { $0.name.lowercased() == t.text.lowercased() }
            guard !tables.isEmpty else {
                throw Diagnostic("unknown table '\(t.text)' in \(t.text).*", at: t.range, notes: ["FROM has " + from.tables.map(\.name).joined(separator: ", ")])
            }
        }
        func index(_ n: Name, _ clause: String) throws -> Int {
            // With sourceRef off, a name resolves to a column or not at all.
            // A column that USING merged is the one in whose place `*` shows it.
            if star.table == nil, from.using.contains(where: { $0.name == n.text.lowercased() }),
               let i = from.merged.first(where: { i in
                   from.tables.contains { t in t.columnOffset <= i && i < t.columnOffset + t.schema.columns.count
                       && t.schema.columns[i - t.columnOffset].name.lowercased() == n.text.lowercased() } }) {
                return i
            }
            guard case .column(let i, _) = try Self.resolveColumn(n.text, at: n.range, in: tables, sourceRef: false, place: clause) else {
                throw Diagnostic("unknown column '\(n.text)' in \(clause)", at: n.range)
            }
            return i
        }
        var excluded = Set<Int>()
        for n in star.exclude {
            // Under a join, EXCLUDE leaves out every table's column of that name, as DuckDB does.
            let all = Self.lookUpColumn(n.text, in: tables, sourceRef: false).compactMap { found -> Int? in
                if case .column(let i, _) = found.1 { return i }
                return nil
            }
            let indices = all.count > 1 ? all : [try index(n, "EXCLUDE")]
            guard excluded.isDisjoint(with: indices) else {
                throw Diagnostic("column '\(n.text)' is excluded twice", at: n.range)
            }
            excluded.formUnion(indices)
        }
        var replaced: [Int: Expr] = [:]
        for r in star.replace {
            let i = try index(r.name, "REPLACE")
            if excluded.contains(i) { throw Diagnostic("column '\(r.name.text)' is both excluded and replaced", at: r.name.range) }
            guard replaced.updateValue(r.expr, forKey: i) == nil else {
                throw Diagnostic("column '\(r.name.text)' is replaced twice", at: r.name.range)
            }
        }
        let joined = from.tables.count > 1
        let hidden = star.table == nil ? from.hidden : []
        let columns = tables.flatMap { t in t.schema.columns.indices.map { (t.columnOffset + $0, t.schema.columns[$0].name, t.name) } }
        return columns.filter { !excluded.contains($0.0) && !hidden.contains($0.0) }.map { i, name, table in
            if let e = replaced[i] { return (e, name, true) }
            // A merged USING column is its unqualified name, which means both sides' value.
            let merged = star.table == nil && from.merged.contains(i)
            let e = joined && !merged ? Expr(.qualifiedColumn(table: table, column: name), star.range) : Expr(.column(name), star.range)
            return (e, name, false)
        }
    }

    /// bindCondition binds a WHERE, HAVING or QUALIFY condition, which must be true, false or null.
    mutating func bindCondition(_ e: Expr, _ scope: inout Scope, clause: String) throws -> BoundExpr {
        scope.clause = clause
        let b = try bind(e, &scope)
        guard b.type == .boolean || b.type == .null else {
            throw Diagnostic("expected a condition after \(clause), found an expression of type \(b.type.rawValue)", at: e.range)
        }
        return b
    }

    /// containsAggregate tells whether an expression calls an aggregate outside a window, which makes the select
    /// a grouped one. Subqueries are their own queries and are not looked into.
    func containsAggregate(_ e: Expr) -> Bool {
        e.contains { sub in
            if case .call(let c) = sub.kind, c.over == nil { return FunctionRegistry.lookup(c.name)?.kind == .aggregate }
            return false
        }
    }

    /// containsWindow tells whether an expression calls a window function.
    func containsWindow(_ e: Expr) -> Bool {
        e.contains { sub in if case .call(let c) = sub.kind { return c.over != nil }; return false }
    }

    /// resolveTable finds the table a FROM reads: a dataset, or the rows of a table function. A table function's
    /// arguments are constants, computed here.
    mutating func resolveTable(_ ref: TableRef) throws -> any Table {
        switch ref {
        case .named(let name):
            // A view has no rows of its own: FROM binds its query (bindTableRef), and nothing else may read it as a table.
            if case .view? = catalogue.sessionDataset(named: name.text)?.kind {
                throw Diagnostic("view \(name.text) can be read only in FROM", at: name.range)
            }
            return DatasetTable(try resolveDataset(name))
        case .file(let path, let range):
            return try Self.openFile(path, CSVOptions(), at: range)
        case .derived, .aliased, .join:
            throw Diagnostic("expected a dataset or a table function", at: ref.range)
        case .function(let name, let args, let range):
            if Self.readCSVNames.contains(name.text.lowercased()) { return try readCSV(name, args, at: range) }
            guard TableFunctions.names.contains(name.text.lowercased()) else {
                var notes: [String] = []
                if let s = suggestion(for: name.text, among: TableFunctions.names) { notes.append("did you mean \(s)?") }
                notes.append("the table functions are " + TableFunctions.names.joined(separator: " and "))
                throw Diagnostic("unknown table function '\(name.text)'", at: name.range, notes: notes)
            }
            var values: [Int64?] = []
            for arg in args {
                var scope = Scope(clause: "the arguments of \(name.text.lowercased())")
                let bound = try bind(arg, &scope)
                guard bound.type == .integer || bound.type == .null else {
                    throw Diagnostic("\(name.text.lowercased()) takes whole numbers, found \(bound.type.rawValue)", at: arg.range)
                }
                switch try BatchExpressions.constant(bound) {
                case .integer(let i): values.append(i)
                default: values.append(nil)
                }
            }
            return try TableFunctions.make(name.text, values, at: range)
        }
    }

    /// bindView binds the query of a session view, which FROM reads as a derived table of that name: a view reads
    /// the datasets as they are when the statement runs, not as they were when it was made. Its places are in its
    /// own text.
    func bindView(_ name: Name, _ query: Query, _ text: SourceText) throws -> QueryPlan {
        guard viewDepth < Limits.maxViewDepth else {
            throw Diagnostic("view \(name.text) reads itself, through views that read each other (more than \(Limits.maxViewDepth) deep)",
                             at: name.range, code: .viewReadsItself)
        }
        var checker = Binder(catalogue: catalogue, source: text)
        checker.viewDepth = viewDepth + 1
        do {
            return try checker.check(query)
        } catch let d as Diagnostic where d.code != .viewReadsItself {
            // A dataset it reads may have been dropped or replaced since.
            throw Diagnostic("view \(name.text) no longer works: \(d.message)", at: name.range,
                             notes: ["its query was: \(query.sql)"] + d.notes)
        }
    }

    /// resolveDataset finds the dataset a FROM names, or says which one was probably meant.
    public func resolveDataset(_ name: Name) throws -> Dataset {
        if let d = catalogue.dataset(named: name.text) { return d }
        var notes: [String] = []
        if let s = suggestion(for: name.text, among: catalogue.allNames) { notes.append("did you mean \(s)?") }
        notes.append("show datasets lists them all")
        throw Diagnostic("unknown dataset '\(name.text)'", at: name.range, notes: notes)
    }

    /// text returns the source text of an expression, which names its result column as the query wrote it.
    func text(of e: Expr) -> String {
        String(decoding: source.bytes[min(e.range.start, source.bytes.count)..<min(e.range.end, source.bytes.count)], as: UTF8.self)
    }

    /// count reads a LIMIT or OFFSET value.
    func count(_ e: Expr?) throws -> Int? {
        guard let e else { return nil }
        guard case .literal(.integer(let t)) = e.kind, let n = Int(t) else {
            throw Diagnostic("expected a whole number no larger than \(Int.max)", at: e.range)
        }
        return n
    }
}
