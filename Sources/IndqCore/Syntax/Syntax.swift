// The syntax tree: what the parser produces and the binder reads. Every node knows its source range, and the
// tree prints back as canonical SQL (`sql`), so a parser test is a round trip.

/// Statement is one statement of a script.
public enum Statement: Equatable, Sendable {
    /// `SELECT … [FROM …] …`, possibly joined by UNION, INTERSECT or EXCEPT.
    case query(Query)
    /// `SHOW DATASETS` or `SHOW TABLES`
    case showDatasets
    /// `DESCRIBE name`
    case describe(Name)
    /// `DESCRIBE 'file.csv'`: the dialect and column types the sniffer finds.
    case describeFile(String, range: SourceRange)
    /// `SOURCE name`
    case source(Name)
    /// `SOURCE SELECT …`: where every value of the query's result comes from.
    case sourceOf(Query)
    /// `EXPLAIN SQL query`: the DuckDB SQL that gives the query's rows; range is the query's text.
    case explainSQL(Query, range: SourceRange)
    /// `HELP [topic]`
    case help(String?)
    /// `SET name = 'value'`: a setting, as DuckDB spells it (`set memory_limit = '1GB'`).
    case set(Name, String)
    /// `CREATE [OR REPLACE] TABLE|VIEW [IF NOT EXISTS] name AS query`: a dataset of the session.
    case create(CreateDataset)
    /// `DROP TABLE|VIEW [IF EXISTS] name`
    case drop(DropDataset)
    /// `SUMMARIZE name`, `SUMMARIZE 'file.csv'` or `SUMMARIZE SELECT …`: per column of the rows, as DuckDB's
    /// SUMMARIZE, the type, min, max, distinct count, average and null share. A table is held as `SELECT * FROM table`.
    case summarize(Query)
}

/// SessionDatasetKind is what CREATE makes: a table, whose rows are computed once and held, or a view, whose query
/// runs each time it is read.
public enum SessionDatasetKind: String, Equatable, Sendable {
    case table = "TABLE", view = "VIEW"
}

/// CreateDataset is `CREATE [OR REPLACE] TABLE|VIEW [IF NOT EXISTS] name AS query`.
public struct CreateDataset: Equatable, Sendable {
    public var kind: SessionDatasetKind
    public var name: Name
    public var orReplace = false
    public var ifNotExists = false
    public var query: Query
}

/// DropDataset is `DROP TABLE|VIEW [IF EXISTS] name`.
public struct DropDataset: Equatable, Sendable {
    public var kind: SessionDatasetKind
    public var name: Name
    public var ifExists = false
}

/// Name is an identifier as written, with its place.
public struct Name: Equatable, Sendable {
    public var text: String
    public var range: SourceRange
    public init(_ text: String, _ range: SourceRange) { self.text = text; self.range = range }
}

/// Query is a select, or selects joined by set operations: `s1 UNION [ALL] s2 INTERSECT s3 …`.
public struct Query: Equatable, Sendable {
    /// `WITH name AS (query), …`: the CTEs, each able to read those before it.
    public var with: [CommonTableExpression] = []
    /// The selects in the order written.
    public var selects: [Select]
    /// setOps[i] joins selects[i] and selects[i + 1]; INTERSECT binds tighter than UNION and EXCEPT.
    public var setOps: [SetOperation] = []
    public var orderBy: [OrderItem]
    /// `ORDER BY ALL [DESC]`: every result column, from left to right.
    public var orderByAll: OrderAll?
    public var limit: Expr?
    public var offset: Expr?

    public init(selects: [Select], setOps: [SetOperation] = [], orderBy: [OrderItem], orderByAll: OrderAll? = nil,
                limit: Expr?, offset: Expr?) {
        self.selects = selects
        self.setOps = setOps
        self.orderBy = orderBy
        self.orderByAll = orderByAll
        self.limit = limit
        self.offset = offset
    }
}

/// SetOperation is `UNION [ALL]`, `INTERSECT [ALL]` or `EXCEPT [ALL]`.
public struct SetOperation: Equatable, Sendable {
    public var op: SetOperator
    /// all keeps duplicates (bag semantics); without it the result has distinct rows.
    public var all: Bool
    public var range: SourceRange

    /// sql is the operation as canonical SQL prints it.
    public var sql: String { op.rawValue + (all ? " ALL" : "") }
}

