// The executor runs a logical plan over column batches, the one engine for every query. Each operator pushes the
// batches it makes to the operator above: a scan reads its table a batch at a time, filter and project pass each
// batch on, aggregate keeps only its groups, and window, sort and set operations hold the rows they need. An operator
// that has all the rows it wants says so, and the scan below it stops.

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

/// Executor runs one query plan; a subquery gets an executor of its own.
final class Executor {
    /// Consumer takes a batch and tells whether it wants more.
    typealias Consumer = (Batch) throws -> Bool

    let plan: QueryPlan
    /// width is the number of result columns; a batch may carry hidden ORDER BY columns after them.
    let width: Int
    var notes = Notes()
    /// tracksFileRows tells whether rows read from a file carry their line numbers up to the result, which costs
    /// time on every row: only when the sources are listed or the query reads a file's `bron`.
    let tracksFileRows: Bool

    init(_ plan: QueryPlan, tracksFileRows: Bool = false) {
        self.plan = plan
        width = plan.columns.count
        self.tracksFileRows = tracksFileRows || plan.readsSourceRef
        notes.add(contentsOf: plan.notes)
    }

    /// run executes a plan and returns its rows.
    static func run(_ plan: QueryPlan) throws -> ResultSet {
        try collect(plan).result
    }

    /// collect executes a plan and returns its rows, with where each came from when it has provenance.
    static func collect(_ plan: QueryPlan, tracksFileRows: Bool = false) throws -> (result: ResultSet, origins: [RowOrigin?]) {
        var rows: [[Value]] = []
        // qualifiers stays nil until a row has one.
        var qualifiers: [[String?]]?
        var origins: [RowOrigin?] = []
        let executor = Executor(plan, tracksFileRows: tracksFileRows)
        _ = try executor.produce(plan.logical) { batch in
            let chunk = executor.chunk(batch)
            // The rows are held until the statement ends.
            for row in chunk.rows { try Cancellation.charge(row: row, overhead: chunk.origins == nil ? 64 : 160) }
            if !chunk.qualifiers.isEmpty && qualifiers == nil { qualifiers = Array(repeating: [], count: rows.count) }
            if qualifiers != nil {
                qualifiers! += chunk.qualifiers.isEmpty ? Array(repeating: [], count: chunk.rows.count) : chunk.qualifiers
            }
            origins += chunk.origins ?? Array(repeating: nil, count: chunk.rows.count)
            rows += chunk.rows
            return true
        }
        // A row of a select without qualified figures (UNION ALL with another dataset) has no marks of its own.
        let none = [String?](repeating: nil, count: plan.columns.count)
        return (ResultSet(columns: plan.columns, rows: rows, qualifiers: (qualifiers ?? []).map { $0.isEmpty ? none : $0 },
                          notes: executor.notes.all), origins)
    }

    /// run executes the plan, handing the result's rows to `write` a chunk at a time as they are made; it returns the
    /// notes. Rows that need not be held (no ORDER BY, DISTINCT or set operation) are never held.
    @discardableResult
    func run(write: (RowChunk) -> Void) throws -> [Diagnostic] {
        try withoutActuallyEscaping(write) { write in
            _ = try produce(plan.logical) { batch in
                // Rows that stream are held only while they are written.
                let chunk = self.chunk(batch)
                try Cancellation.holding(chunk.rows) { write(chunk) }
                return true
            }
        }
        return notes.all
    }

    /// chunk turns a batch into result rows, without its hidden columns.
    func chunk(_ batch: Batch) -> RowChunk {
        let rows = (0..<batch.count).map { i in (0..<width).map { batch.columns[$0][i] } }
        guard let origins = batch.origins else { return RowChunk(rows: rows) }
        var chunk = RowChunk(rows: rows)
        chunk.origins = origins
        if origins.contains(where: { !$0.qualifiers.isEmpty }) {
            let none = [String?](repeating: nil, count: width)
            chunk.qualifiers = origins.map { $0.qualifiers.isEmpty ? none : $0.qualifiers }
        }
        return chunk
    }

