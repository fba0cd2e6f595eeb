// Evaluator: plan → result rows. Rows flow WHERE → GROUP BY and aggregates → HAVING → window functions → select
// list → DISTINCT → ORDER BY → OFFSET/LIMIT. Nulls follow SQL's three-valued logic; integer overflow is an error with
// its place, never a trap; division by zero gives NULL.

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
    /// qualifiers, parallel to rows when not empty, hold `bijna`, `ruim` or `circa` for figures the report gives as
    /// approximate, and computedQualifier for values computed from them, so that table output can mark them.
    public var qualifiers: [[String?]]
    /// notes tell what the figures behind the rows do not say by themselves (Notes.swift); written after the result.
    public var notes: [Diagnostic]
    public init(columns: [ResultColumn], rows: [[Value]], qualifiers: [[String?]] = [], notes: [Diagnostic] = []) {
        self.columns = columns
        self.rows = rows
        self.qualifiers = qualifiers
        self.notes = notes
    }
}

/// RowContext is everything an expression can read while one row is evaluated.
struct RowContext {
    var input: [Value] = []
    var keys: [Value] = []
    var aggregates: [Value] = []
    var windows: [Value] = []
    /// dataset and rows say where the row came from: the input rows it was computed from (a group has many). The
    /// dataset is held by reference, so that a row's context stays small however many rows a result has.
    var source: DatasetBox?
    var dataset: Dataset? { source?.dataset }
    var rows: [Int] = []
    /// select is the position of the select, among those joined by UNION ALL, that made the row.
    var select = 0
    /// qualifiers marks the result columns whose figure the report qualifies, or that were computed from one.
    var qualifiers: [String?] = []
    /// approximateAggregates and approximateWindows tell, per aggregate and window, whether its value was computed
    /// from approximate figures (Approximate.swift).
    var approximateAggregates: [Bool] = []
    var approximateWindows: [Bool] = []
}

/// DatasetBox shares one dataset among the contexts of many rows.
final class DatasetBox {
    let dataset: Dataset
    init(_ dataset: Dataset) { self.dataset = dataset }
}

/// Evaluator runs plans.
public enum Evaluator {
    /// run executes a query plan and returns its rows. `shouldStop` is asked between rows, so that Ctrl-C can
    /// cancel a running statement.
    public static func run(_ plan: QueryPlan, shouldStop: () -> Bool = { false }) throws -> ResultSet {
        try runWithContexts(plan, shouldStop: shouldStop).result
    }

    /// runWithContexts executes a plan and also returns, per result row, where it came from.
    static func runWithContexts(_ plan: QueryPlan, shouldStop: () -> Bool = { false }) throws -> (result: ResultSet, contexts: [RowContext]) {
        if let result = try BatchExecutor.run(plan) { return (result, []) }
        var operands: [[(output: [Value], context: RowContext)]] = []
        var notes = Notes()
        notes.add(contentsOf: plan.notes)
        for (n, select) in plan.selects.enumerated() {
            if shouldStop() { throw Interrupted() }
            var rows = try run(select, notes: &notes, shouldStop: shouldStop)
            for i in rows.indices {
                rows[i].context.select = n
                // A result row lives until the statement ends: its values, its provenance (the row context) and their copies
                // while set operations combine them; about 1 KB a row, measured.
                try Cancellation.charge(row: rows[i].output, overhead: 640 + 8 * rows[i].context.rows.count + 24 * rows[i].context.qualifiers.count)
            }
            operands.append(rows)
        }
        var rows = combine(operands, plan.setOps)
        if !plan.order.isEmpty {
            var keyed: [(keys: [Value], index: Int)] = []
            for (i, r) in rows.enumerated() {
                try Cancellation.charge(48 + 40 * plan.order.count)
                keyed.append((try plan.order.map { o -> Value in
                    switch o.key {
                    case .output(let c): return r.output[c]
                    case .expr(let e): return try evaluate(e, r.context)
                    }
                }, i))
            }
            var comparisons = 0
            try keyed.sort { a, b in
                comparisons += 1
                if comparisons & 0x3FF == 0 { try Cancellation.checkpoint() }
                let c = SQL.compareKeys(a.keys, b.keys, descending: plan.order.map(\.descending))
                return c != 0 ? c < 0 : a.index < b.index
            }
            rows = keyed.map { rows[$0.index] }
        }
        if let offset = plan.offset { rows = Array(rows.dropFirst(offset)) }
        if let limit = plan.limit { rows = Array(rows.prefix(limit)) }
        let qualified = rows.contains { r in r.context.qualifiers.contains { $0 != nil } }
        // A row of a select without qualified figures (UNION ALL with another dataset) has no marks of its own.
        let none = [String?](repeating: nil, count: plan.columns.count)
        let result = ResultSet(columns: plan.columns, rows: rows.map(\.output),
                               qualifiers: qualified ? rows.map { $0.context.qualifiers.isEmpty ? none : $0.context.qualifiers } : [],
                               notes: notes.all)
        return (result, rows.map(\.context))
    }