/// SetOperator is the kind of a set operation.
public enum SetOperator: String, Equatable, Sendable {
    case union = "UNION", intersect = "INTERSECT", except = "EXCEPT"
}

/// OrderAll is `ORDER BY ALL [ASC | DESC]`.
public struct OrderAll: Equatable, Sendable {
    public var descending: Bool
    public var range: SourceRange
}

/// Select is `SELECT [DISTINCT] items [FROM table] [WHERE e] [GROUP BY … | GROUP BY ALL] [HAVING e] [QUALIFY e]`.
public struct Select: Equatable, Sendable {
    public var distinct: Bool
    public var items: [SelectItem]
    public var from: TableRef?
    public var whereClause: Expr?
    public var groupBy: [Expr]
    /// `GROUP BY ALL`: every select item without an aggregate is a key.
    public var groupByAll: Bool = false
    public var having: Expr?
    /// `QUALIFY e`: a filter on the rows after window functions, as WHERE is before them.
    public var qualify: Expr?
    public var range: SourceRange
}

/// TableRef is what FROM reads, shaped as sqlparser-rs's TableFactor: joins, aliases, derived tables and CTE names
/// are each a case of their own.
public indirect enum TableRef: Equatable, Sendable {
    /// `name`: a dataset, or a CTE of the query.
    case named(Name)
    /// `name(arg, …)`: a table function, as `range(10)` or `generate_series(1, 5)`.
    case function(Name, args: [Expr], range: SourceRange)
    /// `'path/file.csv'`: a CSV file, read as read_csv reads it without options.
    case file(String, range: SourceRange)
    /// `(SELECT …)`: a derived table.
    case derived(Query, range: SourceRange)
    /// `table [AS] alias [(column, …)]`: the name the query knows a table by, and new names for its columns.
    case aliased(TableRef, alias: Name, columns: [Name])
    /// `left [INNER | LEFT | RIGHT | FULL] JOIN right ON …`, `… JOIN … USING (…)`, `left CROSS JOIN right`, `left, right`.
    case join(TableRef, Join)

    /// range is the place of the whole reference.
    public var range: SourceRange {
        switch self {
        case .named(let n): return n.range
        case .file(_, let r): return r
        case .function(_, _, let r), .derived(_, let r): return r
        case .aliased(let t, let alias, let columns): return t.range.to(columns.last?.range ?? alias.range)
        case .join(let left, let j): return left.range.to(j.range)
        }
    }

    /// sql prints the reference as canonical SQL.
    public var sql: String {
        switch self {
        case .named(let n): return quoteName(n.text)
        case .function(let n, let args, _): return n.text.lowercased() + "(" + args.map(\.sql).joined(separator: ", ") + ")"
        case .file(let path, _): return "'" + path.replacingAll("'", with: "''") + "'"
        case .derived(let q, _): return "(" + q.sql + ")"
        case .aliased(let t, let alias, let columns):
            return t.sql + " AS " + quoteName(alias.text)
                + (columns.isEmpty ? "" : "(" + columns.map { quoteName($0.text) }.joined(separator: ", ") + ")")
        case .join(let left, let j):
            // A join on the right of another is written in parentheses, as the parser reads it back.
            var right = j.right.sql
            if case .join = j.right { right = "(" + right + ")" }
            if j.kind == .comma { return left.sql + ", " + right }
            var s = left.sql + " " + j.kind.sql + " " + right
            switch j.constraint {
            case .on(let e): s += " ON " + e.sql
            case .using(let names): s += " USING (" + names.map { quoteName($0.text) }.joined(separator: ", ") + ")"
            case .none: break
            }
            return s
        }
    }
}

/// Join is the right-hand side of a join: its kind, the table it joins, and the condition.
public struct Join: Equatable, Sendable {
    public var kind: JoinKind
    public var right: TableRef
    public var constraint: JoinConstraint
    public var range: SourceRange
}

/// JoinKind is the kind of a join; comma is `FROM a, b`, a cross join written as a list.
public enum JoinKind: String, Equatable, Sendable {
    case inner, left, right, full, cross, comma

    /// sql is the kind as canonical SQL prints it.
    public var sql: String {
        switch self {
        case .inner: return "JOIN"
        case .left: return "LEFT JOIN"
        case .right: return "RIGHT JOIN"
        case .full: return "FULL JOIN"
        case .cross: return "CROSS JOIN"
        case .comma: return ","
        }
    }
}

