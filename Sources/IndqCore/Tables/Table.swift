// Tables: what FROM reads. A Table has a schema (its columns, their types and meanings) and a scan that hands its
// rows to the executor a batch at a time. Tables held in memory (the report datasets, range and generate_series)
// know their length and can be read from any row on; a file is read once, in order, and its length is known only
// at its end.

/// Table is a source of rows with a schema, read as a stream of batches.
public protocol Table: Sendable {
    /// name is how messages and `describe` name the table.
    var name: String { get }
    /// schema is the table's columns, as a Dataset carries them, so that binding and notes read them one way.
    var schema: Dataset { get }
    /// knownRowCount is the number of rows when it is known without a scan; nil for a file.
    var knownRowCount: Int? { get }
    /// dataset is the report dataset behind the table, with the provenance of its rows; nil for other rows.
    var dataset: Dataset? { get }
    /// forEachBatch calls `body` with each batch in order until it returns false, asking for cancellation between
    /// them.
    func forEachBatch(_ body: (Batch) throws -> Bool) throws
}

/// RandomAccessTable is a table held in memory, whose rows can be read from any row on.
public protocol RandomAccessTable: Table {
    /// rowCount is the number of rows.
    var rowCount: Int { get }
    /// scan gives `count` rows from row `start` on, as a batch.
    func scan(from start: Int, count: Int) -> Batch
}

extension RandomAccessTable {
    public var knownRowCount: Int? { rowCount }

    public func forEachBatch(_ body: (Batch) throws -> Bool) throws {
        var start = 0
        while start < rowCount {
            try Cancellation.checkpoint()
            let n = min(batchSize, rowCount - start)
            guard try body(scan(from: start, count: n)) else { return }
            start += n
        }
    }
}

/// DatasetTable is a dataset of the report as a table: its rows are held as values, with their sources.
public struct DatasetTable: RandomAccessTable {
    public let dataset: Dataset?
    public let schema: Dataset

    public init(_ dataset: Dataset) {
        self.dataset = dataset
        self.schema = dataset
    }

    public var name: String { schema.name }
    public var rowCount: Int { schema.rows.count }

    public func scan(from start: Int, count: Int) -> Batch {
        let rows = schema.rows[start..<(start + count)]
        let columns = schema.columns.indices.map { c in Vector.of(rows.map { $0[c] }) }
        return Batch(columns: columns, count: count, firstRow: start)
    }
}
