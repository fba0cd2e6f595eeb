// Approximate stays approximate: a value computed from figures that the report qualifies (bijna, ruim, circa), by
// arithmetic, a function, an aggregate or a window, is itself approximate, and table output marks it `~`.

/// computedQualifier marks, in ResultSet.qualifiers, a value computed from approximate figures, as opposed to a
/// figure read straight from the report, which keeps the report's own word.
let computedQualifier = "berekend"

extension Evaluator {
    /// isApproximate tells whether an expression's value, in one row, depends on a figure that the report qualifies.
    static func isApproximate(_ e: BoundExpr, _ row: RowContext, _ plan: SelectPlan) -> Bool {
        func walk(_ e: BoundExpr) -> Bool { isApproximate(e, row, plan) }
        switch e.kind {
        case .column(let c):
            guard let dataset = plan.dataset, isFigure(c, in: dataset) else { return false }
            return row.rows.contains { $0 < dataset.rows.count && dataset.qualifier(row: dataset.rows[$0]) != nil }
        case .groupKey(let i):
            // A key such as `group by waarde` is approximate when one of the group's rows gives it approximately.
            guard let dataset = plan.dataset else { return false }
            return row.rows.contains { r in
                r < dataset.rows.count && isApproximate(plan.groupKeys[i], RowContext(input: dataset.rows[r], source: row.source, rows: [r]), plan)
            }
        case .aggregate(let i): return i < row.approximateAggregates.count && row.approximateAggregates[i]
        case .window(let i): return i < row.approximateWindows.count && row.approximateWindows[i]
        case .subquery(let sub):
            // A scalar subquery such as (select sum(waarde) from kerncijfers …) carries its own marks.
            _ = try? rows(of: sub)
            return sub.approximate
        case .constant, .sourceRef: return false
        // A comparison or a test gives a boolean, not a figure.
        case .not, .isNull, .like, .between, .inList, .inSubquery: return false
        case .negate(let x), .cast(let x, _), .coerce(let x): return walk(x)
        case .binary(_, let a, let b): return walk(a) || walk(b)
        case .chain(let first, let links): return walk(first) || links.contains { walk($0.operand) }
        case .scalar(_, let args): return args.contains(where: walk)
        case .caseWhen(let branches, let otherwise):
            return branches.contains { walk($0.1) } || otherwise.map(walk) ?? false
        }
    }

    /// isFigure tells a column that holds figures, which can be approximate: a number, not the year or a text.
    static func isFigure(_ column: Int, in dataset: Dataset) -> Bool {
        column < dataset.columns.count && dataset.columns[column].type.alignsRight && dataset.columns[column].name != "year"
    }

    /// isApproximate tells whether an aggregate over rows takes an approximate figure: some row that passes its
    /// filter gives a non-null, approximate argument. Counting stays exact.
    static func isApproximate(_ a: AggregatePlan, over rows: [RowContext], _ plan: SelectPlan) -> Bool {
        guard plan.dataset?.qualifierColumn != nil, !a.function.exactOverApproximate, let argument = a.argument else { return false }
        return rows.contains { row in
            if let filter = a.filter, (try? evaluate(filter, row)) != .boolean(true) { return false }
            guard let value = try? evaluate(argument, row), !value.isNull else { return false }
            return isApproximate(argument, row, plan)
        }
    }

    /// qualifiers marks each output of a row: a figure read straight from a qualified row keeps the report's word,
    /// a number computed from approximate figures gets computedQualifier, anything else nil.
    static func qualifiers(of outputs: [Value], _ row: RowContext, _ plan: SelectPlan) -> [String?] {
        let dataset = plan.dataset
        let word = plan.grouped ? nil : dataset.flatMap { $0.qualifier(row: row.input) }
        let marks: [String?] = zip(plan.outputs, outputs).map { output, value in
            if let dataset, !plan.grouped, case .column(let c) = output.expr.kind, isFigure(c, in: dataset) { return word }
            guard value.asDouble != nil, isApproximate(output.expr, row, plan) else { return nil }
            return computedQualifier
        }
        return marks.contains { $0 != nil } ? marks : []
    }
}