/// JoinConstraint is what decides which rows a join pairs.
public enum JoinConstraint: Equatable, Sendable {
    /// `ON condition`
    case on(Expr)
    /// `USING (column, …)`: the columns both sides have, compared for equality and shown once.
    case using([Name])
    /// none, for CROSS JOIN and a comma.
    case none
}

/// CommonTableExpression is `name [(column, …)] AS (query)` in `WITH`.
public struct CommonTableExpression: Equatable, Sendable {
    public var name: Name
    public var columns: [Name]
    public var query: Query
}

/// SelectItem is one entry of the select list.
public enum SelectItem: Equatable, Sendable {
    /// `* [EXCLUDE (name, …)] [REPLACE (expr AS name, …)]`
    case star(Star)
    /// `expr [AS alias]`
    case expr(Expr, alias: Name?)
}

/// Star is `*` with the columns it leaves out and the ones it replaces.
public struct Star: Equatable, Sendable {
    public var range: SourceRange
    /// table is the qualifier of `t.*`, which expands to that table's columns only.
    public var table: Name? = nil
    public var exclude: [Name] = []
    /// replace gives columns another value under their own name: `REPLACE (aanvragen / 1000 AS aanvragen)`.
    public var replace: [Replacement] = []
}

/// Replacement is `expr AS name` in `* REPLACE (…)`.
public struct Replacement: Equatable, Sendable {
    public var expr: Expr
    public var name: Name
}

/// OrderItem is `expr [ASC|DESC]`.
public struct OrderItem: Equatable, Sendable {
    public var expr: Expr
    public var descending: Bool
}

/// Expr is an expression with its source range.
public struct Expr: Equatable, Sendable {
    public var kind: ExprKind
    public var range: SourceRange
    public init(_ kind: ExprKind, _ range: SourceRange) { self.kind = kind; self.range = range }
}

/// ExprKind is the shape of an expression.
public indirect enum ExprKind: Equatable, Sendable {
    /// `name`
    case column(String)
    /// `table.name`: a column of one table of FROM.
    case qualifiedColumn(table: String, column: String)
    /// `42`, `3.5`, `95%`, `'text'`, `NULL`, `TRUE`
    case literal(Literal)
    /// `-e`, `+e`, `NOT e`
    case unary(UnaryOp, Expr)
    /// `l op r` with a comparison operator (`=`, `<>`, `<`, `<=`, `>`, `>=`), which does not chain.
    case binary(BinaryOp, Expr, Expr)
    /// `e₀ op₁ e₁ op₂ e₂ …`: operators of one precedence level (OR; AND; `||`; `+ -`; `* / //`), applied from the
    /// left. A flat list rather than a left-deep tree, so that a chain of any length takes no stack to build, check,
    /// run, print or free.
    case chain(Expr, [ChainLink])
    /// `e [NOT] BETWEEN low AND high`
    case between(Expr, low: Expr, high: Expr, negated: Bool)
    /// `e [NOT] IN (a, b, …)`
    case inList(Expr, [Expr], negated: Bool)
    /// `e IS [NOT] NULL`
    case isNull(Expr, negated: Bool)
    /// `e [NOT] LIKE pattern`, `e [NOT] ILIKE pattern`
    case like(Expr, pattern: Expr, caseInsensitive: Bool, negated: Bool)
    /// `name([DISTINCT] args | *) [FILTER (WHERE e)] [OVER (PARTITION BY … ORDER BY …)]`
    case call(FunctionCall)
    /// `CASE [operand] WHEN c THEN r … [ELSE e] END`
    case caseWhen(operand: Expr?, branches: [WhenClause], elseResult: Expr?)
    /// `CAST(e AS type)`
    case cast(Expr, CastType)
    /// `(SELECT …)`: a scalar subquery, one column and at most one row.
    case subquery(Query)
    /// `e [NOT] IN (SELECT …)`
    case inSubquery(Expr, Query, negated: Bool)
    /// `[a, b, …]`: a list, as DuckDB writes one; indq reads it only as an option of read_csv (`types = […]`).
    case list([Expr])
    /// `{'name': e, …}`: a struct, as DuckDB writes one; indq reads it only as an option of read_csv (`columns = {…}`).
    case structLiteral([StructField])
    /// `EXISTS (SELECT …)`: whether the subquery has a row.
    case exists(Query)
}

