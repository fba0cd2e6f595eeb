// Parser: tokens → syntax tree. Recursive descent with one function per grammar rule, each headed by the rule it
// parses (Grammar/indq.ebnf has them all). Errors are Diagnostic values: "expected X, found Y".

/// Parser reads statements from a source text, one at a time, so that a script can run statement by statement.
public struct Parser {
    let source: SourceText
    var lexer: Lexer
    /// current is the next token, not yet consumed.
    var current: Token
    var previous: Token
    /// depth counts nested expressions, to refuse nesting before the stack runs out.
    var depth = 0
    /// statementStart is where the statement being parsed began, to enforce Limits.maxStatementLength.
    var statementStart = 0

    /// init parses `source` from byte `offset` up to byte `end` (the end of the text when nil): a statement read from
    /// a stream comes with the start of its line, and a script's statements come one at a time, between its
    /// dot-commands, which are no part of the SQL grammar.
    public init(_ source: SourceText, from offset: Int = 0, to end: Int? = nil) throws {
        self.source = source
        self.lexer = Lexer(source, from: offset, to: end)
        let first = try lexer.next()
        self.current = first
        self.previous = Token(.endOfInput, "", SourceRange(offset, offset))
    }

    /// ParsedStatement is a statement with the range of source text it came from.
    public struct ParsedStatement: Sendable {
        public var statement: Statement
        public var range: SourceRange
    }

    /// parseAll parses a whole text; for tests and tools that want every statement or the first error.
    public static func parseAll(_ source: SourceText) throws -> [Statement] {
        var parser = try Parser(source)
        var out: [Statement] = []
        while let s = try parser.nextStatement() { out.append(s.statement) }
        return out
    }

    /// nextStatement parses the next statement, skipping empty ones; nil at end of input.
    /// script -> { statement [';'] }
    public mutating func nextStatement() throws -> ParsedStatement? {
        while try match(.semicolon) {}
        if check(.endOfInput) { return nil }
        let start = current.range.start
        statementStart = start
        let statement = try parseStatement()
        let end = previous.range.end
        let terminated = try match(.semicolon)
        if !terminated && !check(.endOfInput) {
            throw error("expected ';' or end of input after the statement, found \(current.describe)")
        }
        return ParsedStatement(statement: statement, range: SourceRange(start, end))
    }

    // MARK: Statements

    /// statement -> query | SHOW (DATASETS | TABLES) | DESCRIBE name | SOURCE (name | query) | HELP [word]
    mutating func parseStatement() throws -> Statement {
        if current.kind == .identifier {
            switch current.text.lowercased() {
            case "show":
                try advance()
                guard current.kind == .identifier, ["datasets", "tables"].contains(current.text.lowercased()) else {
                    throw error("expected DATASETS or TABLES after SHOW, found \(current.describe)")
                }
                try advance()
                return .showDatasets
            case "describe":
                try advance()
                if check(.string) {
                    let t = current
                    try advance()
                    return .describeFile(t.text, range: t.range)
                }
                return .describe(try parseName("a dataset name or a file's path in quotes after DESCRIBE"))
            case "source":
                try advance()
                if startsQuery { return .sourceOf(try parseQuery()) }
                return .source(try parseName("a dataset name or a query after SOURCE"))
            case "explain":
                try advance()
                guard current.kind == .identifier, current.text.lowercased() == "sql" else {
                    throw error("expected SQL after EXPLAIN (explain sql SELECT … prints the DuckDB SQL of a query), found \(current.describe)")
                }
                try advance()
                let start = current.range.start
                let query = try parseQuery()
                return .explainSQL(query, range: SourceRange(start, previous.range.end))
            case "set":
                try advance()
                let name = try parseName("a setting name after SET, such as memory_limit")
                guard try match(.equal) || (current.kind == .identifier && current.text.lowercased() == "to") else {
                    throw error("expected '=' or TO after SET \(name.text), found \(current.describe)")
                }
                if current.kind == .identifier { try advance() }
                guard current.kind == .string || current.kind == .integer else {
                    throw error("expected a value in quotes after SET \(name.text) =, such as '1GB', found \(current.describe)")
                }
                let value = current.text
                try advance()
                return .set(name, value)
            case "create":
                try advance()
                return .create(try parseCreate())
            case "drop":
                try advance()
                let kind = try parseSessionDatasetKind(after: "DROP")
                var ifExists = false
                if try matchWord("if") {
                    guard try matchWord("exists") else { throw error("expected EXISTS after DROP \(kind.rawValue) IF, found \(current.describe)") }
                    ifExists = true
                }
                return .drop(DropDataset(kind: kind, name: try parseName("a name after DROP \(kind.rawValue)"), ifExists: ifExists))
            case "with":
                return .query(try parseQuery())
            case "summarize":
                // summarize -> SUMMARIZE (query | tableFactor); a table is summarized as SELECT * FROM it.
                try advance()
                if startsQuery { return .summarize(try parseQuery()) }
                guard check(.string) || current.kind == .identifier || current.kind == .quotedIdentifier || check(.leftParen) else {
                    throw error("expected a dataset name, a file's path in quotes or a query after SUMMARIZE, found \(current.describe)")
                }
                let table = try parseTableFactor()
                let select = Select(distinct: false, items: [.star(Star(range: table.range))], from: table, whereClause: nil,
                                    groupBy: [], having: nil, qualify: nil, range: table.range)
                return .summarize(Query(selects: [select], orderBy: [], limit: nil, offset: nil))
            case "help":
                try advance()
                if check(.endOfInput) || check(.semicolon) { return .help(nil) }
                // A topic may be several words or hyphenated: help tot en met, help start-upregeling.
                let start = current.range.start
                while !check(.endOfInput) && !check(.semicolon) { try advance() }
                let topic = String(decoding: source.bytes[start..<previous.range.end], as: UTF8.self)
                return .help(topic.lowercased().replacingAll("'", with: ""))
            default:
                break
            }
        }
        guard case .keyword(.select) = current.kind else {
            throw error("expected a statement (SELECT, SHOW, DESCRIBE, SOURCE, CREATE, DROP or HELP), found \(current.describe)")
        }
        return .query(try parseQuery())
    }

