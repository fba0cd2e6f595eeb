// The expressions that no kernel covers, computed for one row of a batch: CASE, casts, LIKE, functions without a
// kernel, scalar subqueries. They follow SQL's rules (SQLRules.swift): NULL in gives NULL out, AND and OR stop at the
// first operand that decides, integer overflow is an error with its place, division by zero gives NULL.

extension BatchExpressions {
    /// value computes an expression for row i of a batch.
    static func value(_ e: BoundExpr, _ batch: Batch, _ i: Int) throws -> Value {
        switch e.kind {
        case .column(let c): return batch.columns[c][i]
        case .groupKey(let k): return batch.keys[k][i]
        case .aggregate(let a): return batch.aggregates[a][i]
        case .window(let w): return batch.windows[w][i]
        case .sourceRef:
            guard let source = batch.source, let r = batch.sourceRows(i).first else { return .null }
            return .text(source.dataset.sourceRef(row: r))
        case .sourceRefOf(let offset):
            guard let part = batch.parts?.first(where: { $0.columnOffset == offset }), part.rows[i] >= 0 else { return .null }
            return .text(part.source.dataset.sourceRef(row: part.rows[i]))
        case .outer(let box, let k):
            return k < box.values.count ? box.values[k] : .null
        case .exists(let sub):
            return .boolean(!(try sub.rows(batch, i)).isEmpty)
        case .constant(let v): return v
        case .negate(let x):
            return try Arithmetic.negate(try value(x, batch, i), range: e.range)
        case .not(let x):
            switch try value(x, batch, i) {
            case .boolean(let b): return .boolean(!b)
            default: return .null
            }
        case .binary(let op, let l, let r):
            return try binary(op, l, r, batch, i, range: e.range)
        case .chain(let first, let links):
            return try chain(first, links, batch, i)
        case .between(let x, let low, let high, let negated):
            let v = try value(x, batch, i)
            let geLow = SQL.compare(v, try value(low, batch, i)).map { $0 >= 0 }
            let leHigh = SQL.compare(v, try value(high, batch, i)).map { $0 <= 0 }
            return SQL.negate(SQL.and(geLow, leHigh), negated)
        case .inList(let x, let list, let negated):
            let v = try value(x, batch, i)
            return SQL.negate(try SQL.membership(v, try list.map { try value($0, batch, i) }), negated)
        case .inSubquery(let x, let sub, let negated):
            let v = try value(x, batch, i)
            if sub.isCorrelated { return SQL.negate(try SQL.membership(v, try sub.rows(batch, i).map { $0[0] }), negated) }
            return SQL.negate(try sub.membership(v), negated)
        case .isNull(let x, let negated):
            return .boolean(try value(x, batch, i).isNull != negated)
        case .like(let x, let p, let ci, let negated):
            guard case .text(let s) = try value(x, batch, i), case .text(let pattern) = try value(p, batch, i) else { return .null }
            return .boolean(try SQL.like(ci ? s.lowercased() : s, ci ? pattern.lowercased() : pattern) != negated)
        case .scalar(let function, let args):
            return try function.call(try args.map { try value($0, batch, i) }, at: e.range) ?? .null
        case .caseWhen(let branches, let elseResult):
            for (condition, result) in branches where try value(condition, batch, i) == .boolean(true) {
                return try value(result, batch, i)
            }
            return try elseResult.map { try value($0, batch, i) } ?? .null
        case .cast(let x, let type):
            return try Scalars.cast(try value(x, batch, i), to: type, range: e.range)
        case .coerce(let x):
            return Scalars.coerce(try value(x, batch, i), to: e.type)
        case .subquery(let sub):
            let result = try sub.rows(batch, i)
            if result.count > 1 {
                throw Diagnostic("the subquery returned \(result.count) rows; a subquery used as a value must return at most one", at: e.range)
            }
            return result.first?[0] ?? .null
        }
    }

    /// chain applies a chain's operators from the left, in a loop. OR and AND stop at the first operand that decides;
    /// the other operators read every operand, as `(a + b) + c` would, and give NULL if any is NULL.
    static func chain(_ first: BoundExpr, _ links: [BoundLink], _ batch: Batch, _ i: Int) throws -> Value {
        guard let level = links.first?.op, level == .or || level == .and else {
            var acc = try value(first, batch, i)
            for link in links {
                let b = try value(link.operand, batch, i)
                if acc.isNull || b.isNull {
                    acc = .null
                } else if link.op == .concat {
                    acc = try SQL.concatenate(acc, b)
                } else {
                    acc = try Arithmetic.apply(link.op, acc, b, range: link.range)
                }
            }
            return acc
        }
        // OR stops at true, AND at false; otherwise a NULL operand makes the answer NULL.
        let decisive = level == .or
        var sawNull = false
        for e in [first] + links.lazy.map(\.operand) {
            switch SQL.boolOf(try value(e, batch, i)) {
            case decisive?: return .boolean(decisive)
            case nil: sawNull = true
            default: break
            }
        }
        return sawNull ? .null : .boolean(!decisive)
    }

    static func binary(_ op: BinaryOp, _ l: BoundExpr, _ r: BoundExpr, _ batch: Batch, _ i: Int, range: SourceRange) throws -> Value {
        switch op {
        case .and:
            let a = SQL.boolOf(try value(l, batch, i))
            if a == false { return .boolean(false) }
            let b = SQL.boolOf(try value(r, batch, i))
            return SQL.and(a, b).map(Value.boolean) ?? .null
        case .or:
            let a = SQL.boolOf(try value(l, batch, i))
            if a == true { return .boolean(true) }
            let b = SQL.boolOf(try value(r, batch, i))
            if b == true { return .boolean(true) }
            return a == nil || b == nil ? .null : .boolean(false)
        default:
            break
        }
        let a = try value(l, batch, i)
        let b = try value(r, batch, i)
        if a.isNull || b.isNull { return .null }
        switch op {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            guard let c = SQL.compare(a, b) else { return .null }
            switch op {
            case .equal: return .boolean(c == 0)
            case .notEqual: return .boolean(c != 0)
            case .less: return .boolean(c < 0)
            case .lessEqual: return .boolean(c <= 0)
            case .greater: return .boolean(c > 0)
            default: return .boolean(c >= 0)
            }
        case .concat:
            return try SQL.concatenate(a, b)
        default:
            return try Arithmetic.apply(op, a, b, range: range)
        }
    }
}