/// StructField is one `'name': value` of a struct literal.
public struct StructField: Equatable, Sendable {
    public var name: String
    public var value: Expr
}

/// ChainLink is one `op operand` of a chain.
public struct ChainLink: Equatable, Sendable {
    public var op: BinaryOp
    public var operand: Expr
    public init(_ op: BinaryOp, _ operand: Expr) { self.op = op; self.operand = operand }
}

/// FunctionCall is a call of a scalar, aggregate or window function.
public struct FunctionCall: Equatable, Sendable {
    /// The name as written.
    public var name: String
    public var args: [Expr]
    /// `count(*)`
    public var star: Bool
    /// `count(DISTINCT x)`
    public var distinct: Bool
    /// `FILTER (WHERE e)` on an aggregate.
    public var filter: Expr?
    /// `OVER (…)` makes the call a window function.
    public var over: WindowSpec?
}

/// WindowSpec is `OVER ([PARTITION BY e, …] [ORDER BY item, …])`.
public struct WindowSpec: Equatable, Sendable {
    public var partitionBy: [Expr]
    public var orderBy: [OrderItem]
}

/// WhenClause is `WHEN condition THEN result`.
public struct WhenClause: Equatable, Sendable {
    public var condition: Expr
    public var result: Expr
}

/// CastType is a type that `CAST(x AS type)` and `x::type` convert to.
public enum CastType: Equatable, Sendable {
    case integer, bigint, double, varchar, date
    /// `DECIMAL(width, scale)` or `NUMERIC(…)`; without arguments DECIMAL(18,3), as in DuckDB.
    case decimal(width: Int, scale: Int)
    /// indq's own: a fraction as a percentage, `(2000 / 1200 - 1)::percentage`.
    case percentage

    /// named finds a type by its name or an alias, ignoring case.
    static func named(_ name: String) -> CastType? {
        switch name.lowercased() {
        case "integer", "int": return .integer
        case "bigint": return .bigint
        case "double": return .double
        case "varchar", "text": return .varchar
        case "decimal", "numeric": return .decimal(width: 18, scale: 3)
        case "percentage": return .percentage
        case "date": return .date
        default: return nil
        }
    }

    /// names lists the types for messages.
    static let names = "INTEGER, BIGINT, DOUBLE, VARCHAR, DATE, DECIMAL(p, s) or PERCENTAGE"

    /// sql is the type as canonical SQL prints it.
    public var sql: String {
        switch self {
        case .integer: return "INTEGER"
        case .bigint: return "BIGINT"
        case .double: return "DOUBLE"
        case .varchar: return "VARCHAR"
        case .date: return "DATE"
        case .decimal(let w, let s): return "DECIMAL(\(w),\(s))"
        case .percentage: return "PERCENTAGE"
        }
    }

    /// valueType is the type of a cast's result.
    var valueType: ValueType {
        switch self {
        case .integer, .bigint: return .integer
        case .double: return .double
        case .varchar: return .text
        case .date: return .date
        case .decimal: return .decimal
        case .percentage: return .percentage
        }
    }
}

/// Literal is a constant as written.
public enum Literal: Equatable, Sendable {
    case integer(String)
    case decimal(String)
    /// The text without `%`, e.g. `95` for `95%`.
    case percentage(String)
    case string(String)
    case boolean(Bool)
    case null
    /// `DATE '2022-03-31'`: the text between the quotes.
    case date(String)
}

/// UnaryOp is a prefix operator.
public enum UnaryOp: String, Equatable, Sendable {
    case negate = "-", plus = "+", not = "NOT"
}

/// BinaryOp is an infix operator, with its canonical spelling.
public enum BinaryOp: String, CaseIterable, Equatable, Sendable {
    case or = "OR", and = "AND"
    case equal = "=", notEqual = "<>", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case concat = "||"
    case add = "+", subtract = "-"
    case multiply = "*", divide = "/", integerDivide = "//"
    // Its precedence is in the one table, Precedence.
}

// MARK: - Canonical SQL

/// quoteName writes a name so that it reads back as the same name: bare when it is a plain lower-case word.
func quoteName(_ name: String) -> String {
    let plain = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        && !(name.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? true)
        && Keyword.lookup[name] == nil
    return plain ? name : "\"" + name.replacingAll("\"", with: "\"\"") + "\""
}

