// `.save FILE.sqlite`: the datasets as a real SQLite database, written through libsqlite3, with a table
// indq_sources of where their figures come from (`source NAME`'s rows). The tables are those of `.dump`, and their
// values are stored as loading the dump into sqlite3 stores them. The database is written whole into a temporary file
// beside FILE and renamed onto it only when SQLite has committed it, so that a failure never leaves half a file.

import CSQLite

extension Session {
    /// save writes the datasets into the SQLite file that `line` names.
    func save(_ line: DotCommand.Invocation) throws {
        let words = try ImportArguments.split(line.argument, at: line.argumentRange, command: ".save")
        guard let path = words.first, !path.isEmpty else {
            throw Diagnostic("expected a file after .save, such as .save ind.sqlite", at: line.range)
        }
        let tables = try exportTables(Array(words.dropFirst()), at: line.argumentRange)
        if let clash = tables.first(where: { $0.name.lowercased() == SQLiteFile.sourcesTable }) {
            throw Diagnostic("the table \(clash.name) has the name of the table of sources that .save writes; give it another name",
                             at: line.argumentRange)
        }
        do {
            try checkReplaceable(path)
            try SQLiteFile.write(tables, to: path)
        } catch let e as FileWriteError {
            throw Diagnostic(e.description, at: line.argumentRange)
        }
    }
}

/// SQLiteFile writes a SQLite database.
enum SQLiteFile {
    /// sourcesTable holds every dataset's sources.
    static let sourcesTable = "indq_sources"

    static func write(_ tables: [ExportTable], to path: String) throws {
        let file = try PendingFile(for: path)
        defer { file.discard() }
        try file.closeForOthers()
        var db: OpaquePointer?
        guard sqlite3_open_v2(file.temporary, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let db else {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? "SQLite cannot open it"
            sqlite3_close(db)
            throw FileWriteError(path, reason)
        }
        var closed = false
        defer { if !closed { sqlite3_close(db) } }
        func exec(_ sql: String) throws {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw FileWriteError(path, String(cString: sqlite3_errmsg(db))) }
        }
        // The journal stays in memory: the temporary file is the only file written.
        try exec("PRAGMA journal_mode = MEMORY")
        try exec("BEGIN")
        for table in tables {
            try exec(table.createStatement)
            try insert(table.rows, into: table.name, columns: table.columns.count, db: db, path: path)
        }
        try exec("CREATE TABLE \(sourcesTable) (\"dataset\" VARCHAR, \"report\" VARCHAR, \"section\" VARCHAR, \"table\" VARCHAR, "
                 + "\"line\" BIGINT, \"text\" VARCHAR)")
        try insert(tables.flatMap { t in t.sources.rows.map { [.text(t.name)] + $0 } }, into: sourcesTable, columns: 6, db: db, path: path)
        try exec("COMMIT")
        closed = true
        guard sqlite3_close(db) == SQLITE_OK else { throw FileWriteError(path, "SQLite could not close it") }
        try file.finish()
        try file.commit()
    }

    /// insert adds rows through one prepared statement, binding each value as the dump would write it.
    static func insert(_ rows: [[Value]], into table: String, columns: Int, db: OpaquePointer, path: String) throws {
        var statement: OpaquePointer?
        let sql = "INSERT INTO \(quoteSQLName(table)) VALUES (" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw FileWriteError(path, String(cString: sqlite3_errmsg(db)))
        }
        defer { sqlite3_finalize(statement) }
        for row in rows {
            sqlite3_reset(statement)
            for (i, value) in row.enumerated() {
                let at = Int32(i + 1)
                let rc: Int32
                switch value {
                case .null: rc = sqlite3_bind_null(statement, at)
                case .integer(let n): rc = sqlite3_bind_int64(statement, at, n)
                case .boolean(let b): rc = sqlite3_bind_int64(statement, at, b ? 1 : 0)
                case .double(let d): rc = d.isNaN ? sqlite3_bind_null(statement, at) : sqlite3_bind_double(statement, at, d)
                case .text(let s): rc = bindText(s, statement, at)
                // A DECIMAL column has SQLite's NUMERIC affinity, which stores the digits as an integer or a REAL, as the
                // dump's literals are stored.
                case .decimal(let d), .percentage(let d), .points(let d): rc = bindText(d.description, statement, at)
                case .date(let d): rc = bindText(d.description, statement, at)
                }
                guard rc == SQLITE_OK else { throw FileWriteError(path, String(cString: sqlite3_errmsg(db))) }
            }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw FileWriteError(path, String(cString: sqlite3_errmsg(db))) }
        }
    }

    static func bindText(_ s: String, _ statement: OpaquePointer, _ at: Int32) -> Int32 {
        var s = s
        return s.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return indq_sqlite3_bind_text(statement, at, "", 0) }
            guard bytes.count < Int(Int32.max) else { return SQLITE_TOOBIG }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { indq_sqlite3_bind_text(statement, at, $0, Int32(bytes.count)) }
        }
    }
}
