// The logical plan: a bound query as a tree of operators, each reading the rows of its input. The executor runs it
// (Execution/Executor.swift), and it prints as an indented tree, so that a test can say which operators a query runs.

/// LogicalPlan is one operator and its inputs.
public indirect enum LogicalPlan: Sendable {
    /// Reads a table: a dataset, or the rows of a table function.
    case scan(any Table)
    /// One empty row: a select without FROM.
    case oneRow
    /// Pairs the rows of two inputs: each row of the combined input holds the left row's columns, then the right's.
    case join(JoinPlan, left: LogicalPlan, right: LogicalPlan)
    /// The result rows of a query in FROM (a derived table or a CTE), under the name the query knows it by.
    case derived(QueryPlan, SharedResult, name: String)
    /// Keeps the rows for which the condition is true (WHERE, HAVING, QUALIFY).
    case filter(BoundExpr, input: LogicalPlan)
    /// Groups rows by their keys and computes aggregates per group; without keys, one group of all rows. `select`
    /// is the select it belongs to, whose dataset tells the notes and approximate marks.
    case aggregate(keys: [BoundExpr], aggregates: [AggregatePlan], of: SelectPlan, input: LogicalPlan)
    /// Computes window functions over partitions of the rows.
    case window([WindowPlan], of: SelectPlan, input: LogicalPlan)
    /// Computes the result columns of select number `index` (among those a set operation joins), then the `hidden`
    /// ones: ORDER BY expressions that are not result columns, which the sort reads after the result columns.
    case project([(name: String, expr: BoundExpr)], hidden: [BoundExpr], of: SelectPlan, index: Int, input: LogicalPlan)
    /// Drops repeated rows.
    case distinct(input: LogicalPlan)
    /// UNION, INTERSECT or EXCEPT of two results.
    case setOperation(SetOperation, LogicalPlan, LogicalPlan)
    /// Orders the rows, NULL last.
    case sort([(key: QueryPlan.SortKey, descending: Bool)], input: LogicalPlan)
    /// Skips `offset` rows and keeps at most `count`.
    case limit(offset: Int, count: Int?, input: LogicalPlan)

    /// inputs are the operator's input plans.
    var inputs: [LogicalPlan] {
        switch self {
        case .scan, .oneRow, .derived: return []
        case .join(_, let l, let r): return [l, r]
        case .filter(_, let i), .aggregate(_, _, _, let i), .window(_, _, let i), .project(_, _, _, _, let i), .distinct(let i),
             .sort(_, let i), .limit(_, _, let i):
            return [i]
        case .setOperation(_, let l, let r): return [l, r]
        }
    }

    /// rowBound is the most rows the operator can give, where the plan tells: a scan's row count, carried up through
    /// the operators that keep or drop rows; nil when it cannot tell.
    var rowBound: Int? {
        switch self {
        case .scan(let t): return t.knownRowCount
        case .oneRow: return 1
        case .join, .derived: return nil
        case .filter(_, let i), .window(_, _, let i), .project(_, _, _, _, let i), .distinct(let i), .sort(_, let i): return i.rowBound
        case .aggregate(let keys, _, _, let i): return keys.isEmpty ? 1 : i.rowBound
        case .limit(let offset, let count, let i):
            guard let count else { return i.rowBound }
            let (end, overflow) = count.addingReportingOverflow(offset)
            return overflow ? i.rowBound : min(end, i.rowBound ?? end)
        case .setOperation: return nil
        }
    }

    /// operators lists the operators of the tree, depth first, by name: ["limit", "sort", "project", "scan"].
    var operators: [String] {
        var out: [String] = []
        var stack = [self]
        while let p = stack.popLast() {
            out.append(p.operatorName)
            stack += p.inputs.reversed()
        }
        return out
    }

    var operatorName: String {
        switch self {
        case .scan: return "scan"
        case .oneRow: return "oneRow"
        case .join(let j, _, _): return j.isHashJoin ? "hashJoin" : "nestedLoopJoin"
        case .derived: return "derived"
        case .filter: return "filter"
        case .aggregate: return "aggregate"
        case .window: return "window"
        case .project: return "project"
        case .distinct: return "distinct"
        case .setOperation: return "setOperation"
        case .sort: return "sort"
        case .limit: return "limit"
        }
    }

    /// tree prints the plan as an indented tree, one operator a line; expressions are shown as the query wrote
    /// them, from `source`.
    public func tree(_ source: SourceText) -> String {
        var out = ""
        var stack: [(LogicalPlan, Int)] = [(self, 0)]
        while let (p, depth) = stack.popLast() {
            out += String(repeating: "  ", count: depth) + p.line(source) + "\n"
            stack += p.inputs.reversed().map { ($0, depth + 1) }
        }
        return out
    }

    func line(_ source: SourceText) -> String {
        func text(_ r: SourceRange) -> String {
            String(decoding: source.bytes[min(r.start, source.bytes.count)..<min(r.end, source.bytes.count)], as: UTF8.self)
        }
        func list(_ es: [BoundExpr]) -> String { es.map { text($0.range) }.joined(separator: ", ") }
        switch self {
        case .scan(let t):
            if let r = t as? RangeTable { return "Scan: \(r.name) (\(r.rowCount) rows from \(r.start), step \(r.step))" }
            return "Scan: \(t.name)" + (t.knownRowCount.map { " (\($0) rows)" } ?? "")
        case .oneRow: return "OneRow"
        case .join(let j, _, _):
            let keys = zip(j.leftKeys, j.rightKeys).map { text($0.range) + " = " + text($1.range) }.joined(separator: ", ")
            let rest = j.condition.map { text($0.range) }
            return (j.isHashJoin ? "HashJoin" : "NestedLoopJoin") + ": " + j.kind.rawValue
                + (keys.isEmpty ? "" : " on " + keys) + (rest.map { (keys.isEmpty ? " on " : "; test ") + $0 } ?? "")
        case .derived(let q, let shared, let name):
            return "Derived: \(name) (\(q.columns.map(\.name).joined(separator: ", ")))" + (shared.uses > 1 ? ", shared by \(shared.uses)" : "")
        case .filter(let e, _): return "Filter: " + text(e.range)
        case .aggregate(let keys, let aggregates, _, _):
            return "Aggregate: " + (keys.isEmpty ? "" : "by " + list(keys) + (aggregates.isEmpty ? "" : "; "))
                + aggregates.map { text($0.range) }.joined(separator: ", ")
        case .window(let ws, _, _): return "Window: " + ws.map { text($0.range) }.joined(separator: ", ")
        case .project(let outputs, _, _, _, _): return "Project: " + outputs.map(\.name).joined(separator: ", ")
        case .distinct: return "Distinct"
        case .setOperation(let op, _, _): return op.sql
        case .sort(let keys, _):
            return "Sort: " + keys.map { k -> String in
                let key: String
                switch k.key {
                case .output(let c): key = "#\(c + 1)"
                case .expr(let e): key = text(e.range)
                }
                return key + (k.descending ? " DESC" : "")
            }.joined(separator: ", ")
        case .limit(let offset, let count, _):
            return "Limit: " + (count.map { "\($0)" } ?? "all") + (offset > 0 ? " offset \(offset)" : "")
        }
    }
}