extension String {
    /// replacingAll replaces every occurrence of `target`; the core does without Foundation. It matches Unicode
    /// scalars, not characters: a quote followed by a combining accent is one Character, but still a quote.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let t = Array(target.unicodeScalars)
        guard !t.isEmpty else { return self }
        let scalars = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == t[0] && i + t.count <= scalars.count && Array(scalars[i..<(i + t.count)]) == t {
                out.append(contentsOf: replacement.unicodeScalars)
                i += t.count
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// lineList splits the text at line feeds, by byte, so that a CR LF (a single Character) still ends a line;
    /// the CR is dropped.
    var lineList: [String] {
        utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
    }
}

extension Statement {
    /// sql prints the statement as canonical SQL.
    public var sql: String {
        switch self {
        case .query(let q): return q.sql
        case .showDatasets: return "SHOW DATASETS"
        case .describe(let n): return "DESCRIBE \(quoteName(n.text))"
        case .describeFile(let path, _): return "DESCRIBE '" + path.replacingAll("'", with: "''") + "'"
        case .source(let n): return "SOURCE \(quoteName(n.text))"
        case .sourceOf(let q): return "SOURCE " + q.sql
        case .explainSQL(let q, _): return "EXPLAIN SQL " + q.sql
        // A topic prints as a string, which reads back as the same topic whatever its characters.
        case .help(let topic): return topic.map { "HELP '\($0)'" } ?? "HELP"
        case .set(let n, let value): return "SET \(quoteName(n.text)) = '\(value.replacingAll("'", with: "''"))'"
        case .create(let c):
            return "CREATE " + (c.orReplace ? "OR REPLACE " : "") + c.kind.rawValue + (c.ifNotExists ? " IF NOT EXISTS " : " ")
                + quoteName(c.name.text) + " AS " + c.query.sql
        case .drop(let d): return "DROP \(d.kind.rawValue) " + (d.ifExists ? "IF EXISTS " : "") + quoteName(d.name.text)
        case .summarize(let q): return "SUMMARIZE " + q.sql
        }
    }
}

extension Query {
    /// sql prints the query as canonical SQL.
    public var sql: String {
        var s = with.isEmpty ? "" : "WITH " + with.map { cte in
            quoteName(cte.name.text) + (cte.columns.isEmpty ? "" : "(" + cte.columns.map { quoteName($0.text) }.joined(separator: ", ") + ")")
                + " AS (" + cte.query.sql + ")"
        }.joined(separator: ", ") + " "
        s += selects[0].sql
        for (op, select) in zip(setOps, selects.dropFirst()) { s += " " + op.sql + " " + select.sql }
        if let all = orderByAll { s += " ORDER BY ALL" + (all.descending ? " DESC" : "") }
        if !orderBy.isEmpty {
            s += " ORDER BY " + orderBy.map { $0.expr.sql + ($0.descending ? " DESC" : "") }.joined(separator: ", ")
        }
        if let limit { s += " LIMIT " + limit.sql }
        if let offset { s += " OFFSET " + offset.sql }
        return s
    }
}

extension Select {
    /// sql prints the select as canonical SQL.
    public var sql: String {
        var s = "SELECT " + (distinct ? "DISTINCT " : "")
        s += items.map { item -> String in
            switch item {
            case .star(let star):
                var t = (star.table.map { quoteName($0.text) + "." } ?? "") + "*"
                if !star.exclude.isEmpty { t += " EXCLUDE (" + star.exclude.map { quoteName($0.text) }.joined(separator: ", ") + ")" }
                if !star.replace.isEmpty {
                    t += " REPLACE (" + star.replace.map { $0.expr.sql + " AS " + quoteName($0.name.text) }.joined(separator: ", ") + ")"
                }
                return t
            case .expr(let e, let alias): return e.sql + (alias.map { " AS " + quoteName($0.text) } ?? "")
            }
        }.joined(separator: ", ")
        if let from { s += " FROM " + from.sql }
        if let whereClause { s += " WHERE " + whereClause.sql }
        if groupByAll { s += " GROUP BY ALL" }
        if !groupBy.isEmpty { s += " GROUP BY " + groupBy.map(\.sql).joined(separator: ", ") }
        if let having { s += " HAVING " + having.sql }
        if let qualify { s += " QUALIFY " + qualify.sql }
        return s
    }
}

extension Expr {
    /// sql prints the expression as canonical SQL, with parentheses only where precedence needs them.
    public var sql: String { sql(parent: .or) }

