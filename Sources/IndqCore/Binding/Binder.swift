// Binder: syntax tree → plan. Resolves names against the catalogue and checks types and clauses in a phase of
// its own, so that every mistake in a query is reported with its place before any row is read.

/// BoundExpr is an expression resolved against a select: names are references into the row being evaluated,
/// literals are values, and every node knows its type and its place in the source.
public struct BoundExpr: Sendable {
    public indirect enum Kind: Sendable {
        /// A column of the dataset's row.
        case column(Int)
        /// A GROUP BY key of the current group.
        case groupKey(Int)
        /// An aggregate computed over the current group.
        case aggregate(Int)
        /// A window function's value for the current row.
        case window(Int)
        /// The pseudo-column `bron`: the row's short source reference.
        case sourceRef
        case constant(Value)
        case negate(BoundExpr)
        case not(BoundExpr)
        case binary(BinaryOp, BoundExpr, BoundExpr)
        /// A chain of operators of one precedence level, applied from the left, without recursion.
        case chain(BoundExpr, [BoundLink])
        case between(BoundExpr, BoundExpr, BoundExpr, negated: Bool)
        case inList(BoundExpr, [BoundExpr], negated: Bool)
        case isNull(BoundExpr, negated: Bool)
        case like(BoundExpr, BoundExpr, caseInsensitive: Bool, negated: Bool)
        /// A scalar function of the registry, applied to its arguments.
        case scalar(FunctionEntry, [BoundExpr])
        case caseWhen([(BoundExpr, BoundExpr)], BoundExpr?)
        case cast(BoundExpr, CastType)
        /// Converts a value to the type that CASE, COALESCE or UNION ALL settled on.
        case coerce(BoundExpr)
        case subquery(SubqueryPlan)
        case inSubquery(BoundExpr, SubqueryPlan, negated: Bool)
    }

    public var kind: Kind
    public var type: ValueType
    public var range: SourceRange
}

/// BoundLink is one `op operand` of a chain, with the type and place of the chain up to and including it, so that
/// an overflow names the part that overflowed.
public struct BoundLink: Sendable {
    public var op: BinaryOp
    public var operand: BoundExpr
    public var type: ValueType
    public var range: SourceRange
}

/// SubqueryPlan is a checked subquery; its rows are computed once, on first use, since it cannot refer to the
/// outer query.
public final class SubqueryPlan: @unchecked Sendable {
    public let plan: QueryPlan
    var cached: [[Value]]?
    /// members is the first column as a hash set, for IN (SELECT …).
    var members: (keys: Set<ValueKey>, hasNull: Bool, count: Int)?
    /// approximate tells, once the subquery has run, whether its value was computed from approximate figures.
    var approximate = false
    init(_ plan: QueryPlan) { self.plan = plan }
}

/// AggregatePlan is one aggregate of a grouped select.
public struct AggregatePlan: Sendable {
    public var function: FunctionEntry
    public var name: String { function.name }
    /// argument is the first argument; nil for count(*).
    public var argument: BoundExpr?
    /// extra are the arguments after the first: quantile_cont's q, string_agg's separator, arg_max's y.
    public var extra: [BoundExpr] = []
    public var distinct: Bool
    public var filter: BoundExpr?
    public var type: ValueType
    public var range: SourceRange
}

/// WindowPlan is one window function of a select.
public struct WindowPlan: Sendable {
    public var function: FunctionEntry
    public var name: String { function.name }
    public var arguments: [BoundExpr]
    public var partitionBy: [BoundExpr]
    public var orderBy: [(BoundExpr, descending: Bool)]
    public var type: ValueType
    public var range: SourceRange
}

/// SelectPlan is one checked select.
public struct SelectPlan: Sendable {
    /// nil for a select without FROM, which sees one empty row; for a table function, its schema.
    public var dataset: Dataset?
    /// table is what FROM reads; nil without FROM.
    public var table: (any Table)?
    public var filter: BoundExpr?
    /// grouped is true for GROUP BY, and for aggregates without GROUP BY (one group of all rows).
    public var grouped: Bool
    public var groupKeys: [BoundExpr]
    public var aggregates: [AggregatePlan]
    public var having: BoundExpr?
    public var windows: [WindowPlan]
    /// qualify filters the rows once their window functions are known.
    public var qualify: BoundExpr?
    public var outputs: [(name: String, expr: BoundExpr)]
    public var distinct: Bool
}

