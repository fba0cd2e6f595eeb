// Hash aggregation over batches: each row finds its group by its exact keys (one whole-number key has a table of its
// own, Int64Table, and its keys are held as Int64), and each aggregate keeps a running state per group, so the input
// streams and only the groups are held.

struct GroupTable {
    let select: SelectPlan
    /// keys are the groups' keys, a column per GROUP BY key, typed for whole numbers. With one key, whole numbers find
    /// their group through `integers` and `groupOf`, and NULL has `nullGroup`; any other key through `byKeys`.
    var keys: [ColumnBuilder]
    var integers = Int64Table()
    var groupOf: [Int32] = []
    var nullGroup: Int?
    var groupCount = 0
    var byKeys: [[ValueKey]: Int] = [:]
    /// textGroups finds the group of one text key by its bytes, without building a key array per row.
    var textGroups: [TextKey: Int] = [:]
    var states: [AggregateState]
    /// source and groupRows are the dataset the rows come from and each group's source rows, kept only for rows
    /// with provenance.
    var source: DatasetBox?
    var groupRows: [[Int]]?

    init(_ select: SelectPlan) throws {
        self.select = select
        states = try select.aggregates.map(AggregateState.init)
        keys = Array(repeating: ColumnBuilder(), count: select.groupKeys.count)
        // Aggregates without GROUP BY make one group, even of no rows.
        if select.groupKeys.isEmpty { _ = try newGroup([]) }
    }

    /// newGroup makes a group with its key.
    mutating func newGroup(_ key: [Value]) throws -> Int {
        try Cancellation.charge(24 + 40 * key.count + 16 * states.count)
        for k in key.indices { keys[k].append(key[k]) }
        return grow()
    }

    /// grow makes room for one more group in every aggregate.
    mutating func grow() -> Int {
        groupRows?.append([])
        for s in states.indices { states[s].grow() }
        groupCount += 1
        return groupCount - 1
    }

    /// integerGroup is the group of a whole-number key, made when new.
    mutating func integerGroup(_ x: Int64) throws -> Int {
        let (id, inserted) = integers.id(of: x)
        if inserted {
            try Cancellation.charge(40 + 16 * states.count)
            keys[0].append(integer: x)
            groupOf.append(Int32(truncatingIfNeeded: grow()))
        }
        return Int(groupOf[id])
    }

    /// nullKeyGroup is the group of the NULL key, when there is one key.
    mutating func nullKeyGroup() throws -> Int {
        if nullGroup == nil { nullGroup = try newGroup([.null]) }
        return nullGroup!
    }

    /// textGroup is the group of a single text key, made when new.
    mutating func textGroup(_ s: String) throws -> Int {
        let key = TextKey(text: s)
        if let g = textGroups[key] { return g }
        let g = try newGroup([.text(s)])
        textGroups[key] = g
        return g
    }

    /// keyedGroup is the group of any other key, found by its exact values.
    mutating func keyedGroup(_ key: [Value]) throws -> Int {
        let id = key.keys
        if let g = byKeys[id] { return g }
        let g = try newGroup(key)
        byKeys[id] = g
        return g
    }

    /// add puts the rows of a batch in their groups and updates every aggregate.
    mutating func add(_ batch: Batch) throws {
        if let box = batch.source, groupRows == nil {
            source = box
            groupRows = Array(repeating: [], count: groupCount)
        }
        var ids = [Int](repeating: 0, count: batch.count)
        if !select.groupKeys.isEmpty {
            let vectors = try select.groupKeys.map { try BatchExpressions.evaluate($0, batch) }
            if vectors.count == 1 {
                // One key: whole numbers go to the integer table whatever their vector's storage, so a key never has two groups.
                let v = vectors[0]
                if case .integers(let xs) = v.storage {
                    for i in 0..<batch.count { ids[i] = v.isValid(i) ? try integerGroup(xs[i]) : try nullKeyGroup() }
                } else {
                    for i in 0..<batch.count {
                        switch v[i] {
                        case .integer(let x): ids[i] = try integerGroup(x)
                        case .null: ids[i] = try nullKeyGroup()
                        case .text(let s): ids[i] = try textGroup(s)
                        default: ids[i] = try keyedGroup([v[i]])
                        }
                    }
                }
            } else {
                for i in 0..<batch.count { ids[i] = try keyedGroup(vectors.map { $0[i] }) }
            }
        }
        if groupRows != nil {
            for i in 0..<batch.count { groupRows![ids[i]].append(batch.tableRow(i)) }
        }
        for s in states.indices {
            let included = try states[s].plan.filter.map { BatchExpressions.truth(try BatchExpressions.evaluate($0, batch)) }
            try states[s].update(ids, batch, included: included)
        }
        try Cancellation.checkpoint()
    }

