// `.export DIR`: the datasets in the layout of DuckDB's EXPORT DATABASE, so that `IMPORT DATABASE 'DIR'` loads them:
// one CSV file per dataset (a header, LF line ends, NULL as an empty field), schema.sql with the CREATE TABLEs and
// load.sql with a COPY per table. Every file is written whole beside its target first and then renamed, and a
// failure leaves none of them behind.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Session {
    /// export writes the datasets into the folder that `line` names.
    func export(_ line: DotCommand.Invocation) throws {
        let words = try ImportArguments.split(line.argument, at: line.argumentRange, command: ".export")
        guard let directory = words.first, !directory.isEmpty else {
            throw Diagnostic("expected a folder after .export, such as .export ind", at: line.range)
        }
        let tables = try exportTables(Array(words.dropFirst()), at: line.argumentRange)
        do {
            try DatabaseExport.write(tables, into: directory)
        } catch let e as FileWriteError {
            throw Diagnostic(e.description + "; nothing was exported", at: line.argumentRange)
        }
    }
}

/// DatabaseExport writes the files of `.export`.
enum DatabaseExport {
    /// write writes every file as a temporary beside its target, and renames them all only when all are written.
    static func write(_ tables: [ExportTable], into directory: String) throws {
        let made = try Directory.prepare(directory)
        var pending: [PendingFile] = []
        do {
            let files = fileNames(tables.map(\.name))
            for file in files + ["schema.sql", "load.sql"] { try checkReplaceable(directory + "/" + file) }
            var schema = "-- indq: the datasets as tables; percentages are DECIMAL fractions (82% is 0.82).\n"
            var load = ""
            for (table, file) in zip(tables, files) {
                let csv = try PendingFile(for: directory + "/" + file)
                pending.append(csv)
                try csv.add(table.columns.map { csvField($0.name) }.joined(separator: ",") + "\n")
                for row in table.rows { try csv.add(row.map { csvField($0) }.joined(separator: ",") + "\n") }
                schema += table.comment + table.createStatement + "\n"
                // The folder as given, as DuckDB writes it; IMPORT DATABASE reads the file from the folder it imports.
                // A quoted empty field is an empty text, not NULL, which an empty field is.
                load += "COPY \(quoteSQLName(table.name)) FROM \(quoteSQLString(directory + "/" + file)) "
                    + "(FORMAT 'csv', quote '\"', delimiter ',', header 1, allow_quoted_nulls false);\n"
            }
            for (name, text) in [("schema.sql", schema), ("load.sql", load)] {
                let file = try PendingFile(for: directory + "/" + name)
                pending.append(file)
                try file.add(text)
            }
            for file in pending { try file.finish() }
            for file in pending { try file.commit() }
        } catch {
            for file in pending { file.discard() }
            if made { rmdir(directory) }
            throw error
        }
    }

    /// fileNames gives each table a file: its name, with any character but a letter, digit or _ as _, and a number
    /// after a name taken already.
    static func fileNames(_ names: [String]) -> [String] {
        var taken = Set(["schema", "load"])
        return names.map { name in
            let plain = String(name.unicodeScalars.map { s -> Character in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_") ? Character(s) : "_"
            })
            var candidate = plain.isEmpty ? "table" : plain
            var n = 1
            while taken.contains(candidate.lowercased()) {
                n += 1
                candidate = plain + "_\(n)"
            }
            taken.insert(candidate.lowercased())
            return candidate + ".csv"
        }
    }

    /// csvField writes a value as DuckDB's CSV reader reads it back into its column: NULL as nothing, a
    /// percentage as its fraction, a text that is empty or holds a comma, quote or line break in quotes.
    static func csvField(_ v: Value) -> String {
        switch v {
        case .null: return ""
        case .text(let s): return csvField(s)
        case .double(let d): return "\(d)"
        case .date(let d): return "\(d)"
        case .boolean(let b): return b ? "true" : "false"
        default: return ExportTable.literal(v)
        }
    }

    static func csvField(_ s: String) -> String {
        guard s.isEmpty || s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}