    /// precedence is the level of the expression in the one table, for deciding on parentheses.
    var precedence: Precedence {
        switch kind {
        case .binary(let op, _, _): return op.precedence
        case .chain(_, let links): return links.first?.op.precedence ?? .primary
        case .unary(.not, _): return .not
        case .between, .inList, .isNull, .like, .inSubquery: return .comparison
        case .unary: return .unary
        default: return .primary
        }
    }

    /// sql prints the expression as an operand of level `parent`, in parentheses when it binds more loosely.
    func sql(parent: Precedence) -> String {
        let s: String
        // The operands of a comparison are of the next level in, as the parser reads them.
        let operand = Precedence.comparison.tighter
        switch kind {
        case .column(let name): s = quoteName(name)
        case .qualifiedColumn(let t, let c): s = quoteName(t) + "." + quoteName(c)
        case .exists(let q): s = "EXISTS (" + q.sql + ")"
        case .literal(let lit): s = lit.sql
        case .unary(.not, let e): s = "NOT " + e.sql(parent: .not)
        case .unary(let op, let e):
            // A space keeps `- -a` from reading back as the comment `--a`.
            let printed = e.sql(parent: .unary)
            s = op.rawValue + (printed.hasPrefix("-") || printed.hasPrefix("+") ? " " : "") + printed
        case .binary(let op, let l, let r):
            // Comparisons do not chain, so both sides need parentheses at equal precedence.
            let leftParent = op.precedence.isChain ? op.precedence : op.precedence.tighter
            s = l.sql(parent: leftParent) + " " + op.rawValue + " " + r.sql(parent: op.precedence.tighter)
        case .chain(let first, let links):
            let level = precedence
            var t = first.sql(parent: level)
            for link in links { t += " " + link.op.rawValue + " " + link.operand.sql(parent: level.tighter) }
            s = t
        case .between(let e, let low, let high, let negated):
            s = e.sql(parent: operand) + (negated ? " NOT" : "") + " BETWEEN " + low.sql(parent: operand) + " AND "
                + high.sql(parent: operand)
        case .inList(let e, let list, let negated):
            s = e.sql(parent: operand) + (negated ? " NOT" : "") + " IN (" + list.map(\.sql).joined(separator: ", ") + ")"
        case .isNull(let e, let negated):
            s = e.sql(parent: operand) + (negated ? " IS NOT NULL" : " IS NULL")
        case .like(let e, let pattern, let ci, let negated):
            s = e.sql(parent: operand) + (negated ? " NOT" : "") + (ci ? " ILIKE " : " LIKE ") + pattern.sql(parent: operand)
        case .call(let call): s = call.sql
        case .caseWhen(let operand, let branches, let elseResult):
            var t = "CASE"
            if let operand { t += " " + operand.sql }
            for b in branches { t += " WHEN " + b.condition.sql + " THEN " + b.result.sql }
            if let elseResult { t += " ELSE " + elseResult.sql }
            s = t + " END"
        case .cast(let e, let type): s = "CAST(" + e.sql + " AS " + type.sql + ")"
        case .subquery(let q): s = "(" + q.sql + ")"
        case .list(let items): s = "[" + items.map(\.sql).joined(separator: ", ") + "]"
        case .structLiteral(let fields):
            s = "{" + fields.map { "'" + $0.name.replacingAll("'", with: "''") + "': " + $0.value.sql }.joined(separator: ", ") + "}"
        case .inSubquery(let e, let q, let negated):
            s = e.sql(parent: operand) + (negated ? " NOT" : "") + " IN (" + q.sql + ")"
        }
        return precedence < parent ? "(" + s + ")" : s
    }
}

extension FunctionCall {
    /// sql prints the call as canonical SQL, with the function name in lower case.
    public var sql: String {
        var s = name.lowercased() + "(" + (distinct ? "DISTINCT " : "")
        s += star ? "*" : args.map(\.sql).joined(separator: ", ")
        s += ")"
        if let filter { s += " FILTER (WHERE " + filter.sql + ")" }
        if let over {
            var parts: [String] = []
            if !over.partitionBy.isEmpty { parts.append("PARTITION BY " + over.partitionBy.map(\.sql).joined(separator: ", ")) }
            if !over.orderBy.isEmpty {
                parts.append("ORDER BY " + over.orderBy.map { $0.expr.sql + ($0.descending ? " DESC" : "") }.joined(separator: ", "))
            }
            s += " OVER (" + parts.joined(separator: " ") + ")"
        }
        return s
    }
}

extension Expr {
    /// key identifies an expression regardless of where it stands and how its names are capitalised, so that
    /// `GROUP BY Year` matches `year` in the select list.
    var key: String { lowercasedNames.sql }

