// Parser tests: a query parses and prints back as canonical SQL (a round trip), and bad input gives the error
// that names what was expected and what was found, at the right place.

import Testing
@testable import IndqCore

/// canonical parses a script and prints it back, or the first error with its line:column.
func canonical(_ source: String) -> String {
    let text = SourceText(source)
    do {
        return try Parser.parseAll(text).map(\.sql).joined(separator: "; ")
    } catch let d as Diagnostic {
        let loc = text.location(of: d.range.start)
        return "\(loc.line):\(loc.column): \(d.message)"
    } catch {
        return "unexpected \(error)"
    }
}

struct ParserTests {
    static let roundTrips: [(String, String)] = [
        ("select * from studenten", "SELECT * FROM studenten"),
        ("SELECT year, aanvragen AS a FROM studenten WHERE year >= 2020 ORDER BY year DESC LIMIT 2",
         "SELECT year, aanvragen AS a FROM studenten WHERE year >= 2020 ORDER BY year DESC LIMIT 2"),
        ("select aanvragen a from studenten", "SELECT aanvragen AS a FROM studenten"),
        ("select 1 + 2 * 3, (1 + 2) * 3, 1 - (2 - 3), 1 - 2 - 3 from x",
         "SELECT 1 + 2 * 3, (1 + 2) * 3, 1 - (2 - 3), 1 - 2 - 3 FROM x"),
        ("select a from x where a = 1 or b = 2 and c = 3", "SELECT a FROM x WHERE a = 1 OR b = 2 AND c = 3"),
        ("select a from x where (a = 1 or b = 2) and c = 3", "SELECT a FROM x WHERE (a = 1 OR b = 2) AND c = 3"),
        ("select a from x where not a = 1", "SELECT a FROM x WHERE NOT a = 1"),
        ("select a from x where a != 1 and b <> 2 and c == 3", "SELECT a FROM x WHERE a <> 1 AND b <> 2 AND c = 3"),
        ("select a from x where a between 1 and 2", "SELECT a FROM x WHERE a BETWEEN 1 AND 2"),
        ("select a from x where a not between 1 and 2 + 3", "SELECT a FROM x WHERE a NOT BETWEEN 1 AND 2 + 3"),
        ("select a from x where a in (1, 2) and b not in ('x')", "SELECT a FROM x WHERE a IN (1, 2) AND b NOT IN ('x')"),
        ("select a from x where a is null or b is not null", "SELECT a FROM x WHERE a IS NULL OR b IS NOT NULL"),
        ("select 95%, 82.5%, 'it''s', null, true, false from x", "SELECT 95%, 82.5%, 'it''s', NULL, TRUE, FALSE FROM x"),
        ("select -a, - -a, -(-a), +a from x", "SELECT -a, - -a, - -a, +a FROM x"),
        ("select \"Year\", \"order\" from \"my table\"", "SELECT \"Year\", \"order\" FROM \"my table\""),
        ("select a from x order by 2, a desc, b asc", "SELECT a FROM x ORDER BY 2, a DESC, b"),
        ("select distinct a from x limit 1 offset 2", "SELECT DISTINCT a FROM x LIMIT 1 OFFSET 2"),
        ("select a || 'b' from x", "SELECT a || 'b' FROM x"),
        ("select a // 2 from x", "SELECT a // 2 FROM x"),
        ("select 7 / 2", "SELECT 7 / 2"),
        ("select Count(*), count(distinct a), SUM(a) filter (where b > 1) from x group by c, 2 having count(*) > 1",
         "SELECT count(*), count(DISTINCT a), sum(a) FILTER (WHERE b > 1) FROM x GROUP BY c, 2 HAVING count(*) > 1"),
        ("select lag(a, 1) over (partition by c order by y desc), row_number() over () from x",
         "SELECT lag(a, 1) OVER (PARTITION BY c ORDER BY y DESC), row_number() OVER () FROM x"),
        ("select case when a > 1 then 'x' when a < 0 then 'y' else 'z' end, case a when 1 then 2 end from x",
         "SELECT CASE WHEN a > 1 THEN 'x' WHEN a < 0 THEN 'y' ELSE 'z' END, CASE a WHEN 1 THEN 2 END FROM x"),
        ("select cast(a as int), cast(b as varchar) from x", "SELECT CAST(a AS INTEGER), CAST(b AS VARCHAR) FROM x"),
        ("select a::percentage, -b::int, (a - b)::decimal(10, 2), cast(c as numeric), d::text::double from x",
         "SELECT CAST(a AS PERCENTAGE), -CAST(b AS INTEGER), CAST(a - b AS DECIMAL(10,2)), CAST(c AS DECIMAL(18,3)), CAST(CAST(d AS VARCHAR) AS DOUBLE) FROM x"),
        ("select a from x where a like 'a%' or b not ilike '_b'", "SELECT a FROM x WHERE a LIKE 'a%' OR b NOT ILIKE '_b'"),
        ("select a from x where a = (select max(a) from x) and b in (select b from y)",
         "SELECT a FROM x WHERE a = (SELECT max(a) FROM x) AND b IN (SELECT b FROM y)"),
        ("select a from x union all select b from y order by 1 limit 3", "SELECT a FROM x UNION ALL SELECT b FROM y ORDER BY 1 LIMIT 3"),
        ("select a from x union select b from y intersect all select c from z except select d from w",
         "SELECT a FROM x UNION SELECT b FROM y INTERSECT ALL SELECT c FROM z EXCEPT SELECT d FROM w"),
        ("select a, count(*) from x group by all order by all desc", "SELECT a, count(*) FROM x GROUP BY ALL ORDER BY ALL DESC"),
        ("select a from x order by all asc", "SELECT a FROM x ORDER BY ALL"),
        ("select r.a, r.* from x r", "SELECT r.a, r.* FROM x AS r"),
        ("select * from x as r(a, b)", "SELECT * FROM x AS r(a, b)"),
        ("select * from x join y on x.a = y.a", "SELECT * FROM x JOIN y ON x.a = y.a"),
        ("select * from x inner join y on true left outer join z on false", "SELECT * FROM x JOIN y ON TRUE LEFT JOIN z ON FALSE"),
        ("select * from x right join y using (a, b) full outer join z using (c)",
         "SELECT * FROM x RIGHT JOIN y USING (a, b) FULL JOIN z USING (c)"),
        ("select * from x cross join y, z", "SELECT * FROM x CROSS JOIN y, z"),
        ("select * from x, y join z on a = b", "SELECT * FROM x, (y JOIN z ON a = b)"),
        ("select * from x join (y join z on a = b) on c = d", "SELECT * FROM x JOIN (y JOIN z ON a = b) ON c = d"),
        ("select * from (select 1) t, (select 2) as \"U\"", "SELECT * FROM (SELECT 1) AS t, (SELECT 2) AS \"U\""),
        ("select * from range(3) r(n)", "SELECT * FROM range(3) AS r(n)"),
        ("with a as (select 1), b(x) as (select * from a) select * from b",
         "WITH a AS (SELECT 1), b(x) AS (SELECT * FROM a) SELECT * FROM b"),
        ("select (with t as (select 1) select * from t) from (with u as (select 2) select * from u)",
         "SELECT (WITH t AS (SELECT 1) SELECT * FROM t) FROM (WITH u AS (SELECT 2) SELECT * FROM u)"),
        ("select a from x where exists (select 1) and not exists (select 2 from y where y.b = x.b)",
         "SELECT a FROM x WHERE EXISTS (SELECT 1) AND NOT EXISTS (SELECT 2 FROM y WHERE y.b = x.b)"),
        ("source with t as (select 1) select * from t", "SOURCE WITH t AS (SELECT 1) SELECT * FROM t"),
        ("select * exclude (a, \"B\") replace (c + 1 as c), * exclude d from x",
         "SELECT * EXCLUDE (a, \"B\") REPLACE (c + 1 AS c), * EXCLUDE (d) FROM x"),
        ("select a, rank() over (order by b) as r from x where a > 1 qualify r = 1",
         "SELECT a, rank() OVER (ORDER BY b) AS r FROM x WHERE a > 1 QUALIFY r = 1"),
        ("show datasets; show TABLES; describe studenten; source kerncijfers; help; help select",
         "SHOW DATASETS; SHOW DATASETS; DESCRIBE studenten; SOURCE kerncijfers; HELP; HELP 'select'"),
        (";;select a from x;;", "SELECT a FROM x"),
        ("select (a = 1) = (b = 2) from x", "SELECT (a = 1) = (b = 2) FROM x"),
    ]

