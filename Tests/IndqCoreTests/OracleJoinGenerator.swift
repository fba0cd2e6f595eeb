// The generator's second grammar: queries that combine datasets. Joins of every kind (inner, left, right, full,
// cross, USING, comma joins with a WHERE), aliases, qualified names and `t.*`, self-joins, joins of two report
// datasets on year and categorie, CTEs, derived tables, EXISTS and correlated subqueries. Like query(), it draws every
// choice from the seeded LCG, so a seed always makes the same queries.
//
// The results are compared as the harness compares: as multisets, or in order when there is a top-level ORDER BY,
// which the generator only writes with a LIMIT and then over every output column, so that ties are whole equal rows.

@testable import IndqCore

extension QueryGenerator {
    /// GenType is what the join grammar needs to know of a column's type.
    enum GenType { case int, pct, text }

    /// GenColumn is a column a source offers: its name there, its type, and where its values come from (a base
    /// dataset's column, for literals near its figures), if anywhere.
    struct GenColumn {
        var name: String
        var type: GenType
        var origin: (dataset: Dataset, index: Int)?
    }

    /// GenSource is one FROM item: its text, the name that qualifies its columns, and its columns.
    struct GenSource {
        var sql: String
        var alias: String
        var columns: [GenColumn]
        func has(_ name: String) -> Bool { columns.contains { $0.name == name } }
        func column(_ name: String) -> GenColumn? { columns.first { $0.name == name } }
        var numeric: [GenColumn] { columns.filter { $0.type != .text } }
    }

    /// joinTables are the year tables and nationaliteiten, which joins on year and categorie.
    var joinTables: [Dataset] {
        tables + (Catalogue.builtin.dataset(named: "nationaliteiten").map { [$0] } ?? [])
    }

    static func genColumns(_ t: Dataset) -> [GenColumn] {
        t.columns.enumerated().compactMap { i, c in
            switch c.type {
            case .integer: return GenColumn(name: c.name, type: .int, origin: (t, i))
            case .percentage: return GenColumn(name: c.name, type: .pct, origin: (t, i))
            case .text where c.name != "bron": return GenColumn(name: c.name, type: .text, origin: (t, i))
            default: return nil
            }
        }
    }

