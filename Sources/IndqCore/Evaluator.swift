// Evaluator: plan → result rows. Nulls follow SQL's three-valued logic; integer overflow is an error with its
// place, never a trap; division by zero gives NULL, as in DuckDB.

/// ResultColumn names and types one column of a result.
public struct ResultColumn: Equatable, Sendable {
    public var name: String
    public var type: ValueType
    public init(_ name: String, _ type: ValueType) { self.name = name; self.type = type }
}

/// ResultSet is the rows a statement produced.
public struct ResultSet: Equatable, Sendable {
    public var columns: [ResultColumn]
    public var rows: [[Value]]
    public init(columns: [ResultColumn], rows: [[Value]]) { self.columns = columns; self.rows = rows }
}

/// Evaluator runs plans.
public enum Evaluator {
    /// run executes a plan and returns its rows.
    public static func run(_ plan: Plan) throws -> ResultSet {
        var kept: [(output: [Value], input: [Value])] = []
        for row in plan.dataset.rows {
            if let filter = plan.filter, try evaluate(filter, row) != .boolean(true) { continue }
            kept.append((try plan.outputs.map { try evaluate($0.expr, row) }, row))
        }
        if plan.distinct {
            var seen: [[Value]] = []
            kept = kept.filter { k in
                if seen.contains(where: { sameRow($0, k.output) }) { return false }
                seen.append(k.output)
                return true
            }
        }
        if !plan.order.isEmpty {
            var keyed: [(keys: [Value], index: Int)] = []
            for (i, k) in kept.enumerated() {
                keyed.append((try plan.order.map { o -> Value in
                    switch o.key {
                    case .output(let c): return k.output[c]
                    case .expr(let e): return try evaluate(e, k.input)
                    }
                }, i))
            }
            keyed.sort { a, b in
                for (j, o) in plan.order.enumerated() {
                    let c = compareForSort(a.keys[j], b.keys[j], descending: o.descending)
                    if c != 0 { return c < 0 }
                }
                return a.index < b.index
            }
            kept = keyed.map { kept[$0.index] }
        }
        var rows = kept.map(\.output)
        if let offset = plan.offset { rows = Array(rows.dropFirst(offset)) }
        if let limit = plan.limit { rows = Array(rows.prefix(limit)) }
        let columns = plan.outputs.map { ResultColumn($0.name, $0.expr.type) }
        return ResultSet(columns: columns, rows: rows)
    }

    /// sameRow compares rows for DISTINCT, where NULL equals NULL.
    static func sameRow(_ a: [Value], _ b: [Value]) -> Bool {
        zip(a, b).allSatisfy { x, y in x == y || (compareValues(x, y) == 0 && x.type == y.type) }
    }

