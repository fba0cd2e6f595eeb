// Binding of expressions: names, operators, CASE, casts, subqueries and function calls, each checked against
// the function registry's typing rules; aggregates and windows are collected into the scope.

extension Binder {
    /// bind resolves names in an expression and works out its type.
    mutating func bind(_ e: Expr, _ scope: inout Scope) throws -> BoundExpr {
        // In a grouped select, an expression that is a GROUP BY key is read from the group.
        if scope.grouped && !scope.insideAggregate, let g = scope.groupKeys.first(where: { $0.key == e.key }) {
            if case .literal = e.kind {} else { return BoundExpr(kind: g.expr.kind, type: g.expr.type, range: e.range) }
        }
        switch e.kind {
        case .column(let name):
            if let merged = scope.using.first(where: { $0.name == name.lowercased() }) {
                if scope.grouped && !scope.insideAggregate {
                    throw Diagnostic("column '\(name)' must appear in GROUP BY or be used in an aggregate function", at: e.range)
                }
                return BoundExpr(kind: merged.expr.kind, type: merged.expr.type, range: e.range)
            }
            if Self.lookUpColumn(name, in: scope.tables).isEmpty {
                if let a = scope.aliases.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                    // The alias stands for its expression; it is taken out of scope meanwhile, so it cannot refer to itself.
                    let aliased = scope.aliases.remove(at: a)
                    defer { scope.aliases.insert(aliased, at: a) }
                    let b = try bind(aliased.expr, &scope)
                    return BoundExpr(kind: b.kind, type: b.type, range: e.range)
                }
                if let o = try outer?.resolve(name, table: nil, at: e.range) { return o }
            }
            return try bindColumn(name, table: nil, &scope, at: e.range)
        case .qualifiedColumn(let table, let name):
            if !scope.tables.contains(where: { $0.name.lowercased() == table.lowercased() }),
               let o = try outer?.resolve(name, table: table, at: e.range) {
                return o
            }
            return try bindColumn(name, table: table, &scope, at: e.range)
        case .exists(let q):
            var plan = try bindSubquery(q, &scope, at: e.range, oneColumn: false)
            // One row decides.
            if plan.offset == nil && plan.limit == nil { plan.limit = 1 }
            return BoundExpr(kind: .exists(subqueryPlan(plan)), type: .boolean, range: e.range)
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
            var bx = try bind(x, &scope), bl = try bind(low, &scope), bh = try bind(high, &scope)
            if [bx, bl, bh].contains(where: { $0.type == .date }) {
                (bx, bl, bh) = (try readDate(bx), try readDate(bl), try readDate(bh))
            }
            try expectComparable(bx, bl, op: "BETWEEN")
            try expectComparable(bx, bh, op: "BETWEEN")
            noteBetween(bx, bl, bh, negated: negated, scope)
            return BoundExpr(kind: .between(bx, bl, bh, negated: negated), type: .boolean, range: e.range)
        case .inList(let x, let list, let negated):
            var bx = try bind(x, &scope)
            var items: [BoundExpr] = []
            var boundList = try list.map { try bind($0, &scope) }
            if bx.type == .date || boundList.contains(where: { $0.type == .date }) {
                bx = try readDate(bx)
                boundList = try boundList.map(readDate)
            }
            for b in boundList {
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
                    if bo.type == .date { c = try readDate(c) }
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
            try checkDateCast(b, to: target)
            // A constant text becomes its date now, so that a bad one is an error before any row is read.
            if case .date = target, case .constant(.text(let s)) = b.kind {
                guard let d = DateValue.parse(s[...]) else { throw Diagnostic(DateValue.parseError(s[...]), at: b.range) }
                return BoundExpr(kind: .constant(.date(d)), type: .date, range: e.range)
            }
            return BoundExpr(kind: .cast(b, target), type: target.valueType, range: e.range)
        case .list, .structLiteral:
            throw Diagnostic("indq reads a list or struct literal only as an option of read_csv, as in types = ['BIGINT', 'VARCHAR'] "
                             + "or columns = {'year': 'BIGINT'}", at: e.range)
        case .subquery(let q):
            let plan = try bindSubquery(q, &scope, at: e.range)
            return BoundExpr(kind: .subquery(subqueryPlan(plan)), type: plan.columns[0].type, range: e.range)
        case .inSubquery(let x, let q, let negated):
            var bx = try bind(x, &scope)
            let plan = try bindSubquery(q, &scope, at: e.range)
            if plan.columns[0].type == .date { bx = try readDate(bx) }
            try expectComparable(bx, BoundExpr(kind: .constant(.null), type: plan.columns[0].type, range: e.range), op: "IN")
            return BoundExpr(kind: .inSubquery(bx, subqueryPlan(plan), negated: negated), type: .boolean, range: e.range)
        }
    }

    /// bindColumn resolves a column name, qualified or not, among the tables in scope.
    func bindColumn(_ name: String, table: String?, _ scope: inout Scope, at range: SourceRange) throws -> BoundExpr {
        switch try Self.resolveColumn(name, table: table, at: range, in: scope.tables) {
        case .sourceRef(let offset):
            if scope.grouped && !scope.insideAggregate {
                throw Diagnostic("column '\(name)' must appear in GROUP BY or be used in an aggregate function", at: range)
            }
            return BoundExpr(kind: scope.tables.count == 1 ? .sourceRef : .sourceRefOf(offset), type: .text, range: range)
        case .column(let i, let type):
            if scope.grouped && !scope.insideAggregate {
                if let key = scope.groupColumns[i] { return BoundExpr(kind: .groupKey(key), type: type, range: range) }
                let shown = table.map { "\($0).\(name)" } ?? name
                throw Diagnostic("column '\(shown)' must appear in GROUP BY or be used in an aggregate function", at: range,
                                 notes: ["group by \(shown), or use e.g. sum(\(shown)) or max(\(shown))"])
            }
            return BoundExpr(kind: .column(i), type: type, range: range)
        }
    }

    /// bindSubquery binds a subquery, which may read the columns of this query's scope and of the queries around it.
    mutating func bindSubquery(_ q: Query, _ scope: inout Scope, at range: SourceRange, oneColumn: Bool = true) throws -> QueryPlan {
        var inner = Binder(catalogue: catalogue, source: source)
        inner.ctes = ctes
        inner.outer = OuterScope(scope, parent: outer)
        let plan = try inner.check(q)
        warnings += inner.warnings
        notes.add(contentsOf: inner.notes.all)
        if oneColumn && plan.columns.count != 1 {
            throw Diagnostic("a subquery used as a value must return one column, found \(plan.columns.count)", at: range)
        }
        lastOuter = inner.outer
        return plan
    }

    /// subqueryPlan wraps a bound subquery with the outer values it reads, if any, from the scope just bound.
    mutating func subqueryPlan(_ plan: QueryPlan) -> SubqueryPlan {
        defer { lastOuter = nil }
        guard let o = lastOuter, !o.parameters.isEmpty else { return SubqueryPlan(plan) }
        return SubqueryPlan(plan, parameters: o.parameters, values: o.values)
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
        var bl = try bind(l, &scope)
        var br = try bind(r, &scope)
        if op.isComparison { (bl, br) = try comparable(bl, br) }
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
}