    /// joinQuery makes one query over two or three sources, often with a WITH list in front.
    mutating func joinQuery() -> String {
        var ctes: [(name: String, body: String, columns: [GenColumn])] = []
        if chance(30) {
            for k in 0..<(1 + next(2)) {
                let name = "c\(k + 1)"
                // A later CTE may read an earlier one.
                if k > 0 && chance(50) {
                    let prev = ctes[k - 1]
                    var cols = prev.columns.filter { $0.name == "year" || $0.name == "categorie" || chance(70) }
                    // Every source keeps a number, for the conditions that compare figures.
                    if !cols.contains(where: { $0.type != .text }), let c = prev.columns.first(where: { $0.type != .text }) { cols.append(c) }
                    var body = "select " + cols.map(\.name).joined(separator: ", ") + " from " + prev.name
                    if let c = cols.first(where: { $0.type != .text }), chance(60) { body += " where " + simpleCondition(c, qualifier: nil) }
                    ctes.append((name, body, cols))
                } else {
                    let (body, cols) = derivedBody()
                    ctes.append((name, body, cols))
                }
            }
        }
        var sources: [GenSource] = []
        let aliases = ["a", "b", "c", "x", "y", "r", "n", "s", "t", "d"].shuffledPrefix(3, using: &self)

        let count = chance(20) ? 3 : 2
        var fromText = ""
        var usingColumns: [String] = []
        var scopeStart = 0
        var whereParts: [String] = []
        for k in 0..<count {
            var s: GenSource
            let alias = aliases[k]
            if !ctes.isEmpty && chance(55) {
                let c = pick(ctes)
                s = GenSource(sql: "\(c.name) \(alias)", alias: alias, columns: c.columns)
            } else if chance(20) {
                let (body, cols) = derivedBody()
                s = GenSource(sql: "(\(body)) \(chance(30) ? "as " : "")\(alias)", alias: alias, columns: cols)
            } else if k > 0 && chance(25) {
                // A self-join: the table of an earlier source again, under another alias.
                // A derived table cannot be named twice, so its place takes a table.
                let earlier = pick(sources)
                let name = earlier.sql.split(separator: " ")[0]
                s = earlier.sql.hasPrefix("(") ? baseSource(alias) : GenSource(sql: "\(name) \(alias)", alias: alias, columns: earlier.columns)
            } else {
                s = baseSource(alias)
            }
            if k == 0 {
                fromText = s.sql
                sources.append(s)
                continue
            }
            // A comma binds more loosely than JOIN: an ON condition after it sees only the sources after the comma.
            let visible = Array(sources[scopeStart...])
            let shared = ["year", "categorie"].filter { key in s.has(key) && visible.contains { $0.has(key) } }
            // USING only on the first join, so that its columns name one column of each side.
            if k == 1, !shared.isEmpty, sources[0].columns.contains(where: { c in shared.contains(c.name) }), chance(20) {
                let keys = shared.filter { sources[0].has($0) }
                let kind = pick(["join", "inner join", "left join", "right join", "full join", "full outer join"])
                fromText += " \(kind) \(s.sql) using (\(keys.joined(separator: ", ")))"
                usingColumns = keys
                sources.append(s)
                continue
            }
            let kind = pick(["join", "inner join", "left join", "left outer join", "right join", "full join", "full outer join",
                             "cross join", ",", ","])
            var conditions: [String] = []
            for key in shared where chance(85) {
                let other = visible.filter { $0.has(key) }
                let o = pick(other)
                conditions.append(chance(15) && key == "year"
                                  ? "\(s.alias).year = \(o.alias).year \(pick(["+", "-"])) 1"
                                  : chance(50) ? "\(o.alias).\(key) = \(s.alias).\(key)" : "\(s.alias).\(key) = \(o.alias).\(key)")
            }
            if conditions.isEmpty || chance(30) {
                // A condition that is not an equality: the nested loop, or a residual beside the hash join.
                let o = pick(visible)
                let a = pick(s.numeric), b = pick(o.numeric)
                if a.type == b.type || chance(30) {
                    let c = "\(s.alias).\(a.name) \(pick(["<", ">", "<=", ">=", "<>"])) \(o.alias).\(b.name)"
                    // Now and then an OR beside an equality, which no hash join can look up.
                    conditions.append(!conditions.isEmpty && chance(25) ? "(\(conditions.removeLast()) or \(c))" : c)
                } else {
                    conditions.append(simpleCondition(a, qualifier: s.alias))
                }
            }
            if kind == "cross join" && k == 1 {
                fromText += " cross join \(s.sql)"
            } else if kind == "," {
                fromText += ", \(s.sql)"
                whereParts.append(contentsOf: conditions)
                scopeStart = k
            } else {
                // A third source always gets a condition: a three-way cross product of 15-row tables is too large
                // to compare quickly.
                fromText += " \(kind == "cross join" ? "join" : kind) \(s.sql) on \(conditions.joined(separator: " and "))"
            }
            sources.append(s)
        }

        // WHERE: filters on the sources' columns, an anti-join test, EXISTS and correlated subqueries.
        if chance(45) {
            let s = pick(sources)
            let c = pick(s.columns)
            whereParts.append(simpleCondition(c, qualifier: s.alias))
        }
        if chance(12) {
            let s = pick(sources)
            whereParts.append("\(s.alias).\(pick(s.columns).name) is \(chance(50) ? "" : "not ")null")
        }
        if chance(25) { whereParts.append(correlatedCondition(pick(sources))) }
        if chance(15) && whereParts.count >= 2 {
            let l = whereParts.removeLast(), r = whereParts.removeLast()
            whereParts.append("(\(l) or \(r))")
        }

        var items: [String] = []
        var outputs = 0
        var grouped: [String] = []
        if chance(22) {
            // GROUP BY keys of the sources, with aggregates over their columns.
            let s = pick(sources)
            let keys = s.columns.filter { $0.name == "year" || $0.name == "categorie" || $0.name == "rang" || $0.type == .text }
            let key = keys.isEmpty ? s.columns[0] : pick(keys)
            grouped = ["\(s.alias).\(key.name)"]
            items.append(grouped[0])
            for _ in 0..<(1 + next(3)) {
                let o = pick(sources)
                let c = pick(o.numeric.isEmpty ? o.columns : o.numeric)
                switch next(6) {
                case 0: items.append("count(*)")
                case 1: items.append("count(\(o.alias).\(c.name))")
                case 2: items.append(c.type == .int ? "sum(\(o.alias).\(c.name))" : "max(\(o.alias).\(c.name))")
                case 3: items.append("min(\(o.alias).\(c.name))")
                case 4: items.append("max(\(o.alias).\(c.name))")
                default: items.append("count(distinct \(o.alias).\(c.name))")
                }
            }
            outputs = items.count
        } else {
            for _ in 0..<(1 + next(3)) {
                let (item, width) = selectItem(sources, usingColumns: usingColumns)
                items.append(chance(20) && !item.hasSuffix("*") ? "\(item) as v\(items.count + 1)" : item)
                outputs += width
            }
        }

        var sql = ""
        if !ctes.isEmpty {
            sql = "with " + ctes.map { "\($0.name) as (\($0.body))" }.joined(separator: ", ") + " "
        }
        sql += "select " + (chance(8) && grouped.isEmpty ? "distinct " : "") + items.joined(separator: ", ") + " from " + fromText
        if !whereParts.isEmpty { sql += " where " + whereParts.joined(separator: " and ") }
        if !grouped.isEmpty {
            sql += " group by " + grouped.joined(separator: ", ")
            if chance(30) { sql += " having count(*) > \(next(3))" }
        }
        if chance(25) && outputs > 0 {
            // Every output column is a sort key, so that rows the sort cannot tell apart are equal rows.
            sql += " order by " + (1...outputs).map { "\($0)" + (chance(30) ? " desc" : "") }.joined(separator: ", ")
            sql += " limit \(1 + next(5))"
        }
        return sql
    }