    /// produce runs an operator, handing its batches to `consume`; it returns false once `consume` wants no more.
    func produce(_ p: LogicalPlan, into consume: Consumer) throws -> Bool {
        switch p {
        case .scan(let table):
            var source = table.dataset.map { DatasetBox($0) }
            if let file = table as? FileTable, tracksFileRows { source = DatasetBox(file.schema, file: file) }
            var more = true
            try table.forEachBatch { batch in
                var batch = batch
                batch.source = source
                more = try consume(batch)
                return more
            }
            if let file = table as? FileTable, file.stats.skipped > 0 {
                notes.add(Diagnostic(Self.skippedNote(file), at: file.range, severity: .note))
                file.stats.skipped = 0
            }
            return more
        case .oneRow:
            return try consume(Batch(columns: [], count: 1))
        case .join(let j, let left, let right):
            return try join(j, left, right, into: consume)
        case .derived(let query, let shared, _):
            return try derived(query, shared, into: consume)
        case .filter(let condition, let input):
            return try produce(input) { batch in
                guard let kept = try Self.filtered(batch, condition) else { return true }
                return try consume(kept)
            }
        case .aggregate(_, _, let select, let input):
            return try aggregate(select, input, into: consume)
        case .window(let windows, let select, let input):
            return try window(windows, select, input, into: consume)
        case .project(let outputs, let hidden, let select, let index, let input):
            return try produce(input) { batch in
                try consume(try self.project(batch, outputs, hidden, select, index))
            }
        case .distinct(let input):
            var seen = Set<[ValueKey]>()
            return try produce(input) { batch in
                var kept: [Int] = []
                for i in 0..<batch.count where seen.insert((0..<self.width).map { ValueKey(batch.columns[$0][i]) }).inserted {
                    try Cancellation.charge(64 + 40 * self.width)
                    kept.append(i)
                }
                if kept.isEmpty { return true }
                return try consume(kept.count == batch.count ? batch : batch.selecting(kept))
            }
        case .setOperation:
            return try setOperation(p, into: consume)
        case .sort(let keys, let input):
            return try sort(keys, input, keep: nil, into: consume)
        case .limit(let offset, let count, let input):
            let (end, overflow) = (count ?? Int.max).addingReportingOverflow(offset)
            if case .sort(let keys, let sorted) = input {
                // ORDER BY … LIMIT k keeps only the best offset + k rows.
                return try sort(keys, sorted, keep: overflow ? nil : end, skip: offset, into: consume)
            }
            var seen = 0
            if count == 0 { return true }
            return try produce(input) { batch in
                let start = seen
                seen += batch.count
                let from = max(0, offset - start), to = min(batch.count, overflow ? batch.count : end - start)
                if from < to {
                    guard try consume(from == 0 && to == batch.count ? batch : batch.selecting(Array(from..<to))) else { return false }
                }
                return overflow || seen < end
            }
        }
    }

    /// skippedNote says how many records ignore_errors left out of a file, and the first of them.
    static func skippedNote(_ file: FileTable) -> String {
        let n = file.stats.skipped
        var text = "ignore_errors skipped \(n) \(n == 1 ? "row" : "rows") of \(file.path) that did not fit"
        if let e = file.stats.first { text += "; the first: \(e.description)" }
        return text
    }

    /// filtered keeps the rows of a batch for which the condition is true; nil when none is.
    static func filtered(_ batch: Batch, _ condition: BoundExpr) throws -> Batch? {
        let truth = BatchExpressions.truth(try BatchExpressions.evaluate(condition, batch))
        var kept: [Int] = []
        kept.reserveCapacity(batch.count)
        for i in 0..<batch.count where truth[i] { kept.append(i) }
        if kept.isEmpty { return nil }
        return kept.count == batch.count ? batch : batch.selecting(kept)
    }

    // MARK: Aggregate

    /// aggregate groups its input by the select's keys, then hands on the groups a batch at a time, with the notes
    /// and approximate marks that their source rows call for.
    func aggregate(_ select: SelectPlan, _ input: LogicalPlan, into consume: Consumer) throws -> Bool {
        var groups = try GroupTable(select)
        _ = try produce(input) { batch in
            try groups.add(batch)
            return true
        }
        if let rows = groups.groupRows {
            for a in select.aggregates where Notes.mayNeedNote(a.function, a.argument, select) {
                let columns = a.argument?.referencedColumns(in: select) ?? []
                notes.add(contentsOf: Notes.aggregateNotes(a.function, columns: columns, range: a.range, groups: rows, select: select))
            }
        }
        var start = 0
        while start < groups.count {
            var batch = try groups.finish(from: start, count: batchSize)
            if let box = batch.source, box.dataset.qualifierColumn != nil, let rows = batch.groupRows {
                batch.approximateAggregates = select.aggregates.map { a in
                    rows.map { Approximate.isApproximate(a, over: $0, box, select) }
                }
            }
            guard try consume(batch) else { return false }
            start += batchSize
        }
        return true
    }

    // MARK: Project

