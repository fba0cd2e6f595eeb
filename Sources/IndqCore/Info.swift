// The statements that describe the data rather than query it: SHOW DATASETS, DESCRIBE and SOURCE.
// They return ordinary results, so every output format works for them too.

/// Info builds the results of the describing statements.
enum Info {
    /// datasets lists every dataset with its row count and a one-line description.
    static func datasets(_ catalogue: Catalogue) -> ResultSet {
        ResultSet(
            columns: [ResultColumn("dataset", .text), ResultColumn("english", .text), ResultColumn("rows", .integer),
                      ResultColumn("description", .text)],
            rows: catalogue.datasets.map { [.text($0.name), .text($0.english), .integer(Int64($0.rows.count)), .text($0.description)] })
    }

    /// describe lists a dataset's columns with their types and meanings.
    static func describe(_ d: Dataset) -> ResultSet {
        ResultSet(
            columns: [ResultColumn("column", .text), ResultColumn("type", .text), ResultColumn("english", .text),
                      ResultColumn("meaning", .text)],
            rows: d.columns.map { [.text($0.name), .text($0.type.rawValue), .text($0.english), .text($0.meaningEN)] })
    }

    /// source tells where a dataset's figures come from: the report, section and table, and, for figures taken from
    /// running text, each sentence with its line.
    static func source(_ d: Dataset) -> ResultSet {
        let columns = [ResultColumn("report", .text), ResultColumn("section", .text), ResultColumn("table", .text),
                       ResultColumn("line", .integer), ResultColumn("text", .text)]
        var rows: [[Value]] = [[.text(d.report), .text(d.section), .text(d.table), .null, .text(d.description)]]
        for note in d.notes { rows.append([.text(d.report), .text(d.section), .text(d.table), .null, .text(note)]) }
        for s in d.rowSources {
            rows.append([.text(s.report ?? d.report), .text(s.section ?? d.section), .text(d.table),
                         s.line.map { .integer(Int64($0)) } ?? .null, .text(s.sentence ?? "")])
        }
        return ResultSet(columns: columns, rows: rows)
    }
}
