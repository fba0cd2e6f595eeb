// Window functions over a batch: the operator holds its whole input, splits it into partitions by a hash of their
// keys, orders each partition by typed sort keys, and has the registry compute each function over the partition in
// one pass (a running frame adds each row once).

extension Executor {
    /// window computes the select's window functions over all rows of its input, then hands them on a batch at a time.
    func window(_ windows: [WindowPlan], _ select: SelectPlan, _ input: LogicalPlan, into consume: Consumer) throws -> Bool {
        var held: Batch?
        // Where the plan tells how many rows can come, the columns are made that large at once rather than grown by
        // doubling; what is never filled costs address space, not memory.
        let expected = min(input.rowBound ?? 0, 1 << 26)
        _ = try produce(input) { batch in
            try Cancellation.charge(batch.count * (32 + 16 * (batch.columns.count + batch.keys.count + batch.aggregates.count)))
            if held == nil {
                held = batch
                if expected > batch.count { held!.reserveCapacity(expected) }
            } else {
                held!.append(batch)
            }
            return true
        }
        guard var all = held else { return true }
        held = nil
        let approximate = all.source.map { $0.dataset.qualifierColumn != nil } ?? false
        for w in windows {
            try Cancellation.charge(all.count * 24)
            let (values, marks) = try compute(w, over: all, select, marksApproximate: approximate)
            all.windows.append(values)
            if approximate { all.approximateWindows.append(marks) }
            if all.source != nil, Notes.mayNeedNote(w.function, w.arguments.first, select), let argument = w.arguments.first {
                let rows = (0..<all.count).flatMap(all.sourceRows)
                notes.add(contentsOf: Notes.aggregateNotes(w.function, columns: argument.referencedColumns(in: select), range: w.range,
                                                           groups: [rows], select: select))
            }
        }
        var start = 0
        while start < all.count {
            let end = min(all.count, start + batchSize)
            guard try consume(start == 0 && end == all.count ? all : all.selecting(Array(start..<end))) else { return false }
            start = end
        }
        return true
    }

    /// compute gives one window function's value for every row of the batch, and whether each was computed from an
    /// approximate figure.
    func compute(_ w: WindowPlan, over rows: Batch, _ select: SelectPlan, marksApproximate: Bool) throws -> (Vector, [Bool]) {
        let n = rows.count
        guard n <= Int(Int32.max) else {
            throw Diagnostic("a window function over more than \(Int32.max) rows is not supported", at: w.range)
        }
        let partitions = try Self.partitions(try w.partitionBy.map { try Self.evaluate($0, rows) }, count: n)
        let order = SortColumns(try w.orderBy.map { try Self.evaluate($0.0, rows) }, descending: w.orderBy.map(\.descending))
        let arguments = try w.arguments.map { try Self.evaluate($0, rows) }
        // An aggregate's arguments after its row arguments are constants (quantile_cont's q).
        let constants = w.function.kind == .aggregate ? w.arguments.dropFirst(w.function.rowArguments) : []
        let parameter = try constants.first.map(BatchExpressions.constant)
        let setup = AggregateSetup(type: w.type, range: w.range, parameter: parameter, star: w.arguments.isEmpty)
        var out = VectorBuilder(count: n)
        var marks = [Bool](repeating: false, count: marksApproximate ? n : 0)
        let marked = marksApproximate ? w.arguments.first : nil
        // A sum of whole numbers over the running frame adds Int64s straight from their buffer; on an overflow the
        // accumulator, which says so as sum does, computes it instead.
        var integerSums: [Int64]?
        if w.function.kind == .aggregate, w.arguments.count == 1, marked == nil, case .integers(let xs) = arguments[0].storage,
           arguments[0].validity == nil, w.function.makeAccumulator(setup) is SumAccumulator {
            integerSums = try Self.runningSums(xs, partitions, order)
        }
        if let integerSums { return (Vector(.integers(integerSums)), marks) }
        for partition in partitions {
            try Cancellation.checkpoint()
            let sorted = try order.sorted(partition)
            let peerEnd = Self.peerEnds(sorted, order)
            let values = try w.function.window(count: sorted.count, peerEnd: peerEnd, arguments: w.arguments.count, setup: setup) { a, p in
                arguments[a][sorted[p]]
            }
            for (p, row) in sorted.enumerated() { out.set(row, values[p].value) }
            guard let argument = marked else { continue }
            // Whether the running frame so far holds an approximate figure, extended as the frame grows.
            var approximateThrough = -1, approximateSoFar = false
            for (p, row) in sorted.enumerated() {
                switch values[p].source {
                case .none: marks[row] = false
                case .row(let r): marks[row] = Approximate.isApproximate(argument, rows, sorted[r], select)
                case .frame(let end):
                    while approximateThrough < end {
                        approximateThrough += 1
                        if Approximate.isApproximate(argument, rows, sorted[approximateThrough], select) { approximateSoFar = true }
                    }
                    marks[row] = approximateSoFar
                }
            }
        }
        return (out.finish(), marks)
    }