    typealias Rows = [(output: [Value], context: RowContext)]

    /// combine applies the set operations: INTERSECT first, then UNION and EXCEPT from left to right, as DuckDB does.
    /// Each step is linear in its rows, so that a chain of 10,000 UNION ALLs stays fast.
    static func combine(_ operands: [Rows], _ ops: [SetOperation]) -> Rows {
        var terms: [(op: SetOperation?, rows: Rows)] = []
        for (i, operand) in operands.enumerated() {
            if i > 0 && ops[i - 1].op == .intersect {
                apply(ops[i - 1], to: &terms[terms.count - 1].rows, operand)
            } else {
                terms.append((i == 0 ? nil : ops[i - 1], operand))
            }
        }
        var rows = terms[0].rows
        // seen holds the keys of rows while they are known to be distinct, so that a chain of UNIONs adds only new rows.
        var seen: Set<[ValueKey]>?
        for term in terms.dropFirst() {
            guard let op = term.op else { continue }
            if op.op == .union && !op.all {
                if seen == nil { rows = distinct(rows, seen: &seen) }
                for r in term.rows where seen!.insert(rowKey(r.output)).inserted { rows.append(r) }
            } else if op.op == .union {
                rows += term.rows
                seen = nil
            } else {
                apply(op, to: &rows, term.rows)
                seen = nil
            }
        }
        return rows
    }

    /// rowKey identifies a row for set operations by its exact values, as DISTINCT does, so NULL matches NULL.
    static func rowKey(_ row: [Value]) -> [ValueKey] { row.keys }

    /// distinct keeps the first of each run of equal rows, and leaves their keys in `seen`.
    static func distinct(_ rows: Rows, seen: inout Set<[ValueKey]>?) -> Rows {
        var keys = Set<[ValueKey]>()
        let out = rows.filter { keys.insert(rowKey($0.output)).inserted }
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
        for r in right { counts[rowKey(r.output), default: 0] += 1 }
        var out: Rows = []
        for r in left {
            let k = rowKey(r.output)
            let present = (counts[k] ?? 0) > 0
            if present && op.all { counts[k]! -= 1 }
            if present == (op.op == .intersect) { out.append(r) }
        }
        left = op.all ? out : distinct(out, seen: &seen)
    }

    /// run executes one select, keeping each row's context for ORDER BY expressions.
    static func run(_ plan: SelectPlan, notes: inout Notes, shouldStop: () -> Bool = { false }) throws -> [(output: [Value], context: RowContext)] {
        let all: [[Value]] = try plan.table.map(rows) ?? [[]]
        let source = plan.table?.dataset.map(DatasetBox.init)
        var input: [RowContext] = all.indices.map { RowContext(input: all[$0], source: source, rows: [$0]) }
        if let filter = plan.filter {
            input = try input.filter { row in
                try Cancellation.checkpoint()
                return try evaluate(filter, row) == .boolean(true)
            }
        }
        var stage: [RowContext] = plan.grouped ? try group(input, plan, source, notes: &notes) : input
        if let having = plan.having {
            stage = try stage.filter { try evaluate(having, $0) == .boolean(true) }
        }
        if !plan.windows.isEmpty {
            for i in stage.indices {
                stage[i].windows = Array(repeating: .null, count: plan.windows.count)
                stage[i].approximateWindows = Array(repeating: false, count: plan.windows.count)
            }
            for (w, window) in plan.windows.enumerated() {
                try compute(window, index: w, over: &stage, in: plan)
                notes.add(contentsOf: aggregateNotes(window.function, window.arguments.first, range: window.range, rows: stage, select: plan))
            }
        }
        if let qualify = plan.qualify {
            stage = try stage.filter { try evaluate(qualify, $0) == .boolean(true) }
        }
        var rows: [(output: [Value], context: RowContext)] = []
        for var context in stage {
            if shouldStop() { throw Interrupted() }
            let output = try plan.outputs.map { try evaluate($0.expr, context) }
            context.qualifiers = qualifiers(of: output, context, plan)
            rows.append((output, context))
        }
        if plan.distinct {
            var seen = Set<[ValueKey]>()
            rows = rows.filter { seen.insert($0.output.keys).inserted }
        }
        return rows
    }

