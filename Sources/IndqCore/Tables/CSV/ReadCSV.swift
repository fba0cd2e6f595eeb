// read_csv's arguments: the path, then DuckDB's named options as `name = value`, which arrive as ordinary
// comparisons whose left side is a column name. They are read here, before any row is, so that a wrong option is
// an error at its place in the statement.

extension Binder {
    /// readCSVNames are the table functions that read a CSV file.
    static let readCSVNames: Set<String> = ["read_csv", "read_csv_auto"]

    /// readCSVOptionNames lists the options, for messages and suggestions.
    static let readCSVOptionNames = ["delim", "sep", "header", "quote", "escape", "decimal_separator", "thousands", "skip",
                                     "columns", "types", "nullstr", "all_varchar", "ignore_errors", "encoding", "auto_detect"]

    /// readCSV opens the file of a read_csv call with its options.
    func readCSV(_ name: Name, _ args: [Expr], at range: SourceRange) throws -> FileTable {
        guard let first = args.first, case .literal(.string(let path)) = first.kind else {
            throw Diagnostic("\(name.text.lowercased()) takes the file's path as a string first: read_csv('file.csv', delim = ';')",
                             at: args.first?.range ?? range)
        }
        var options = CSVOptions()
        for arg in args.dropFirst() {
            guard case .binary(.equal, let lhs, let value) = arg.kind, case .column(let option) = lhs.kind else {
                throw Diagnostic("expected an option as name = value, such as delim = ';'", at: arg.range)
            }
            try readOption(option.lowercased(), lhs.range, value, into: &options)
        }
        return try Self.openFile(path, options, at: first.range)
    }

    /// openFile opens a file as a table; an error that is not about a place in the file points at the statement.
    static func openFile(_ path: String, _ options: CSVOptions, at range: SourceRange) throws -> FileTable {
        do {
            var table = try CSVFile.open(path: path, options: options)
            table.range = range
            return table
        } catch let e as CSVError where e.line == nil {
            throw Diagnostic("'\(path)' \(e.message)", at: range, notes: e.notes)
        }
    }

    func readOption(_ option: String, _ at: SourceRange, _ value: Expr, into options: inout CSVOptions) throws {
        func text() throws -> String {
            guard case .literal(.string(let s)) = value.kind else {
                throw Diagnostic("\(option) takes a string, such as \(option) = '\(option == "encoding" ? "latin-1" : ";")'", at: value.range)
            }
            return s
        }
        func byte(allowEmpty: Bool = false) throws -> UInt8? {
            var s = try text()
            if s == "\\t" { s = "\t" }
            if s.isEmpty && allowEmpty { return nil }
            guard s.utf8.count == 1, let b = s.utf8.first, b < 0x80 else {
                throw Diagnostic("\(option) takes one ASCII character, found '\(s)'", at: value.range)
            }
            return b
        }
        func flag() throws -> Bool {
            switch value.kind {
            case .literal(.boolean(let b)): return b
            case .literal(.integer(let t)) where t == "0" || t == "1": return t == "1"
            case .literal(.string(let s)) where ["true", "false"].contains(s.lowercased()): return s.lowercased() == "true"
            default: throw Diagnostic("\(option) takes true or false", at: value.range)
            }
        }
        switch option {
        case "delim", "sep", "delimiter":
            options.delimiter = try byte()
        case "quote":
            options.quote = .some(try byte(allowEmpty: true))
        case "escape":
            options.escape = .some(try byte(allowEmpty: true))
        case "header":
            options.header = try flag()
        case "decimal_separator":
            let b = try byte()
            guard b == UInt8(ascii: ".") || b == UInt8(ascii: ",") else {
                throw Diagnostic("decimal_separator is '.' or ','", at: value.range)
            }
            options.decimalSeparator = b
        case "thousands":
            options.thousands = try byte(allowEmpty: true)
        case "skip":
            guard case .literal(.integer(let t)) = value.kind, let n = Int(t), n <= 1_000_000_000 else {
                throw Diagnostic("skip takes a whole number of lines", at: value.range)
            }
            options.skip = n
        case "nullstr", "null":
            // One string, or DuckDB's list of them: nullstr = ['NULL', '-'].
            if case .list(let items) = value.kind {
                options.nullStrings = try items.map { item in
                    guard case .literal(.string(let s)) = item.kind else { throw Diagnostic("nullstr takes strings", at: item.range) }
                    return s
                }
                return
            }
            options.nullStrings = [try text()]
        case "all_varchar":
            options.allVarchar = try flag()
        case "ignore_errors":
            options.ignoreErrors = try flag()
        case "auto_detect":
            _ = try flag()
        case "encoding":
            switch try text().lowercased() {
            case "utf-8", "utf8": options.encoding = .utf8
            case "latin-1", "latin1", "iso-8859-1": options.encoding = .latin1
            case "windows-1252", "cp1252", "win1252": options.encoding = .windows1252
            case let other:
                throw Diagnostic("unknown encoding '\(other)'; indq reads utf-8, latin-1 and windows-1252", at: value.range)
            }
        case "types", "dtypes", "column_types":
            // DuckDB's list, types = ['BIGINT', 'VARCHAR'], or a string of them: types = 'BIGINT, VARCHAR'.
            if case .list(let items) = value.kind {
                options.types = try items.map { item in
                    guard case .literal(.string(let s)) = item.kind else { throw Diagnostic("expected a type name in quotes, such as 'BIGINT'", at: item.range) }
                    guard let t = CSVColumnType.named(s) else {
                        throw Diagnostic("unknown type '\(s)'; expected BIGINT, DOUBLE, DECIMAL, VARCHAR, BOOLEAN, DATE or PERCENTAGE", at: item.range)
                    }
                    return t
                }
                return
            }
            options.types = try typeList(text(), value.range)
        case "columns":
            // DuckDB's struct, columns = {'year': 'BIGINT', 'name': 'VARCHAR'}, or name type pairs in a string.
            if case .structLiteral(let fields) = value.kind {
                options.columns = try fields.map { field in
                    guard case .literal(.string(let s)) = field.value.kind, let t = CSVColumnType.named(s) else {
                        throw Diagnostic("expected a type name in quotes for column \(field.name), such as 'BIGINT'", at: field.value.range)
                    }
                    return (field.name, t)
                }
                return
            }
            var out: [(name: String, type: CSVColumnType)] = []
            for part in try text().split(separator: ",") {
                let words = part.split(separator: " ", omittingEmptySubsequences: true)
                guard words.count == 2, let t = CSVColumnType.named(String(words[1])) else {
                    throw Diagnostic("columns takes 'name TYPE, …', found '\(part)'", at: value.range)
                }
                out.append((String(words[0]), t))
            }
            options.columns = out
        default:
            var notes: [String] = []
            if let s = suggestion(for: option, among: Self.readCSVOptionNames) { notes.append("did you mean \(s)?") }
            notes.append("read_csv's options are " + Self.readCSVOptionNames.joined(separator: ", "))
            throw Diagnostic("unknown read_csv option '\(option)'", at: at, notes: notes)
        }
    }