    /// create -> CREATE [OR REPLACE] [TEMP | TEMPORARY] (TABLE | VIEW) [IF NOT EXISTS] name AS query
    mutating func parseCreate() throws -> CreateDataset {
        var orReplace = false
        if try match(.or) {
            guard try matchWord("replace") else { throw error("expected REPLACE after CREATE OR, found \(current.describe)") }
            orReplace = true
        }
        // Every dataset made here lasts for the session only, so TEMP says what is true anyway.
        _ = try matchWord("temp") || matchWord("temporary")
        let kind = try parseSessionDatasetKind(after: "CREATE")
        var ifNotExists = false
        if try matchWord("if") {
            guard try match(.not), try matchWord("exists") else {
                throw error("expected NOT EXISTS after CREATE \(kind.rawValue) IF, found \(current.describe)")
            }
            ifNotExists = true
        }
        if orReplace && ifNotExists { throw error("CREATE OR REPLACE and IF NOT EXISTS cannot be used together") }
        let name = try parseName("a name for the \(kind.rawValue.lowercased())")
        if check(.leftParen) {
            throw error("indq makes a \(kind.rawValue.lowercased()) from a query: CREATE \(kind.rawValue) \(name.text) AS SELECT …; column definitions are not supported")
        }
        try consume(.as, "expected AS and a query after CREATE \(kind.rawValue) \(name.text)")
        guard check(.select) || (current.kind == .identifier && current.text.lowercased() == "with") else {
            throw error("expected a query (SELECT …) after AS, found \(current.describe)")
        }
        return CreateDataset(kind: kind, name: name, orReplace: orReplace, ifNotExists: ifNotExists, query: try parseQuery())
    }

    /// parseSessionDatasetKind reads TABLE or VIEW after CREATE or DROP.
    mutating func parseSessionDatasetKind(after word: String) throws -> SessionDatasetKind {
        if try matchWord("table") { return .table }
        if try matchWord("view") { return .view }
        throw error("expected TABLE or VIEW after \(word), found \(current.describe)")
    }

    /// matchWord takes a word that is a keyword only in one statement (REPLACE, EXISTS), however the lexer sees it.
    mutating func matchWord(_ word: String) throws -> Bool {
        guard current.kind == .identifier || { if case .keyword = current.kind { return true }; return false }(),
              current.text.lowercased() == word else { return false }
        try advance()
        return true
    }

    /// query -> select {setOp select} [ORDER BY (ALL [ASC | DESC] | orderItem {',' orderItem})]
    ///          [LIMIT integer] [OFFSET integer]
    mutating func parseQuery() throws -> Query {
        let with = try parseWith()
        var query = Query(selects: [try parseSelect()], orderBy: [], limit: nil, offset: nil)
        query.with = with
        while let op = try parseSetOp() {
            query.setOps.append(op)
            query.selects.append(try parseSelect())
        }
        if try match(.order) {
            try consume(.by, "expected BY after ORDER")
            if check(.all) {
                let r = current.range
                try advance()
                var descending = false
                if try match(.desc) { descending = true } else { _ = try match(.asc) }
                query.orderByAll = OrderAll(descending: descending, range: r.to(previous.range))
            } else {
                query.orderBy = try parseOrderItems()
            }
        }
        if try match(.limit) { query.limit = try parseCount("LIMIT") }
        if try match(.offset) { query.offset = try parseCount("OFFSET") }
        return query
    }