/// QueryPlan is a checked query, ready to run.
public struct QueryPlan: Sendable {
    /// SortKey is an ORDER BY entry: a result column, or an expression over the (single) select's rows.
    public enum SortKey: Sendable {
        case output(Int)
        case expr(BoundExpr)
    }

    public var selects: [SelectPlan]
    /// setOps[i] joins the rows of selects[i] and selects[i + 1].
    public var setOps: [SetOperation] = []
    public var columns: [ResultColumn]
    public var order: [(key: SortKey, descending: Bool)]
    public var limit: Int?
    public var offset: Int?
    /// warnings are hints that do not stop the query, e.g. a percentage compared with 80.
    public var warnings: [Diagnostic]
    /// notes tell about the figures the query reads, e.g. a year the dataset does not have (Notes.swift); they
    /// are written after the result.
    public var notes: [Diagnostic] = []
}

/// Binder resolves and type-checks queries against a catalogue.
public struct Binder {
    let catalogue: Catalogue
    let source: SourceText
    var warnings: [Diagnostic] = []
    var notes = Notes()

    public init(catalogue: Catalogue, source: SourceText) {
        self.catalogue = catalogue
        self.source = source
    }

    /// Scope is what names mean while binding one clause of a select.
    struct Scope {
        var dataset: Dataset?
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
        /// DuckDB allows; a column of the dataset with the same name wins.
        var aliases: [(name: String, expr: Expr)] = []
    }

    /// check turns a query into a plan, or throws the first error found.
    public mutating func check(_ query: Query) throws -> QueryPlan {
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
                guard let t = unify(columns[i].type, o.expr.type) else {
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
        return QueryPlan(selects: selects, setOps: query.setOps, columns: columns, order: order, limit: try count(query.limit),
                         offset: try count(query.offset), warnings: warnings, notes: notes.all)
    }

    /// SelectList is a select's list once `*` is expanded: each expression, its result name, and whether the name
    /// is an alias the query gave (`AS name`, or a column that `* REPLACE` replaced).
    struct SelectList {
        var dataset: Dataset?
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
            if let list, let dataset = list.dataset, let c = dataset.columnIndex(named: name),
               let i = list.outputs.firstIndex(where: { if case .column(c) = $0.kind { return true }; return false }) {
                return .output(i)
            }
        }
        throw Diagnostic(list == nil ? "ORDER BY after \(setOp) must name a result column or give its position" : "not a result column",
                         at: e.range)
    }

    /// bindSelect binds one select: FROM, WHERE, GROUP BY, HAVING, the select list, QUALIFY and the window functions.
    mutating func bindSelect(_ select: Select) throws -> (SelectPlan, Scope, SelectList) {
        let table = try select.from.map { try resolveTable($0) }
        let dataset = table?.schema
        // Expand `*` first, so that WHERE, GROUP BY positions and aliases refer to the final select list.
        var list = SelectList(dataset: dataset)
        for item in select.items {
            switch item {
            case .star(let star):
                list.items += try expand(star, dataset)
            case .expr(let e, let alias):
                // A column's result name is its name without quotes, so that "year" and year name the same column.
                var name = alias?.text
                if name == nil, case .column(let c) = e.kind { name = c }
                list.items.append((e, name, alias != nil))
            }
        }
        let aliases = list.aliases
        var scope = Scope(dataset: dataset, clause: "WHERE")
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
                if case .column(let name) = g.kind, dataset?.columnIndex(named: name) == nil,
                   let aliased = aliases.first(where: { $0.name.lowercased() == name.lowercased() }) {
                    return aliased.expr
                }
                return g
            }
        for target in targets {
            var keyScope = Scope(dataset: dataset, clause: "GROUP BY")
            keyScope.aliases = aliases
            let bound = try bind(target, &keyScope)
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
        let plan = SelectPlan(dataset: dataset, table: table, filter: filter, grouped: aggregating, groupKeys: groupKeys,
                              aggregates: scope.aggregates, having: having, windows: scope.windows, qualify: qualify,
                              outputs: outputs, distinct: select.distinct)
        return (plan, scope, list)
    }