    @Test(arguments: roundTrips)
    func roundTrip(_ row: (String, String)) {
        let printed = canonical(row.0)
        #expect(printed == row.1, "input: \(row.0)")
        // The canonical form is a fixed point: it parses back to itself.
        #expect(canonical(printed) == printed)
    }

    static let errors: [(String, String)] = [
        ("select aanvragen,", "1:18: expected a column or an expression, found end of input"),
        ("select from studenten", "1:8: expected a column or an expression, found FROM"),
        ("select a from", "1:14: expected a dataset name after FROM, found end of input"),
        ("select a from order", "1:15: expected a dataset name after FROM, found keyword ORDER (write \"order\" to use it as a name)"),
        ("select a from x where", "1:22: expected an expression, found end of input"),
        ("select (a from x", "1:11: expected ')' to close '(' at 1:8, found FROM"),
        ("select a from x where a in 1", "1:28: expected '(' after IN, found number 1"),
        ("select a from x where a between 1", "1:34: expected AND in BETWEEN … AND …, found end of input"),
        ("select a from x where a is 1", "1:28: expected NULL or NOT after IS, found number 1"),
        ("select a from x where a not 1", "1:29: expected BETWEEN, IN, LIKE or ILIKE after NOT, found number 1"),
        ("select a from x order year", "1:23: expected BY after ORDER, found name 'year'"),
        ("select a from x limit -1", "1:23: expected a whole number after LIMIT, found '-'"),
        ("select a from x y (", "1:20: expected a column name in the alias's list, found end of input"),
        ("select a from x\nshow datasets", "2:1: expected ';' or end of input after the statement, found name 'show'"),
        ("select a from x join y", "1:23: expected ON or USING after JOIN y, found end of input"),
        ("select a from x left y", "1:22: expected JOIN after LEFT, found name 'y'"),
        ("select a from x natural join y", "1:17: NATURAL joins are not supported; write [INNER | LEFT | RIGHT | FULL] JOIN … ON … or USING (…)"),
        ("select a from x on a = b", "1:17: ON follows a JOIN, not a table; write … JOIN table ON …"),
        ("select a from x join y using ()", "1:31: expected a column name in USING (…), found ')'"),
        ("select a from x join y on", "1:26: expected an expression, found end of input"),
        ("select x.a.b from x", "1:11: a qualified name has two parts, table.column; found another '.'"),
        ("select x. from x", "1:11: expected a column name after 'x.', found keyword FROM (write \"from\" to use it as a name)"),
        ("select x.* + 1 from x", "1:12: expected ';' or end of input after the statement, found '+'"),
        ("select 1 + x.* from x", "1:14: x.* stands alone in the select list, not in an expression"),
        ("select a from s.x", "1:16: qualified dataset names (schema.dataset) are not supported; write just the dataset name"),
        ("select a from (select 1", "1:24: expected ')' to close '(' at 1:15, found end of input"),
        ("select a from (x", "1:17: expected ')' to close '(' at 1:15, found end of input"),
        ("with recursive t as (select 1) select * from t", "1:6: WITH RECURSIVE is not supported: a CTE reads only the CTEs before it, never itself"),
        ("with t as select 1", "1:11: expected '(' and a query after t AS, found SELECT"),
        ("with t (select 1) select 1", "1:9: expected a column name in the CTE's list, found keyword SELECT (write \"select\" to use it as a name)"),
        ("with t as (select 1) show datasets", "1:22: expected SELECT after the CTEs, found name 'show'"),
        ("select exists (1)", "1:16: expected SELECT after EXISTS (, found number 1"),
        ("select exists(a) from x", "1:15: expected SELECT after EXISTS (, found name 'a'"),
        ("select a from x union (select b from y)", "1:23: a parenthesised query after UNION is not supported yet; write the SELECT without parentheses"),
        ("select a from x except all 1", "1:28: expected SELECT after EXCEPT ALL, found number 1"),
        ("select * exclude from x", "1:18: expected a column name or '(' after EXCLUDE, found keyword FROM (write \"from\" to use it as a name)"),
        ("select * replace (a b) from x", "1:21: expected AS in REPLACE (expr AS column), found name 'b'"),
        ("selec a from x", "1:1: expected a statement (SELECT, SHOW, DESCRIBE, SOURCE, CREATE, DROP or HELP), found name 'selec'"),
        ("show me", "1:6: expected DATASETS or TABLES after SHOW, found name 'me'"),
        ("select a % 2 from x", "1:10: '%' must follow a number directly, as in 95%; the modulo operator is not supported"),
        ("select count(* from x", "1:16: expected ')' to close '(' at 1:13, found FROM"),
        ("select case when a then 1 from x", "1:27: expected END to close CASE at 1:8, found FROM"),
        ("select cast(a as texts) from x", "1:18: expected a type (INTEGER, BIGINT, DOUBLE, VARCHAR, DATE, DECIMAL(p, s) or PERCENTAGE), found name 'texts'"),
        ("select a::", "1:11: expected a type (INTEGER, BIGINT, DOUBLE, VARCHAR, DATE, DECIMAL(p, s) or PERCENTAGE), found end of input"),
        ("select cast(a as decimal(39, 2))", "1:26: expected a DECIMAL width from 1 to 38, found number 39"),
        ("select cast(a as decimal(5, 6))", "1:29: expected a DECIMAL scale from 0 to 5, found number 6"),
        ("select sum(a) over (rows between 1 preceding and current row) from x", "1:21: window frames (ROWS …) are not supported; expected ')'"),
        ("select a from x order by a nulls first", "1:28: NULLS FIRST and NULLS LAST are not supported; NULL always sorts last"),
        ("select a from x;\nselect b from", "2:14: expected a dataset name after FROM, found end of input"),
    ]

