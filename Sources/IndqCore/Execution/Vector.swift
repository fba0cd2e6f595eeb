// Column batches, the unit that execution works on: a Batch is a few thousand rows held as one typed Vector per
// column, each with a validity mask, as DuckDB's DataChunk. Integers are plain Int64 buffers, so that the kernels for
// comparison and arithmetic run over them without boxing a Value per row.

/// Vector is one column of a batch: a typed buffer and which of its rows are not null.
public struct Vector: Sendable {
    /// Storage is the buffer; `values` holds any other type, one Value per row.
    public enum Storage: Sendable {
        case integers([Int64])
        case booleans([Bool])
        case values([Value])
    }

    public var storage: Storage
    /// validity is false for the rows that are null; nil when none is.
    public var validity: [Bool]?

    public init(_ storage: Storage, validity: [Bool]? = nil) {
        self.storage = storage
        self.validity = validity
    }

    /// count is the number of rows.
    public var count: Int {
        switch storage {
        case .integers(let a): return a.count
        case .booleans(let a): return a.count
        case .values(let a): return a.count
        }
    }

    /// isValid tells whether row i holds a value.
    @inline(__always) public func isValid(_ i: Int) -> Bool { validity?[i] ?? true }

    /// isNull tells whether row i is null, by its mask or, for values, by the value itself.
    @inline(__always) public func isNull(_ i: Int) -> Bool {
        if let validity, !validity[i] { return true }
        if case .values(let a) = storage { return a[i].isNull }
        return false
    }

    /// subscript gives row i as a Value.
    public subscript(i: Int) -> Value {
        if let validity, !validity[i] { return .null }
        switch storage {
        case .integers(let a): return .integer(a[i])
        case .booleans(let a): return .boolean(a[i])
        case .values(let a): return a[i]
        }
    }

    /// constant repeats one value `count` times.
    static func constant(_ v: Value, count: Int) -> Vector {
        switch v {
        case .integer(let i): return Vector(.integers(Array(repeating: i, count: count)))
        case .boolean(let b): return Vector(.booleans(Array(repeating: b, count: count)))
        default: return Vector(.values(Array(repeating: v, count: count)))
        }
    }

    /// of builds a vector from values, typed when they all are integers (or null).
    static func of(_ values: [Value]) -> Vector {
        var column = ColumnBuilder()
        column.integers.reserveCapacity(values.count)
        for v in values {
            column.append(v)
            if column.values != nil { return Vector(.values(values)) }
        }
        return column.vector
    }

    /// reserveCapacity makes room for `n` rows, so that a vector that grows to a known size is never copied to grow.
    mutating func reserveCapacity(_ n: Int) {
        switch storage {
        case .integers(var a):
            storage = .values([])
            a.reserveCapacity(n)
            storage = .integers(a)
        case .booleans(var a):
            storage = .values([])
            a.reserveCapacity(n)
            storage = .booleans(a)
        case .values(var a):
            storage = .values([])
            a.reserveCapacity(n)
            storage = .values(a)
        }
    }

    /// append adds another vector's rows after this one's, keeping the buffer typed where both are.
    mutating func append(_ other: Vector) {
        let n = count
        if validity != nil || other.validity != nil {
            var v = validity ?? Array(repeating: true, count: n)
            v += other.validity ?? Array(repeating: true, count: other.count)
            validity = v
        }
        switch (storage, other.storage) {
        case (.integers(var a), .integers(let b)):
            storage = .values([])
            a += b
            storage = .integers(a)
        case (.booleans(var a), .booleans(let b)):
            storage = .values([])
            a += b
            storage = .booleans(a)
        default:
            var values = (0..<n).map { self[$0] }
            values.reserveCapacity(n + other.count)
            for i in 0..<other.count { values.append(other[i]) }
            storage = .values(values)
            validity = nil
        }
    }

    /// gathering takes the rows whose indices are given, in order; an index of -1 gives NULL, as an outer join's
    /// missing side.
    func gathering(_ rows: [Int]) -> Vector {
        guard rows.contains(where: { $0 < 0 }) else { return selecting(rows) }
        let v = rows.map { $0 >= 0 && isValid($0) }
        switch storage {
        case .integers(let a): return Vector(.integers(rows.map { $0 < 0 ? 0 : a[$0] }), validity: v)
        case .booleans(let a): return Vector(.booleans(rows.map { $0 < 0 ? false : a[$0] }), validity: v)
        case .values(let a): return Vector(.values(rows.map { $0 < 0 ? .null : a[$0] }))
        }
    }

    /// selecting keeps the rows whose indices are given, in order.
    func selecting(_ rows: [Int]) -> Vector {
        let v = validity.map { m in rows.map { m[$0] } }
        switch storage {
        case .integers(let a): return Vector(.integers(rows.map { a[$0] }), validity: v)
        case .booleans(let a): return Vector(.booleans(rows.map { a[$0] }), validity: v)
        case .values(let a): return Vector(.values(rows.map { a[$0] }), validity: v)
        }
    }
}

