// The batch executor: a select over a generated table runs as scan → filter → aggregate or project → having →
// distinct → top-k or sort → offset/limit, a batch of rows at a time. Filter, project and aggregate stream: only
// the groups, the result rows and their sort keys are kept. Plans it cannot run (window functions, several selects,
// datasets with provenance) go to the row evaluator.

enum BatchExecutor {
    /// accepts tells whether the batch executor has every operator of a plan: one select over a generated table,
    /// without windows.
    static func accepts(_ plan: QueryPlan) -> Bool {
        var stack = [plan.logical]
        while let p = stack.popLast() {
            switch p {
            case .scan(let table) where table.dataset == nil: break
            case .filter, .aggregate, .project, .distinct, .sort, .limit: break
            // Windows, set operations and selects without FROM run on the row evaluator, as do datasets, whose rows
            // carry their provenance there.
            case .scan, .oneRow, .window, .setOperation: return false
            }
            stack += p.inputs
        }
        return true
    }

    /// run executes a plan, or returns nil when it is one the batch executor does not take.
    static func run(_ plan: QueryPlan) throws -> ResultSet? {
        guard accepts(plan) else { return nil }
        var rows: [[Value]] = []
        let notes = try run(plan) { chunk in rows += chunk.rows }
        return ResultSet(columns: plan.columns, rows: rows, notes: notes)
    }

    /// run executes a plan that it accepts, handing the result's rows to `write` a chunk at a time as they are made;
    /// it returns the notes. A result that is neither ordered nor distinct is never held: its rows go as they come.
    static func run(_ plan: QueryPlan, write: (RowChunk) -> Void) throws -> [Diagnostic] {
        try withoutActuallyEscaping(write) { try stream(plan, write: $0) }
    }

    static func stream(_ plan: QueryPlan, write: @escaping (RowChunk) -> Void) throws -> [Diagnostic] {
        let select = plan.selects[0], table = select.table!
        var notes = Notes()
        notes.add(contentsOf: plan.notes)
        var sink = RowSink(plan: plan, distinct: select.distinct, write: write)
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
        try sink.finish()
        return notes.all
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
    let write: (RowChunk) -> Void
    let order: [(key: QueryPlan.SortKey, descending: Bool)]
    let descending: [Bool]
    let offset: Int
    /// keep is offset + limit, the rows that can reach the result; nil without LIMIT.
    let keep: Int?
    var seen: Set<[ValueKey]>?
    var rows: [(output: [Value], keys: [Value])] = []
    /// skipped and written count the rows already gone past OFFSET and out to `write`, when rows stream.
    /// worst is the sort key of the k-th best row, once top k has cut the rows to k.
    var worst: [Value]?
    var skipped = 0
    var written = 0

    init(plan: QueryPlan, distinct: Bool, write: @escaping (RowChunk) -> Void) {
        self.write = write
        order = plan.order
        descending = plan.order.map(\.descending)
        offset = plan.offset ?? 0
        keep = plan.limit.map { let (s, o) = $0.addingReportingOverflow(plan.offset ?? 0); return o ? Int.max : s }
        seen = distinct ? [] : nil
    }

    /// isFull tells that no more rows can change the result: it is limited and not ordered.
    var isFull: Bool { order.isEmpty && keep.map { skipped + written + rows.count >= $0 } ?? false }

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
        if seen != nil {
            guard seen!.insert(output.keys).inserted else { return }
            try Cancellation.charge(row: output)
        }
        if isFull { return }
        if order.isEmpty {
            // Unordered rows stream: past OFFSET they go out in chunks, and only a chunk is held.
            if skipped < offset { skipped += 1; return }
            rows.append((output, []))
            if rows.count >= 1024 { flush() }
            return
        }
        let keys = sortKeys(output, extra)
        // A row that sorts after the k-th best row so far cannot reach the result; on equal keys the earlier row wins.
        if let worst, SQL.compareKeys(keys, worst, descending: descending) >= 0 { return }
        try Cancellation.charge(row: output, overhead: 64 + 40 * order.count)
        rows.append((output, keys))
        // Top k: once twice k rows are held, sort and keep the best k, so that ORDER BY … LIMIT k holds O(k) rows.
        if let keep, !order.isEmpty, rows.count >= max(2 * keep, 1024) {
            try sortRows()
            rows.removeSubrange(keep...)
            worst = rows.last?.keys
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
            let c = SQL.compareKeys(a.element.keys, b.element.keys, descending: desc)
            return c != 0 ? c < 0 : a.offset < b.offset
        }
        rows = sorted.map(\.element)
    }

    /// flush writes the rows held as one chunk.
    mutating func flush() {
        guard !rows.isEmpty else { return }
        write(RowChunk(rows: rows.map(\.output)))
        written += rows.count
        rows.removeAll(keepingCapacity: true)
    }

    /// finish writes the rows that remain: for an ordered result, all of them, sorted, past OFFSET and up to LIMIT.
    mutating func finish() throws {
        if !order.isEmpty {
            try sortRows()
            var out = rows.map(\.output)
            if offset > 0 { out = Array(out.dropFirst(offset)) }
            if let keep { out = Array(out.prefix(max(0, keep - offset))) }
            rows = []
            var start = 0
            while start < out.count {
                write(RowChunk(rows: Array(out[start..<min(out.count, start + 1024)])))
                start += 1024
            }
            return
        }
        if let keep, skipped + written + rows.count > keep { rows.removeSubrange((keep - skipped - written)...) }
        flush()
    }
}
