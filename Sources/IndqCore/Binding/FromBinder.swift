// Binding of FROM: datasets, table functions, derived tables and CTEs, their aliases, and the joins between them.
// Each table becomes a binding whose columns follow those of the tables before it in the combined row, and FROM
// becomes the plan that produces that row.

/// BoundFrom is what FROM brings into a select: the plan that makes its rows, the table bindings its names are
/// resolved in, the columns that USING merged, and the one table it reads when it reads only one.
struct BoundFrom {
    var plan: LogicalPlan
    var tables: [TableBinding]
    /// using maps a column name that USING merged to the expression that unqualified name stands for.
    var using: [(name: String, expr: BoundExpr)] = []
    var single: (any Table)?
    /// hidden are the combined-row columns that `*` leaves out: the right side's copy of each USING column.
    var hidden: Set<Int> = []
    /// merged are the columns in whose place `*` shows each USING column's merged value: the left side's copy.
    var merged: [Int] = []
    var width: Int { tables.reduce(0) { $0 + $1.schema.columns.count } }
}

/// CTEDefinition is one CTE in scope: its definition, how many CTEs before it it may read, and its plan once bound,
/// which every reference shares.
final class CTEDefinition {
    let cte: CommonTableExpression
    let visible: Int
    var bound: (plan: QueryPlan, result: SharedResult)?
    init(_ cte: CommonTableExpression, visible: Int) { self.cte = cte; self.visible = visible }
}

extension Binder {
    /// bindFrom brings FROM's tables into scope: the plan that reads them, and the bindings that names are resolved in.
    mutating func bindFrom(_ from: TableRef?) throws -> BoundFrom? {
        guard let from else { return nil }
        var unnamed = 0
        let bound = try bindTableRef(from, offset: 0, unnamed: &unnamed)
        return bound
    }

    /// bindTableRef binds one reference whose columns start at `offset` in the combined row.
    mutating func bindTableRef(_ ref: TableRef, offset: Int, unnamed: inout Int) throws -> BoundFrom {
        switch ref {
        case .named(let name):
            if let cte = lookUpCTE(name.text) { return try bindCTE(cte, name, offset: offset) }
            if bindingCTEs.contains(name.text.lowercased()) {
                throw Diagnostic("the CTE \(name.text) refers to itself; WITH RECURSIVE is not supported, and a CTE reads only those before it",
                                 at: name.range)
            }
            if case .view(let query, let text)? = catalogue.sessionDataset(named: name.text)?.kind {
                let view = try bindView(name, query, text)
                let schema = Self.schema(named: name.text, view.columns, at: name.range)
                return BoundFrom(plan: .derived(view, SharedResult(uses: 1), name: name.text),
                                 tables: [TableBinding(name: name.text, schema: schema, columnOffset: offset)])
            }
            let table = try resolveTable(ref)
            return BoundFrom(plan: .scan(table), tables: [TableBinding(name: table.schema.name, schema: table.schema, columnOffset: offset)],
                             single: table)
        case .function, .file:
            let table = try resolveTable(ref)
            return BoundFrom(plan: .scan(table), tables: [TableBinding(name: table.schema.name, schema: table.schema, columnOffset: offset)],
                             single: table)
        case .derived(let q, let range):
            let plan = try bindDerived(q)
            unnamed += 1
            let name = unnamed == 1 ? "unnamed_subquery" : "unnamed_subquery\(unnamed)"
            let schema = Self.schema(named: name, plan.columns, at: range)
            return BoundFrom(plan: .derived(plan, SharedResult(uses: 1), name: name), tables: [TableBinding(name: name, schema: schema, columnOffset: offset)])
        case .aliased(let inner, let alias, let columns):
            var bound = try bindTableRef(inner, offset: offset, unnamed: &unnamed)
            guard bound.tables.count == 1 else {
                throw Diagnostic("an alias names one table, not a join; give each table of the join its own alias", at: alias.range)
            }
            bound.tables[0].name = alias.text
            if !columns.isEmpty {
                var schema = bound.tables[0].schema
                guard columns.count <= schema.columns.count else {
                    throw Diagnostic("\(alias.text) names \(columns.count) columns, but its table has \(schema.columns.count)",
                                     at: columns[schema.columns.count].range)
                }
                for (i, c) in columns.enumerated() {
                    schema.columns[i].name = c.text.lowercased()
                    schema.columns[i].english = c.text.lowercased()
                }
                bound.tables[0].schema = schema
            }
            return bound
        case .join(let leftRef, let join):
            let left = try bindTableRef(leftRef, offset: offset, unnamed: &unnamed)
            let right = try bindTableRef(join.right, offset: offset + left.width, unnamed: &unnamed)
            for t in right.tables where left.tables.contains(where: { $0.name.lowercased() == t.name.lowercased() }) {
                throw Diagnostic("the table name '\(t.name)' is used twice in FROM; give one of them an alias, as in \(t.name) \(t.name.prefix(1))2",
                                 at: join.right.range)
            }
            return try bindJoin(left, right, join, offset: offset)
        }
    }

