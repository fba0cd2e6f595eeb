// The batch executor: a select over a generated table runs as scan → filter → aggregate or project → having →
// distinct → top-k or sort → offset/limit, a batch of rows at a time. Filter, project and aggregate stream: only
// the groups, the result rows and their sort keys are kept. Plans it cannot run (window functions, several selects,
// datasets with provenance) go to the row evaluator.

enum BatchExecutor {
    /// run executes a plan, or returns nil when it is one the batch executor does not take.
    static func run(_ plan: QueryPlan) throws -> ResultSet? {
        guard plan.selects.count == 1, let select = plan.selects.first, let table = select.table, table.dataset == nil,
              select.windows.isEmpty
        else { return nil }
        var notes = Notes()
        notes.add(contentsOf: plan.notes)
        var sink = RowSink(plan: plan, distinct: select.distinct)
        let sortExprs: [BoundExpr] = plan.order.compactMap { if case .expr(let e) = $0.key { return e }; return nil }
        if select.grouped {
            var groups = try GroupTable(select)
            try table.forEachBatch { batch in
                guard let kept = try filtered(batch, select.filter) else { return true }
                try groups.add(kept)
                return true
            }
            for context in try groups.finish() {
                try Cancellation.checkpoint()
                if let having = select.having, try Evaluator.evaluate(having, context) != .boolean(true) { continue }
                let output = try select.outputs.map { try Evaluator.evaluate($0.expr, context) }
                let keys = try sortExprs.map { try Evaluator.evaluate($0, context) }
                try sink.add(output, keys)
            }
        } else {
            try table.forEachBatch { batch in
                guard let kept = try filtered(batch, select.filter) else { return true }
                let outputs = try select.outputs.map { try BatchExpressions.evaluate($0.expr, kept) }
                let keys = try sortExprs.map { try BatchExpressions.evaluate($0, kept) }
                for i in 0..<kept.count {
                    try sink.add(outputs.map { $0[i] }, keys.map { $0[i] })
                    if sink.isFull { return false }
                }
                return true
            }
        }
        return ResultSet(columns: plan.columns, rows: try sink.finish(), notes: notes.all)
    }

    /// filtered keeps the rows of a batch for which the condition is true; nil when none is.
    static func filtered(_ batch: Batch, _ condition: BoundExpr?) throws -> Batch? {
        guard let condition else { return batch }
        let truth = BatchExpressions.truth(try BatchExpressions.evaluate(condition, batch))
        var kept: [Int] = []
        kept.reserveCapacity(batch.count)
        for i in 0..<batch.count where truth[i] { kept.append(i) }
        if kept.isEmpty { return nil }
        return kept.count == batch.count ? batch : batch.selecting(kept)
    }
}

/// RowSink collects result rows: it drops repeats for DISTINCT, keeps only the best offset + limit rows when the
/// query orders and limits, and stops early when it only limits.
struct RowSink {
    let order: [(key: QueryPlan.SortKey, descending: Bool)]
    let descending: [Bool]
    let offset: Int
    /// keep is offset + limit, the rows that can reach the result; nil without LIMIT.
    let keep: Int?
    var seen: Set<[ValueKey]>?
    var rows: [(output: [Value], keys: [Value])] = []
    var sequence = 0

    init(plan: QueryPlan, distinct: Bool) {
        order = plan.order
        descending = plan.order.map(\.descending)
        offset = plan.offset ?? 0
        keep = plan.limit.map { let (s, o) = $0.addingReportingOverflow(plan.offset ?? 0); return o ? Int.max : s }
        seen = distinct ? [] : nil
    }

    /// isFull tells that no more rows can change the result: it is limited and not ordered.
    var isFull: Bool { order.isEmpty && keep.map { rows.count >= $0 } ?? false }

    /// sortKeys are the values a row is ordered by: result columns or the extra expressions, in ORDER BY's order.
    func sortKeys(_ output: [Value], _ extra: [Value]) -> [Value] {
        var next = 0
        return order.map { o in
            switch o.key {
            case .output(let c): return output[c]
            case .expr:
                next += 1
                return extra[next - 1]
            }
        }
    }

    mutating func add(_ output: [Value], _ extra: [Value]) throws {
        if seen != nil, !seen!.insert(output.keys).inserted { return }
        if isFull { return }
        try Cancellation.charge(row: output, overhead: 64 + 40 * order.count)
        rows.append((output, order.isEmpty ? [] : sortKeys(output, extra)))
        sequence += 1
        // Top k: once twice k rows are held, sort and keep the best k, so that ORDER BY … LIMIT k holds O(k) rows.
        if let keep, !order.isEmpty, rows.count >= max(2 * keep, 1024) {
            try sortRows()
            rows.removeSubrange(keep...)
        }
    }

    /// sortRows orders the rows by their keys, NULL last, keeping the order of equal rows.
    mutating func sortRows() throws {
        var comparisons = 0
        let indexed = Array(rows.enumerated())
        let desc = descending
        let sorted = try indexed.sorted { a, b in
            comparisons += 1
            if comparisons & 0x3FF == 0 { try Cancellation.checkpoint() }
            let c = Evaluator.compareKeys(a.element.keys, b.element.keys, descending: desc)
            return c != 0 ? c < 0 : a.offset < b.offset
        }
        rows = sorted.map(\.element)
    }

    mutating func finish() throws -> [[Value]] {
        if !order.isEmpty { try sortRows() }
        var out = rows.map(\.output)
        if offset > 0 { out = Array(out.dropFirst(offset)) }
        if let keep { out = Array(out.prefix(max(0, keep - offset))) }
        return out
    }
}
