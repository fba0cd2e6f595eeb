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
        var ints: [Int64] = []
        ints.reserveCapacity(values.count)
        var validity: [Bool]?
        for (i, v) in values.enumerated() {
            switch v {
            case .integer(let x): ints.append(x)
            case .null:
                if validity == nil { validity = Array(repeating: true, count: values.count) }
                validity![i] = false
                ints.append(0)
            default: return Vector(.values(values))
            }
        }
        return Vector(.integers(ints), validity: validity)
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

/// Batch is a run of rows of one table, column by column. `firstRow` is the table row of its first row, so that
/// a row's place in its table (its provenance) can be found again.
public struct Batch: Sendable {
    public var columns: [Vector]
    public var count: Int
    public var firstRow: Int
    /// rows, when a filter has dropped some, are the table rows of the rows kept; nil while they run from firstRow.
    public var rows: [Int]?

    public init(columns: [Vector], count: Int, firstRow: Int = 0, rows: [Int]? = nil) {
        self.columns = columns
        self.count = count
        self.firstRow = firstRow
        self.rows = rows
    }

    /// tableRow is the table row of row i.
    func tableRow(_ i: Int) -> Int { rows?[i] ?? firstRow + i }

    /// row gives row i as values.
    func row(_ i: Int) -> [Value] { columns.map { $0[i] } }

    /// selecting keeps the rows whose indices are given.
    func selecting(_ kept: [Int]) -> Batch {
        Batch(columns: columns.map { $0.selecting(kept) }, count: kept.count, firstRow: firstRow, rows: kept.map(tableRow))
    }
}

/// batchSize is the number of rows a scan gives at a time.
let batchSize = 2048