    /// rows are a table's rows as values; a generated table's rows are counted against the memory limit.
    static func rows(_ table: any Table) throws -> [[Value]] {
        if let dataset = table.dataset { return dataset.rows }
        var out: [[Value]] = []
        try table.forEachBatch { batch in
            for i in 0..<batch.count {
                let row = batch.row(i)
                try Cancellation.charge(row: row)
                out.append(row)
            }
            return true
        }
        return out
    }

    // MARK: Grouping and aggregates

    /// group splits rows by their GROUP BY keys, in order of first appearance, and computes the aggregates of each.
    static func group(_ rows: [RowContext], _ plan: SelectPlan, _ source: DatasetBox?, notes: inout Notes) throws -> [RowContext] {
        var groups: [(keys: [Value], rows: [RowContext])] = []
        if plan.groupKeys.isEmpty {
            groups = [([], rows)]
        } else {
            var index: [[ValueKey]: Int] = [:]
            for row in rows {
                try Cancellation.checkpoint()
                try Cancellation.charge(16)
                let keys = try plan.groupKeys.map { try evaluate($0, row) }
                let id = keys.keys
                if let i = index[id] {
                    groups[i].rows.append(row)
                } else {
                    index[id] = groups.count
                    groups.append((keys, [row]))
                }
            }
        }
        for a in plan.aggregates where mayNeedNote(a.function, a.argument, plan) {
            let columns = a.argument?.referencedColumns(in: plan) ?? []
            notes.add(contentsOf: aggregateNotes(a.function, columns: columns, range: a.range, groups: groups.map(\.rows), select: plan))
        }
        return try groups.map { g in
            RowContext(input: g.rows.first?.input ?? [], keys: g.keys,
                       aggregates: try plan.aggregates.map { try aggregate($0, over: g.rows) },
                       source: source, rows: g.rows.flatMap(\.rows),
                       approximateAggregates: plan.aggregates.map { isApproximate($0, over: g.rows, plan) })
        }
    }

    /// aggregate computes one aggregate over a group's rows, feeding its accumulator row by row.
    static func aggregate(_ a: AggregatePlan, over rows: [RowContext]) throws -> Value {
        // The arguments after the row arguments are constants, which the checker made sure of: quantile_cont's q,
        // string_agg's separator.
        let parameter = try a.extra.dropFirst(a.function.rowArguments - 1).first.map { try evaluate($0, RowContext()) }
        let setup = AggregateSetup(type: a.type, range: a.range, parameter: parameter, distinct: a.distinct, star: a.argument == nil)
        guard var accumulator = a.function.makeAccumulator(setup) else { return .null }
        let by = a.function.rowArguments == 2 ? a.extra.first : nil
        for row in rows {
            if let filter = a.filter, try evaluate(filter, row) != .boolean(true) { continue }
            guard let arg = a.argument else { try accumulator.add(.null); continue }
            if let by {
                try accumulator.add(try evaluate(arg, row), by: try evaluate(by, row))
            } else {
                try accumulator.add(try evaluate(arg, row))
            }
        }
        return try accumulator.finish()
    }

    // MARK: Window functions

