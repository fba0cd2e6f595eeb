// Result sinks: a result is written as its rows arrive. A producer calls `begin` with the columns, `write` with each
// chunk of rows as it is made, and `finish` at the end; each output format is one sink, and `.last` keeps a bounded copy.

/// RowChunk is a run of a result's rows, in order.
public struct RowChunk: Sendable {
    public var rows: [[Value]]
    /// qualifiers, parallel to rows when not empty, mark each value with `bijna`, `ruim` or `circa` when the report
    /// gives its figure as approximate, or computedQualifier when it was computed from one; nil when exact.
    public var qualifiers: [[String?]]
    /// origins, parallel to rows when the rows have provenance, say where each came from (`source select …`).
    var origins: [RowOrigin]?

    public init(rows: [[Value]], qualifiers: [[String?]] = []) {
        self.rows = rows
        self.qualifiers = qualifiers
    }

    /// isQualified tells whether row `r` has an approximate value.
    func isQualified(_ r: Int) -> Bool {
        r < qualifiers.count && qualifiers[r].contains { $0 != nil }
    }
}

/// ResultHeader is what a sink is told before the first row.
public struct ResultHeader: Sendable {
    public var columns: [ResultColumn]
    /// qualified tells whether any row will have an approximate value, when the producer knows before the rows (a
    /// whole ResultSet does); nil when it cannot know, and csv and json then look ahead (QualifierColumn).
    public var qualified: Bool?
    /// statement is the text of the query that made the rows, when there is one; a chart writes it under its title.
    public var statement: String?
    /// provenance tells whether the chunks' origins say where the rows come from, which a chart names under it.
    public var provenance = Provenance.notKept

    /// Provenance is what the chunks of a result tell of where their rows come from.
    public enum Provenance: Sendable {
        /// Each chunk carries its rows' origins.
        case inChunks
        /// The rows come from no dataset and no file: constants, `range`, session tables.
        case none
        /// Where the rows come from was not kept with them (`.last`, listings such as `show datasets`).
        case notKept
    }

    public init(columns: [ResultColumn], qualified: Bool? = nil) {
        self.columns = columns
        self.qualified = qualified
    }
}

/// ResultSink writes one result as its rows arrive: `begin` once, `write` per chunk, `finish` once. A sink holds
/// only what its format needs to measure (a table up to its row limit, a chart up to ChartSink.maxRows).
public protocol ResultSink: AnyObject {
    func begin(_ header: ResultHeader)
    func write(_ chunk: RowChunk)
    func finish()
}

/// RowLimitedSink shows at most `rowLimit` rows and counts the rest, so that `.last` can replay a result it kept only
/// in part: the kept rows, then `passOver` for the ones it did not keep.
protocol RowLimitedSink: ResultSink {
    var rowLimit: Int { get }
    /// passOver counts `rows` more rows beyond the ones shown, without seeing them.
    func passOver(_ rows: Int)
}

extension ResultSet {
    /// header is the result's columns, with whether any row is approximate.
    var header: ResultHeader {
        ResultHeader(columns: columns, qualified: qualifiers.contains { $0.contains { $0 != nil } })
    }

    /// chunks hands the rows to `write` a chunk at a time.
    func chunks(of size: Int = 1024, origins: [RowOrigin?] = [], _ write: (RowChunk) -> Void) {
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + size)
            var chunk = RowChunk(rows: Array(rows[start..<end]),
                                 qualifiers: qualifiers.isEmpty ? [] : Array(qualifiers[start..<min(end, qualifiers.count)]))
            // A row without an origin has no source: it gets an origin that names none.
            if !origins.isEmpty {
                chunk.origins = (start..<end).map { $0 < origins.count ? origins[$0] ?? RowOrigin.unsourced : RowOrigin.unsourced }
            }
            write(chunk)
            start = end
        }
    }

    /// feed writes the whole result into a sink.
    func feed(_ sink: any ResultSink) {
        sink.begin(header)
        chunks { sink.write($0) }
        sink.finish()
    }
}

