// The logical plan: a checked query as a tree of operators, each reading the rows of its input, as DataFusion's
// LogicalPlan. It prints as an indented tree, so a test can say which operators a query runs, and the executors
// choose by it: the batch executor takes a plan whose every operator it has.

/// LogicalPlan is one operator and its inputs.
public indirect enum LogicalPlan {
    /// Reads a table: a dataset, or the rows of a table function.
    case scan(any Table)
    /// One empty row: a select without FROM.
    case oneRow
    /// Keeps the rows for which the condition is true (WHERE, HAVING, QUALIFY).
    case filter(BoundExpr, input: LogicalPlan)
    /// Groups rows by their keys and computes aggregates per group; without keys, one group of all rows.
    case aggregate(keys: [BoundExpr], aggregates: [AggregatePlan], input: LogicalPlan)
    /// Computes window functions over partitions of the rows.
    case window([WindowPlan], input: LogicalPlan)
    /// Computes the result columns.
    case project([(name: String, expr: BoundExpr)], input: LogicalPlan)
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
        case .scan, .oneRow: return []
        case .filter(_, let i), .aggregate(_, _, let i), .window(_, let i), .project(_, let i), .distinct(let i),
             .sort(_, let i), .limit(_, _, let i):
            return [i]
        case .setOperation(_, let l, let r): return [l, r]
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
            return "Scan: \(t.name) (\(t.rowCount) rows)"
        case .oneRow: return "OneRow"
        case .filter(let e, _): return "Filter: " + text(e.range)
        case .aggregate(let keys, let aggregates, _):
            return "Aggregate: " + (keys.isEmpty ? "" : "by " + list(keys) + (aggregates.isEmpty ? "" : "; "))
                + aggregates.map { text($0.range) }.joined(separator: ", ")
        case .window(let ws, _): return "Window: " + ws.map { text($0.range) }.joined(separator: ", ")
        case .project(let outputs, _): return "Project: " + outputs.map(\.name).joined(separator: ", ")
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

extension SelectPlan {
    /// logical is the select's operators: scan, WHERE, grouping, HAVING, windows, QUALIFY, the select list, DISTINCT.
    public var logical: LogicalPlan {
        var p: LogicalPlan = table.map { .scan($0) } ?? .oneRow
        if let filter { p = .filter(filter, input: p) }
        if grouped { p = .aggregate(keys: groupKeys, aggregates: aggregates, input: p) }
        if let having { p = .filter(having, input: p) }
        if !windows.isEmpty { p = .window(windows, input: p) }
        if let qualify { p = .filter(qualify, input: p) }
        p = .project(outputs, input: p)
        if distinct { p = .distinct(input: p) }
        return p
    }
}

extension QueryPlan {
    /// logical is the query's plan: its selects joined by their set operations (INTERSECT first, then UNION and
    /// EXCEPT from the left, as the evaluator applies them), then ORDER BY and OFFSET/LIMIT.
    public var logical: LogicalPlan {
        var terms: [(op: SetOperation?, plan: LogicalPlan)] = []
        for (i, select) in selects.enumerated() {
            if i > 0 && setOps[i - 1].op == .intersect {
                let last = terms.removeLast()
                terms.append((last.op, .setOperation(setOps[i - 1], last.plan, select.logical)))
            } else {
                terms.append((i == 0 ? nil : setOps[i - 1], select.logical))
            }
        }
        var p = terms[0].plan
        for term in terms.dropFirst() { p = .setOperation(term.op!, p, term.plan) }
        if !order.isEmpty { p = .sort(order, input: p) }
        if limit != nil || (offset ?? 0) > 0 { p = .limit(offset: offset ?? 0, count: limit, input: p) }
        return p
    }
}
