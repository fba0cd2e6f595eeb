// Result sinks: every format writes the same text however its rows arrive, writes as they arrive, and holds only
// what it must; `.last` keeps a bounded copy and says so when a result was larger.

import Testing
@testable import IndqCore

struct ResultSinkTests {
    /// result runs one query and returns its whole result.
    static func result(_ query: String) -> ResultSet {
        var session = Session(write: { _ in }, writeError: { _ in })
        #expect(session.run(SourceText(query)) == .success, "\(query)")
        return session.lastResult ?? ResultSet(columns: [], rows: [])
    }

    /// written feeds a result into a format's sink in chunks of `size` rows, with or without telling it ahead
    /// whether any row is approximate.
    static func written(_ result: ResultSet, _ format: OutputFormat, chunk size: Int, toldQualified: Bool) -> String {
        var out = ""
        let sink = format.sink(options: RenderOptions(maxWidth: 60, maxRows: 5)) { out += $0 }
        var header = result.header
        if !toldQualified { header.qualified = nil }
        sink.begin(header)
        result.chunks(of: size) { sink.write($0) }
        sink.finish()
        return out
    }

    static let queries = [
        "select bron, waarde from kerncijfers",       // approximate figures beside bron: csv and json add kwalificatie
        "select bron, * from kerncijfers",            // the same with its own kwalificatie column
        "select bron, year from kerncijfers",         // bron without approximate figures
        "select sum(waarde) as s, eenheid from kerncijfers group by eenheid order by eenheid", // computed: ~
        "select categorie, year, aanvragen from regulier",
        "select year from studenten where year = 1900", // no rows
        "select 'a,b' as x, 'q\"t|' as y, null as z, 1.5 as d, 95% as p, 99% - 96% as pp, 1e3 as f",
    ]

    /// The text is the same whether the rows come in one chunk or one by one, and whether or not the producer can say
    /// beforehand that rows are approximate.
    @Test(arguments: OutputFormat.allCases)
    func chunksDoNotChangeTheText(_ format: OutputFormat) {
        for query in Self.queries {
            let result = Self.result(query)
            let whole = format.render(result, options: RenderOptions(maxWidth: 60, maxRows: 5))
            // Only jsonl and line write nothing at all for a result without rows, as DuckDB's jsonlines and line do.
            #expect(!whole.isEmpty || (result.rows.isEmpty && [.jsonl, .line].contains(format)))
            for size in [1, 2, 7, 100_000] {
                for told in [true, false] {
                    #expect(Self.written(result, format, chunk: size, toldQualified: told) == whole, "\(format) \(query) chunk \(size) told \(told)")
                }
            }
        }
    }

    /// Looking ahead for an approximate row still finds one late in a result, and past its bound keeps the column.
    @Test func qualifierColumnLooksAhead() {
        let bron = ResultColumn("bron", .text), n = ResultColumn("n", .integer)
        func csv(_ rows: Int, qualifiedAt: Int?) -> String {
            var out = ""
            let sink = OutputFormat.csv.sink { out += $0 }
            sink.begin(ResultHeader(columns: [bron, n]))
            for i in 0..<rows {
                sink.write(RowChunk(rows: [[.text("b"), .integer(Int64(i))]], qualifiers: i == qualifiedAt ? [[nil, "circa"]] : []))
            }
            sink.finish()
            return out
        }
        #expect(csv(3, qualifiedAt: nil) == "bron,n\nb,0\nb,1\nb,2\n")
        #expect(csv(3, qualifiedAt: 2) == "bron,n,kwalificatie\nb,0,\nb,1,\nb,2,circa\n")
        let long = csv(QualifierColumn.lookahead + 10, qualifiedAt: QualifierColumn.lookahead + 5)
        #expect(long.hasPrefix("bron,n,kwalificatie\n"))
        #expect(long.contains("\nb,\(QualifierColumn.lookahead + 5),circa\n"))
    }

    /// csv, json and markdown write a long result while it is still being made: by the time the producer has handed
    /// over half its rows, most of them are written, in pieces.
    @Test(arguments: [OutputFormat.csv, .json, .markdown])
    func longResultsAreWrittenAsTheyArrive(_ format: OutputFormat) {
        var writes = 0, bytes = 0
        var seenHalfway = (writes: 0, bytes: 0)
        var session = Session(format: format, write: { writes += 1; bytes += $0.utf8.count }, writeError: { _ in })
        let chunks = 200
        session.emit(ResultHeader(columns: [ResultColumn("n", .integer), ResultColumn("t", .text)])) { write in
            for c in 0..<chunks {
                if c == chunks / 2 { seenHalfway = (writes, bytes) }
                // Rows of one width, so that half the rows are half the text.
                write(RowChunk(rows: (0..<1000).map { [.integer(Int64(1_000_000 + c * 1000 + $0)), .text("row")] }))
            }
        }
        #expect(seenHalfway.writes >= 10, "\(seenHalfway)")
        #expect(seenHalfway.bytes >= bytes / 2 - PieceWriter.pieceSize, "\(seenHalfway) of \(bytes)")
        // Each write is a piece of about 64 KiB, not a row at a time.
        #expect(writes <= bytes / PieceWriter.pieceSize + 1)
    }

