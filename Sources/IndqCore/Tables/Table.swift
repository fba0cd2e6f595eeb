// Tables: what FROM reads. A Table has a schema (its columns, their types and meanings) and a scan that yields
// batches. The report datasets are one kind (DatasetTable); the table functions range and generate_series another.

/// Table is a source of rows with a schema.
public protocol Table: Sendable {
    /// name is how messages and `describe` name the table.
    var name: String { get }
    /// schema is the table's columns, as a Dataset carries them, so that binding and notes read them one way.
    var schema: Dataset { get }
    /// rowCount is the number of rows, known without a scan.
    var rowCount: Int { get }
    /// dataset is the report dataset behind the table, with the provenance of its rows; nil for generated rows.
    var dataset: Dataset? { get }
    /// scan gives `count` rows from row `start` on, as a batch.
    func scan(from start: Int, count: Int) -> Batch
}

extension Table {
    /// batches calls `body` with each batch of the table in order, asking for cancellation between them.
    func forEachBatch(_ body: (Batch) throws -> Bool) throws {
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
public struct DatasetTable: Table {
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
