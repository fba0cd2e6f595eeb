// Plan tests: a checked query prints as a tree of logical operators, and the one executor runs every operator.

import Testing
@testable import IndqCore

struct PlanTests {
    /// plan checks a query and returns its logical plan.
    static func plan(_ sql: String) throws -> (QueryPlan, SourceText) {
        let source = SourceText(sql)
        guard case .query(let q) = try Parser.parseAll(source)[0] else { throw Diagnostic("not a query", at: SourceRange(0, 0)) }
        var checker = Binder(catalogue: .builtin, source: source)
        return (try checker.check(q), source)
    }

    static let trees: [(String, String)] = [
        ("select range from range(10) where range > 5 order by range desc limit 3",
         "Limit: 3\n  Sort: #1 DESC\n    Project: range\n      Filter: range > 5\n        Scan: range (10 rows from 0, step 1)\n"),
        ("select mod(generate_series, 3) as k, count(*) from generate_series(1, 9) group by k having count(*) > 1",
         "Project: k, count(*)\n  Filter: count(*) > 1\n    Aggregate: by mod(generate_series, 3); count(*), count(*)\n      Scan: generate_series (9 rows from 1, step 1)\n"),
        ("select distinct year from studenten",
         "Distinct\n  Project: year\n    Scan: studenten (3 rows)\n"),
        ("select year, aanvragen - lag(aanvragen) over (order by year) as groei from studenten qualify year = 2021",
         "Project: year, groei\n  Filter: year = 2021\n    Window: lag(aanvragen) over (order by year)\n      Scan: studenten (3 rows)\n"),
        ("select year from studenten union all select year from brexit intersect select 2021 order by 1 limit 2 offset 1",
         "Limit: 2 offset 1\n  Sort: #1\n    UNION ALL\n      Project: year\n        Scan: studenten (3 rows)\n      INTERSECT\n"
             + "        Project: year\n          Scan: brexit (2 rows)\n        Project: 2021\n          OneRow\n"),
    ]

    static let joinTrees: [(String, String)] = [
        ("select r.categorie, n.nationaliteit from regulier r join nationaliteiten n on n.categorie = r.categorie and n.year = r.year where n.rang = 1",
         "Project: categorie, nationaliteit\n  Filter: n.rang = 1\n    HashJoin: inner on r.categorie = n.categorie, r.year = n.year\n"
             + "      Scan: regulier (15 rows)\n      Scan: nationaliteiten (15 rows)\n"),
        ("select count(*) from range(3) a left join range(5) b on a.range < b.range and a.range + b.range = 4",
         "Project: count(*)\n  Aggregate: count(*)\n    NestedLoopJoin: left on a.range < b.range and a.range + b.range = 4\n"
             + "      Scan: range (3 rows from 0, step 1)\n      Scan: range (5 rows from 0, step 1)\n"),
        ("select * from studenten s, brexit b where s.year = b.year",
         "Project: year, aanvragen, beslissingen, inwilligingen, year, aanvragen, beslissingen, inwilligingen\n  Filter: s.year = b.year\n"
             + "    NestedLoopJoin: cross\n      Scan: studenten (3 rows)\n      Scan: brexit (2 rows)\n"),
        ("with t as (select year from studenten) select a.year from t a full join t b using (year)",
         "Project: year\n  HashJoin: full on year = year\n    Derived: t (year), shared by 2\n    Derived: t (year), shared by 2\n"),
        ("select x from (select range as x from range(4)) t where x > 1",
         "Project: x\n  Filter: x > 1\n    Derived: unnamed_subquery (x)\n"),
        ("select s.year from studenten s left join brexit b on b.year = s.year and b.aanvragen > s.aanvragen",
         "Project: year\n  HashJoin: left on s.year = b.year; test b.aanvragen > s.aanvragen\n    Scan: studenten (3 rows)\n    Scan: brexit (2 rows)\n"),
    ]

    @Test(arguments: joinTrees) func joinsPrintAsATree(_ sql: String, _ expected: String) throws {
        let (plan, source) = try Self.plan(sql)
        #expect(plan.logical.tree(source) == expected, "\(sql)")
    }

    @Test(arguments: trees) func printsAsATree(_ sql: String, _ expected: String) throws {
        let (plan, source) = try Self.plan(sql)
        #expect(plan.logical.tree(source) == expected, "\(sql)")
    }

    /// Queries that between them use every operator, with their rows worked out by hand.
    static let everyOperator: [(String, [[Value]])] = [
        ("select count(*) from studenten", [[.integer(3)]]),
        ("select 1", [[.integer(1)]]),
        ("select range, row_number() over (order by range desc) from range(3) order by range",
         [[.integer(0), .integer(3)], [.integer(1), .integer(2)], [.integer(2), .integer(1)]]),
        ("select range from range(2) union select range from range(3) order by 1 desc limit 2 offset 1",
         [[.integer(1)], [.integer(0)]]),
        ("select distinct mod(range, 2) as m from range(5) where range > 0 order by m", [[.integer(0)], [.integer(1)]]),
        ("select mod(range, 3) as k, sum(range) from range(7) group by k having sum(range) > 5 order by k",
         [[.integer(0), .integer(9)], [.integer(2), .integer(7)]]),
        ("select a.range, b.range from range(3) a join range(3) b on a.range = b.range + 1 order by 1",
         [[.integer(1), .integer(0)], [.integer(2), .integer(1)]]),
        ("select count(*) from range(3) a, range(4) b where a.range < b.range", [[.integer(6)]]),
        ("select sum(x) from (select range * 2 as x from range(4)) t", [[.integer(12)]]),
    ]

    @Test func oneExecutorRunsEveryOperator() throws {
        var seen = Set<String>()
        for (sql, rows) in Self.everyOperator {
            let (plan, _) = try Self.plan(sql)
            seen.formUnion(plan.logical.operators)
            #expect(try Executor.run(plan).rows == rows, "\(sql)")
        }
        #expect(seen == ["scan", "oneRow", "filter", "aggregate", "window", "project", "distinct", "setOperation", "sort", "limit",
                         "hashJoin", "nestedLoopJoin", "derived"])
    }
}