    /// A table holds only its row limit: it draws them as soon as one more row comes, then only counts.
    @Test func tablesDrawAtTheirLimitAndCountTheRest() {
        var out = ""
        var session = Session(write: { out += $0 }, writeError: { _ in })
        session.maxRows = 3
        var drawnBeforeTheEnd = ""
        session.emit(ResultHeader(columns: [ResultColumn("n", .integer)])) { write in
            for i in 1...10 {
                write(RowChunk(rows: [[.integer(Int64(i))]]))
                if i == 4 { drawnBeforeTheEnd = out }
            }
        }
        let table = "┌───┐\n│ n │\n├───┤\n│ 1 │\n│ 2 │\n│ 3 │\n└───┘\n3 rows\n"
        #expect(drawnBeforeTheEnd == table)
        #expect(out == table + "… and 7 more rows, 10 in all (a table shows at most 3 rows; --format csv or json writes every row)\n")
    }

    /// A chart holds its rows up to a bound, and says how many it left out.
    @Test func chartsAreBounded() {
        var out = ""
        let sink = OutputFormat.bar.sink(options: RenderOptions(maxWidth: 40)) { out += $0 }
        sink.begin(ResultHeader(columns: [ResultColumn("l", .text), ResultColumn("v", .integer)]))
        for i in 0..<(ChartSink.maxRows + 5) { sink.write(RowChunk(rows: [[.text("x\(i)"), .integer(Int64(i))]])) }
        #expect(out.contains("x\(ChartSink.maxRows - 1) "))
        #expect(!out.contains("x\(ChartSink.maxRows) "))
        sink.finish()
        #expect(out.hasSuffix("… and 5 more rows, \(ChartSink.maxRows + 5) in all (a chart draws at most \(ChartSink.maxRows) rows; --format csv or json writes every row)\n"))
    }

    /// `.last` keeps a result up to its bound. A larger one is written again as a table, which needs no more rows
    /// than were kept, and is refused in csv with a message that says why, never written in part.
    @Test func lastKeepsABoundedCopy() {
        var out = "", err = ""
        var session = Session(write: { out += $0 }, writeError: { err += $0 })
        let total = KeptResult.maxRows + 10
        session.emit(ResultHeader(columns: [ResultColumn("n", .integer)])) { write in
            for c in stride(from: 0, to: total, by: 1000) {
                write(RowChunk(rows: (c..<min(total, c + 1000)).map { [.integer(Int64($0))] }))
            }
        }
        let table = out
        #expect(table.hasSuffix("… and \(total - Limits.maxTableRows) more rows, \(total) in all (a table shows at most 1000 rows; --format csv or json writes every row)\n"))
        #expect(session.last?.rows.count == KeptResult.maxRows && session.last?.total == total)
        #expect(session.lastResult == nil)
        out = ""
        #expect(session.run(SourceText(".last")) == .success)
        #expect(out == table)
        out = ""
        #expect(session.run(SourceText(".format csv\n.last")) == .failure)
        #expect(out.isEmpty)
        #expect(err.contains("error: the last result had \(total) rows, more than the \(KeptResult.maxRows) that .last keeps; run its statement again to write every row"), "\(err)")
    }

    /// A small result comes back whole from `.last`, in another format.
    @Test func lastWritesASmallResultAgain() {
        var out = ""
        var session = Session(write: { out += $0 }, writeError: { _ in })
        #expect(session.run(SourceText("select year, aanvragen from studenten where year >= 2020;\n.format csv")) == .success)
        out = ""
        #expect(session.run(SourceText(".last")) == .success)
        #expect(out == CSVRenderer.render(Self.result("select year, aanvragen from studenten where year >= 2020")))
    }

    /// `source select` in a table writes its listing as the rows are made, in pieces, not once they are all in.
    @Test func sourceListingsAreWrittenAsTheyArrive() {
        var writes = 0
        let listing = Info.Listing(numbers: .plain) { _ in writes += 1 }
        listing.begin(ResultHeader(columns: Info.sourceColumns, qualified: false))
        for r in 1...20_000 {
            listing.write(RowChunk(rows: [[.integer(Int64(r)), .text("aanvragen"), .integer(12310), .text("aanvragen"), .integer(12310),
                                           .text("Jaarverslag 2021, Cijfers Studenten"), .integer(180), .text("Aanvragen  12.310"), .null, .null]]))
        }
        #expect(writes >= 10)
        listing.finish()
        var empty = ""
        let none = Info.Listing(numbers: .plain) { empty += $0 }
        none.begin(ResultHeader(columns: Info.sourceColumns, qualified: false))
        none.finish()
        #expect(empty == "no sources to list\n")
    }
}