    /// count is the number of groups so far.
    var count: Int { groupCount }

    /// finish gives the groups from `start`, at most `count` of them, in order of first appearance, as a batch of
    /// their keys and aggregates.
    func finish(from start: Int, count n: Int) throws -> Batch {
        let range = start..<min(groupCount, start + n)
        try Cancellation.checkpoint()
        var batch = Batch(columns: [], count: range.count)
        batch.keys = keys.map { $0.vector(range) }
        batch.aggregates = try states.map { s in Vector.of(try range.map { try s.value($0) }) }
        batch.source = source
        batch.groupRows = groupRows.map { Array($0[range]) }
        return batch
    }
}

/// AggregateState is one aggregate's running state, per group. The registry's accumulator serves every group
/// (one each); count, and sum, min, max and count(DISTINCT …) of whole numbers, whose accumulators the state
/// recognises by their type, keep a typed column over the groups instead, which costs no accumulator per group.
struct AggregateState {
    enum Kind { case count, countDistinctInteger, sumInteger, minInteger, maxInteger, accumulators }
    let plan: AggregatePlan
    let kind: Kind
    let setup: AggregateSetup
    /// by is the second row argument of arg_max and arg_min.
    let by: BoundExpr?
    var counts: [Int64] = []
    var integers: [Int64] = []
    /// distinctIntegers are each group's distinct whole numbers, made at the group's first one.
    var distinctIntegers: [Int64Table?] = []
    var accumulators: [any Accumulator] = []

    init(_ plan: AggregatePlan) throws {
        self.plan = plan
        // The arguments after the row arguments are constants: quantile_cont's q, string_agg's separator.
        let parameter = try plan.extra.dropFirst(plan.function.rowArguments - 1).first.map(BatchExpressions.constant)
        setup = AggregateSetup(type: plan.type, range: plan.range, parameter: parameter, distinct: plan.distinct, star: plan.argument == nil)
        by = plan.function.rowArguments == 2 ? plan.extra.first : nil
        let integer = plan.argument?.type == .integer
        switch plan.function.makeAccumulator(setup) {
        case is CountAccumulator: kind = .count
        case let d as DistinctAccumulator where integer && d.inner is CountAccumulator: kind = .countDistinctInteger
        case is SumAccumulator where integer: kind = .sumInteger
        case let e as ExtremeAccumulator where integer: kind = e.largest ? .maxInteger : .minInteger
        default: kind = .accumulators
        }
    }

    mutating func grow() {
        switch kind {
        case .count: counts.append(0)
        case .sumInteger, .minInteger, .maxInteger: counts.append(0); integers.append(0)
        case .countDistinctInteger: distinctIntegers.append(nil)
        case .accumulators: accumulators.append(plan.function.makeAccumulator(setup)!)
        }
    }

    mutating func update(_ ids: [Int], _ batch: Batch, included: [Bool]?) throws {
        let argument = try plan.argument.map { try BatchExpressions.evaluate($0, batch) }
        let n = batch.count
        if kind == .accumulators {
            let key = try by.map { try BatchExpressions.evaluate($0, batch) }
            for i in 0..<n where included?[i] ?? true {
                let v = argument?[i] ?? .null
                if let key { try accumulators[ids[i]].add(v, by: key[i]) } else { try accumulators[ids[i]].add(v) }
            }
            return
        }
        func take(_ i: Int) -> Bool { (included?[i] ?? true) && !(argument?.isNull(i) ?? false) }
        if kind == .count {
            for i in 0..<n where take(i) { counts[ids[i]] += 1 }
            return
        }
        guard let argument else { return }
        let xs: [Int64]
        if case .integers(let ints) = argument.storage { xs = ints } else { xs = (0..<n).map { if case .integer(let x) = argument[$0] { return x }; return 0 } }
        for i in 0..<n where take(i) {
            let g = ids[i], x = xs[i]
            switch kind {
            case .countDistinctInteger:
                if distinctIntegers[g] == nil { distinctIntegers[g] = Int64Table() }
                if distinctIntegers[g]!.id(of: x).inserted { try Cancellation.charge(16) }
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
    }

    /// value is the aggregate of group g.
    func value(_ g: Int) throws -> Value {
        switch kind {
        case .count: return .integer(counts[g])
        case .countDistinctInteger: return .integer(Int64(distinctIntegers[g]?.count ?? 0))
        case .sumInteger, .minInteger, .maxInteger: return counts[g] == 0 ? .null : .integer(integers[g])
        case .accumulators: return try accumulators[g].finish()
        }
    }
}

/// TextKey is a text compared and hashed byte by byte, as ValueKey compares text.
struct TextKey: Hashable {
    let text: String

    static func == (a: TextKey, b: TextKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
