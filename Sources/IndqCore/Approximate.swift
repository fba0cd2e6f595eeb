// Approximate stays approximate: a value computed from figures that the report qualifies (bijna, ruim, circa), by
// arithmetic, a function, an aggregate or a window, is itself approximate, and table output marks it `~`. The marks
// are worked out from the provenance that travels with a batch: its dataset and each row's source rows.

/// computedQualifier marks, in ResultSet.qualifiers, a value computed from approximate figures, as opposed to a
/// figure read straight from the report, which keeps the report's own word.
let computedQualifier = "berekend"

enum Approximate {
    /// isApproximate tells whether an expression's value, in row i of a batch, depends on a figure that the report
    /// qualifies.
    static func isApproximate(_ e: BoundExpr, _ batch: Batch, _ i: Int, _ select: SelectPlan) -> Bool {
        func walk(_ e: BoundExpr) -> Bool { isApproximate(e, batch, i, select) }
        switch e.kind {
        case .column(let c):
            guard let dataset = batch.source?.dataset, isFigure(c, in: dataset) else { return false }
            return batch.sourceRows(i).contains { $0 < dataset.rows.count && dataset.qualifier(row: dataset.rows[$0]) != nil }
        case .groupKey(let k):
            // A key such as `group by waarde` is approximate when one of the group's rows gives it approximately.
            guard let box = batch.source else { return false }
            return batch.sourceRows(i).contains { r in
                r < box.dataset.rows.count && isApproximate(select.groupKeys[k], rowsBatch(box, [r]), 0, select)
            }
        case .aggregate(let a): return a < batch.approximateAggregates.count && batch.approximateAggregates[a][i]
        case .window(let w): return w < batch.approximateWindows.count && batch.approximateWindows[w][i]
        case .subquery(let sub) where sub.isCorrelated: return false
        case .subquery(let sub):
            // A scalar subquery such as (select sum(waarde) from kerncijfers …) carries its own marks.
            _ = try? sub.rows()
            return sub.approximate
        // A comparison or a test gives a boolean, not a figure.
        case .not, .isNull, .like, .between, .inList, .inSubquery, .exists: return false
        // A CASE's value is one of its results; its conditions are tests.
        case .caseWhen(let branches, let otherwise):
            return branches.contains { walk($0.1) } || otherwise.map(walk) ?? false
        default: return e.children.contains(where: walk)
        }
    }

    /// rowsBatch is a batch of some of a dataset's rows, with their provenance.
    static func rowsBatch(_ box: DatasetBox, _ rows: [Int]) -> Batch {
        let d = box.dataset
        var batch = Batch(columns: d.columns.indices.map { c in Vector.of(rows.map { d.rows[$0][c] }) }, count: rows.count, rows: rows)
        batch.source = box
        return batch
    }

    /// isFigure tells a column that holds figures, which can be approximate: a number, not the year or a text.
    static func isFigure(_ column: Int, in dataset: Dataset) -> Bool {
        column < dataset.columns.count && dataset.columns[column].type.alignsRight && dataset.columns[column].name != "year"
    }

    /// isApproximate tells whether an aggregate over a group's source rows takes an approximate figure: some row that
    /// passes its filter gives a non-null, approximate argument. Counting stays exact.
    static func isApproximate(_ a: AggregatePlan, over rows: [Int], _ box: DatasetBox, _ select: SelectPlan) -> Bool {
        guard box.dataset.qualifierColumn != nil, !a.function.exactOverApproximate, let argument = a.argument, !rows.isEmpty else {
            return false
        }
        let batch = rowsBatch(box, rows)
        guard let values = try? BatchExpressions.evaluate(argument, batch) else { return false }
        let included = a.filter.flatMap { try? BatchExpressions.truth(BatchExpressions.evaluate($0, batch)) }
        return (0..<batch.count).contains { k in
            (included?[k] ?? true) && !values.isNull(k) && isApproximate(argument, batch, k, select)
        }
    }

    /// qualifiers marks each output of row i of a join that reads a table's figure directly with the report's word
    /// for that figure's row.
    static func qualifiers(ofJoined outputs: [Value], _ batch: Batch, _ i: Int, _ select: SelectPlan) -> [String?] {
        guard let parts = batch.parts, !select.grouped else { return [] }
        let marks: [String?] = select.outputs.map { output in
            guard case .column(let c) = output.expr.kind, let p = parts.first(where: { $0.holds(c) }), p.rows[i] >= 0 else { return nil }
            let d = p.source.dataset
            guard isFigure(c - p.columnOffset, in: d), p.rows[i] < d.rows.count else { return nil }
            return d.qualifier(row: d.rows[p.rows[i]])
        }
        return marks.contains { $0 != nil } ? marks : []
    }

    /// qualifiers marks each output of row i: a figure read straight from a qualified row keeps the report's word,
    /// a number computed from approximate figures gets computedQualifier, anything else nil.
    static func qualifiers(of outputs: [Value], _ batch: Batch, _ i: Int, _ select: SelectPlan) -> [String?] {
        let dataset = batch.source?.dataset
        let row = select.grouped ? nil : batch.sourceRows(i).first
        let word = row.flatMap { r in dataset.flatMap { r < $0.rows.count ? $0.qualifier(row: $0.rows[r]) : nil } }
        let marks: [String?] = zip(select.outputs, outputs).map { output, value in
            if let dataset, !select.grouped, case .column(let c) = output.expr.kind, isFigure(c, in: dataset) { return word }
            guard value.asDouble != nil, isApproximate(output.expr, batch, i, select) else { return nil }
            return computedQualifier
        }
        return marks.contains { $0 != nil } ? marks : []
    }
}