    /// compute fills in one window function for every row: partitions, ordered, each row with its frame.
    static func compute(_ w: WindowPlan, index: Int, over rows: inout [RowContext], in plan: SelectPlan) throws {
        var partitions: [[Int]] = []
        var byKey: [[ValueKey]: Int] = [:]
        for i in rows.indices {
            let id = try w.partitionBy.map { ValueKey(try evaluate($0, rows[i])) }
            if let p = byKey[id] { partitions[p].append(i) } else { byKey[id] = partitions.count; partitions.append([i]) }
        }
        let descending = w.orderBy.map(\.descending)
        for partition in partitions {
            try Cancellation.checkpoint()
            let keys = try partition.map { i in try w.orderBy.map { try evaluate($0.0, rows[i]) } }
            let order = partition.indices.sorted { a, b in
                let c = SQL.compareKeys(keys[a], keys[b], descending: descending)
                return c != 0 ? c < 0 : a < b
            }
            let sorted = order.map { partition[$0] }
            let sortedKeys = order.map { keys[$0] }
            // Peers share their ORDER BY keys; with ORDER BY, a frame runs from the partition start to the last peer.
            let peerEnd = peerEnds(count: sorted.count) { p in
                !w.orderBy.isEmpty && SQL.compareKeys(sortedKeys[p], sortedKeys[p + 1], descending: descending) != 0
            }
            // An aggregate's arguments after its row arguments are constants (quantile_cont's q).
            let constants = w.function.kind == .aggregate ? w.arguments.dropFirst(w.function.rowArguments) : []
            let parameter = try constants.first.map { try evaluate($0, RowContext()) }
            let setup = AggregateSetup(type: w.type, range: w.range, parameter: parameter, star: w.arguments.isEmpty)
            let values = try w.function.window(count: sorted.count, peerEnd: peerEnd, arguments: w.arguments.count, setup: setup) { i, p in
                try evaluate(w.arguments[i], rows[sorted[p]])
            }
            // Whether the running frame so far holds an approximate figure, extended as the frame grows.
            var approximateThrough = -1, approximateSoFar = false
            let marks = w.arguments.first.flatMap { plan.dataset?.qualifierColumn != nil ? $0 : nil }
            for (p, row) in sorted.enumerated() {
                rows[row].windows[index] = values[p].value
                guard let argument = marks else { continue }
                switch values[p].source {
                case .none: rows[row].approximateWindows[index] = false
                case .row(let r): rows[row].approximateWindows[index] = isApproximate(argument, rows[sorted[r]], plan)
                case .frame(let end):
                    while approximateThrough < end {
                        approximateThrough += 1
                        if isApproximate(argument, rows[sorted[approximateThrough]], plan) { approximateSoFar = true }
                    }
                    rows[row].approximateWindows[index] = approximateSoFar
                }
            }
        }
    }

    // MARK: Expressions

