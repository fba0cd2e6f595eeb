// The statements that describe the data rather than query it: SHOW DATASETS, DESCRIBE and SOURCE.
// They return ordinary results, so every output format works for them too.

/// Info builds the results of the describing statements.
enum Info {
    /// datasets lists every dataset with its row count and a one-line description.
    /// datasets lists the report datasets, then the session's tables and views, each with where it comes from.
    static func datasets(_ catalogue: Catalogue) -> ResultSet {
        let reports: [[Value]] = catalogue.datasets.map {
            [.text($0.name), .text($0.english), .integer(Int64($0.rows.count)), .text($0.description), .text($0.report)]
        }
        let session: [[Value]] = catalogue.sessionDatasets.map { d in
            // A view has no rows until a statement reads it.
            let rows: Value = if case .table = d.kind { .integer(Int64(d.dataset.rows.count)) } else { .null }
            return [.text(d.name), .null, rows, .text("session \(d.kind.word)"), .text(d.origin)]
        }
        return ResultSet(
            columns: [ResultColumn("dataset", .text), ResultColumn("english", .text), ResultColumn("rows", .integer),
                      ResultColumn("description", .text), ResultColumn("origin", .text)],
            rows: reports + session)
    }

    /// describe lists a dataset's columns with their types and meanings.
    static func describe(_ d: Dataset) -> ResultSet {
        ResultSet(
            columns: [ResultColumn("column", .text), ResultColumn("type", .text), ResultColumn("english", .text),
                      ResultColumn("betekenis", .text), ResultColumn("meaning", .text)],
            rows: d.columns.map { [.text($0.name), .text($0.type.rawValue), .text($0.english), .text($0.meaningNL), .text($0.meaningEN)] }
                // Only rows that come from a report have a source to refer to.
                + (d.report.isEmpty ? [] : [[.text("bron"), .text("text"), .text("source_ref"), .text("korte bronvermelding van de rij (pseudokolom)"),
                    .text("short source reference of the row (pseudo-column)")]]))
    }

    /// describe shows a file as the sniffer read it: the dialect, then each column with its type.
    static func describe(_ file: FileTable) -> ResultSet {
        let d = file.layout.dialect
        let decimal = file.layout.columns.first { $0.type == .decimal || $0.type == .percentage }?.decimalSeparator
        let thousands = file.layout.columns.compactMap(\.thousands).first
        var rows: [[Value]] = [
            [.text("delimiter"), .text(byteName(d.delimiter)), .text("dialect")],
            [.text("quote"), .text(byteName(d.quote)), .text("dialect")],
            [.text("header"), .text(d.header ? "true" : "false"), .text("dialect")],
            [.text("decimal_separator"), .text(byteName(decimal ?? UInt8(ascii: "."))), .text("dialect")],
            [.text("thousands"), .text(byteName(thousands)), .text("dialect")],
            [.text("encoding"), .text(d.encoding.rawValue), .text("dialect")],
        ]
        if d.skip > 0 { rows.append([.text("skip"), .text(String(d.skip)), .text("dialect")]) }
        for c in file.layout.columns {
            var how = c.type.valueType.rawValue
            if c.type == .decimal || c.type == .percentage, c.decimalSeparator != UInt8(ascii: ".") { how += " (decimal \(byteName(c.decimalSeparator)))" }
            if let t = c.thousands { how += " (thousands \(byteName(t)))" }
            rows.append([.text(c.name), .text(how), .text("column")])
        }
        return ResultSet(columns: [ResultColumn("name", .text), ResultColumn("value", .text), ResultColumn("kind", .text)], rows: rows)
    }

    /// sourceColumns are the columns of `sources(of:write:)`.
    static let sourceColumns = [
        ResultColumn("row", .integer), ResultColumn("column", .text), ResultColumn("value", .number),
        ResultColumn("from", .text), ResultColumn("figure", .number), ResultColumn("source", .text),
        ResultColumn("line", .integer), ResultColumn("printed", .text), ResultColumn("kwalificatie", .text),
        ResultColumn("words", .text)]