    /// compareForSort orders values for ORDER BY: NULL last in both directions, as DuckDB does.
    static func compareForSort(_ a: Value, _ b: Value, descending: Bool) -> Int {
        switch (a.isNull, b.isNull) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        default:
            let c = compareValues(a, b) ?? 0
            return descending ? -c : c
        }
    }

    /// compareValues orders two non-null values of comparable types; nil when either is NULL.
    public static func compareValues(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.integer(let x), .integer(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.text(let x), .text(let y)):
            // Byte order, as DuckDB compares strings.
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : x.utf8.elementsEqual(y.utf8) ? 0 : 1
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (!x ? -1 : 1)
        default:
            guard let x = a.asDouble, let y = b.asDouble else { return nil }
            return x < y ? -1 : x > y ? 1 : 0
        }
    }

    /// evaluate computes an expression over one row.
    public static func evaluate(_ e: BoundExpr, _ row: [Value]) throws -> Value {
        switch e.kind {
        case .column(let i): return row[i]
        case .constant(let v): return v
        case .negate(let x):
            switch try evaluate(x, row) {
            case .integer(let i):
                let (r, overflow) = Int64(0).subtractingReportingOverflow(i)
                if overflow { throw Diagnostic("integer overflow in '-' (the result is below \(Int64.min))", at: e.range) }
                return .integer(r)
            case .decimal(let d): return .decimal(-d)
            case .percentage(let d): return .percentage(-d)
            default: return .null
            }
        case .not(let x):
            switch try evaluate(x, row) {
            case .boolean(let b): return .boolean(!b)
            default: return .null
            }
        case .binary(let op, let l, let r):
            return try binary(op, l, r, row, range: e.range)
        case .between(let x, let low, let high, let negated):
            let v = try evaluate(x, row)
            let geLow = compareValues(v, try evaluate(low, row)).map { $0 >= 0 }
            let leHigh = compareValues(v, try evaluate(high, row)).map { $0 <= 0 }
            return negate(and(geLow, leHigh), negated)
        case .inList(let x, let list, let negated):
            let v = try evaluate(x, row)
            var sawNull = v.isNull
            var found = false
            for item in list where !found {
                let c = compareValues(v, try evaluate(item, row))
                if c == nil { sawNull = true } else if c == 0 { found = true }
            }
            return negate(found ? true : sawNull ? nil : false, negated)
        case .isNull(let x, let negated):
            return .boolean(try evaluate(x, row).isNull != negated)
        }
    }

    static func and(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == nil || b == nil { return nil }
        return true
    }

    static func negate(_ b: Bool?, _ negated: Bool) -> Value {
        guard let b else { return .null }
        return .boolean(b != negated)
    }

    static func boolOf(_ v: Value) -> Bool? {
        if case .boolean(let b) = v { return b }
        return nil
    }

    static func binary(_ op: BinaryOp, _ l: BoundExpr, _ r: BoundExpr, _ row: [Value], range: SourceRange) throws -> Value {
        switch op {
        case .and:
            let a = boolOf(try evaluate(l, row))
            if a == false { return .boolean(false) }
            let b = boolOf(try evaluate(r, row))
            return and(a, b).map(Value.boolean) ?? .null
        case .or:
            let a = boolOf(try evaluate(l, row))
            if a == true { return .boolean(true) }
            let b = boolOf(try evaluate(r, row))
            if b == true { return .boolean(true) }
            return a == nil || b == nil ? .null : .boolean(false)
        default:
            break
        }
        let a = try evaluate(l, row)
        let b = try evaluate(r, row)
        if a.isNull || b.isNull { return .null }
        switch op {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            guard let c = compareValues(a, b) else { return .null }
            switch op {
            case .equal: return .boolean(c == 0)
            case .notEqual: return .boolean(c != 0)
            case .less: return .boolean(c < 0)
            case .lessEqual: return .boolean(c <= 0)
            case .greater: return .boolean(c > 0)
            default: return .boolean(c >= 0)
            }
        case .concat:
            return .text((a.display ?? "") + (b.display ?? ""))
        default:
            return try arithmetic(op, a, b, range: range)
        }
    }

    /// arithmetic applies + - * / // to two non-null numbers.
    static func arithmetic(_ op: BinaryOp, _ a: Value, _ b: Value, range: SourceRange) throws -> Value {
        if case .integer(let x) = a, case .integer(let y) = b {
            let result: (Int64, Bool)
            switch op {
            case .add: result = x.addingReportingOverflow(y)
            case .subtract: result = x.subtractingReportingOverflow(y)
            case .multiply: result = x.multipliedReportingOverflow(by: y)
            case .integerDivide:
                if y == 0 { return .null }
                result = x.dividedReportingOverflow(by: y)
            default:
                if y == 0 { return .null }
                return .decimal(Double(x) / Double(y))
            }
            if result.1 { throw Diagnostic("integer overflow in '\(op.rawValue)' (the result does not fit in 64 bits)", at: range) }
            return .integer(result.0)
        }
        guard let x = a.asDouble, let y = b.asDouble else { return .null }
        let d: Double
        switch op {
        case .add: d = x + y
        case .subtract: d = x - y
        case .multiply: d = x * y
        default:
            // '/'; the checker lets '//' take only integers, which the branch above handles.
            if y == 0 { return .null }
            d = x / y
        }
        if !d.isFinite { throw Diagnostic("number overflow in '\(op.rawValue)' (the result is too large for a decimal)", at: range) }
        if case .percentage = a, case .percentage = b, op == .add || op == .subtract { return .percentage(d) }
        return .decimal(d)
    }
}