    /// evaluate computes an expression for one row.
    static func evaluate(_ e: BoundExpr, _ row: RowContext) throws -> Value {
        switch e.kind {
        case .column(let i): return row.input[i]
        case .groupKey(let i): return row.keys[i]
        case .aggregate(let i): return row.aggregates[i]
        case .window(let i): return row.windows[i]
        case .sourceRef:
            guard let dataset = row.dataset, let r = row.rows.first else { return .null }
            return .text(dataset.sourceRef(row: r))
        case .constant(let v): return v
        case .negate(let x):
            return try Arithmetic.negate(try evaluate(x, row), range: e.range)
        case .not(let x):
            switch try evaluate(x, row) {
            case .boolean(let b): return .boolean(!b)
            default: return .null
            }
        case .binary(let op, let l, let r):
            return try binary(op, l, r, row, range: e.range)
        case .chain(let first, let links):
            return try chain(first, links, row)
        case .between(let x, let low, let high, let negated):
            let v = try evaluate(x, row)
            let geLow = SQL.compare(v, try evaluate(low, row)).map { $0 >= 0 }
            let leHigh = SQL.compare(v, try evaluate(high, row)).map { $0 <= 0 }
            return SQL.negate(SQL.and(geLow, leHigh), negated)
        case .inList(let x, let list, let negated):
            let v = try evaluate(x, row)
            return SQL.negate(try SQL.membership(v, try list.map { try evaluate($0, row) }), negated)
        case .inSubquery(let x, let sub, let negated):
            let v = try evaluate(x, row)
            return SQL.negate(try membership(v, in: sub), negated)
        case .isNull(let x, let negated):
            return .boolean(try evaluate(x, row).isNull != negated)
        case .like(let x, let p, let ci, let negated):
            guard case .text(let s) = try evaluate(x, row), case .text(let pattern) = try evaluate(p, row) else { return .null }
            return .boolean(try SQL.like(ci ? s.lowercased() : s, ci ? pattern.lowercased() : pattern) != negated)
        case .scalar(let function, let args):
            return try function.call(try args.map { try evaluate($0, row) }, at: e.range) ?? .null
        case .caseWhen(let branches, let elseResult):
            for (condition, result) in branches where try evaluate(condition, row) == .boolean(true) {
                return try evaluate(result, row)
            }
            return try elseResult.map { try evaluate($0, row) } ?? .null
        case .cast(let x, let type):
            return try Scalars.cast(try evaluate(x, row), to: type, range: e.range)
        case .coerce(let x):
            return Scalars.coerce(try evaluate(x, row), to: e.type)
        case .subquery(let sub):
            let result = try rows(of: sub)
            if result.count > 1 {
                throw Diagnostic("the subquery returned \(result.count) rows; a subquery used as a value must return at most one", at: e.range)
            }
            return result.first?[0] ?? .null
        }
    }

    /// rows runs a subquery once and keeps its rows.
    static func rows(of sub: SubqueryPlan) throws -> [[Value]] {
        if let cached = sub.cached { return cached }
        let full = try run(sub.plan)
        sub.cached = full.rows
        sub.approximate = full.qualifiers.first?.first.map { $0 != nil } ?? false
        return full.rows
    }

    /// membership in a subquery's rows looks the value up in their hash set, built once.
    static func membership(_ v: Value, in sub: SubqueryPlan) throws -> Bool? {
        let members = try memberSet(of: sub)
        if members.count == 0 { return false }
        if v.isNull { return nil }
        if members.keys.contains(ValueKey(v)) { return true }
        return members.hasNull ? nil : false
    }

    /// memberSet runs a subquery once and keeps its first column as a set of keys, and whether it held a NULL.
    static func memberSet(of sub: SubqueryPlan) throws -> (keys: Set<ValueKey>, hasNull: Bool, count: Int) {
        if let cached = sub.members { return cached }
        let values = try rows(of: sub).map { $0[0] }
        var keys = Set<ValueKey>(minimumCapacity: values.count)
        var hasNull = false
        for v in values { if v.isNull { hasNull = true } else { keys.insert(ValueKey(v)) } }
        let members = (keys, hasNull, values.count)
        sub.members = members
        return members
    }

    /// chain applies a chain's operators from the left, in a loop. OR and AND stop at the first operand that decides;
    /// the other operators read every operand, as `(a + b) + c` would, and give NULL if any is NULL.
    static func chain(_ first: BoundExpr, _ links: [BoundLink], _ row: RowContext) throws -> Value {
        guard let level = links.first?.op, level == .or || level == .and else {
            var acc = try evaluate(first, row)
            for link in links {
                let b = try evaluate(link.operand, row)
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
            switch SQL.boolOf(try evaluate(e, row)) {
            case decisive?: return .boolean(decisive)
            case nil: sawNull = true
            default: break
            }
        }
        return sawNull ? .null : .boolean(!decisive)
    }

    static func binary(_ op: BinaryOp, _ l: BoundExpr, _ r: BoundExpr, _ row: RowContext, range: SourceRange) throws -> Value {
        switch op {
        case .and:
            let a = SQL.boolOf(try evaluate(l, row))
            if a == false { return .boolean(false) }
            let b = SQL.boolOf(try evaluate(r, row))
            return SQL.and(a, b).map(Value.boolean) ?? .null
        case .or:
            let a = SQL.boolOf(try evaluate(l, row))
            if a == true { return .boolean(true) }
            let b = SQL.boolOf(try evaluate(r, row))
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
