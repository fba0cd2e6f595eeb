// `.dump [NAME …]`: the datasets as one SQL script, CREATE TABLE and then one INSERT per row, in a transaction, which
// sqlite3 and DuckDB both run unchanged. Each table's source goes before it as a comment.

extension Session {
    /// dump writes the datasets that `line` names, or all of them, as SQL.
    func dump(_ line: DotCommand.Invocation) throws {
        let tables = try exportTables(ImportArguments.split(line.argument, at: line.argumentRange, command: ".dump"), at: line.argumentRange)
        write(SQLDump.header)
        for table in tables { SQLDump.write(table, to: write) }
        write("COMMIT;\n")
    }
}

/// SQLDump writes tables as SQL statements.
enum SQLDump {
    static let header = """
        -- indq: the datasets as SQL tables. Percentages are DECIMAL fractions (82% is 0.82). sqlite3 and DuckDB run
        -- this script as it is.
        BEGIN TRANSACTION;

        """

    /// write writes one table: its source, CREATE TABLE, then its rows, a chunk of them at a time.
    static func write(_ table: ExportTable, to write: (String) -> Void) {
        write("\n" + table.comment + table.createStatement + "\n")
        let insert = "INSERT INTO \(quoteSQLName(table.name)) VALUES ("
        var chunk = ""
        for row in table.rows {
            chunk += insert + row.map(ExportTable.literal).joined(separator: ", ") + ");\n"
            if chunk.utf8.count > 1 << 16 {
                write(chunk)
                chunk = ""
            }
        }
        if !chunk.isEmpty { write(chunk) }
    }
}