    /// project computes the select list and the hidden ORDER BY columns of a batch, and where each row came from.
    func project(_ batch: Batch, _ outputs: [(name: String, expr: BoundExpr)], _ hidden: [BoundExpr],
                 _ select: SelectPlan, _ index: Int) throws -> Batch {
        let values = try outputs.map { try BatchExpressions.evaluate($0.expr, batch) }
        let extra = try hidden.map { try BatchExpressions.evaluate($0, batch) }
        var out = Batch(columns: values + extra, count: batch.count)
        if let parts = batch.parts {
            out.origins = (0..<batch.count).map { i in
                RowOrigin(source: nil, rows: [], select: index, qualifiers: Approximate.qualifiers(ofJoined: values.map { $0[i] }, batch, i, select),
                          joined: parts.compactMap { p in p.rows[i] < 0 ? nil : SourcePart(source: p.source, columnOffset: p.columnOffset, width: p.width, rows: [p.rows[i]]) })
            }
        } else if batch.source != nil || outputs.contains(where: { $0.expr.containsSubquery }) {
            out.origins = (0..<batch.count).map { i in
                RowOrigin(source: batch.source, rows: batch.sourceRows(i), select: index,
                          qualifiers: Approximate.qualifiers(of: values.map { $0[i] }, batch, i, select))
            }
        }
        return out
    }

    // MARK: Derived tables

    /// derived runs a query in FROM and hands on its result columns. A result that several references share (a CTE
    /// read twice) is made once and kept; the others stream.
    func derived(_ query: QueryPlan, _ shared: SharedResult, into consume: Consumer) throws -> Bool {
        let width = query.columns.count
        func strip(_ batch: Batch) -> Batch {
            Batch(columns: Array(batch.columns.prefix(width)), count: batch.count)
        }
        let inner = Executor(query, tracksFileRows: tracksFileRows)
        guard shared.uses > 1 else {
            return try inner.produce(query.logical) { batch in try consume(strip(batch)) }
        }
        if shared.batches == nil {
            var held: [Batch] = []
            _ = try inner.produce(query.logical) { batch in
                try Cancellation.charge(batch.count * (32 + 40 * width))
                held.append(strip(batch))
                return true
            }
            shared.batches = held
        }
        for batch in shared.batches! {
            guard try consume(batch) else { return false }
        }
        return true
    }
}

// MARK: Subqueries

extension SubqueryPlan {
    /// rows gives the subquery's rows for row i of the outer batch: for a correlated subquery, with the outer values
    /// of that row, run once per distinct set of them.
    func rows(_ batch: Batch, _ i: Int) throws -> [[Value]] {
        guard isCorrelated, let values else { return try rows() }
        let args = try parameters.map { try BatchExpressions.value($0, batch, i) }
        let key = args.map(ValueKey.init)
        if let known = results[key] { return known }
        try Cancellation.checkpoint()
        values.values = args
        let rows = try Executor.run(plan).rows
        // The remembered results are bounded; past the bound they are forgotten and made again as needed.
        if results.count >= 4096 { results.removeAll() }
        results[key] = rows
        return rows
    }

    /// rows runs the subquery once and keeps its rows.
    func rows() throws -> [[Value]] {
        if let cached { return cached }
        let full = try Executor.run(plan)
        cached = full.rows
        approximate = full.qualifiers.first?.first.map { $0 != nil } ?? false
        return full.rows
    }

    /// memberSet runs the subquery once and keeps its first column as a set: of Int64 when every member is a whole
    /// number, else of keys; with whether it held a NULL, and how many rows it had.
    func memberSet() throws -> (keys: Set<ValueKey>, hasNull: Bool, count: Int) {
        if let members { return members }
        let values = try rows().map { $0[0] }
        var integers: Int64Table? = Int64Table(capacity: values.count)
        var hasNull = false
        for v in values {
            switch v {
            case .null: hasNull = true
            case .integer(let i): _ = integers?.id(of: i)
            default: integers = nil
            }
            if integers == nil { break }
        }
        var keys = Set<ValueKey>()
        if integers == nil {
            keys.reserveCapacity(values.count)
            for v in values { if v.isNull { hasNull = true } else { keys.insert(ValueKey(v)) } }
        }
        members = (keys, hasNull, values.count)
        integerMembers = integers
        // The set is all that IN needs from here on.
        cached = nil
        return members!
    }

    /// contains tells whether a value that is not NULL is a member, by its exact value (7.0 matches 7).
    func contains(_ v: Value) throws -> Bool {
        let members = try memberSet()
        guard let integers = integerMembers else { return members.keys.contains(ValueKey(v)) }
        if case .integer(let i) = v { return integers.contains(i) }
        if case .number(.integer(let i)) = ValueKey(v).shape { return integers.contains(i) }
        return false
    }

    /// membership is `v IN (subquery)`, looked up in the subquery's hash set.
    func membership(_ v: Value) throws -> Bool? {
        let members = try memberSet()
        if members.count == 0 { return false }
        if v.isNull { return nil }
        if try contains(v) { return true }
        return members.hasNull ? nil : false
    }
}