/// KeptResult is what `.last` prints again: the result's first rows, up to a bound, and how many it had in all.
public struct KeptResult: Sendable {
    /// The bounds on what is kept: rows, and an estimate of their bytes.
    static let maxRows = 100_000
    static let maxBytes = 32 << 20

    public var header: ResultHeader
    public var rows: [[Value]] = []
    public var qualifiers: [[String?]] = []
    /// total is how many rows the result had; more than rows.count when it was larger than the bound.
    public var total = 0

    public var isComplete: Bool { rows.count == total }

    /// resultSet is the kept result, or nil when it was kept only in part.
    public var resultSet: ResultSet? {
        isComplete ? ResultSet(columns: header.columns, rows: rows, qualifiers: qualifiers.contains { $0.contains { $0 != nil } } ? qualifiers : []) : nil
    }
}

/// ResultKeeper is the sink that keeps a result for `.last`, up to KeptResult's bounds, counting the rest.
final class ResultKeeper: ResultSink {
    private(set) var kept = KeptResult(header: ResultHeader(columns: []))
    private var bytes = 0
    private var full = false

    func begin(_ header: ResultHeader) { kept = KeptResult(header: header) }

    func write(_ chunk: RowChunk) {
        kept.total += chunk.rows.count
        guard !full else { return }
        for (r, row) in chunk.rows.enumerated() {
            // A value costs about its enum's size; text adds its bytes.
            bytes += 32 + 24 * row.count + row.reduce(0) { if case .text(let s) = $1 { $0 + s.utf8.count } else { $0 } }
            if kept.rows.count >= KeptResult.maxRows || bytes > KeptResult.maxBytes {
                full = true
                return
            }
            kept.rows.append(row)
            kept.qualifiers.append(r < chunk.qualifiers.count ? chunk.qualifiers[r] : [])
        }
    }

    func finish() {}
}

/// QualifierColumn adds a `kwalificatie` column to csv and json when a result shows `bron` and approximate figures but
/// not their qualifier, since those formats have no `~` mark. When the header cannot say whether any row is
/// approximate, it holds rows until one is (the column is added) or the result ends (it is not), up to `lookahead`
/// rows, past which the column is added anyway, so that no qualifier is lost.
final class QualifierColumn: ResultSink {
    static let lookahead = 10_000
    let next: any ResultSink
    private var header = ResultHeader(columns: [])
    private enum Mode { case passing, adding, holding }
    private var mode = Mode.passing
    private var held: [RowChunk] = []
    private var heldRows = 0

    init(_ next: any ResultSink) { self.next = next }

    func begin(_ header: ResultHeader) {
        self.header = header
        let names = Set(header.columns.map { $0.name.lowercased() })
        if names.contains("kwalificatie") || names.isDisjoint(with: sourceRefNames) || header.qualified == false {
            mode = .passing
            next.begin(header)
        } else if header.qualified == true {
            decide(adding: true)
        } else {
            mode = .holding
        }
    }

    func write(_ chunk: RowChunk) {
        switch mode {
        case .passing: next.write(chunk)
        case .adding: next.write(withColumn(chunk))
        case .holding:
            held.append(chunk)
            heldRows += chunk.rows.count
            if chunk.qualifiers.contains(where: { $0.contains { $0 != nil } }) || heldRows > Self.lookahead { decide(adding: true) }
        }
    }

    func finish() {
        if mode == .holding { decide(adding: false) }
        next.finish()
    }

    /// decide begins the next sink with or without the column and writes the rows held so far.
    private func decide(adding: Bool) {
        mode = adding ? .adding : .passing
        var columns = header.columns
        if adding { columns.append(ResultColumn("kwalificatie", .text)) }
        next.begin(ResultHeader(columns: columns, qualified: header.qualified))
        for chunk in held { write(chunk) }
        held = []
    }

    /// withColumn appends to each row the report's own word for it; a computed value has none.
    private func withColumn(_ chunk: RowChunk) -> RowChunk {
        var out = chunk
        for r in out.rows.indices {
            let word = r < chunk.qualifiers.count ? chunk.qualifiers[r].compactMap { $0 }.first { $0 != computedQualifier } : nil
            out.rows[r].append(word.map(Value.text) ?? .null)
        }
        return out
    }
}