    /// bindJoin binds the condition of a join and splits it into the equalities that a hash join can look up and
    /// the rest, which it tests on each pair.
    mutating func bindJoin(_ left: BoundFrom, _ right: BoundFrom, _ join: Join, offset: Int) throws -> BoundFrom {
        var out = BoundFrom(plan: .oneRow, tables: left.tables + right.tables, using: left.using + right.using,
                            hidden: left.hidden.union(right.hidden))
        out.merged = left.merged + right.merged
        var conjuncts: [BoundExpr] = []
        switch join.constraint {
        case .none: break
        case .on(let e):
            var scope = Scope(tables: out.tables, clause: "ON")
            scope.using = out.using
            conjuncts = Self.conjuncts(try bindCondition(e, &scope, clause: "ON"))
        case .using(let names):
            for n in names {
                let l = try usingColumn(n, in: left, side: "left")
                let r = try usingColumn(n, in: right, side: "right")
                guard let type = unify(l.type, r.type) else {
                    throw Diagnostic("USING (\(n.text)) compares \(l.type.rawValue) on the left with \(r.type.rawValue) on the right", at: n.range)
                }
                conjuncts.append(BoundExpr(kind: .binary(.equal, l, r), type: .boolean, range: n.range))
                // The unqualified name means the left column, the right one for a right join, and either for a full join.
                let merged: BoundExpr
                switch join.kind {
                case .right: merged = r
                case .full:
                    let coalesce = FunctionRegistry.lookup("coalesce")!
                    merged = BoundExpr(kind: .scalar(coalesce, coerce([l, r], to: type)), type: type, range: n.range)
                default: merged = l
                }
                out.using.removeAll { $0.name == n.text.lowercased() }
                out.using.append((n.text.lowercased(), merged))
                // `*` shows the merged value once, in the left column's place, whatever the kind of join, as
                // DuckDB does; the right column is the copy it leaves out.
                if case .column(let i) = r.kind { out.hidden.insert(i) }
                if case .column(let i) = l.kind, !out.merged.contains(i) { out.merged.append(i) }
            }
        }
        let leftWidth = left.width
        var plan = JoinPlan(kind: join.kind == .comma ? .cross : join.kind, leftWidth: leftWidth, rightWidth: right.width,
                            offset: offset, range: join.range)
        var rest: [BoundExpr] = []
        for c in conjuncts {
            if case .binary(.equal, let a, let b) = c.kind, Self.hashable(a.type, b.type) {
                let sa = Self.side(a, offset: offset, leftWidth: leftWidth), sb = Self.side(b, offset: offset, leftWidth: leftWidth)
                if sa == .left && sb == .right { plan.leftKeys.append(a); plan.rightKeys.append(b); continue }
                if sa == .right && sb == .left { plan.leftKeys.append(b); plan.rightKeys.append(a); continue }
            }
            rest.append(c)
        }
        if !rest.isEmpty {
            plan.condition = rest.count == 1 ? rest[0]
                : BoundExpr(kind: .chain(rest[0], rest.dropFirst().map { BoundLink(op: .and, operand: $0, type: .boolean, range: $0.range) }),
                            type: .boolean, range: rest[0].range.to(rest[rest.count - 1].range))
        }
        out.plan = .join(plan, left: left.plan, right: right.plan)
        return out
    }

    /// usingColumn resolves a USING column on one side of a join, where it must be exactly one table's.
    func usingColumn(_ n: Name, in side: BoundFrom, side name: String) throws -> BoundExpr {
        if let merged = side.using.first(where: { $0.name == n.text.lowercased() }) { return merged.expr }
        let found = Self.lookUpColumn(n.text, in: side.tables, sourceRef: false)
        guard !found.isEmpty else {
            throw Diagnostic("USING (\(n.text)): the \(name) side of the join has no column '\(n.text)'", at: n.range,
                             notes: side.tables.map { "\($0.name) has columns " + $0.schema.columns.map(\.name).joined(separator: ", ") })
        }
        guard found.count == 1, case .column(let i, let type) = found[0].1 else {
            throw Diagnostic("USING (\(n.text)) is ambiguous: more than one table on the \(name) side has it", at: n.range)
        }
        return BoundExpr(kind: .column(i), type: type, range: n.range)
    }

