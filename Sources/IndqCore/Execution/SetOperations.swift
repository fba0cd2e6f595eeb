// UNION, INTERSECT and EXCEPT over the rows of their selects, with hash sets on the rows' exact values (NULL matches
// NULL, as DISTINCT has it). A chain of set operations is taken from the left in one loop, each step linear in its
// rows, so that a chain of 10,000 UNION ALLs stays fast and costs no stack.

extension Executor {
    /// Rows are a select's result rows, each with where it came from.
    typealias Rows = [(values: [Value], origin: RowOrigin?)]

    /// setOperation runs the chain of set operations whose last step is `p`, then hands on the rows.
    func setOperation(_ p: LogicalPlan, into consume: Consumer) throws -> Bool {
        // The chain's left spine, from its first operand: INTERSECT, which binds tighter, stays inside its operands.
        var operands: [LogicalPlan] = []
        var ops: [SetOperation] = []
        var node = p
        while case .setOperation(let op, let left, let right) = node {
            operands.append(right)
            ops.append(op)
            node = left
        }
        operands.append(node)
        operands.reverse()
        ops.reverse()
        var rows = try collect(operands[0])
        // seen holds the keys of the rows while they are known to be distinct, so that a chain of UNIONs adds only new rows.
        var seen: Set<[ValueKey]>?
        for (op, operand) in zip(ops, operands.dropFirst()) {
            let right = try collect(operand)
            if op.op == .union && !op.all {
                if seen == nil { rows = Self.distinct(rows, seen: &seen) }
                for r in right where seen!.insert(r.values.keys).inserted { rows.append(r) }
            } else if op.op == .union {
                rows += right
                seen = nil
            } else {
                Self.apply(op, to: &rows, right)
                seen = nil
            }
        }
        var start = 0
        while start < rows.count {
            let part = rows[start..<min(rows.count, start + batchSize)]
            var batch = Batch(columns: (0..<width).map { c in Vector.of(part.map { $0.values[c] }) }, count: part.count)
            if part.contains(where: { $0.origin != nil }) {
                batch.origins = part.map { $0.origin ?? RowOrigin(source: nil, rows: [], select: 0, qualifiers: []) }
            }
            guard try consume(batch) else { return false }
            start += batchSize
        }
        return true
    }

    /// collect runs an operand of a set operation and holds its rows.
    func collect(_ p: LogicalPlan) throws -> Rows {
        var rows: Rows = []
        _ = try produce(p) { batch in
            for i in 0..<batch.count {
                let values = (0..<self.width).map { batch.columns[$0][i] }
                // A row lives until the statement ends: its values, where it came from (about 1 KB with its copies
                // while set operations combine them, measured), and its source rows.
                try Cancellation.charge(row: values, overhead: batch.origins.map { 640 + 8 * $0[i].rows.count + 24 * self.width } ?? 64)
                rows.append((values, batch.origins?[i]))
            }
            return true
        }
        return rows
    }

    /// distinct keeps the first of each run of equal rows, and leaves their keys in `seen`.
    static func distinct(_ rows: Rows, seen: inout Set<[ValueKey]>?) -> Rows {
        var keys = Set<[ValueKey]>()
        let out = rows.filter { keys.insert($0.values.keys).inserted }
        seen = keys
        return out
    }

    /// apply is INTERSECT or EXCEPT (or UNION) on two lists of rows. With ALL, a row's copies count: INTERSECT ALL keeps
    /// as many as both sides have, EXCEPT ALL takes away one per copy on the right.
    static func apply(_ op: SetOperation, to left: inout Rows, _ right: Rows) {
        var seen: Set<[ValueKey]>?
        if op.op == .union {
            left += right
            if !op.all { left = distinct(left, seen: &seen) }
            return
        }
        var counts: [[ValueKey]: Int] = [:]
        for r in right { counts[r.values.keys, default: 0] += 1 }
        var out: Rows = []
        for r in left {
            let k = r.values.keys
            let present = (counts[k] ?? 0) > 0
            if present && op.all { counts[k]! -= 1 }
            if present == (op.op == .intersect) { out.append(r) }
        }
        left = op.all ? out : distinct(out, seen: &seen)
    }
}