/// ColumnBuilder is a column that grows a value at a time, in an Int64 buffer while its values are whole numbers.
struct ColumnBuilder {
    var integers: [Int64] = []
    var validity: [Bool]?
    var values: [Value]?

    mutating func append(integer x: Int64) {
        if values != nil { values!.append(.integer(x)); return }
        integers.append(x)
        validity?.append(true)
    }

    mutating func append(_ v: Value) {
        if values != nil { values!.append(v); return }
        switch v {
        case .integer(let x): append(integer: x)
        case .null:
            if validity == nil { validity = Array(repeating: true, count: integers.count) }
            integers.append(0)
            validity!.append(false)
        default:
            values = integers.indices.map { validity?[$0] == false ? .null : .integer(integers[$0]) } + [v]
            integers = []
            validity = nil
        }
    }

    /// vector gives every row as a vector.
    var vector: Vector { vector(0..<(values?.count ?? integers.count)) }

    /// vector gives the rows in `range` as a vector.
    func vector(_ range: Range<Int>) -> Vector {
        if let values { return Vector(.values(Array(values[range]))) }
        return Vector(.integers(Array(integers[range])), validity: validity.map { Array($0[range]) })
    }
}

/// VectorBuilder fills a vector row by row, in any order, keeping whole numbers in a typed buffer until a value of
/// another type arrives.
struct VectorBuilder {
    var integers: [Int64]
    var validity: [Bool]
    var values: [Value]?

    init(count: Int) {
        integers = Array(repeating: 0, count: count)
        validity = Array(repeating: false, count: count)
    }

    mutating func set(_ i: Int, _ v: Value) {
        if values != nil { values![i] = v; return }
        switch v {
        case .integer(let x): integers[i] = x; validity[i] = true
        case .null: validity[i] = false
        default:
            values = (0..<integers.count).map { validity[$0] ? .integer(integers[$0]) : .null }
            integers = []
            values![i] = v
        }
    }

    func finish() -> Vector {
        if let values { return Vector(.values(values)) }
        return Vector(.integers(integers), validity: validity.allSatisfy { $0 } ? nil : validity)
    }
}

/// Batch is a run of rows, column by column. A scan's batch holds a table's columns; after GROUP BY a batch is one
/// row per group, holding its keys and aggregates; window functions add their values. Provenance travels with the
/// rows as hidden columns: the dataset the rows came from, each row's source rows, and whether an aggregate or window
/// value was computed from approximate figures. Generated tables carry none of it.
public struct Batch: Sendable {
    public var columns: [Vector]
    public var count: Int
    /// keys and aggregates are a grouped batch's GROUP BY keys and aggregate values; windows the window functions'.
    var keys: [Vector] = []
    var aggregates: [Vector] = []
    var windows: [Vector] = []
    /// source is the dataset the rows came from; nil for generated rows and for a select without FROM.
    var source: DatasetBox?
    /// firstRow and rows place a scanned row in its table: rows, when a filter has dropped some, are the table rows
    /// kept; nil while they run from firstRow.
    public var firstRow: Int
    public var rows: [Int]?
    /// groupRows, in a grouped batch from a dataset, are the source rows of each group.
    var groupRows: [[Int]]?
    /// approximateAggregates[a][i] and approximateWindows[w][i] tell whether aggregate a or window w of row i was
    /// computed from a figure the report qualifies (Approximate.swift); empty when the dataset qualifies none.
    var approximateAggregates: [[Bool]] = []
    var approximateWindows: [[Bool]] = []
    /// origins, after the select list is computed, say per row where its values came from (RowOrigin); nil for
    /// rows without provenance.
    var origins: [RowOrigin]?
    /// parts, in a joined batch, are the provenance of each table's columns; nil for rows of one table.
    var parts: [SourcePart]?

    public init(columns: [Vector], count: Int, firstRow: Int = 0, rows: [Int]? = nil) {
        self.columns = columns
        self.count = count
        self.firstRow = firstRow
        self.rows = rows
    }

    /// tableRow is the table row of row i.
    func tableRow(_ i: Int) -> Int { rows?[i] ?? firstRow + i }

    /// sourceRows are the dataset rows that row i was read or computed from.
    func sourceRows(_ i: Int) -> [Int] {
        guard source != nil else { return [] }
        return groupRows?[i] ?? [tableRow(i)]
    }

    /// row gives row i as values.
    func row(_ i: Int) -> [Value] { columns.map { $0[i] } }

    /// selecting keeps the rows whose indices are given, with everything that travels with them.
    func selecting(_ kept: [Int]) -> Batch {
        // Table rows matter only to rows with provenance. An empty column of a batch with rows is the padding that
        // puts a join's columns where they stand in the combined row (Executor.padded): it is never read, and stays
        // empty, as an OR in a join's condition selects the rows it still has to decide.
        var b = Batch(columns: columns.map { $0.count == 0 && count > 0 ? $0 : $0.selecting(kept) }, count: kept.count, firstRow: firstRow,
                      rows: source != nil && groupRows == nil ? kept.map(tableRow) : nil)
        b.keys = keys.map { $0.selecting(kept) }
        b.aggregates = aggregates.map { $0.selecting(kept) }
        b.windows = windows.map { $0.selecting(kept) }
        b.source = source
        b.groupRows = groupRows.map { g in kept.map { g[$0] } }
        b.approximateAggregates = approximateAggregates.map { a in kept.map { a[$0] } }
        b.approximateWindows = approximateWindows.map { a in kept.map { a[$0] } }
        b.origins = origins.map { o in kept.map { o[$0] } }
        b.parts = parts.map { $0.map { $0.gathering(kept) } }
        return b
    }

