// Joins. The right input is the build side, held whole as one batch; the left input streams past it a batch at a
// time. Equalities find a row's partners through a hash table of the build side's keys (Int64Table for one
// whole-number key, else exact value keys); NULL keys are never entered, so NULL matches nothing. Without
// equalities every pair is a candidate (a nested loop). The rest of the condition is tested on a batch of candidate
// pairs at a time. Left and full joins add the left rows that matched nothing, right and full joins the build rows.

/// JoinBuild is the right input of a join with its rows by key.
struct JoinBuild {
    var batch: Batch
    var parts: [SourcePart]
    /// matched marks the build rows that some pair kept, for right and full joins.
    var matched: [Bool]
    /// integers and heads find the rows of one whole-number key: heads[id] is the first row with key id, next[row]
    /// the following one with the same key, -1 at the end of a chain.
    var integers: Int64Table?
    var byKeys: [[ValueKey]: Int] = [:]
    var heads: [Int32] = []
    var next: [Int32] = []
    /// charged is the memory counted for the build side, given back when the join ends.
    var charged = 0

    /// init holds `batch` and enters each row with non-null keys under its key.
    init(_ batch: Batch, parts: [SourcePart], keys: [Vector], charged: Int) throws {
        self.batch = batch
        self.parts = parts
        self.charged = charged
        matched = Array(repeating: false, count: batch.count)
        guard !keys.isEmpty else { return }
        next = Array(repeating: -1, count: batch.count)
        if keys.count == 1, case .integers(let xs) = keys[0].storage {
            var table = Int64Table(capacity: batch.count)
            // Rows go in from the last, so that each chain lists its rows in input order.
            for row in stride(from: batch.count - 1, through: 0, by: -1) where keys[0].isValid(row) {
                if row & 0xFFF == 0 { try Cancellation.checkpoint() }
                let (id, inserted) = table.id(of: xs[row])
                if inserted { heads.append(-1) }
                next[row] = heads[id]
                heads[id] = Int32(row)
            }
            integers = table
            return
        }
        for row in stride(from: batch.count - 1, through: 0, by: -1) {
            if row & 0xFFF == 0 { try Cancellation.checkpoint() }
            if keys.contains(where: { $0.isNull(row) }) { continue }
            let key = keys.map { ValueKey($0[row]) }
            let id: Int
            if let known = byKeys[key] {
                id = known
            } else {
                id = heads.count
                byKeys[key] = id
                heads.append(-1)
            }
            next[row] = heads[id]
            heads[id] = Int32(row)
        }
    }

    /// first gives the first build row whose keys equal those of row i of the probe keys, -1 when there is none.
    func first(_ keys: [Vector], _ i: Int) -> Int {
        if let integers {
            guard keys[0].isValid(i), case .integers(let xs) = keys[0].storage, let id = integers.find(xs[i]) else {
                // A probe key that is not a whole-number buffer (a decimal 7.0) is looked up by its exact value.
                guard integers.count > 0, !keys[0].isNull(i), case .number(.integer(let x)) = ValueKey(keys[0][i]).shape,
                      let id = integers.find(x) else { return -1 }
                return Int(heads[id])
            }
            return Int(heads[id])
        }
        if keys.contains(where: { $0.isNull(i) }) { return -1 }
        guard let id = byKeys[keys.map { ValueKey($0[i]) }] else { return -1 }
        return Int(heads[id])
    }
}

extension Executor {
    /// join runs a join: it holds the right input, then pairs each batch of the left input with it.
    func join(_ j: JoinPlan, _ left: LogicalPlan, _ right: LogicalPlan, into consume: Consumer) throws -> Bool {
        var build = try self.build(j, right)
        defer { Cancellation.release(build.charged) }
        // An inner or left join of nothing on the right needs no pairs; a left join still gives its rows.
        var pairs = JoinPairs(plan: j)
        let more = try produce(left) { batch in
            try Cancellation.checkpoint()
            return try self.probe(batch, j, &build, &pairs, into: consume)
        }
        guard more else { return false }
        guard j.kind == .right || j.kind == .full else { return true }
        // The build rows that no pair kept, with NULL for the left side's columns.
        let unmatched = build.matched.indices.filter { !build.matched[$0] }
        var start = 0
        while start < unmatched.count {
            try Cancellation.checkpoint()
            let rows = Array(unmatched[start..<min(start + batchSize, unmatched.count)])
            let nulls = Vector(.values(Array(repeating: .null, count: rows.count)))
            var out = Batch(columns: Array(repeating: nulls, count: j.leftWidth) + build.batch.columns.map { $0.gathering(rows) },
                            count: rows.count)
            if !build.parts.isEmpty { out.parts = build.parts.map { $0.gathering(rows) } }
            guard try consume(out) else { return false }
            start += batchSize
        }
        return true
    }