    /// conjuncts splits a condition at its top-level ANDs.
    static func conjuncts(_ e: BoundExpr) -> [BoundExpr] {
        if case .chain(let first, let links) = e.kind, links.allSatisfy({ $0.op == .and }) { return [first] + links.map(\.operand) }
        return [e]
    }

    /// hashable tells whether equal values of two types have equal hash keys, so that `=` can be a hash look-up.
    static func hashable(_ a: ValueType, _ b: ValueType) -> Bool {
        if a == b { return a != .double && a != .null }
        let exact: Set<ValueType> = [.integer, .decimal]
        return exact.contains(a) && exact.contains(b)
    }

    enum JoinSide { case left, right, neither }

    /// side tells which input of a join an expression reads: only the left one's columns, only the right one's, or
    /// both, none, or something that is not a plain function of the row.
    static func side(_ e: BoundExpr, offset: Int, leftWidth: Int) -> JoinSide {
        var left = false, right = false, other = false
        e.forEach { x in
            switch x.kind {
            case .column(let i): if i < offset + leftWidth { left = true } else { right = true }
            case .subquery, .inSubquery, .exists, .sourceRef, .sourceRefOf, .outer, .groupKey, .aggregate, .window: other = true
            default: break
            }
        }
        if other || left == right { return .neither }
        return left ? .left : .right
    }

    /// bindDerived binds a query in FROM: it sees the CTEs and the outer queries of this one, not its sibling tables.
    mutating func bindDerived(_ q: Query) throws -> QueryPlan {
        var inner = Binder(catalogue: catalogue, source: source)
        inner.ctes = ctes
        inner.outer = outer
        let plan = try inner.check(q)
        warnings += inner.warnings
        notes.add(contentsOf: inner.notes.all)
        return plan
    }

    /// lookUpCTE finds a CTE in scope by name, the innermost first.
    func lookUpCTE(_ name: String) -> CTEDefinition? {
        ctes.last { $0.cte.name.text.lowercased() == name.lowercased() }
    }

    /// bindCTE binds a reference to a CTE: its query is bound once, with the CTEs before it in scope, and each
    /// further reference shares its result.
    mutating func bindCTE(_ cte: CTEDefinition, _ name: Name, offset: Int) throws -> BoundFrom {
        if let bound = cte.bound {
            bound.result.uses += 1
            let schema = Self.schema(named: cte.cte.name.text, bound.plan.columns, renamed: cte.cte.columns, at: name.range)
            return BoundFrom(plan: .derived(bound.plan, bound.result, name: cte.cte.name.text),
                             tables: [TableBinding(name: cte.cte.name.text, schema: schema, columnOffset: offset)])
        }
        var inner = Binder(catalogue: catalogue, source: source)
        inner.ctes = Array(ctes.prefix(cte.visible))
        inner.outer = outer
        inner.bindingCTEs = bindingCTEs.union([cte.cte.name.text.lowercased()])
        let plan = try inner.check(cte.cte.query)
        warnings += inner.warnings
        notes.add(contentsOf: inner.notes.all)
        guard cte.cte.columns.count <= plan.columns.count else {
            throw Diagnostic("the CTE \(cte.cte.name.text) names \(cte.cte.columns.count) columns, but its query gives \(plan.columns.count)",
                             at: cte.cte.columns[plan.columns.count].range)
        }
        let result = SharedResult(uses: 1)
        cte.bound = (plan, result)
        let schema = Self.schema(named: cte.cte.name.text, plan.columns, renamed: cte.cte.columns, at: name.range)
        return BoundFrom(plan: .derived(plan, result, name: cte.cte.name.text),
                         tables: [TableBinding(name: cte.cte.name.text, schema: schema, columnOffset: offset)])
    }

    /// schema describes the result of a query in FROM as a table's columns.
    static func schema(named name: String, _ columns: [ResultColumn], renamed: [Name] = [], at range: SourceRange) -> Dataset {
        // A name that an earlier column has gets `_1` until it is new, as DuckDB names them: a, a_1, a_1_1.
        var seen = Set<String>()
        let cols = columns.enumerated().map { i, c -> Column in
            var n = i < renamed.count ? renamed[i].text.lowercased() : c.name.lowercased()
            while seen.contains(n) { n += "_1" }
            seen.insert(n)
            return Column(name: n, type: c.type, english: n, meaningNL: "", meaningEN: "")
        }
        return Dataset(name: name, english: name, description: "the rows of a query", report: "", section: "", table: "",
                       notes: [], columns: cols, rows: [], rowSources: [])
    }
}
