// ORDER BY and OFFSET/LIMIT over batches: the sort holds its input's rows, ordered by typed key columns (SortColumns,
// which window partitions use too). With a LIMIT it keeps only the best offset + k rows: once it holds enough, it sorts
// them, drops the rest, and from then on lets through only rows that sort before the k-th best so far, so that
// ORDER BY … LIMIT k holds O(k) rows.

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
                // On equal keys the earlier row wins, so a row equal to the k-th best cannot reach the result.
                let kept = incoming.rows(before: worst.row, of: worst.keys)
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

/// SortColumns orders the rows of one batch by typed key columns, NULL last in both directions, as DuckDB does;
/// whole numbers compare as Int64 without a Value per row.
struct SortColumns {
    let keys: [Vector]
    let descending: [Bool]

    init(_ keys: [Vector], descending: [Bool]) {
        self.keys = keys
        self.descending = descending
    }

    var isEmpty: Bool { keys.isEmpty }

    /// compare orders rows a and b: negative when a comes first.
    func compare(_ a: Int, _ b: Int) -> Int { compare(a, self, b) }

    /// compare orders row a of these keys against row b of `other`, keys of the same shape.
    func compare(_ a: Int, _ other: SortColumns, _ b: Int) -> Int {
        for k in keys.indices {
            let v = keys[k], w = other.keys[k]
            let c: Int
            if case .integers(let xs) = v.storage, case .integers(let ys) = w.storage {
                let nullA = !v.isValid(a), nullB = !w.isValid(b)
                if nullA || nullB {
                    c = nullA == nullB ? 0 : (nullA ? 1 : -1)
                } else {
                    let x = xs[a], y = ys[b]
                    c = x == y ? 0 : ((x < y) != descending[k] ? -1 : 1)
                }
            } else {
                c = SQL.compareForSort(v[a], w[b], descending: descending[k])
            }
            if c != 0 { return c }
        }
        return 0
    }

    /// rows(before:of:) lists this batch's rows that sort strictly before row `b` of `other`. One whole-number key
    /// without NULLs is compared straight from its buffer.
    func rows(before b: Int, of other: SortColumns) -> [Int] {
        let n = keys.first?.count ?? 0
        if keys.count == 1, case .integers(let xs) = keys[0].storage, keys[0].validity == nil,
           case .integers(let ws) = other.keys[0].storage, other.keys[0].isValid(b) {
            let bound = ws[b], desc = descending[0]
            return (0..<n).filter { desc ? xs[$0] > bound : xs[$0] < bound }
        }
        return (0..<n).filter { compare($0, other, b) < 0 }
    }

    /// sorted orders rows 0..<count by the keys, equal rows in their order.
    func sorted(count: Int) throws -> [Int] {
        try sorted(Array(0..<count))
    }

    /// sorted orders rows by the keys, keeping the order of equal rows; long sorts ask whether to stop.
    func sorted(_ rows: [Int]) throws -> [Int] {
        if keys.isEmpty { return rows }
        // Rows that already come in order, as a running total over a partition by a key in order does, stay as they are.
        if rows.count < 2 || (1..<rows.count).allSatisfy({ k in
            let c = compare(rows[k - 1], rows[k])
            return c < 0 || (c == 0 && rows[k - 1] < rows[k])
        }) {
            return rows
        }
        var order = rows
        try Cancellation.checkpoint()
        // One whole-number key is compared straight from its buffer, NULL last.
        if keys.count == 1, case .integers(let xs) = keys[0].storage {
            let validity = keys[0].validity, desc = descending[0]
            if let validity {
                order.sort { a, b in
                    if validity[a] != validity[b] { return validity[a] }
                    let x = xs[a], y = xs[b]
                    return x != y && validity[a] ? (x < y) != desc : a < b
                }
            } else {
                order.sort { a, b in
                    let x = xs[a], y = xs[b]
                    return x != y ? (x < y) != desc : a < b
                }
            }
        } else {
            var comparisons = 0
            try order.sort { a, b in
                comparisons += 1
                if comparisons & 0x3FFF == 0 { try Cancellation.checkpoint() }
                let c = compare(a, b)
                return c != 0 ? c < 0 : a < b
            }
        }
        try Cancellation.checkpoint()
        return order
    }
}