    /// baseSource is a year table or nationaliteiten under an alias (or, now and then, under its own name).
    mutating func baseSource(_ alias: String) -> GenSource {
        let t = pick(joinTables)
        let cols = Self.genColumns(t)
        switch next(10) {
        case 0: return GenSource(sql: "\(t.name) as \(alias)", alias: alias, columns: cols)
        default: return GenSource(sql: "\(t.name) \(alias)", alias: alias, columns: cols)
        }
    }

    /// derivedBody is the select of a derived table or CTE: some columns of a table, filtered, or figures grouped
    /// by year or categorie.
    mutating func derivedBody() -> (String, [GenColumn]) {
        let t = pick(joinTables)
        let cols = Self.genColumns(t)
        if chance(30) {
            let keys = cols.filter { $0.name == "year" || $0.name == "categorie" }
            let key = pick(keys)
            var out = [key]
            var items = [key.name]
            let nums = cols.filter { $0.type != .text && $0.name != key.name }
            for (k, c) in nums.shuffledPrefix(1 + next(2), using: &self).enumerated() {
                let name = "m\(k + 1)"
                switch next(4) {
                case 0 where c.type == .int:
                    items.append("sum(\(c.name)) as \(name)")
                    out.append(GenColumn(name: name, type: .int, origin: nil))
                case 1:
                    items.append("count(*) as \(name)")
                    out.append(GenColumn(name: name, type: .int, origin: nil))
                default:
                    let f = pick(["max", "min"])
                    items.append("\(f)(\(c.name)) as \(name)")
                    out.append(GenColumn(name: name, type: c.type, origin: c.origin))
                }
            }
            var body = "select " + items.joined(separator: ", ") + " from \(t.name)"
            if let c = nums.first, chance(40) { body += " where " + simpleCondition(c, qualifier: nil) }
            body += " group by \(key.name)"
            return (body, out)
        }
        var keep = cols.filter { $0.name == "year" || $0.name == "categorie" || chance(50) }
        if keep.isEmpty { keep = [cols[0]] }
        var items: [String] = []
        var out: [GenColumn] = []
        for c in keep {
            if c.name != "year" && c.name != "categorie" && chance(30) {
                let name = "\(c.name.prefix(3))_\(out.count)"
                items.append("\(c.name) as \(name)")
                out.append(GenColumn(name: name, type: c.type, origin: c.origin))
            } else {
                items.append(c.name)
                out.append(c)
            }
        }
        var body = "select " + items.joined(separator: ", ") + " from \(t.name)"
        if chance(50), let c = cols.first(where: { $0.type != .text && chance(50) }) ?? cols.first {
            body += " where " + simpleCondition(c, qualifier: nil)
        }
        return (body, out)
    }