    func typeList(_ s: String, _ range: SourceRange) throws -> [CSVColumnType] {
        try s.split(separator: ",").map { part in
            let name = String(part.split(separator: " ").first ?? "")
            guard let t = CSVColumnType.named(name) else {
                throw Diagnostic("unknown type '\(name)'; expected BIGINT, DOUBLE, DECIMAL, VARCHAR, BOOLEAN, DATE or PERCENTAGE", at: range)
            }
            return t
        }
    }
}

extension Binder {
    /// readOnlyUsedColumns tells each file a select reads which of its columns the query uses, so that the reader
    /// decodes only those (every column's fields are still counted). A subquery may see more, so with one the file
    /// decodes every column.
    static func readOnlyUsedColumns(_ selects: inout [SelectPlan], order: [(key: QueryPlan.SortKey, descending: Bool)]) {
        for s in selects.indices {
            if selects[s].table == nil, let from = selects[s].from {
                selects[s].from = readOnlyUsedColumns(ofJoin: from, selects[s], order: selects.count == 1 ? order : [])
                continue
            }
            guard var file = selects[s].table as? FileTable else { continue }
            let exprs = expressions(selects[s], order: selects.count == 1 ? order : [])
            if let used = usedColumns(exprs, width: file.layout.columns.count) {
                file.used = used
                selects[s].table = file
            }
        }
    }

    /// expressions are all the expressions of a select that read its rows' columns, ORDER BY's among them.
    static func expressions(_ select: SelectPlan, order: [(key: QueryPlan.SortKey, descending: Bool)]) -> [BoundExpr] {
        var exprs = select.expressions
        for o in order { if case .expr(let e) = o.key { exprs.append(e) } }
        return exprs
    }

    /// usedColumns marks the columns of a row `width` wide that the expressions read; nil when one holds a subquery,
    /// which may see more.
    static func usedColumns(_ exprs: [BoundExpr], width: Int) -> [Bool]? {
        var used = [Bool](repeating: false, count: width)
        var all = false
        func walk(_ e: BoundExpr) {
            switch e.kind {
            case .column(let i): if i >= 0 && i < used.count { used[i] = true }
            case .subquery, .inSubquery: all = true
            default: break
            }
            e.children.forEach(walk)
        }
        exprs.forEach(walk)
        return all ? nil : used
    }

    /// readOnlyUsedColumns(ofJoin:) does the same for the files of a join of scans: each file reads the columns that
    /// the select or a join's keys and condition use, where the file's columns stand in the combined row. A FROM that
    /// holds anything but joins, scans and derived tables is left as it is.
    static func readOnlyUsedColumns(ofJoin from: LogicalPlan, _ select: SelectPlan,
                                    order: [(key: QueryPlan.SortKey, descending: Bool)]) -> LogicalPlan {
        guard case .join = from else { return from }
        var exprs = expressions(select, order: order)
        var width = 0
        func collect(_ p: LogicalPlan, at offset: Int) -> Bool {
            switch p {
            case .scan(let t):
                width = max(width, offset + t.schema.columns.count)
                return true
            case .derived(let q, _, _):
                width = max(width, offset + q.columns.count)
                return true
            case .join(let j, let l, let r):
                guard j.offset == offset else { return false }
                exprs += j.leftKeys + j.rightKeys + [j.condition].compactMap { $0 }
                return collect(l, at: offset) && collect(r, at: offset + j.leftWidth)
            default:
                return false
            }
        }
        guard collect(from, at: 0), let used = usedColumns(exprs, width: width) else { return from }
        func pruned(_ p: LogicalPlan, at offset: Int) -> LogicalPlan {
            switch p {
            case .scan(let t):
                guard var file = t as? FileTable else { return p }
                file.used = Array(used[offset..<offset + file.layout.columns.count])
                return .scan(file)
            case .join(let j, let l, let r):
                return .join(j, left: pruned(l, at: offset), right: pruned(r, at: offset + j.leftWidth))
            default:
                return p
            }
        }
        return pruned(from, at: 0)
    }
}
