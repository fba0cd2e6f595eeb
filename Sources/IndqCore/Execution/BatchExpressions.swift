// Expressions over a batch: each expression gives a Vector for all the rows of a batch at once. Comparisons,
// AND/OR, BETWEEN, IN (SELECT …), integer arithmetic and the functions with an integer kernel (mod) run over Int64
// buffers or hash look-ups; any other expression is computed row by row (RowValue.swift) with the same rules, so both
// ways give the same values and the same errors.

enum BatchExpressions {
    /// evaluate computes `e` for every row of `batch`.
    static func evaluate(_ e: BoundExpr, _ batch: Batch) throws -> Vector {
        switch e.kind {
        case .column(let i):
            return batch.columns[i]
        case .groupKey(let i):
            return batch.keys[i]
        case .aggregate(let i):
            return batch.aggregates[i]
        case .window(let i):
            return batch.windows[i]
        case .constant(let v):
            return .constant(v, count: batch.count)
        case .binary(let op, let l, let r) where op.isComparison:
            let x = try evaluate(l, batch), y = try evaluate(r, batch)
            if case .integers(let xs) = x.storage, case .integers(let ys) = y.storage {
                return Vector(.booleans(compare(op, xs, ys)), validity: both(x.validity, y.validity))
            }
            if case .constant(.text(let t)) = r.kind, case .values(let xs) = x.storage {
                return compare(op, xs, x.validity, text: t)
            }
            // Other values are compared row by row, straight into a boolean buffer.
            var out = [Bool](repeating: false, count: x.count)
            var validity: [Bool]?
            for i in 0..<x.count {
                let a = x[i], b = y[i]
                if !a.isNull && !b.isNull, let c = SQL.compare(a, b) {
                    out[i] = holds(op, c)
                } else {
                    if validity == nil { validity = Array(repeating: true, count: x.count) }
                    validity![i] = false
                }
            }
            return Vector(.booleans(out), validity: validity)
        case .chain(let first, let links) where links.first?.op == .and || links.first?.op == .or:
            return try logical(first, links, batch)
        case .chain(let first, let links)
            where first.type == .integer && links.allSatisfy({ $0.type == .integer && [.add, .subtract, .multiply].contains($0.op) }):
            var acc = try evaluate(first, batch)
            for link in links {
                let y = try evaluate(link.operand, batch)
                guard case .integers(let xs) = acc.storage, case .integers(let ys) = y.storage else {
                    return try rowByRow(e, batch)
                }
                let validity = both(acc.validity, y.validity)
                acc = Vector(.integers(try arithmetic(link.op, xs, ys, validity, range: link.range)), validity: validity)
            }
            return acc
        case .scalar(let function, let args) where args.count == 2 && e.type == .integer && function.integerKernel != nil:
            let x = try evaluate(args[0], batch), y = try evaluate(args[1], batch)
            guard case .integers(let xs) = x.storage, case .integers(let ys) = y.storage else { return try rowByRow(e, batch) }
            var validity = both(x.validity, y.validity)
            guard let out = function.integerKernel!(xs, ys, &validity) else { return try rowByRow(e, batch) }
            return Vector(.integers(out), validity: validity)
        case .outer(let box, let k):
            return .constant(k < box.values.count ? box.values[k] : .null, count: batch.count)
        case .inSubquery(let x, let sub, let negated) where !sub.isCorrelated:
            // The subquery's first column is a hash set, made once; each row is one look-up.
            let v = try evaluate(x, batch)
            let members = try sub.memberSet()
            var values = [Bool](repeating: negated, count: batch.count)
            var validity: [Bool]?
            guard members.count > 0 else { return Vector(.booleans(values)) }
            func null(_ i: Int) {
                if validity == nil { validity = Array(repeating: true, count: batch.count) }
                validity![i] = false
            }
            if case .integers(let xs) = v.storage, let integers = sub.integerMembers {
                for i in 0..<batch.count {
                    if !v.isValid(i) { null(i); continue }
                    if integers.contains(xs[i]) { values[i] = !negated } else if members.hasNull { null(i) }
                }
                return Vector(.booleans(values), validity: validity)
            }
            for i in 0..<batch.count {
                if v.isNull(i) { null(i); continue }
                if try sub.contains(v[i]) { values[i] = !negated } else if members.hasNull { null(i) }
            }
            return Vector(.booleans(values), validity: validity)
        case .between(let x, let low, let high, let negated):
            let v = try evaluate(x, batch), lo = try evaluate(low, batch), hi = try evaluate(high, batch)
            guard case .integers(let xs) = v.storage, case .integers(let ls) = lo.storage, case .integers(let hs) = hi.storage else {
                return try rowByRow(e, batch)
            }
            // As SQL has it: x >= low AND x <= high, where a false side decides even if the other is null.
            var values = [Bool](repeating: false, count: batch.count)
            var validity: [Bool]?
            for i in 0..<batch.count {
                let geLow: Bool? = v.isValid(i) && lo.isValid(i) ? xs[i] >= ls[i] : nil
                let leHigh: Bool? = v.isValid(i) && hi.isValid(i) ? xs[i] <= hs[i] : nil
                guard let r = SQL.and(geLow, leHigh) else {
                    if validity == nil { validity = Array(repeating: true, count: batch.count) }
                    validity![i] = false
                    continue
                }
                values[i] = r != negated
            }
            return Vector(.booleans(values), validity: validity)
        default:
            return try rowByRow(e, batch)
        }
    }