/// JoinPlan is how a join pairs rows: the equalities a hash join looks up (leftKeys[i] over the left row equals
/// rightKeys[i] over the right row; NULL matches nothing), and the rest of the condition, tested on each pair.
public struct JoinPlan: Sendable {
    /// kind is inner, left, right, full or cross; a comma is a cross join.
    public var kind: JoinKind
    public var leftKeys: [BoundExpr] = []
    /// rightKeys read the combined row too: the right row's columns stand after leftWidth columns.
    public var rightKeys: [BoundExpr] = []
    public var condition: BoundExpr?
    public var leftWidth: Int
    public var rightWidth: Int
    /// offset is where the join's columns start in the select's combined row, as its keys and condition read them.
    public var offset: Int
    public var range: SourceRange

    var isHashJoin: Bool { !leftKeys.isEmpty }
}

extension LogicalPlan {
    /// readsDataset tells whether the plan reads a report dataset, whose figures may be approximate.
    var readsDataset: Bool {
        switch self {
        case .scan(let t): return t.dataset != nil || t is FileTable
        case .derived(let q, _, _): return !q.streams
        default: return inputs.contains { $0.readsDataset }
        }
    }
}

extension SelectPlan {
    /// logical is the select's operators: scan, WHERE, grouping, HAVING, windows, QUALIFY, the select list with the
    /// `hidden` ORDER BY expressions, DISTINCT.
    func logical(index: Int, hidden: [BoundExpr] = []) -> LogicalPlan {
        // One table is scanned as the select holds it, which may read only the columns the select uses.
        var p: LogicalPlan = table.map { .scan($0) } ?? from ?? .oneRow
        if let filter { p = .filter(filter, input: p) }
        if grouped { p = .aggregate(keys: groupKeys, aggregates: aggregates, of: self, input: p) }
        if let having { p = .filter(having, input: p) }
        if !windows.isEmpty { p = .window(windows, of: self, input: p) }
        if let qualify { p = .filter(qualify, input: p) }
        p = .project(outputs, hidden: hidden, of: self, index: index, input: p)
        if distinct { p = .distinct(input: p) }
        return p
    }
}

extension QueryPlan {
    /// logical is the query's plan: its selects joined by their set operations (INTERSECT first, then UNION and
    /// EXCEPT from the left, as DuckDB applies them), then ORDER BY and OFFSET/LIMIT.
    public var logical: LogicalPlan {
        // ORDER BY expressions that are not result columns can only order a single select; they are computed with it.
        let hidden: [BoundExpr] = order.compactMap { if case .expr(let e) = $0.key { return e }; return nil }
        var terms: [(op: SetOperation?, plan: LogicalPlan)] = []
        for (i, select) in selects.enumerated() {
            let plan = select.logical(index: i, hidden: selects.count == 1 ? hidden : [])
            if i > 0 && setOps[i - 1].op == .intersect {
                let last = terms.removeLast()
                terms.append((last.op, .setOperation(setOps[i - 1], last.plan, plan)))
            } else {
                terms.append((i == 0 ? nil : setOps[i - 1], plan))
            }
        }
        var p = terms[0].plan
        for term in terms.dropFirst() { p = .setOperation(term.op!, p, term.plan) }
        if !order.isEmpty { p = .sort(order, input: p) }
        if limit != nil || (offset ?? 0) > 0 { p = .limit(offset: offset ?? 0, count: limit, input: p) }
        return p
    }

    /// streams tells whether the result can go out as it is made: no select reads a report dataset or computes a
    /// value with a subquery, so no value can be approximate and the output need not look at every row first. A
    /// file's rows are held until the last is read, as a bad row further on must leave the output empty.
    var streams: Bool {
        selects.allSatisfy { select in
            select.table?.dataset == nil && !(select.table is FileTable) && !(select.from?.readsDataset ?? false)
                && !select.outputs.contains { $0.expr.containsSubquery }
        }
    }
}

extension BoundExpr {
    /// containsSubquery tells whether a scalar subquery is part of the expression, whose value may be approximate.
    var containsSubquery: Bool {
        contains { if case .subquery = $0.kind { return true }; return false }
    }
}
