// ORDER BY and OFFSET/LIMIT over batches: the sort holds its input's rows, ordered by typed key columns. With a
// LIMIT it keeps only the best offset + k rows: once it holds enough, it sorts them, drops the rest, and from then on
// lets through only rows that sort before the k-th best so far, so that ORDER BY … LIMIT k holds O(k) rows.

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
        func sortKeys(_ b: Batch) -> SortColumns { SortColumns(columns.map { b.columns[$0] }, descending: descending) }
        if keep == 0 { return true }
        var held: Batch?
        var rowBytes = 0
        /// worst is the k-th best row so far, once the rows held were cut to k: a row must sort before it to count.
        var worst: (keys: SortColumns, row: Int)?
        _ = try produce(input) { batch in
            var batch = batch
            if let worst {
                let incoming = sortKeys(batch)
                // On equal keys the earlier row wins, so a row equal to the k-th best cannot reach the result. One
                // whole-number key without NULLs is compared straight from its buffer.
                let kept: [Int]
                if incoming.keys.count == 1, case .integers(let xs) = incoming.keys[0].storage, incoming.keys[0].validity == nil,
                   case .integers(let ws) = worst.keys.keys[0].storage, worst.keys.keys[0].isValid(worst.row) {
                    let bound = ws[worst.row], desc = descending[0]
                    kept = (0..<batch.count).filter { desc ? xs[$0] > bound : xs[$0] < bound }
                } else {
                    kept = (0..<batch.count).filter { incoming.compare($0, worst.keys, worst.row) < 0 }
                }
                if kept.isEmpty { return true }
                if kept.count < batch.count { batch = batch.selecting(kept) }
            }
            rowBytes = 48 + 40 * batch.columns.count
            try Cancellation.charge(batch.count * rowBytes)
            if held == nil { held = batch } else { held!.append(batch) }
            // Twice k, saturating: LIMIT may be as large as Int.max.
            if let keep, held!.count >= max(keep > Int.max / 2 ? Int.max : 2 * keep, 4 * batchSize) {
                let order = try sortKeys(held!).sorted(count: held!.count)
                Cancellation.release((order.count - keep) * rowBytes)
                held = held!.selecting(Array(order.prefix(keep)))
                worst = (sortKeys(held!), keep - 1)
            }
            return true
        }
        guard let all = held else { return true }
        held = nil
        let order = try sortKeys(all).sorted(count: all.count)
        // Only the rows asked for are gathered, a batch at a time.
        var start = skip
        let end = min(order.count, keep ?? order.count)
        while start < end {
            let stop = min(end, start + batchSize)
            guard try consume(all.selecting(Array(order[start..<stop]))) else { return false }
            start = stop
        }
        return true
    }
}