    /// with -> [WITH cte {',' cte}]; cte -> name ['(' name {',' name} ')'] AS '(' query ')'
    mutating func parseWith() throws -> [CommonTableExpression] {
        guard isWord("with") else { return [] }
        try advance()
        if isWord("recursive") {
            throw error("WITH RECURSIVE is not supported: a CTE reads only the CTEs before it, never itself")
        }
        var ctes: [CommonTableExpression] = []
        repeat {
            let name = try parseName("a name for the CTE after WITH")
            var columns: [Name] = []
            if check(.leftParen) {
                let open = current.range
                try advance()
                repeat { columns.append(try parseName("a column name in the CTE's list")) } while try match(.comma)
                try consumeClosing(open)
            }
            try consume(.as, "expected AS after the CTE name \(name.text)")
            let open = current.range
            try consume(.leftParen, "expected '(' and a query after \(name.text) AS")
            guard startsQuery else { throw error("expected SELECT in the CTE \(name.text), found \(current.describe)") }
            let q = try parseSubquery()
            try consumeClosing(open)
            ctes.append(CommonTableExpression(name: name, columns: columns, query: q))
        } while try match(.comma)
        guard check(.select) else { throw error("expected SELECT after the CTEs, found \(current.describe)") }
        return ctes
    }

    /// setOp -> (UNION | INTERSECT | EXCEPT) [ALL]
    mutating func parseSetOp() throws -> SetOperation? {
        let op: SetOperator
        switch current.kind {
        case .keyword(.union): op = .union
        case .keyword(.intersect): op = .intersect
        case .keyword(.except): op = .except
        default: return nil
        }
        let start = current.range
        try advance()
        let all = try match(.all)
        if !check(.select) {
            if check(.leftParen) { throw error("a parenthesised query after \(op.rawValue) is not supported yet; write the SELECT without parentheses") }
            throw error("expected SELECT after \(op.rawValue)\(all ? " ALL" : ""), found \(current.describe)")
        }
        return SetOperation(op: op, all: all, range: start.to(previous.range))
    }