    /// build reads the right input whole, counting it against the memory limit, and enters its keys.
    func build(_ j: JoinPlan, _ right: LogicalPlan) throws -> JoinBuild {
        var all: Batch?
        var charged = 0
        _ = try produce(right) { batch in
            let bytes = batch.count * (32 + 40 * j.rightWidth)
            try Cancellation.charge(bytes)
            charged += bytes
            var b = batch
            if b.parts == nil, b.source != nil { b.parts = b.provenanceParts(width: j.rightWidth) }
            if all == nil { all = b } else { all!.append(b) }
            return true
        }
        let batch = all ?? Batch(columns: Array(repeating: Vector(.values([])), count: j.rightWidth), count: 0)
        let parts = batch.provenanceParts(width: j.rightWidth).map { p -> SourcePart in
            var p = p
            p.columnOffset += j.leftWidth
            return p
        }
        let keys = try j.rightKeys.map { try BatchExpressions.evaluate($0, Self.padded(batch, by: j.offset + j.leftWidth)) }
        return try JoinBuild(batch, parts: parts, keys: keys, charged: charged)
    }

    /// padded puts `n` empty columns before a batch's own, so that expressions bound to the combined row read its
    /// columns where they stand there; the empty ones are never read.
    static func padded(_ batch: Batch, by n: Int) -> Batch {
        guard n > 0 else { return batch }
        var b = batch
        b.columns = Array(repeating: Vector(.integers([])), count: n) + batch.columns
        return b
    }

    /// probe pairs the rows of one left batch with their build rows and hands on the pairs that pass.
    func probe(_ batch: Batch, _ j: JoinPlan, _ build: inout JoinBuild, _ pairs: inout JoinPairs, into consume: Consumer) throws -> Bool {
        let keys = try j.leftKeys.map { try BatchExpressions.evaluate($0, Self.padded(batch, by: j.offset)) }
        pairs.begin(batch, leftWidth: j.leftWidth)
        let nested = !j.isHashJoin
        for i in 0..<batch.count {
            if nested {
                for r in 0..<build.batch.count {
                    pairs.add(i, r)
                    if pairs.full, !(try pairs.flush(&build, into: consume)) { return false }
                }
                continue
            }
            var r = build.first(keys, i)
            while r >= 0 {
                pairs.add(i, r)
                if pairs.full, !(try pairs.flush(&build, into: consume)) { return false }
                r = Int(build.next[r])
            }
        }
        guard try pairs.flush(&build, into: consume) else { return false }
        guard j.kind == .left || j.kind == .full else { return true }
        let unmatched = (0..<batch.count).filter { !pairs.matchedLeft[$0] }
        if unmatched.isEmpty { return true }
        return try pairs.emit(unmatched, Array(repeating: -1, count: unmatched.count), build, into: consume)
    }
}

/// JoinPairs gathers the candidate pairs of one left batch, and tests and hands them on a batch at a time.
struct JoinPairs {
    let plan: JoinPlan
    var left = Batch(columns: [], count: 0)
    var leftParts: [SourcePart] = []
    var matchedLeft: [Bool] = []
    var lefts: [Int] = []
    var rights: [Int] = []

    init(plan: JoinPlan) { self.plan = plan }

    var full: Bool { lefts.count >= batchSize }

    mutating func begin(_ batch: Batch, leftWidth: Int) {
        left = batch
        leftParts = batch.provenanceParts(width: leftWidth)
        matchedLeft = Array(repeating: false, count: batch.count)
        lefts.removeAll(keepingCapacity: true)
        rights.removeAll(keepingCapacity: true)
    }

    @inline(__always) mutating func add(_ l: Int, _ r: Int) {
        lefts.append(l)
        rights.append(r)
    }

    /// flush tests the gathered pairs against the rest of the condition, marks the rows that matched, and hands
    /// on the pairs that passed.
    mutating func flush(_ build: inout JoinBuild, into consume: Executor.Consumer) throws -> Bool {
        guard !lefts.isEmpty else { return true }
        try Cancellation.checkpoint()
        var (ls, rs) = (lefts, rights)
        lefts.removeAll(keepingCapacity: true)
        rights.removeAll(keepingCapacity: true)
        if let condition = plan.condition {
            let pairs = combined(ls, rs, build)
            let truth = BatchExpressions.truth(try BatchExpressions.evaluate(condition, Executor.padded(pairs, by: plan.offset)))
            var kept: [Int] = []
            for k in truth.indices where truth[k] { kept.append(k) }
            if kept.isEmpty { return true }
            if kept.count < ls.count {
                ls = kept.map { ls[$0] }
                rs = kept.map { rs[$0] }
            }
        }
        for l in ls { matchedLeft[l] = true }
        for r in rs { build.matched[r] = true }
        return try emit(ls, rs, build, into: consume)
    }

    /// combined is the batch of pairs: the left row's columns, then the build row's (NULL for -1).
    func combined(_ ls: [Int], _ rs: [Int], _ build: JoinBuild) -> Batch {
        var out = Batch(columns: left.columns.map { $0.selecting(ls) } + build.batch.columns.map { $0.gathering(rs) }, count: ls.count)
        if !leftParts.isEmpty || !build.parts.isEmpty {
            out.parts = leftParts.map { $0.gathering(ls) } + build.parts.map { $0.gathering(rs) }
        }
        return out
    }

    /// emit hands on the pairs as one batch.
    func emit(_ ls: [Int], _ rs: [Int], _ build: JoinBuild, into consume: Executor.Consumer) throws -> Bool {
        try consume(combined(ls, rs, build))
    }
}