    /// evaluate computes an expression over the window's whole input a batch at a time, so that a constant or a
    /// step in between is never as long as the input; a column is the input's own.
    static func evaluate(_ e: BoundExpr, _ rows: Batch) throws -> Vector {
        if case .column(let c) = e.kind { return rows.columns[c] }
        if rows.count <= batchSize { return try BatchExpressions.evaluate(e, rows) }
        var out: Vector?
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + batchSize)
            let part = try BatchExpressions.evaluate(e, rows.selecting(Array(start..<end)))
            if out == nil {
                out = part
                out!.reserveCapacity(rows.count)
            } else {
                out!.append(part)
            }
            start = end
        }
        return out!
    }

    /// peerEnds gives, for each position of a sorted partition, the last position that shares its ORDER BY keys, where
    /// its running frame ends (the partition's end without ORDER BY).
    static func peerEnds(_ sorted: [Int], _ order: SortColumns) -> [Int] {
        IndqCore.peerEnds(count: sorted.count) { p in !order.isEmpty && order.compare(sorted[p], sorted[p + 1]) != 0 }
    }

    /// runningSums is the running-frame sum of whole numbers for every row; nil when a total does not fit in 64 bits.
    static func runningSums(_ xs: [Int64], _ partitions: Partitions, _ order: SortColumns) throws -> [Int64]? {
        var out = [Int64](repeating: 0, count: xs.count)
        for partition in partitions {
            try Cancellation.checkpoint()
            let sorted = try order.sorted(partition)
            let peerEnd = peerEnds(sorted, order)
            var total: Int64 = 0, p = 0
            while p < sorted.count {
                let end = peerEnd[p]
                for q in p...end {
                    let (sum, overflow) = total.addingReportingOverflow(xs[sorted[q]])
                    if overflow { return nil }
                    total = sum
                }
                for q in p...end { out[sorted[q]] = total }
                p = end + 1
            }
        }
        return out
    }

    /// partitions splits rows 0..<count by their exact keys, in order of first appearance.
    static func partitions(_ keys: [Vector], count: Int) throws -> Partitions {
        if keys.isEmpty { return Partitions(rows: (0..<count).map { Int32(truncatingIfNeeded: $0) }, bounds: [0, count]) }
        // First each row's partition number, then the rows laid out partition after partition, in one exact buffer.
        var ids = [Int32](repeating: 0, count: count)
        var sizes: [Int] = []
        if keys.count == 1, case .integers(let xs) = keys[0].storage {
            var byKey = Int64Table()
            var partitionOf: [Int32] = []
            var nullPartition: Int32?
            for i in 0..<count {
                if !keys[0].isValid(i) {
                    if nullPartition == nil { nullPartition = Int32(truncatingIfNeeded: sizes.count); sizes.append(0) }
                    ids[i] = nullPartition!
                } else {
                    let (id, inserted) = byKey.id(of: xs[i])
                    // Partition numbers follow first appearance; the NULL partition may have taken a place among them.
                    if inserted { partitionOf.append(Int32(truncatingIfNeeded: sizes.count)); sizes.append(0) }
                    ids[i] = partitionOf[id]
                }
                sizes[Int(ids[i])] += 1
            }
        } else {
            var byKey: [[ValueKey]: Int32] = [:]
            for i in 0..<count {
                if i & 0xFFF == 0 { try Cancellation.checkpoint() }
                let key = keys.map { ValueKey($0[i]) }
                if let p = byKey[key] { ids[i] = p } else {
                    ids[i] = Int32(truncatingIfNeeded: sizes.count)
                    byKey[key] = ids[i]
                    sizes.append(0)
                }
                sizes[Int(ids[i])] += 1
            }
        }
        var bounds = [0]
        bounds.reserveCapacity(sizes.count + 1)
        for size in sizes { bounds.append(bounds[bounds.count - 1] + size) }
        var next = Array(bounds.dropLast())
        var rows = [Int32](repeating: 0, count: count)
        for i in 0..<count {
            let p = Int(ids[i])
            rows[next[p]] = Int32(truncatingIfNeeded: i)
            next[p] += 1
        }
        return Partitions(rows: rows, bounds: bounds)
    }
}

/// Partitions are a window's partitions: their rows one after another, in table order within each, and where each
/// partition starts. A partition is handed out as an array of its row numbers.
struct Partitions: Sequence {
    let rows: [Int32]
    let bounds: [Int]

    func makeIterator() -> AnyIterator<[Int]> {
        var p = 0
        return AnyIterator {
            guard p + 1 < bounds.count else { return nil }
            defer { p += 1 }
            return rows[bounds[p]..<bounds[p + 1]].map { Int($0) }
        }
    }
}