    /// expand turns `* [EXCLUDE (…)] [REPLACE (…)]` into the dataset's columns.
    func expand(_ star: Star, _ dataset: Dataset?) throws -> [(expr: Expr, name: String?, aliased: Bool)] {
        guard let dataset else { throw Diagnostic("SELECT * needs a FROM: there are no columns to select", at: star.range) }
        func index(_ n: Name, _ clause: String) throws -> Int {
            guard let i = dataset.columnIndex(named: n.text) else {
                var notes: [String] = []
                if let s = suggestion(for: n.text, among: dataset.columnNames) { notes.append("did you mean \(s)?") }
                notes.append("\(dataset.name) has columns " + dataset.columns.map(\.name).joined(separator: ", "))
                throw Diagnostic("unknown column '\(n.text)' in \(clause)", at: n.range, notes: notes)
            }
            return i
        }
        var excluded = Set<Int>()
        for n in star.exclude {
            guard excluded.insert(try index(n, "EXCLUDE")).inserted else {
                throw Diagnostic("column '\(n.text)' is excluded twice", at: n.range)
            }
        }
        var replaced: [Int: Expr] = [:]
        for r in star.replace {
            let i = try index(r.name, "REPLACE")
            if excluded.contains(i) { throw Diagnostic("column '\(r.name.text)' is both excluded and replaced", at: r.name.range) }
            guard replaced.updateValue(r.expr, forKey: i) == nil else {
                throw Diagnostic("column '\(r.name.text)' is replaced twice", at: r.name.range)
            }
        }
        return dataset.columns.indices.filter { !excluded.contains($0) }.map { i in
            let name = dataset.columns[i].name
            if let e = replaced[i] { return (e, name, true) }
            return (Expr(.column(name), star.range), name, false)
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
        var found = false
        e.visit { sub in
            if case .call(let c) = sub.kind, c.over == nil, FunctionRegistry.lookup(c.name)?.kind == .aggregate { found = true }
        }
        return found
    }

    /// containsWindow tells whether an expression calls a window function.
    func containsWindow(_ e: Expr) -> Bool {
        var found = false
        e.visit { sub in if case .call(let c) = sub.kind, c.over != nil { found = true } }
        return found
    }

    /// resolveTable finds the table a FROM reads: a dataset, or the rows of a table function. A table function's
    /// arguments are constants, computed here.
    mutating func resolveTable(_ ref: TableRef) throws -> any Table {
        switch ref {
        case .named(let name):
            return DatasetTable(try resolveDataset(name))
        case .function(let name, let args, let range):
            guard TableFunctions.names.contains(name.text.lowercased()) else {
                var notes: [String] = []
                if let s = suggestion(for: name.text, among: TableFunctions.names) { notes.append("did you mean \(s)?") }
                notes.append("the table functions are " + TableFunctions.names.joined(separator: " and "))
                throw Diagnostic("unknown table function '\(name.text)'", at: name.range, notes: notes)
            }
            var values: [Int64?] = []
            for arg in args {
                var scope = Scope(dataset: nil, clause: "the arguments of \(name.text.lowercased())")
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

    // MARK: Expressions

    /// bind resolves names in an expression and works out its type.
    mutating func bind(_ e: Expr, _ scope: inout Scope) throws -> BoundExpr {
        // In a grouped select, an expression that is a GROUP BY key is read from the group.
        if scope.grouped && !scope.insideAggregate, let g = scope.groupKeys.first(where: { $0.key == e.key }) {
            if case .literal = e.kind {} else { return BoundExpr(kind: g.expr.kind, type: g.expr.type, range: e.range) }
        }
        switch e.kind {
        case .column(let name):
            let hasSources = scope.dataset.map { !$0.report.isEmpty } ?? false
            let isColumn = scope.dataset.map { $0.columnIndex(named: name) != nil || (hasSources && sourceRefNames.contains(name.lowercased())) } ?? false
            if !isColumn, let a = scope.aliases.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                // The alias stands for its expression; it is taken out of scope meanwhile, so it cannot refer to itself.
                let aliased = scope.aliases.remove(at: a)
                defer { scope.aliases.insert(aliased, at: a) }
                let b = try bind(aliased.expr, &scope)
                return BoundExpr(kind: b.kind, type: b.type, range: e.range)
            }
            guard let dataset = scope.dataset else {
                throw Diagnostic("unknown column '\(name)': a select without FROM has no columns", at: e.range,
                                 code: .columnWithoutFrom)
            }
            if dataset.columnIndex(named: name) == nil && hasSources && sourceRefNames.contains(name.lowercased()) {
                if scope.grouped && !scope.insideAggregate {
                    throw Diagnostic("column '\(name)' must appear in GROUP BY or be used in an aggregate function", at: e.range)
                }
                return BoundExpr(kind: .sourceRef, type: .text, range: e.range)
            }
            guard let i = dataset.columnIndex(named: name) else {
                var notes: [String] = []
                if let s = suggestion(for: name, among: dataset.columnNames) { notes.append("did you mean \(s)?") }
                notes.append("\(dataset.name) has columns " + dataset.columns.map(\.name).joined(separator: ", "))
                throw Diagnostic("unknown column '\(name)' in \(dataset.name)", at: e.range, notes: notes)
            }
            if scope.grouped && !scope.insideAggregate {
                throw Diagnostic("column '\(name)' must appear in GROUP BY or be used in an aggregate function", at: e.range,
                                 notes: ["group by \(name), or use e.g. sum(\(name)) or max(\(name))"])
            }
            return BoundExpr(kind: .column(i), type: dataset.columns[i].type, range: e.range)
        case .literal(let lit):
            let v = try literalValue(lit, at: e.range)
            return BoundExpr(kind: .constant(v), type: v.type, range: e.range)
        case .unary(.not, let operand):
            let b = try bind(operand, &scope)
            try expect(b, isBoolean: "NOT")
            return BoundExpr(kind: .not(b), type: .boolean, range: e.range)
        case .unary(let op, let operand):
            let b = try bind(operand, &scope)
            guard b.type.isNumeric else {
                throw Diagnostic("cannot apply unary '\(op.rawValue)' to \(b.type.rawValue); expected a number", at: e.range)
            }
            return op == .plus ? b : BoundExpr(kind: .negate(b), type: b.type, range: e.range)
        case .binary(let op, let l, let r):
            return try bindBinary(op, l, r, &scope, range: e.range)
        case .chain(let first, let links):
            return try bindChain(first, links, &scope, range: e.range)
        case .between(let x, let low, let high, let negated):
            let bx = try bind(x, &scope), bl = try bind(low, &scope), bh = try bind(high, &scope)
            try expectComparable(bx, bl, op: "BETWEEN")
            try expectComparable(bx, bh, op: "BETWEEN")
            noteBetween(bx, bl, bh, negated: negated, scope)
            return BoundExpr(kind: .between(bx, bl, bh, negated: negated), type: .boolean, range: e.range)
        case .inList(let x, let list, let negated):
            let bx = try bind(x, &scope)
            var items: [BoundExpr] = []
            for item in list {
                let b = try bind(item, &scope)
                try expectComparable(bx, b, op: "IN")
                items.append(b)
            }
            noteInList(bx, items, negated: negated, scope)
            return BoundExpr(kind: .inList(bx, items, negated: negated), type: .boolean, range: e.range)
        case .isNull(let x, let negated):
            return BoundExpr(kind: .isNull(try bind(x, &scope), negated: negated), type: .boolean, range: e.range)
        case .like(let x, let pattern, let ci, let negated):
            let bx = try bind(x, &scope), bp = try bind(pattern, &scope)
            for b in [bx, bp] where b.type != .text && b.type != .null {
                throw Diagnostic("\(ci ? "ILIKE" : "LIKE") compares text, found \(b.type.rawValue)", at: b.range)
            }
            noteLike(bx, bp, caseInsensitive: ci, scope)
            return BoundExpr(kind: .like(bx, bp, caseInsensitive: ci, negated: negated), type: .boolean, range: e.range)
        case .call(let call):
            return try bindCall(call, &scope, range: e.range)
        case .caseWhen(let operand, let branches, let elseResult):
            let bo = try operand.map { try bind($0, &scope) }
            var bound: [(BoundExpr, BoundExpr)] = []
            var type = ValueType.null
            for branch in branches {
                var c = try bind(branch.condition, &scope)
                if let bo {
                    try expectComparable(bo, c, op: "CASE … WHEN")
                    c = BoundExpr(kind: .binary(.equal, bo, c), type: .boolean, range: c.range)
                } else {
                    try expect(c, isBoolean: "WHEN")
                }
                let r = try bind(branch.result, &scope)
                type = try unify(type, r, what: "CASE results")
                bound.append((c, r))
            }
            let be = try elseResult.map { try bind($0, &scope) }
            if let be { type = try unify(type, be, what: "CASE results") }
            let results = coerce(bound.map(\.1) + (be.map { [$0] } ?? []), to: type)
            let coerced = zip(bound, results).map { ($0.0, $1) }
            return BoundExpr(kind: .caseWhen(coerced, be == nil ? nil : results.last), type: type, range: e.range)
        case .cast(let x, let target):
            let b = try bind(x, &scope)
            if case .percentage = target, !(b.type.isNumeric || b.type == .text) {
                throw Diagnostic("cannot convert \(b.type.rawValue) to PERCENTAGE; expected a fraction such as 0.82", at: b.range)
            }
            return BoundExpr(kind: .cast(b, target), type: target.valueType, range: e.range)
        case .subquery(let q):
            let plan = try bindSubquery(q, at: e.range)
            return BoundExpr(kind: .subquery(SubqueryPlan(plan)), type: plan.columns[0].type, range: e.range)
        case .inSubquery(let x, let q, let negated):
            let bx = try bind(x, &scope)
            let plan = try bindSubquery(q, at: e.range)
            try expectComparable(bx, BoundExpr(kind: .constant(.null), type: plan.columns[0].type, range: e.range), op: "IN")
            return BoundExpr(kind: .inSubquery(bx, SubqueryPlan(plan), negated: negated), type: .boolean, range: e.range)
        }
    }

    /// bindSubquery binds a subquery on its own: it cannot see the outer query's columns.
    mutating func bindSubquery(_ q: Query, at range: SourceRange) throws -> QueryPlan {
        var inner = Binder(catalogue: catalogue, source: source)
        let plan = try inner.check(q)
        warnings += inner.warnings
        notes.add(contentsOf: inner.notes.all)
        guard plan.columns.count == 1 else {
            throw Diagnostic("a subquery used as a value must return one column, found \(plan.columns.count)", at: range)
        }
        return plan
    }

    /// bindCall binds a function call: an aggregate, a window function or a scalar function, as the registry has it.
    mutating func bindCall(_ call: FunctionCall, _ scope: inout Scope, range: SourceRange) throws -> BoundExpr {
        let nameRange = SourceRange(range.start, range.start + call.name.utf8.count)
        guard let entry = FunctionRegistry.lookup(call.name) else {
            var notes: [String] = []
            if let s = suggestion(for: call.name, among: FunctionRegistry.spellings) { notes.append("did you mean \(s)?") }
            notes.append("help functions lists them all")
            throw Diagnostic("unknown function '\(call.name)'", at: nameRange, notes: notes)
        }
        let name = entry.name
        let argCount = call.star ? 0 : call.args.count
        if call.star && !entry.takesStar {
            let star = FunctionRegistry.starNames
            throw Diagnostic("only \(star.joined(separator: " and ")) takes *" + (star.first.map { ", as in \($0)(*)" } ?? ""), at: range)
        }
        if entry.takesStar && !call.star && call.args.isEmpty {
            throw Diagnostic("\(name) takes * or one argument: \(name)(*) or \(name)(x)", at: range)
        }
        guard entry.arity.contains(argCount) else {
            let (low, high) = (entry.arity.lowerBound, entry.arity.upperBound)
            let expected = low == high ? "\(low)" : "\(low) to \(high)"
            throw Diagnostic("\(name) takes \(expected) argument\(high == 1 ? "" : "s"), found \(argCount); usage: \(entry.signature)", at: range)
        }
        if call.distinct && entry.kind != .aggregate {
            throw Diagnostic("DISTINCT applies only to aggregates, as in count(DISTINCT x)", at: range)
        }
        if call.filter != nil && entry.kind != .aggregate {
            throw Diagnostic("FILTER applies only to aggregates, as in sum(x) FILTER (WHERE …)", at: range)
        }
        if let over = call.over {
            guard entry.kind == .window || entry.alsoWindow else {
                let names = FunctionRegistry.windowNames
                throw Diagnostic("\(name) is not a window function; OVER (…) follows \(names.dropLast().joined(separator: ", ")), \(names.last ?? "") or an aggregate", at: range)
            }
            if call.distinct || call.filter != nil {
                throw Diagnostic("DISTINCT and FILTER are not supported in window functions", at: range)
            }
            guard scope.allowWindows && !scope.insideAggregate else {
                throw Diagnostic("window functions are not allowed in \(scope.insideAggregate ? "an aggregate" : scope.clause)", at: range)
            }
            // The arguments are bound with windows disallowed, in scope itself, so that appending to its lists
            // copies nothing: a copy of the scope would make each append copy them all, quadratic over a long chain.
            scope.allowWindows = false
            defer { scope.allowWindows = true }
            let bound = try call.args.map { try bind($0, &scope) }
            let partition = try over.partitionBy.map { try bind($0, &scope) }
            let order = try over.orderBy.map { (try bind($0.expr, &scope), descending: $0.descending) }
            let (type, args) = try typeCall(entry, bound, range: range)
            noteCumulative(entry, args, scope, at: range)
            scope.windows.append(WindowPlan(function: entry, arguments: args, partitionBy: partition, orderBy: order, type: type.result, range: range))
            return BoundExpr(kind: .window(scope.windows.count - 1), type: type.result, range: range)
        }
        switch entry.kind {
        case .window:
            throw Diagnostic("\(name) is a window function and needs OVER (…), as in \(name)(…) OVER (ORDER BY year)", at: range)
        case .aggregate:
            guard !scope.insideAggregate else { throw Diagnostic("aggregate function calls cannot be nested", at: range) }
            guard scope.allowAggregates else {
                throw Diagnostic("aggregate functions are not allowed in \(scope.clause)", at: range,
                                 notes: scope.clause == "WHERE" ? ["use HAVING to filter on an aggregate"] : [])
            }
            // As for windows: the argument is bound in scope itself, with the flags set and restored.
            let (wasInside, allowedWindows) = (scope.insideAggregate, scope.allowWindows)
            scope.insideAggregate = true
            scope.allowWindows = false
            defer { (scope.insideAggregate, scope.allowWindows) = (wasInside, allowedWindows) }
            let bound = try call.args.map { try bind($0, &scope) }
            let filter = try call.filter.map { f -> BoundExpr in
                let b = try bind(f, &scope)
                try expect(b, isBoolean: "FILTER")
                return b
            }
            let (type, args) = try typeCall(entry, bound, range: range)
            scope.aggregates.append(AggregatePlan(function: entry, argument: args.first, extra: Array(args.dropFirst()), distinct: call.distinct,
                                                  filter: filter, type: type.result, range: range))
            return BoundExpr(kind: .aggregate(scope.aggregates.count - 1), type: type.result, range: range)
        case .scalar:
            let bound = try call.args.map { try bind($0, &scope) }
            let (type, args) = try typeCall(entry, bound, range: range)
            if case .conditional = entry.implementation {
                // CASE evaluates only the branch it takes, as DuckDB's if does.
                let results = coerce(Array(args.dropFirst()), to: type.result)
                return BoundExpr(kind: .caseWhen([(args[0], results[0])], results[1]), type: type.result, range: range)
            }
            return BoundExpr(kind: .scalar(entry, args), type: type.result, range: range)
        }
    }

    /// typeCall applies a function's typing rule to bound arguments, and the conversions the rule asks for.
    func typeCall(_ entry: FunctionEntry, _ bound: [BoundExpr], range: SourceRange) throws -> (CallType, [BoundExpr]) {
        let type = try entry.type(bound.map { b in
            var constant: Value?
            if case .constant(let v) = b.kind { constant = v }
            return ArgumentType(type: b.type, range: b.range, constant: constant)
        }, at: range)
        var args = bound
        if type.unifiesArguments { args = coerce(args, to: type.result) }
        for (i, t) in type.conversions where i < args.count { args[i] = convert(args[i], to: t) }
        args += type.appended.map { BoundExpr(kind: .constant($0), type: $0.type, range: range) }
        return (type, args)
    }

    mutating func bindBinary(_ op: BinaryOp, _ l: Expr, _ r: Expr, _ scope: inout Scope, range: SourceRange) throws -> BoundExpr {
        let bl = try bind(l, &scope)
        let br = try bind(r, &scope)
        let type = try binaryType(op, bl, br, range: range)
        if op.isComparison { noteComparison(op, bl, br, scope) }
        return BoundExpr(kind: .binary(op, bl, br), type: type, range: range)
    }

    /// bindChain binds a chain link by link, in a loop: its length costs no stack.
    mutating func bindChain(_ first: Expr, _ links: [ChainLink], _ scope: inout Scope, range: SourceRange) throws -> BoundExpr {
        var head: BoundExpr
        var start = 0
        if let (k, key) = groupKeyPrefix(first, links, scope) {
            head = key
            start = k
        } else {
            head = try bind(first, &scope)
        }
        // left stands for the chain so far: its type and place, for the checks of the next link.
        var left = head
        var bound: [BoundLink] = []
        bound.reserveCapacity(links.count - start)
        for link in links[start...] {
            let right = try bind(link.operand, &scope)
            let place = left.range.to(right.range)
            let type = try binaryType(link.op, left, right, range: place)
            bound.append(BoundLink(op: link.op, operand: right, type: type, range: place))
            left = BoundExpr(kind: .constant(.null), type: type, range: place)
        }
        return BoundExpr(kind: .chain(head, bound), type: left.type, range: range)
    }

    /// groupKeyPrefix finds the longest start of a chain that is a GROUP BY key, with its number of links.
    func groupKeyPrefix(_ first: Expr, _ links: [ChainLink], _ scope: Scope) -> (Int, BoundExpr)? {
        guard scope.grouped && !scope.insideAggregate else { return nil }
        for k in scope.chainKeyLengths.sorted(by: >) where k < links.count {
            let prefix = Expr(.chain(first, Array(links[..<k])), first.range.to(links[k - 1].operand.range))
            let key = prefix.key
            if let g = scope.groupKeys.first(where: { $0.key == key }) {
                return (k, BoundExpr(kind: g.expr.kind, type: g.expr.type, range: prefix.range))
            }
        }
        return nil
    }

    /// binaryType checks the operands of `l op r` and gives its type.
    mutating func binaryType(_ op: BinaryOp, _ bl: BoundExpr, _ br: BoundExpr, range: SourceRange) throws -> ValueType {
        let type: ValueType
        switch op {
        case .and, .or:
            try expect(bl, isBoolean: op.rawValue)
            try expect(br, isBoolean: op.rawValue)
            type = .boolean
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            try expectComparable(bl, br, op: op.rawValue)
            hintPercentage(bl, br)
            hintPercentage(br, bl)
            type = .boolean
        case .concat:
            type = .text
        case .add, .subtract, .multiply, .divide, .integerDivide:
            guard bl.type.isNumeric, br.type.isNumeric else {
                let bad = bl.type.isNumeric ? br : bl
                throw Diagnostic("cannot apply '\(op.rawValue)' to \(bl.type.rawValue) and \(br.type.rawValue); expected numbers",
                                 at: bad.range)
            }
            if op == .integerDivide, !(bl.type == .integer || bl.type == .null) || !(br.type == .integer || br.type == .null) {
                throw Diagnostic("'//' divides whole numbers, found \(bl.type.rawValue) and \(br.type.rawValue); use '/' for decimals",
                                 at: range)
            }
            type = arithmeticType(op, bl.type, br.type)
        }
        return type
    }

    /// arithmeticType is the static type of `l op r`; `number` when it depends on the row.
    func arithmeticType(_ op: BinaryOp, _ l: ValueType, _ r: ValueType) -> ValueType {
        Arithmetic.resultType(op, l, r)
    }

    /// unify finds the type that values of both types convert to, as CASE, COALESCE and UNION ALL need.
    func unify(_ a: ValueType, _ b: ValueType) -> ValueType? { unifiedType(a, b) }

    func unify(_ a: ValueType, _ b: BoundExpr, what: String) throws -> ValueType {
        guard let t = unify(a, b.type) else {
            throw Diagnostic("\(what) must have one type, found \(a.rawValue) and \(b.type.rawValue)", at: b.range)
        }
        return t
    }

    /// convert makes an expression's values take a type, as a cast would: to an integer, halves round away.
    func convert(_ e: BoundExpr, to type: ValueType) -> BoundExpr {
        if e.type == type || e.type == .null || type == .number { return e }
        switch type {
        case .integer: return BoundExpr(kind: .cast(e, .bigint), type: type, range: e.range)
        case .text: return BoundExpr(kind: .cast(e, .varchar), type: type, range: e.range)
        default: return coerce(e, to: type)
        }
    }

    /// coerce converts the branches of a CASE, COALESCE or UNION to their unified type. Decimals take one
    /// DECIMAL(width, scale), as in DuckDB, so that `coalesce(null, 1, 2.5)` prints 1.0, when the binder can tell
    /// every branch's scale; otherwise each keeps its own.
    func coerce(_ es: [BoundExpr], to type: ValueType) -> [BoundExpr] {
        let typed = es.filter { $0.type != .null }
        let shapes = typed.compactMap(decimalShape)
        guard type == .decimal, shapes.count == typed.count, let scale = shapes.map(\.scale).max(), scale <= 18 else {
            return es.map { coerce($0, to: type) }
        }
        let width = min(DecimalValue.maxDigits, (shapes.map { $0.width - $0.scale }.max() ?? 1) + scale)
        return es.map { e in
            guard e.type != .null, decimalShape(e).map({ $0 != (width, scale) }) ?? false else { return e }
            return BoundExpr(kind: .cast(e, .decimal(width: width, scale: scale)), type: .decimal, range: e.range)
        }
    }

    /// decimalShape is the DECIMAL(width, scale) of an expression where the binder can tell it: a count (as
    /// BIGINT, DECIMAL(19,0)), a literal or a cast to DECIMAL.
    func decimalShape(_ e: BoundExpr) -> (width: Int, scale: Int)? {
        if e.type == .integer { return (19, 0) }
        switch e.kind {
        case .constant(let v): return v.asDecimal.map { ($0.width, $0.scale) }
        case .negate(let x): return decimalShape(x)
        case .cast(_, .decimal(let w, let s)): return (w, s)
        default: return nil
        }
    }

    /// coerce wraps an expression so that its values take the unified type, e.g. integers become decimals.
    func coerce(_ e: BoundExpr, to type: ValueType) -> BoundExpr {
        e.type == type || type == .number || e.type == .null ? e : BoundExpr(kind: .coerce(e), type: type, range: e.range)
    }

    func expect(_ b: BoundExpr, isBoolean op: String) throws {
        guard b.type == .boolean || b.type == .null else {
            throw Diagnostic("expected a condition for \(op), found an expression of type \(b.type.rawValue)", at: b.range)
        }
    }

    func expectComparable(_ a: BoundExpr, _ b: BoundExpr, op: String) throws {
        let ok = a.type == .null || b.type == .null || (a.type.isNumeric && b.type.isNumeric) || a.type == b.type
        guard ok else {
            let hint = a.type == .text || b.type == .text ? " (write numbers without quotes, and text in 'single quotes')" : ""
            throw Diagnostic("cannot compare \(a.type.rawValue) with \(b.type.rawValue) using \(op)\(hint)", at: a.range.to(b.range))
        }
    }

    /// hintPercentage warns when a percentage is compared with a plain number above 1: `inwilligingen > 80`.
    mutating func hintPercentage(_ pct: BoundExpr, _ other: BoundExpr) {
        guard pct.type == .percentage, case .constant(let v) = other.kind, [.integer, .decimal, .double].contains(other.type),
              let d = v.asDecimal ?? v.asDouble.flatMap({ DecimalValue(approximating: $0) }), d > DecimalValue(1),
              let shown = v.display else { return }
        warnings.append(Diagnostic("percentages are fractions, so \(shown) means \(formatPercentage(d))",
                                   at: other.range, notes: ["did you mean \(shown)%?"], severity: .warning))
    }

    /// literalValue converts a literal's text to a value, refusing integers that do not fit.
    func literalValue(_ lit: Literal, at range: SourceRange) throws -> Value {
        switch lit {
        case .integer(let t):
            guard let i = Int64(t) else {
                throw Diagnostic("integer \(t) is out of range (limit is \(Int64.max))", at: range)
            }
            return .integer(i)
        case .decimal(let t):
            // As DuckDB: `2.5` is an exact DECIMAL; `1e3`, and a decimal of more than 38 digits, a DOUBLE.
            if !t.contains(where: { $0 == "e" || $0 == "E" }), let d = DecimalValue.parse(t) { return .decimal(d) }
            guard let d = Double(t), d.isFinite else { throw Diagnostic("number \(t) is out of range", at: range) }
            return .double(d)
        case .percentage(let t):
            guard let d = DecimalValue.parse(t, shift: 2) else {
                throw Diagnostic("percentage \(t)% is out of range (at most \(DecimalValue.maxDigits) digits)", at: range)
            }
            return .percentage(d)
        case .string(let s): return .text(s)
        case .boolean(let b): return .boolean(b)
        case .null: return .null
        }
    }
}

extension Expr {
    /// visit calls `f` on this expression and every expression inside it, but not inside subqueries.
    func visit(_ f: (Expr) -> Void) {
        f(self)
        switch kind {
        case .column, .literal, .subquery: break
        case .unary(_, let e), .isNull(let e, _), .cast(let e, _), .inSubquery(let e, _, _): e.visit(f)
        case .binary(_, let a, let b), .like(let a, let b, _, _): a.visit(f); b.visit(f)
        case .chain(let first, let links): first.visit(f); links.forEach { $0.operand.visit(f) }
        case .between(let a, let b, let c, _): a.visit(f); b.visit(f); c.visit(f)
        case .inList(let a, let list, _): a.visit(f); list.forEach { $0.visit(f) }
        case .call(let c):
            c.args.forEach { $0.visit(f) }
            c.filter?.visit(f)
            c.over?.partitionBy.forEach { $0.visit(f) }
            c.over?.orderBy.forEach { $0.expr.visit(f) }
        case .caseWhen(let o, let branches, let e):
            o?.visit(f)
            branches.forEach { $0.condition.visit(f); $0.result.visit(f) }
            e?.visit(f)
        }
    }
}