    @Test(arguments: errors)
    func reportsError(_ row: (String, String)) {
        #expect(canonical(row.0) == row.1, "input: \(row.0)")
    }

    @Test func manyJoinsAndDeepTablesAreAnErrorNotACrash() {
        let joins = "select * from x" + String(repeating: " join x on true", count: 100_000)
        #expect(canonical(joins).hasSuffix("too many tables in one FROM (limit is 200)"))
        let commas = "select * from x" + String(repeating: ", x", count: 100_000)
        #expect(canonical(commas).hasSuffix("too many tables in one FROM (limit is 200)"))
        let parens = "select * from " + String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
        #expect(canonical(parens).hasSuffix("too many nested expressions (limit is 200)"))
        let derived = "select * from " + String(repeating: "(select * from ", count: 50_000) + "x" + String(repeating: ")", count: 50_000)
        #expect(canonical(derived).hasSuffix("too many nested expressions (limit is 200)"))
        let ctes = "with " + (0..<300).map { "t\($0) as (select * from t\(max(0, $0 - 1)))" }.joined(separator: ", ") + " select * from t299"
        #expect(canonical(ctes).hasPrefix("WITH t0 AS"))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for depth in [201, 5_000, 100_000] {
            let deep = "select " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + " from x"
            #expect(canonical(deep).hasSuffix("too many nested expressions (limit is 200)"))
            let minus = "select " + String(repeating: "- ", count: depth) + "1 from x"
            #expect(canonical(minus).hasSuffix("too many nested expressions (limit is 200)"))
            let nots = "select a from x where " + String(repeating: "not ", count: depth) + "a"
            #expect(canonical(nots).hasSuffix("too many nested expressions (limit is 200)"))
        }
        let ok = "select " + String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150) + " from x"
        #expect(canonical(ok) == "SELECT 1 FROM x")
    }
}
