// Plan tests: a checked query prints as a tree of logical operators, and the executor that runs it is chosen by
// its operators.

import Testing
@testable import IndqCore

struct PlanTests {
    /// plan checks a query and returns its logical plan.
    static func plan(_ sql: String) throws -> (QueryPlan, SourceText) {
        let source = SourceText(sql)
        guard case .query(let q) = try Parser.parseAll(source)[0] else { throw Diagnostic("not a query", at: SourceRange(0, 0)) }
        var checker = Checker(catalogue: .builtin, source: source)
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

    @Test(arguments: trees) func printsAsATree(_ sql: String, _ expected: String) throws {
        let (plan, source) = try Self.plan(sql)
        #expect(plan.logical.tree(source) == expected, "\(sql)")
    }

    @Test func theBatchExecutorTakesPlansWhoseEveryOperatorItHas() throws {
        let batch = ["select count(*) from range(10)", "select range from range(10) where range in (select range from range(3)) order by 1 limit 2",
                     "select distinct mod(range, 2) from range(4)"]
        let rows = ["select year from studenten", "select range, row_number() over () from range(3)",
                    "select range from range(2) union select range from range(3)", "select 1"]
        for sql in batch { #expect(BatchExecutor.accepts(try Self.plan(sql).0), "\(sql)") }
        for sql in rows { #expect(!BatchExecutor.accepts(try Self.plan(sql).0), "\(sql)") }
    }
}
