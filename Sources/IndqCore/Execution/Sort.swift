// ORDER BY and OFFSET/LIMIT over batches: the sort holds its input's rows, ordered by typed key columns. With a
// LIMIT it keeps only the best offset + k rows: once twice that many are held, it sorts them and drops the rest, so
// that ORDER BY … LIMIT k holds O(k) rows however long its input.

extension Executor {
    /// sort orders its input's rows by `keys`, and hands on rows skip..<keep of them (all without LIMIT).
    func sort(_ keys: [(key: QueryPlan.SortKey, descending: Bool)], _ input: LogicalPlan, keep: Int?, skip: Int = 0,
              into consume: Consumer) throws -> Bool {
        // A key is a result column, or one of the hidden ORDER BY columns that follow them, in ORDER BY's order.
        var next = width
        let columns = keys.map { k -> Int in
            switch k.key {
            case .output(let c): return c
            case .expr:
                next += 1
                return next - 1
            }
        }
        let descending = keys.map(\.descending)
        if keep == 0 { return true }
        var held: [Batch] = []
        var heldRows = 0
        var rowBytes = 0
        /// cut sorts the rows held and keeps the best `keep`, giving back the memory of the others.
        func cut(to keep: Int?) throws {
            guard let all = Batch.concatenating(held) else { return }
            var order = try SortColumns(columns.map { all.columns[$0] }, descending: descending).sorted(Array(0..<all.count))
            if let keep, order.count > keep {
                Cancellation.release((order.count - keep) * rowBytes)
                order.removeSubrange(keep...)
            }
            held = [all.selecting(order)]
            heldRows = order.count
        }
        _ = try produce(input) { batch in
            rowBytes = 48 + 40 * batch.columns.count
            try Cancellation.charge(batch.count * rowBytes)
            held.append(batch)
            heldRows += batch.count
            if let keep, heldRows >= max(2 * keep, 4 * batchSize) { try cut(to: keep) }
            return true
        }
        try cut(to: keep)
        guard let sorted = held.first else { return true }
        var start = skip
        let end = min(sorted.count, keep ?? sorted.count)
        while start < end {
            let stop = min(end, start + batchSize)
            guard try consume(start == 0 && stop == sorted.count ? sorted : sorted.selecting(Array(start..<stop))) else { return false }
            start = stop
        }
        return true
    }
}
