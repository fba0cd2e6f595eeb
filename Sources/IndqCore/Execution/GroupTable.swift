// Hash aggregation over batches: each row finds its group by its exact keys (one Int64 key has a table of its own),
// and each aggregate keeps a running state per group. count, sum, min and max of integers, and count(distinct) of
// integers, stream in O(groups) memory; the other aggregates keep their group's values for Evaluator.combine.

struct GroupTable {
    let select: SelectPlan
    var keys: [[Value]] = []
    var byInteger: [Int64: Int] = [:]
    var nullGroup: Int?
    var byKeys: [[ValueKey]: Int] = [:]
    var states: [AggregateState]

    init(_ select: SelectPlan) throws {
        self.select = select
        states = select.aggregates.map(AggregateState.init)
        // Aggregates without GROUP BY make one group, even of no rows.
        if select.groupKeys.isEmpty { _ = try newGroup([]) }
    }

    mutating func newGroup(_ key: [Value]) throws -> Int {
        try Cancellation.charge(64 + 40 * key.count + 16 * states.count)
        keys.append(key)
        for s in states.indices { states[s].grow() }
        return keys.count - 1
    }

    /// add puts the rows of a batch in their groups and updates every aggregate.
    mutating func add(_ batch: Batch) throws {
        var ids = [Int](repeating: 0, count: batch.count)
        if !select.groupKeys.isEmpty {
            let vectors = try select.groupKeys.map { try BatchExpressions.evaluate($0, batch) }
            if vectors.count == 1, case .integers(let xs) = vectors[0].storage {
                for i in 0..<batch.count {
                    if vectors[0].isValid(i) {
                        if let g = byInteger[xs[i]] { ids[i] = g } else {
                            let g = try newGroup([.integer(xs[i])])
                            byInteger[xs[i]] = g
                            ids[i] = g
                        }
                    } else {
                        if nullGroup == nil { nullGroup = try newGroup([.null]) }
                        ids[i] = nullGroup!
                    }
                }
            } else {
                for i in 0..<batch.count {
                    let key = vectors.map { $0[i] }
                    let id = key.keys
                    if let g = byKeys[id] { ids[i] = g } else {
                        let g = try newGroup(key)
                        byKeys[id] = g
                        ids[i] = g
                    }
                }
            }
        }
        for s in states.indices {
            let a = states[s].plan
            let included = try a.filter.map { BatchExpressions.truth(try BatchExpressions.evaluate($0, batch)) }
            let argument = try a.argument.map { try BatchExpressions.evaluate($0, batch) }
            try states[s].update(ids, argument, included, count: batch.count)
        }
        try Cancellation.checkpoint()
    }

    /// finish gives one row context per group, in order of first appearance, with its keys and aggregates.
    func finish() throws -> [RowContext] {
        var out: [RowContext] = []
        out.reserveCapacity(keys.count)
        for g in keys.indices {
            try Cancellation.checkpoint()
            out.append(RowContext(keys: keys[g], aggregates: try states.map { try $0.value(g) }))
        }
        return out
    }
}

/// AggregateState is one aggregate's running state, per group.
struct AggregateState {
    enum Kind { case count, countDistinctInteger, sumInteger, minInteger, maxInteger, values }
    let plan: AggregatePlan
    let kind: Kind
    var counts: [Int64] = []
    var integers: [Int64] = []
    var distinctIntegers: [Set<Int64>] = []
    var values: [[Value]] = []
    /// parameter is quantile_cont's q or string_agg's separator, a constant.
    let parameter: Value?

    init(_ plan: AggregatePlan) {
        self.plan = plan
        let integer = plan.argument?.type == .integer
        switch plan.name {
        case "count" where !plan.distinct: kind = .count
        case "count" where integer: kind = .countDistinctInteger
        case "sum" where integer && !plan.distinct: kind = .sumInteger
        case "min" where integer: kind = .minInteger
        case "max" where integer: kind = .maxInteger
        default: kind = .values
        }
        parameter = plan.extra.first.flatMap { try? Evaluator.evaluate($0, RowContext()) }
    }

    mutating func grow() {
        switch kind {
        case .count: counts.append(0)
        case .sumInteger, .minInteger, .maxInteger: counts.append(0); integers.append(0)
        case .countDistinctInteger: distinctIntegers.append([])
        case .values: values.append([])
        }
    }

    mutating func update(_ ids: [Int], _ argument: Vector?, _ included: [Bool]?, count n: Int) throws {
        func take(_ i: Int) -> Bool { (included?[i] ?? true) && !(argument?.isNull(i) ?? false) }
        var ints: [Int64]?
        if let argument, case .integers(let xs) = argument.storage { ints = xs }
        switch kind {
        case .count:
            for i in 0..<n where take(i) { counts[ids[i]] += 1 }
            return
        case .countDistinctInteger, .sumInteger, .minInteger, .maxInteger:
            guard let xs = ints else { break }
            for i in 0..<n where take(i) {
                let g = ids[i], x = xs[i]
                switch kind {
                case .countDistinctInteger:
                    if distinctIntegers[g].insert(x).inserted { try Cancellation.charge(16) }
                case .sumInteger:
                    let (r, o) = integers[g].addingReportingOverflow(x)
                    if o { throw Diagnostic("integer overflow in sum (the total does not fit in 64 bits)", at: plan.range) }
                    integers[g] = r
                    counts[g] += 1
                case .minInteger:
                    if counts[g] == 0 || x < integers[g] { integers[g] = x }
                    counts[g] += 1
                default:
                    if counts[g] == 0 || x > integers[g] { integers[g] = x }
                    counts[g] += 1
                }
            }
            return
        case .values:
            var added = 0
            for i in 0..<n where take(i) {
                values[ids[i]].append(argument?[i] ?? .integer(1))
                added += 1
            }
            try Cancellation.charge(24 * added)
            return
        }
        // An integer aggregate whose argument came as values: one at a time, the same rules.
        for i in 0..<n where take(i) {
            guard case .integer(let x) = argument![i] else { continue }
            try update([ids[i]], Vector(.integers([x])), nil, count: 1)
        }
    }

    /// value is the aggregate of group g.
    func value(_ g: Int) throws -> Value {
        switch kind {
        case .count: return .integer(counts[g])
        case .countDistinctInteger: return .integer(Int64(distinctIntegers[g].count))
        case .sumInteger, .minInteger, .maxInteger: return counts[g] == 0 ? .null : .integer(integers[g])
        case .values:
            var vs = values[g]
            if plan.distinct {
                var seen = Set<ValueKey>()
                vs = vs.filter { seen.insert(ValueKey($0)).inserted }
            }
            return try Evaluator.combine(plan.name, vs, type: plan.type, range: plan.range, parameter: parameter)
        }
    }
}