    /// constant computes an expression that reads no row: a table function's argument, a constant parameter.
    static func constant(_ e: BoundExpr) throws -> Value {
        try evaluate(e, Batch(columns: [], count: 1))[0]
    }

    /// rowByRow computes an expression one row at a time, for the expressions without a kernel.
    static func rowByRow(_ e: BoundExpr, _ batch: Batch) throws -> Vector {
        var out: [Value] = []
        out.reserveCapacity(batch.count)
        for i in 0..<batch.count { out.append(try value(e, batch, i)) }
        return Vector.of(out)
    }

    /// truth gives, per row, whether a condition's value is true (false and null are not).
    static func truth(_ v: Vector) -> [Bool] {
        switch v.storage {
        case .booleans(let b):
            guard let validity = v.validity else { return b }
            return zip(b, validity).map { $0 && $1 }
        default:
            return (0..<v.count).map { v[$0] == .boolean(true) }
        }
    }

    /// logical is an AND or OR chain. Each operand is computed only for the rows it can still decide, as one row's
    /// value stops at the first operand that decides, so that `x <> 0 and 100 // x > 1` raises no error where x is 0.
    static func logical(_ first: BoundExpr, _ links: [BoundLink], _ batch: Batch) throws -> Vector {
        let decisive = links[0].op == .or
        var decided = [Bool](repeating: false, count: batch.count)
        var sawNull = [Bool](repeating: false, count: batch.count)
        var open = Array(0..<batch.count)
        for operand in [first] + links.map(\.operand) where !open.isEmpty {
            let part = open.count == batch.count ? batch : batch.selecting(open)
            let v = try evaluate(operand, part)
            var still: [Int] = []
            still.reserveCapacity(open.count)
            for (k, i) in open.enumerated() {
                switch v[k] {
                case .boolean(let b) where b == decisive: decided[i] = true
                case .boolean: still.append(i)
                default: sawNull[i] = true; still.append(i)
                }
            }
            open = still
        }
        // A decided row has the decisive value; an open one is null if an operand was, else the other value.
        var values = [Bool](repeating: !decisive, count: batch.count)
        var validity: [Bool]?
        for i in 0..<batch.count {
            if decided[i] { values[i] = decisive } else if sawNull[i] {
                if validity == nil { validity = Array(repeating: true, count: batch.count) }
                validity![i] = false
            }
        }
        return Vector(.booleans(values), validity: validity)
    }

    /// both is the validity of a row that needs two values.
    @inline(__always) static func both(_ a: [Bool]?, _ b: [Bool]?) -> [Bool]? {
        guard let a else { return b }
        guard let b else { return a }
        return zip(a, b).map { $0 && $1 }
    }

    static func holds(_ op: BinaryOp, _ c: Int) -> Bool {
        switch op {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .less: return c < 0
        case .lessEqual: return c <= 0
        case .greater: return c > 0
        default: return c >= 0
        }
    }

    static func compare(_ op: BinaryOp, _ xs: [Int64], _ ys: [Int64]) -> [Bool] {
        switch op {
        case .equal: return zip(xs, ys).map { $0 == $1 }
        case .notEqual: return zip(xs, ys).map { $0 != $1 }
        case .less: return zip(xs, ys).map { $0 < $1 }
        case .lessEqual: return zip(xs, ys).map { $0 <= $1 }
        case .greater: return zip(xs, ys).map { $0 > $1 }
        default: return zip(xs, ys).map { $0 >= $1 }
        }
    }

    /// compare compares a column of values with a text, as `category = 'studenten'`, by the texts' bytes.
    static func compare(_ op: BinaryOp, _ xs: [Value], _ validity: [Bool]?, text: String) -> Vector {
        var out = [Bool](repeating: false, count: xs.count)
        var nulls: [Bool]?
        var t = text
        t.withUTF8 { tb in
            for i in xs.indices {
                if validity?[i] == false || xs[i].isNull {
                    if nulls == nil { nulls = Array(repeating: true, count: xs.count) }
                    nulls![i] = false
                    continue
                }
                if case .text(var s) = xs[i] {
                    out[i] = holds(op, s.withUTF8 { SQL.compareBytes($0, tb) })
                } else if let c = SQL.compare(xs[i], .text(text)) {
                    out[i] = holds(op, c)
                } else {
                    if nulls == nil { nulls = Array(repeating: true, count: xs.count) }
                    nulls![i] = false
                }
            }
        }
        return Vector(.booleans(out), validity: nulls)
    }

    /// arithmetic is `+`, `-` or `*` over integers; an overflow in a row that is not null is the error that row alone would raise.
    static func arithmetic(_ op: BinaryOp, _ xs: [Int64], _ ys: [Int64], _ validity: [Bool]?, range: SourceRange) throws -> [Int64] {
        var out = [Int64](repeating: 0, count: xs.count)
        var overflow = false
        for i in xs.indices {
            let r: (partialValue: Int64, overflow: Bool)
            switch op {
            case .add: r = xs[i].addingReportingOverflow(ys[i])
            case .subtract: r = xs[i].subtractingReportingOverflow(ys[i])
            default: r = xs[i].multipliedReportingOverflow(by: ys[i])
            }
            out[i] = r.partialValue
            if r.overflow && (validity?[i] ?? true) { overflow = true }
        }
        if overflow {
            for i in xs.indices where validity?[i] ?? true {
                _ = try Arithmetic.apply(op, .integer(xs[i]), .integer(ys[i]), range: range)
            }
        }
        return out
    }
}