    /// orderItem -> expr [ASC | DESC]
    mutating func parseOrderItems() throws -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            let e = try parseExpression()
            var descending = false
            if try match(.desc) { descending = true } else { _ = try match(.asc) }
            if check(.nulls) { throw error("NULLS FIRST and NULLS LAST are not supported; NULL always sorts last") }
            items.append(OrderItem(expr: e, descending: descending))
        } while try match(.comma)
        return items
    }

    /// A LIMIT or OFFSET takes a whole number.
    mutating func parseCount(_ clause: String) throws -> Expr {
        guard current.kind == .integer else { throw error("expected a whole number after \(clause), found \(current.describe)") }
        let t = current
        try advance()
        return Expr(.literal(.integer(t.text)), t.range)
    }

    /// select -> SELECT [DISTINCT] selectItem {',' selectItem} [FROM tableRef] [WHERE expr]
    ///           [GROUP BY (ALL | expr {',' expr})] [HAVING expr] [QUALIFY expr]
    mutating func parseSelect() throws -> Select {
        let start = current.range
        try consume(.select, "expected SELECT")
        let distinct = try match(.distinct)
        var items: [SelectItem] = []
        repeat {
            items.append(try parseSelectItem())
        } while try match(.comma)
        var from: TableRef?
        if try match(.from) { from = try parseFrom() }
        var whereClause: Expr?
        if try match(.where) { whereClause = try parseExpression() }
        var groupBy: [Expr] = []
        var groupByAll = false
        if try match(.group) {
            try consume(.by, "expected BY after GROUP")
            if try match(.all) {
                groupByAll = true
            } else {
                repeat { groupBy.append(try parseExpression()) } while try match(.comma)
            }
        }
        var having: Expr?
        if try match(.having) { having = try parseExpression() }
        var qualify: Expr?
        if try match(.qualify) { qualify = try parseExpression() }
        return Select(distinct: distinct, items: items, from: from, whereClause: whereClause, groupBy: groupBy,
                      groupByAll: groupByAll, having: having, qualify: qualify, range: start.to(previous.range))
    }

    /// Words that end a table reference rather than alias it: `from regulier left join …` joins, it does not name
    /// regulier "left". Statement words may start the next statement of a script.
    static let notAliases: Set<String> = ["join", "inner", "left", "right", "full", "cross", "natural", "outer", "on", "using",
                                          "positional", "asof", "anti", "semi", "lateral", "window",
                                          "show", "describe", "source", "help", "with", "set", "explain", "summarize"]

    /// from -> joinedTable {',' joinedTable}
    mutating func parseFrom() throws -> TableRef {
        var joins = 0
        var table = try parseJoinedTable(&joins)
        while check(.comma) {
            let start = current.range
            try advance()
            try countJoin(&joins)
            let right = try parseJoinedTable(&joins)
            table = .join(table, Join(kind: .comma, right: right, constraint: .none, range: start.to(right.range)))
        }
        return table
    }

    /// countJoin refuses a FROM with more joins than the nesting limit, so that no join tree is too deep to walk.
    mutating func countJoin(_ joins: inout Int) throws {
        joins += 1
        if joins > Limits.maxNesting {
            throw Diagnostic("too many tables in one FROM (limit is \(Limits.maxNesting))", at: current.range, code: .nestingTooDeep)
        }
    }

    /// joinedTable -> tableFactor {[INNER | (LEFT | RIGHT | FULL) [OUTER]] JOIN tableFactor (ON expr | USING '(' name {',' name} ')')
    ///                | CROSS JOIN tableFactor}
    mutating func parseJoinedTable(_ joins: inout Int) throws -> TableRef {
        var table = try parseTableFactor()
        while let kind = try parseJoinKind() {
            let start = previous.range
            try countJoin(&joins)
            let right = try parseTableFactor()
            var constraint = JoinConstraint.none
            if kind != .cross {
                if isWord("on") {
                    try advance()
                    constraint = .on(try parseExpression())
                } else if isWord("using") {
                    try advance()
                    let open = current.range
                    try consume(.leftParen, "expected '(' after USING")
                    var names: [Name] = []
                    repeat { names.append(try parseName("a column name in USING (…)")) } while try match(.comma)
                    try consumeClosing(open)
                    constraint = .using(names)
                } else {
                    throw error("expected ON or USING after \(kind.sql) \(right.sql), found \(current.describe)")
                }
            }
            table = .join(table, Join(kind: kind, right: right, constraint: constraint, range: start.to(previous.range)))
        }
        if current.kind == .identifier, ["natural", "positional", "asof", "anti", "semi", "lateral"].contains(current.text.lowercased()) {
            throw error("\(current.text.uppercased()) joins are not supported; write [INNER | LEFT | RIGHT | FULL] JOIN … ON … or USING (…)")
        }
        if isWord("on") || isWord("using") {
            throw error("\(current.text.uppercased()) follows a JOIN, not a table; write … JOIN table \(current.text.uppercased()) …")
        }
        return table
    }

    /// joinKind -> [INNER | (LEFT | RIGHT | FULL) [OUTER]] JOIN | CROSS JOIN; nil when no join follows.
    mutating func parseJoinKind() throws -> JoinKind? {
        guard current.kind == .identifier else { return nil }
        let kind: JoinKind
        switch current.text.lowercased() {
        case "join": try advance(); return .inner
        case "inner": kind = .inner
        case "left": kind = .left
        case "right": kind = .right
        case "full": kind = .full
        case "cross": kind = .cross
        default: return nil
        }
        let word = current.text.uppercased()
        try advance()
        if kind == .left || kind == .right || kind == .full, isWord("outer") { try advance() }
        guard isWord("join") else { throw error("expected JOIN after \(word), found \(current.describe)") }
        try advance()
        return kind
    }

    /// tableFactor -> tableRef [[AS] name ['(' name {',' name} ')']]
    mutating func parseTableFactor() throws -> TableRef {
        let table = try parseTableRef()
        let explicit = try match(.as)
        guard explicit || current.kind == .quotedIdentifier
            || (current.kind == .identifier && !Self.notAliases.contains(current.text.lowercased())) else {
            if case .derived = table, check(.leftParen) { throw error("expected an alias before the column names") }
            return table
        }
        let alias = try parseName("an alias after AS")
        var columns: [Name] = []
        if check(.leftParen) {
            let open = current.range
            try advance()
            repeat { columns.append(try parseName("a column name in the alias's list")) } while try match(.comma)
            try consumeClosing(open)
        }
        return .aliased(table, alias: alias, columns: columns)
    }

    /// tableRef -> string | name ['(' [expr {',' expr}] ')'] | '(' query ')' | '(' from ')'
    mutating func parseTableRef() throws -> TableRef {
        // A file: `from 'path/file.csv'`.
        if check(.string) {
            let t = current
            try advance()
            return .file(t.text, range: t.range)
        }
        if check(.leftParen) {
            let open = current.range
            try advance()
            try enter()
            defer { depth -= 1 }
            if startsQuery {
                let q = try parseQuery()
                try consumeClosing(open)
                return .derived(q, range: open.to(previous.range))
            }
            let inner = try parseFrom()
            try consumeClosing(open)
            return inner
        }
        let name = try parseName("a dataset name after FROM")
        if check(.dot) { throw error("qualified dataset names (schema.dataset) are not supported; write just the dataset name") }
        guard try match(.leftParen) else { return .named(name) }
        var args: [Expr] = []
        if !check(.rightParen) {
            repeat { args.append(try parseExpression()) } while try match(.comma)
        }
        try consume(.rightParen, "expected ')' to close the arguments of \(name.text)")
        return .function(name, args: args, range: name.range.to(previous.range))
    }

    /// startsQuery tells whether a query starts here: SELECT, or WITH before its CTEs.
    var startsQuery: Bool { check(.select) || isWord("with") }

    /// isWord tells whether the current token is the unreserved word `word`, as JOIN, ON and WITH are.
    func isWord(_ word: String) -> Bool { current.kind == .identifier && current.text.lowercased() == word }

    /// peek returns the token after the current one, and the one after that, without consuming anything.
    func peek() -> (Token, Token)? {
        var copy = lexer
        guard let a = try? copy.next(), let b = try? copy.next() else { return nil }
        return (a, b)
    }

    /// selectItem -> star | expr [[AS] name]
    mutating func parseSelectItem() throws -> SelectItem {
        if check(.star) { return .star(try parseStar()) }
        if current.kind == .identifier || current.kind == .quotedIdentifier, let (dot, star) = peek(),
           dot.kind == .symbol(.dot), star.kind == .symbol(.star) {
            let table = Name(current.text, current.range)
            try advance()
            try advance()
            var s = try parseStar()
            s.table = table
            s.range = table.range.to(s.range)
            return .star(s)
        }
        if check(.from) || check(.comma) || check(.endOfInput) || check(.semicolon) {
            throw error("expected a column or an expression, found \(current.describe)")
        }
        let e = try parseExpression()
        if try match(.as) { return .expr(e, alias: try parseName("a name after AS")) }
        if current.kind == .identifier || current.kind == .quotedIdentifier {
            return .expr(e, alias: try parseName("a name"))
        }
        return .expr(e, alias: nil)
    }

    /// star -> '*' [EXCLUDE ('(' name {',' name} ')' | name)] [REPLACE '(' expr AS name {',' expr AS name} ')']
    mutating func parseStar() throws -> Star {
        var star = Star(range: current.range)
        try advance()
        // EXCLUDE and REPLACE are words only here: replace is also a function.
        if current.kind == .identifier && current.text.lowercased() == "exclude" {
            try advance()
            if check(.leftParen) {
                let open = current.range
                try advance()
                repeat { star.exclude.append(try parseName("a column name in EXCLUDE (…)")) } while try match(.comma)
                try consumeClosing(open)
            } else {
                star.exclude.append(try parseName("a column name or '(' after EXCLUDE"))
            }
        }
        if current.kind == .identifier && current.text.lowercased() == "replace" {
            try advance()
            let open = current.range
            try consume(.leftParen, "expected '(' after REPLACE")
            repeat {
                let e = try parseExpression()
                try consume(.as, "expected AS in REPLACE (expr AS column)")
                star.replace.append(Replacement(expr: e, name: try parseName("a column name after AS")))
            } while try match(.comma)
            try consumeClosing(open)
        }
        star.range = star.range.to(previous.range)
        return star
    }

    /// name -> identifier | quotedIdentifier
    mutating func parseName(_ what: String) throws -> Name {
        guard current.kind == .identifier || current.kind == .quotedIdentifier else {
            if case .keyword(let k) = current.kind {
                throw error("expected \(what), found keyword \(k.sql) (write \"\(current.text)\" to use it as a name)")
            }
            throw error("expected \(what), found \(current.describe)")
        }
        let t = current
        try advance()
        return Name(t.text, t.range)
    }

    // MARK: Expressions

    /// expr -> orExpr
    public mutating func parseExpression() throws -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Limits.maxNesting {
            throw Diagnostic("too many nested expressions (limit is \(Limits.maxNesting))", at: current.range, code: .nestingTooDeep)
        }
        return try parse(.or)
    }

    /// parse reads an expression at `level` of the precedence table, or tighter. A chain level reads operands one level
    /// in, with its operators between them; the other levels have their own rules.
    /// orExpr -> andExpr {OR andExpr}
    /// andExpr -> notExpr {AND notExpr}
    /// concat -> additive {'||' additive}
    /// additive -> multiplicative {('+' | '-') multiplicative}
    /// multiplicative -> unary {('*' | '/' | '//') unary}
    mutating func parse(_ level: Precedence) throws -> Expr {
        guard level.isChain else {
            switch level {
            case .not: return try parseNot()
            case .comparison: return try parseComparison()
            case .unary: return try parseUnary()
            default: return try parsePostfix()
            }
        }
        let first = try parse(level.tighter)
        var links: [ChainLink] = []
        while let op = level.op(spelledBy: current.kind) {
            try advance()
            links.append(ChainLink(op, try parse(level.tighter)))
        }
        if level == .multiplicative && check(.percent) {
            throw error("'%' must follow a number directly, as in 95%; the modulo operator is not supported")
        }
        return chain(first, links)
    }

    /// chain makes a flat chain of one precedence level: a chain is not nesting, so its length costs no depth.
    /// A first operand that is itself a chain of the level, as in `(a + b) + c`, joins it: it means the same.
    func chain(_ first: Expr, _ links: [ChainLink]) -> Expr {
        guard let last = links.last else { return first }
        let range = first.range.to(last.operand.range)
        if case .chain(let inner, let innerLinks) = first.kind, innerLinks.first?.op.precedence == links[0].op.precedence {
            return Expr(.chain(inner, innerLinks + links), range)
        }
        return Expr(.chain(first, links), range)
    }

    /// notExpr -> NOT notExpr | comparison
    mutating func parseNot() throws -> Expr {
        if check(.not) {
            let start = current.range
            try advance()
            try enter()
            defer { depth -= 1 }
            let e = try parseNot()
            return Expr(.unary(.not, e), start.to(e.range))
        }
        return try parseComparison()
    }

    /// comparison -> concat [compareOp concat | [NOT] BETWEEN concat AND concat | [NOT] IN '(' (query | expr {',' expr}) ')'
    ///               | [NOT] (LIKE | ILIKE) concat | IS [NOT] NULL]
    mutating func parseComparison() throws -> Expr {
        // The operands of a comparison are one level in.
        let operand = Precedence.comparison.tighter
        let left = try parse(operand)
        if let op = Precedence.comparison.op(spelledBy: current.kind) {
            try advance()
            let right = try parse(operand)
            return Expr(.binary(op, left, right), left.range.to(right.range))
        }
        if try match(.is) {
            let negated = try match(.not)
            try consume(.null, negated ? "expected NULL after IS NOT" : "expected NULL or NOT after IS")
            return Expr(.isNull(left, negated: negated), left.range.to(previous.range))
        }
        var negated = false
        if check(.not) {
            negated = true
            try advance()
            guard check(.between) || check(.in) || check(.like) || check(.ilike) else {
                throw error("expected BETWEEN, IN, LIKE or ILIKE after NOT, found \(current.describe)")
            }
        }
        if check(.like) || check(.ilike) {
            let ci = check(.ilike)
            try advance()
            let pattern = try parse(operand)
            return Expr(.like(left, pattern: pattern, caseInsensitive: ci, negated: negated), left.range.to(pattern.range))
        }
        if try match(.between) {
            let low = try parse(operand)
            try consume(.and, "expected AND in BETWEEN … AND …")
            let high = try parse(operand)
            return Expr(.between(left, low: low, high: high, negated: negated), left.range.to(high.range))
        }
        if try match(.in) {
            let open = current.range
            try consume(.leftParen, "expected '(' after IN")
            if startsQuery {
                let q = try parseSubquery()
                try consumeClosing(open)
                return Expr(.inSubquery(left, q, negated: negated), left.range.to(previous.range))
            }
            var list: [Expr] = []
            repeat {
                list.append(try parseExpression())
            } while try match(.comma)
            try consumeClosing(open)
            return Expr(.inList(left, list, negated: negated), left.range.to(previous.range))
        }
        return left
    }

    /// unary -> ('-' | '+') unary | postfix
    mutating func parseUnary() throws -> Expr {
        if check(.minus) || check(.plus) {
            let op: UnaryOp = check(.minus) ? .negate : .plus
            let start = current.range
            try advance()
            try enter()
            defer { depth -= 1 }
            let e = try parseUnary()
            return Expr(.unary(op, e), start.to(e.range))
        }
        return try parsePostfix()
    }

    /// postfix -> primary {'::' typeName}
    mutating func parsePostfix() throws -> Expr {
        var e = try parsePrimary()
        while try match(.doubleColon) {
            e = Expr(.cast(e, try parseTypeName()), e.range.to(previous.range))
        }
        return e
    }

    /// parseSubquery parses a query inside parentheses, counting it as a level of nesting.
    mutating func parseSubquery() throws -> Query {
        try enter()
        defer { depth -= 1 }
        return try parseQuery()
    }

    /// primary -> literal | name | call | caseExpr | castExpr | '(' query ')' | '(' expr ')'
    /// list -> '[' [expr {',' expr}] ']'
    mutating func parseList() throws -> Expr {
        let start = current.range
        try advance()
        var items: [Expr] = []
        if !check(.rightBracket) {
            repeat { items.append(try parseExpression()) } while try match(.comma)
        }
        try consume(.rightBracket, "expected ']' to close the list opened at \(source.location(of: start.start).line):\(source.location(of: start.start).column)")
        return Expr(.list(items), start.to(previous.range))
    }

    /// struct -> '{' [(string | name) ':' expr {',' (string | name) ':' expr}] '}'
    mutating func parseStruct() throws -> Expr {
        let start = current.range
        try advance()
        var fields: [StructField] = []
        if !check(.rightBrace) {
            repeat {
                guard current.kind == .string || current.kind == .identifier || current.kind == .quotedIdentifier else {
                    throw error("expected a field name in quotes, as in {'year': 'BIGINT'}, found \(current.describe)")
                }
                let name = current.text
                try advance()
                try consume(.colon, "expected ':' after the field name '\(name)'")
                fields.append(StructField(name: name, value: try parseExpression()))
            } while try match(.comma)
        }
        try consume(.rightBrace, "expected '}' to close the struct opened at \(source.location(of: start.start).line):\(source.location(of: start.start).column)")
        return Expr(.structLiteral(fields), start.to(previous.range))
    }

    mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .integer: try advance(); return Expr(.literal(.integer(t.text)), t.range)
        case .decimal: try advance(); return Expr(.literal(.decimal(t.text)), t.range)
        case .percentage: try advance(); return Expr(.literal(.percentage(String(t.text.dropLast()))), t.range)
        case .string: try advance(); return Expr(.literal(.string(t.text)), t.range)
        case .keyword(.null): try advance(); return Expr(.literal(.null), t.range)
        case .keyword(.true): try advance(); return Expr(.literal(.boolean(true)), t.range)
        case .keyword(.false): try advance(); return Expr(.literal(.boolean(false)), t.range)
        case .identifier, .quotedIdentifier:
            try advance()
            // `date '2022-03-31'` is a date literal; `date` alone stays a name, as a column may be called so.
            if t.kind == .identifier && t.text.lowercased() == "date", case .string = current.kind {
                let text = current.text
                try advance()
                return Expr(.literal(.date(text)), t.range.to(previous.range))
            }
            if t.kind == .identifier && t.text.lowercased() == "exists" && check(.leftParen) {
                let open = current.range
                try advance()
                guard startsQuery else { throw error("expected SELECT after EXISTS (, found \(current.describe)") }
                let q = try parseSubquery()
                try consumeClosing(open)
                return Expr(.exists(q), t.range.to(previous.range))
            }
            if t.kind == .identifier && check(.leftParen) { return try parseCall(t) }
            if try match(.dot) {
                if check(.star) { throw error("\(t.text).* stands alone in the select list, not in an expression") }
                let column = try parseName("a column name after '\(t.text).'")
                if check(.dot) { throw error("a qualified name has two parts, table.column; found another '.'") }
                return Expr(.qualifiedColumn(table: t.text, column: column.text), t.range.to(column.range))
            }
            return Expr(.column(t.text), t.range)
        case .symbol(.leftBracket):
            return try parseList()
        case .symbol(.leftBrace):
            return try parseStruct()
        case .keyword(.case):
            return try parseCase()
        case .keyword(.cast):
            return try parseCast()
        case .symbol(.leftParen):
            try advance()
            if startsQuery {
                let q = try parseSubquery()
                try consumeClosing(t.range)
                return Expr(.subquery(q), t.range.to(previous.range))
            }
            let e = try parseExpression()
            try consumeClosing(t.range)
            return Expr(e.kind, t.range.to(previous.range))
        case .keyword(let k):
            throw error("expected an expression, found keyword \(k.sql)")
        default:
            throw error("expected an expression, found \(t.describe)")
        }
    }

    /// call -> identifier '(' [DISTINCT] [ '*' | expr {',' expr} ] ')' [FILTER '(' WHERE expr ')'] [OVER window]
    mutating func parseCall(_ name: Token) throws -> Expr {
        let open = current.range
        try consume(.leftParen, "expected '('")
        var call = FunctionCall(name: name.text, args: [], star: false, distinct: false, filter: nil, over: nil)
        // extract(part FROM d) is date_part('part', d); the part is a name or a string.
        if name.text.lowercased() == "extract" {
            let part = current
            guard part.kind == .identifier || part.kind == .string else {
                throw error("expected a part such as year or month in extract(part from d), found \(current.describe)")
            }
            try advance()
            try consume(.from, "expected FROM in extract(part from d)")
            let d = try parseExpression()
            try consumeClosing(open)
            call.name = "date_part"
            call.args = [Expr(.literal(.string(part.text)), part.range), d]
            return Expr(.call(call), name.range.to(previous.range))
        }
        call.distinct = try match(.distinct)
        if check(.star) {
            try advance()
            call.star = true
        } else if !check(.rightParen) {
            repeat { call.args.append(try parseExpression()) } while try match(.comma)
        }
        try consumeClosing(open)
        if try match(.filter) {
            let filterOpen = current.range
            try consume(.leftParen, "expected '(' after FILTER")
            try consume(.where, "expected WHERE in FILTER (WHERE …)")
            call.filter = try parseExpression()
            try consumeClosing(filterOpen)
        }
        if try match(.over) { call.over = try parseWindow() }
        return Expr(.call(call), name.range.to(previous.range))
    }

    /// window -> '(' [PARTITION BY expr {',' expr}] [ORDER BY orderItem {',' orderItem}] ')'
    mutating func parseWindow() throws -> WindowSpec {
        let open = current.range
        try consume(.leftParen, "expected '(' after OVER")
        var spec = WindowSpec(partitionBy: [], orderBy: [])
        if try match(.partition) {
            try consume(.by, "expected BY after PARTITION")
            repeat { spec.partitionBy.append(try parseExpression()) } while try match(.comma)
        }
        if try match(.order) {
            try consume(.by, "expected BY after ORDER")
            spec.orderBy = try parseOrderItems()
        }
        if !check(.rightParen), current.kind == .identifier,
           ["rows", "range", "groups"].contains(current.text.lowercased()) {
            throw error("window frames (\(current.text.uppercased()) …) are not supported; expected ')'")
        }
        try consumeClosing(open)
        return spec
    }

    /// caseExpr -> CASE [expr] WHEN expr THEN expr {WHEN expr THEN expr} [ELSE expr] END
    mutating func parseCase() throws -> Expr {
        let start = current.range
        try consume(.case, "expected CASE")
        try enter()
        defer { depth -= 1 }
        var operand: Expr?
        if !check(.when) { operand = try parseExpression() }
        var branches: [WhenClause] = []
        while try match(.when) {
            let condition = try parseExpression()
            try consume(.then, "expected THEN after the WHEN condition")
            branches.append(WhenClause(condition: condition, result: try parseExpression()))
        }
        if branches.isEmpty { throw error("expected WHEN in CASE, found \(current.describe)") }
        var elseResult: Expr?
        if try match(.else) { elseResult = try parseExpression() }
        if !check(.end) {
            let loc = source.location(of: start.start)
            throw error("expected END to close CASE at \(loc.line):\(loc.column), found \(current.describe)")
        }
        try advance()
        return Expr(.caseWhen(operand: operand, branches: branches, elseResult: elseResult), start.to(previous.range))
    }

    /// castExpr -> CAST '(' expr AS typeName ')'
    mutating func parseCast() throws -> Expr {
        let start = current.range
        try consume(.cast, "expected CAST")
        let open = current.range
        try consume(.leftParen, "expected '(' after CAST")
        let e = try parseExpression()
        try consume(.as, "expected AS in CAST(… AS type)")
        let type = try parseTypeName()
        try consumeClosing(open)
        return Expr(.cast(e, type), start.to(previous.range))
    }

    /// typeName -> INTEGER | INT | BIGINT | DOUBLE | VARCHAR | TEXT | PERCENTAGE | (DECIMAL | NUMERIC) ['(' integer [',' integer] ')']
    mutating func parseTypeName() throws -> CastType {
        guard current.kind == .identifier, var type = CastType.named(current.text) else {
            throw error("expected a type (\(CastType.names)), found \(current.describe)")
        }
        try advance()
        if case .decimal = type, check(.leftParen) {
            let open = current.range
            try advance()
            let width = try typeArgument(1...DecimalValue.maxDigits, "a DECIMAL width")
            var scale = 0
            if try match(.comma) { scale = try typeArgument(0...width, "a DECIMAL scale") }
            try consumeClosing(open)
            type = .decimal(width: width, scale: scale)
        }
        return type
    }

    /// typeArgument reads the width or scale of DECIMAL(width, scale).
    mutating func typeArgument(_ allowed: ClosedRange<Int>, _ what: String) throws -> Int {
        guard current.kind == .integer, let n = Int(current.text), allowed.contains(n) else {
            throw error("expected \(what) from \(allowed.lowerBound) to \(allowed.upperBound), found \(current.describe)")
        }
        try advance()
        return n
    }

    // MARK: Token helpers

    /// enter counts one more level of nesting, for prefix operators, which recurse without parseExpression, and for
    /// subqueries and CASE. A flat chain such as `1 + 1 + 1` is one level, however long.
    mutating func enter() throws {
        depth += 1
        if depth > Limits.maxNesting {
            depth -= 1
            throw Diagnostic("too many nested expressions (limit is \(Limits.maxNesting))", at: current.range, code: .nestingTooDeep)
        }
    }

    mutating func advance() throws {
        previous = current
        current = try lexer.next()
        if current.range.end - statementStart > Limits.maxStatementLength {
            throw Diagnostic("statement too long (limit is \(Limits.maxStatementLength) bytes)", at: SourceRange(statementStart, statementStart + 1))
        }
    }

    func check(_ k: Keyword) -> Bool { current.kind == .keyword(k) }
    func check(_ s: Symbol) -> Bool { current.kind == .symbol(s) }
    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    mutating func match(_ k: Keyword) throws -> Bool {
        guard check(k) else { return false }
        try advance()
        return true
    }

    mutating func match(_ s: Symbol) throws -> Bool {
        guard check(s) else { return false }
        try advance()
        return true
    }

    mutating func consume(_ k: Keyword, _ message: String) throws {
        guard check(k) else { throw error("\(message), found \(current.describe)") }
        try advance()
    }

    mutating func consume(_ s: Symbol, _ message: String) throws {
        guard check(s) else { throw error("\(message), found \(current.describe)") }
        try advance()
    }

    /// consumeClosing expects ')' and, when it is missing, says which '(' it would close.
    mutating func consumeClosing(_ open: SourceRange) throws {
        guard check(.rightParen) else {
            let loc = source.location(of: open.start)
            throw error("expected ')' to close '(' at \(loc.line):\(loc.column), found \(current.describe)")
        }
        try advance()
    }

    /// error makes a diagnostic at the current token; at the end of input it is coded as unfinished input.
    func error(_ message: String) -> Diagnostic {
        Diagnostic(message, at: current.range, code: current.kind == .endOfInput ? .unexpectedEnd : .other)
    }
}