    /// sources lists, for every value of a query's result, the report lines of the figures it was read or computed
    /// from: one row per value and figure. The rows go to `write` in chunks as they are made, so that a long
    /// listing is never held whole; it returns the query's notes.
    static func sources(of plan: QueryPlan, write: (RowChunk) -> Void) throws -> [Diagnostic] {
        let (result, origins) = try Executor.collect(plan, tracksFileRows: true)
        let fileRows = try readFileRows(origins)
        var rows: [[Value]] = []
        var listed = 0
        // References repeat for every row of a dataset; one string each keeps the sources as small as their rows.
        var references: [String: Value] = [:]
        for (r, origin) in origins.enumerated() {
            guard let origin else { continue }
            let select = plan.selects[origin.select]
            // A row of a join names each table's row; a column of the combined row is read from the table that holds it.
            var figures: [[(DatasetBox, column: Int, rows: [Int])]] = []
            if !origin.joined.isEmpty {
                figures = select.outputs.map { output in
                    output.expr.referencedCombinedColumns.compactMap { i in
                        guard let p = origin.joined.first(where: { $0.holds(i) }),
                              p.source.dataset.columns[i - p.columnOffset].name != "year" else { return nil }
                        return (p.source, i - p.columnOffset, p.rows)
                    }
                }
            } else if let box = origin.source {
                figures = select.outputs.map { output in output.expr.referencedColumns(in: select).map { (box, $0, origin.rows) } }
            }
            for (c, sources) in figures.enumerated() {
                // A session table keeps values, not where they came from.
                for (box, column, sourceRows) in sources where !box.dataset.report.isEmpty || box.file != nil {
                    let dataset = box.dataset
                    for row in sourceRows {
                        // A file's row is its line, read again; a dataset's is held.
                        let fileRow = box.file == nil ? nil : fileRows[ObjectIdentifier(box)]?[row]
                        if box.file != nil && fileRow == nil { continue }
                        let values = fileRow?.values ?? dataset.rows[row]
                        for var at in dataset.sourceLines(row: row, column: column) {
                            try Cancellation.checkpoint()
                            if let fileRow { at.text = fileRow.text }
                            let figure = dataset.columns[column].type.alignsRight
                            try Cancellation.charge(row: [result.rows[r][c], values[column]],
                                                    overhead: 10 * 40 + 2 * ((at.text?.utf8.count ?? 0) + at.reference.utf8.count))
                            let reference = references[at.reference] ?? .text(at.reference)
                            references[at.reference] = reference
                            rows.append([.integer(Int64(r + 1)), .text(result.columns[c].name), result.rows[r][c],
                                         .text(dataset.columns[column].name), values[column],
                                         reference, at.line.map { .integer(Int64($0)) } ?? .null, at.text.map(Value.text) ?? .null,
                                         (figure && box.file == nil ? dataset.qualifier(row: values) : nil).map(Value.text) ?? .null,
                                         (figure ? at.words : nil).map(Value.text) ?? .null])
                            listed += 1
                            if rows.count == 1024 {
                                write(RowChunk(rows: rows))
                                rows.removeAll(keepingCapacity: true)
                            }
                        }
                    }
                }
            }
        }
        if !rows.isEmpty { write(RowChunk(rows: rows)) }
        if listed == 0 && !result.rows.isEmpty {
            let message = "these values have no sources to list: they are not read straight from a report dataset or a file (a constant, a session table, a view, a CTE or a query in FROM hands on values without their lines)"
            return result.notes + [Diagnostic(message, at: SourceRange(0, 0), notes: ["source select the query that reads the report dataset or the file itself"], severity: .note)]
        }
        return result.notes
    }

    /// readFileRows reads again, from each file the result's rows came from, the lines they came from.
    static func readFileRows(_ origins: [RowOrigin?]) throws -> [ObjectIdentifier: [Int: FileRow]] {
        var wanted: [ObjectIdentifier: (FileTable, Set<Int>)] = [:]
        func want(_ box: DatasetBox?, _ rows: [Int]) {
            guard let box, let file = box.file else { return }
            wanted[ObjectIdentifier(box), default: (file, [])].1.formUnion(rows)
        }
        for origin in origins {
            guard let origin else { continue }
            want(origin.source, origin.rows)
            for part in origin.joined { want(part.source, part.rows) }
        }
        return try wanted.mapValues { file, lines in try file.rows(atLines: lines) }
    }

    /// Listing writes the rows of `sources(of:write:)` for reading: each value, then every figure behind it with its
    /// reference and the report line as printed. It writes as the rows arrive, in pieces of about 64 KiB.
    final class Listing: ResultSink {
        let numbers: NumberStyle
        private var out: PieceWriter
        private var any = false
        private var current: (Value, Value)?

        init(numbers: NumberStyle, write: @escaping (String) -> Void) {
            self.numbers = numbers
            out = PieceWriter(write)
        }

        func begin(_ header: ResultHeader) {}

        func write(_ chunk: RowChunk) {
            for row in chunk.rows {
                any = true
                if current.map({ $0.0 != row[0] || $0.1 != row[1] }) ?? true {
                    current = (row[0], row[1])
                    out.add("row \(row[0].display ?? "")  \(row[1].display ?? "") = \(numbers.format(row[2]) ?? "NULL")\n")
                }
                // A file's reference (`file.csv:12`) names its line already.
                let line = row[6].display.map { n in (row[5].display ?? "").hasSuffix(":" + n) ? "" : ", line \(n)" } ?? ""
                let qualifier = row[8].display.map { " (\($0): approximate)" } ?? ""
                let words = row[9].display.map { " (\"\($0)\")" } ?? ""
                out.add("  \(row[3].display ?? "") \(numbers.format(row[4]) ?? "NULL")\(words)\(qualifier) from \(row[5].display ?? "")\(line)\n")
                if let printed = row[7].display { out.add("    │ \(printed)\n") }
            }
        }

        func finish() {
            if !any { out.add("no sources to list\n") }
            out.finish()
        }
    }

    /// source tells where a dataset's figures come from: the report, section and table, and, for figures taken from
    /// running text, each sentence with its line.
    static func source(_ d: Dataset) -> ResultSet {
        let columns = [ResultColumn("report", .text), ResultColumn("section", .text), ResultColumn("table", .text),
                       ResultColumn("line", .integer), ResultColumn("text", .text)]
        var rows: [[Value]] = [[.text(d.report), .text(d.section), .text(d.table), .null, .text(d.description)]]
        for note in d.notes { rows.append([.text(d.report), .text(d.section), .text(d.table), .null, .text(note)]) }
        for s in d.rowSources {
            for c in [s] + s.citations {
                rows.append([.text(c.report ?? s.report ?? d.report), .text(c.section ?? s.section ?? d.section), .text(d.table),
                             c.line.map { .integer(Int64($0)) } ?? .null, .text(c.sentence ?? c.text ?? "")])
            }
        }
        return ResultSet(columns: columns, rows: rows)
    }
}