    /// provenanceParts are the provenance of the batch's columns, as a join combines them: its parts, or its one
    /// dataset's rows, or none for generated rows.
    func provenanceParts(width: Int) -> [SourcePart] {
        if let parts { return parts }
        guard let source, groupRows == nil else { return [] }
        return [SourcePart(source: source, columnOffset: 0, width: width, rows: (0..<count).map(tableRow))]
    }

    /// reserveCapacity makes room for `n` rows in every column.
    mutating func reserveCapacity(_ n: Int) {
        for c in columns.indices { columns[c].reserveCapacity(n) }
        for k in keys.indices { keys[k].reserveCapacity(n) }
        for a in aggregates.indices { aggregates[a].reserveCapacity(n) }
    }

    /// append adds another batch's rows, of the same shape, after this one's, as a window function or a sort
    /// needs its whole input at once. Table rows are kept only for rows with provenance.
    mutating func append(_ other: Batch) {
        if source != nil && groupRows == nil {
            if rows == nil { rows = (0..<count).map(tableRow) }
            rows!.append(contentsOf: (0..<other.count).map(other.tableRow))
        } else {
            rows = nil
        }
        for c in columns.indices { columns[c].append(other.columns[c]) }
        for k in keys.indices { keys[k].append(other.keys[k]) }
        for a in aggregates.indices { aggregates[a].append(other.aggregates[a]) }
        for w in windows.indices { windows[w].append(other.windows[w]) }
        if groupRows != nil { groupRows! += other.groupRows ?? [] }
        for a in approximateAggregates.indices { approximateAggregates[a] += other.approximateAggregates[a] }
        for w in approximateWindows.indices { approximateWindows[w] += other.approximateWindows[w] }
        if let any = origins?.first ?? other.origins?.first {
            // A batch without provenance (an outer join's rows of a generated side) gets empty origins beside others'.
            let none = RowOrigin(source: nil, rows: [], select: any.select, qualifiers: [])
            origins = (origins ?? Array(repeating: none, count: count)) + (other.origins ?? Array(repeating: none, count: other.count))
        }
        if parts != nil || other.parts != nil {
            // Rows of an outer join may lack a table's part: its rows are -1 there.
            var merged = parts ?? []
            for p in other.parts ?? [] where !merged.contains(where: { $0.columnOffset == p.columnOffset }) {
                merged.append(SourcePart(source: p.source, columnOffset: p.columnOffset, width: p.width, rows: Array(repeating: -1, count: count)))
            }
            for k in merged.indices {
                let more = other.parts?.first { $0.columnOffset == merged[k].columnOffset }?.rows
                merged[k].rows += more ?? Array(repeating: -1, count: other.count)
            }
            parts = merged
        }
        count += other.count
    }
}

/// DatasetBox shares one dataset among the batches and rows that came from it.
final class DatasetBox: Sendable {
    let dataset: Dataset
    /// file is the table that reads the dataset's rows from a file, so that listing the sources can read its lines.
    let file: FileTable?
    init(_ dataset: Dataset, file: FileTable? = nil) {
        self.dataset = dataset
        self.file = file
    }
}

/// RowOrigin is where a result row's values came from: its dataset and source rows, the select (of those a set
/// operation joins) that made it, and the report's qualifier of each value (bijna, ruim, circa, or computedQualifier).
struct RowOrigin: Sendable {
    var source: DatasetBox?
    var rows: [Int]
    var select: Int
    var qualifiers: [String?]
    /// joined, for a row of a join, is the row of each table it combines, with where that table's columns start.
    var joined: [SourcePart] = []

    /// unsourced is the origin of a row that comes from no dataset or file.
    static let unsourced = RowOrigin(source: nil, rows: [], select: 0, qualifiers: [])
}

/// SourcePart is the provenance of one table's columns in a joined row: the dataset, where its columns start and how
/// many there are, and each row's table row (-1 where an outer join found none).
struct SourcePart: Sendable {
    var source: DatasetBox
    var columnOffset: Int
    var width: Int
    var rows: [Int]

    /// gathering takes the table rows of the given batch rows; -1 stays -1.
    func gathering(_ kept: [Int]) -> SourcePart {
        var p = self
        p.rows = kept.map { $0 < 0 ? -1 : rows[$0] }
        return p
    }

    /// holds tells whether a column of the combined row is one of this part's.
    func holds(_ column: Int) -> Bool { column >= columnOffset && column < columnOffset + width }
}

/// batchSize is the number of rows a scan gives at a time.
let batchSize = 2048