    /// simpleCondition compares one column with a literal near its figures.
    mutating func simpleCondition(_ c: GenColumn, qualifier: String?) -> String {
        let name = qualifier.map { "\($0).\(c.name)" } ?? c.name
        switch c.type {
        case .text:
            let values = c.origin.map { o in Set(o.dataset.rows.compactMap { row -> String? in
                if case .text(let s) = row[o.index] { return s }
                return nil
            }).sorted() } ?? []
            let v = values.isEmpty ? "studenten" : pick(values)
            switch next(4) {
            case 0: return "\(name) \(pick(["=", "<>", "<", ">="])) \(quoteString(v))"
            case 1: return "\(name) in (\(quoteString(v)), \(quoteString(values.isEmpty ? v : pick(values))))"
            case 2: return "\(name) like \(quoteString(v.prefix(2) + "%"))"
            default: return "\(name) = \(quoteString(v))"
            }
        case .int, .pct:
            let lit = genLiteral(c)
            switch next(5) {
            case 0:
                // Mostly low to high, so that most ranges hold figures.
                let other = genLiteral(c)
                let (low, high) = chance(80) && Self.numeral(other) < Self.numeral(lit) ? (other, lit) : (lit, other)
                return "\(name) between \(low) and \(high)"
            default:
                let op = pick(["=", "<>", "<", "<=", ">", ">="])
                // An equality with a figure of the column itself, so that it can hold.
                return "\(name) \(op) \(op == "=" ? genLiteral(c, exact: true) : lit)"
            }
        }
    }

    /// numeral reads a literal of genLiteral as a number, to order two of them.
    static func numeral(_ s: String) -> Double {
        s.hasSuffix("%") ? (Double(s.dropLast()) ?? 0) / 100 : Double(s) ?? 0
    }

    /// genLiteral is a value near the column's figures, or a plain one for a computed column.
    mutating func genLiteral(_ c: GenColumn, exact: Bool = false) -> String {
        if let o = c.origin {
            switch pick(o.dataset.rows)[o.index] {
            case .percentage(let f):
                if exact { return "\(f)" }
                return "\(Int((f.double * 100).rounded()) + next(5) - 2)%"
            case .integer(let n):
                if exact { return String(n) }
                if c.name == "year" { return String(n + Int64(next(3)) - 1) }
                if c.name == "rang" { return String(n) }
                return String(max(0, n + Int64(next(2001)) - 1000))
            default: break
            }
        }
        return c.type == .pct ? pick(["90%", "95%", "98%"]) : pick(["1", "2", "3", "10000", "40000"])
    }