    /// lowercasedNames is the expression with every column name in lower case.
    var lowercasedNames: Expr {
        func l(_ e: Expr) -> Expr { e.lowercasedNames }
        var out = self
        switch kind {
        case .column(let name): out.kind = .column(name.lowercased() == "jaar" ? "year" : name.lowercased())
        case .qualifiedColumn(let t, let c): out.kind = .qualifiedColumn(table: t.lowercased(), column: c.lowercased() == "jaar" ? "year" : c.lowercased())
        case .literal: break
        case .unary(let op, let e): out.kind = .unary(op, l(e))
        case .binary(let op, let a, let b): out.kind = .binary(op, l(a), l(b))
        case .chain(let first, let links): out.kind = .chain(l(first), links.map { ChainLink($0.op, l($0.operand)) })
        case .between(let e, let lo, let hi, let n): out.kind = .between(l(e), low: l(lo), high: l(hi), negated: n)
        case .inList(let e, let list, let n): out.kind = .inList(l(e), list.map(l), negated: n)
        case .isNull(let e, let n): out.kind = .isNull(l(e), negated: n)
        case .like(let e, let p, let ci, let n): out.kind = .like(l(e), pattern: l(p), caseInsensitive: ci, negated: n)
        case .call(var c):
            c.name = c.name.lowercased()
            c.args = c.args.map(l)
            c.filter = c.filter.map(l)
            if var w = c.over {
                w.partitionBy = w.partitionBy.map(l)
                w.orderBy = w.orderBy.map { OrderItem(expr: l($0.expr), descending: $0.descending) }
                c.over = w
            }
            out.kind = .call(c)
        case .caseWhen(let o, let branches, let e):
            out.kind = .caseWhen(operand: o.map(l), branches: branches.map { WhenClause(condition: l($0.condition), result: l($0.result)) },
                                 elseResult: e.map(l))
        case .cast(let e, let t): out.kind = .cast(l(e), t)
        case .subquery, .inSubquery, .exists: break
        case .list(let items): out.kind = .list(items.map(l))
        case .structLiteral(let fields): out.kind = .structLiteral(fields.map { StructField(name: $0.name, value: l($0.value)) })
        }
        return out
    }
}

extension Literal {
    /// sql prints the literal as it reads back.
    public var sql: String {
        switch self {
        case .integer(let t), .decimal(let t): return t
        case .percentage(let t): return t + "%"
        case .string(let t): return "'" + t.replacingAll("'", with: "''") + "'"
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .null: return "NULL"
        case .date(let t): return "DATE '" + t.replacingAll("'", with: "''") + "'"
        }
    }
}

extension Expr {
    /// children are the expressions directly inside this one, in the order they are written; a subquery is a query
    /// of its own and is not looked into.
    var children: [Expr] {
        switch kind {
        case .column, .qualifiedColumn, .literal, .subquery, .exists: return []
        case .unary(_, let e), .isNull(let e, _), .cast(let e, _), .inSubquery(let e, _, _): return [e]
        case .binary(_, let a, let b), .like(let a, let b, _, _): return [a, b]
        case .chain(let first, let links): return [first] + links.map(\.operand)
        case .between(let a, let b, let c, _): return [a, b, c]
        case .inList(let a, let list, _): return [a] + list
        case .list(let items): return items
        case .structLiteral(let fields): return fields.map(\.value)
        case .call(let c):
            return c.args + (c.filter.map { [$0] } ?? []) + (c.over?.partitionBy ?? []) + (c.over?.orderBy.map(\.expr) ?? [])
        case .caseWhen(let o, let branches, let e):
            return (o.map { [$0] } ?? []) + branches.flatMap { [$0.condition, $0.result] } + (e.map { [$0] } ?? [])
        }
    }

    /// contains tells whether this expression, or one inside it, satisfies `predicate`; it stops at the first that does.
    func contains(where predicate: (Expr) -> Bool) -> Bool {
        if predicate(self) { return true }
        for child in children where child.contains(where: predicate) { return true }
        return false
    }
}