    /// selectItem is one entry of the select list and the number of columns it gives.
    mutating func selectItem(_ sources: [GenSource], usingColumns: [String]) -> (String, Int) {
        let s = pick(sources)
        switch next(13) {
        case 0, 1, 2, 3:
            return ("\(s.alias).\(pick(s.columns).name)", 1)
        case 4:
            // An unqualified USING column, unless a third source has a column of that name too.
            let unambiguous = usingColumns.filter { u in sources.dropFirst(2).allSatisfy { !$0.has(u) } }
            if !unambiguous.isEmpty && chance(70) { return (pick(unambiguous), 1) }
            return ("\(s.alias).*", s.columns.count)
        case 5:
            // Arithmetic across two sources: exact for counts, points for two percentages, a decimal for a mix.
            let o = pick(sources)
            guard let a = maybePick(s.numeric), let b = maybePick(o.numeric) else {
                return ("\(s.alias).\(s.columns[0].name)", 1)
            }
            return ("\(s.alias).\(a.name) \(pick(["+", "-", "*"])) \(o.alias).\(b.name)", 1)
        case 6:
            let o = pick(sources)
            let a = pick(s.columns)
            if let b = o.column(a.name), b.type == a.type, o.alias != s.alias { return ("coalesce(\(s.alias).\(a.name), \(o.alias).\(b.name))", 1) }
            return ("\(s.alias).\(a.name)", 1)
        case 7:
            // A correlated scalar subquery; an aggregate, so that it gives one row whatever the data.
            let t = pick(tables)
            let inner = Self.genColumns(t).filter { $0.type == .int && $0.name != "year" }
            let f = pick(["max", "min", "count", "sum"])
            let arg = inner.isEmpty || f == "count" ? "*" : "q.\(pick(inner).name)"
            let key = s.has("year") ? "q.year = \(s.alias).year" : "q.year > 2019"
            return ("(select \(f)(\(arg)) from \(t.name) q where \(key))", 1)
        case 8:
            let t = pick(tables)
            let key = s.has("year") ? "q.year = \(s.alias).year\(chance(30) ? " + 1" : "")" : "q.year = 2021"
            return ("\(chance(30) ? "not " : "")exists (select 1 from \(t.name) q where \(key))", 1)
        case 9:
            // USING gives each of its columns once.
            if chance(50) { return ("*", sources.reduce(0) { $0 + $1.columns.count } - usingColumns.count) }
            return ("\(s.alias).\(pick(s.columns).name)", 1)
        case 10:
            let a = pick(s.numeric.isEmpty ? s.columns : s.numeric)
            return ("case when \(s.alias).\(a.name) is null then \(a.type == .text ? "'geen'" : a.type == .pct ? "0%" : "-1") else \(s.alias).\(a.name) end", 1)
        case 11 where s.has("year"):
            // A window over the joined rows; partitions and sums are the same whatever order ties come in.
            let o = pick(sources)
            let a = pick(o.numeric)
            switch next(3) {
            case 0: return ("sum(\(o.alias).\(a.name)) over (partition by \(s.alias).year)", 1)
            case 1: return ("count(*) over (partition by \(s.alias).year)", 1)
            default: return ("rank() over (order by \(s.alias).year)", 1)
            }
        default:
            return ("\(s.alias).\(pick(s.columns).name)", 1)
        }
    }

    /// correlatedCondition is an EXISTS, NOT EXISTS, IN or comparison with a subquery that reads the source's row.
    mutating func correlatedCondition(_ s: GenSource) -> String {
        let t = pick(joinTables)
        let inner = Self.genColumns(t)
        let key = ["year", "categorie"].filter { k in s.has(k) && inner.contains { c in c.name == k } }
        let link = key.isEmpty ? "q.year > 2019" : key.map { "q.\($0) = \(s.alias).\($0)" }.joined(separator: " and ")
        let innerNum = inner.filter { $0.type == .int && $0.name != "year" }
        let outerNum = s.numeric.filter { $0.name != "year" }
        switch next(4) {
        case 0, 1:
            var body = "select 1 from \(t.name) q where \(link)"
            if let a = maybePick(innerNum), let b = outerNum.first(where: { $0.type == .int }), chance(50) {
                body += " and q.\(a.name) \(pick([">", "<"])) \(s.alias).\(b.name)"
            }
            return "\(chance(40) ? "not " : "")exists (\(body))"
        case 2:
            guard s.has("year") else { return "exists (select 1 from \(t.name) q where \(link))" }
            var body = "select q.year from \(t.name) q"
            if let a = maybePick(innerNum), let b = outerNum.first(where: { $0.type == .int }) {
                body += " where q.\(a.name) > \(s.alias).\(b.name)"
            }
            return "\(s.alias).year \(chance(30) ? "not in" : "in") (\(body))"
        default:
            guard let b = outerNum.first(where: { $0.type == .int }), let a = maybePick(innerNum) else {
                return "exists (select 1 from \(t.name) q where \(link))"
            }
            return "\(s.alias).\(b.name) \(pick([">", "<", ">="])) (select \(pick(["max", "min", "avg"]))(q.\(a.name)) from \(t.name) q where \(link))"
        }
    }
}

extension QueryGenerator {
    /// maybePick is an element of xs, or nil when there is none.
    mutating func maybePick<T>(_ xs: [T]) -> T? { xs.isEmpty ? nil : pick(xs) }
}

extension Array {
    /// shuffledPrefix is the first n elements of a seeded shuffle.
    func shuffledPrefix(_ n: Int, using g: inout QueryGenerator) -> [Element] {
        var a = self
        for i in a.indices.reversed() where i > 0 { a.swapAt(i, g.next(i + 1)) }
        return Array(a.prefix(n))
    }
}
