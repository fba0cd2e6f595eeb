// Tables tests: the table functions range and generate_series (DuckDB's rules, which the oracle corpus also checks
// against the DuckDB CLI), FROM as a table reference, and the batch executor that runs selects over them.

import Testing
@testable import IndqCore

struct TablesTests {
    static let rows: [(String, String)] = [
        ("select * from range(3)", "range\n0\n1\n2\n"),
        ("select * from range(2, 5)", "range\n2\n3\n4\n"),
        ("select * from range(10, 0, -4)", "range\n10\n6\n2\n"),
        ("select * from range(-3)", "range\n"),
        ("select * from range(1, 5, -1)", "range\n"),
        ("select * from range(null)", "range\n"),
        ("select * from generate_series(3)", "generate_series\n0\n1\n2\n3\n"),
        ("select * from generate_series(1, 10, 3)", "generate_series\n1\n4\n7\n10\n"),
        ("select * from generate_series(5, 1, -2)", "generate_series\n5\n3\n1\n"),
        ("select * from GENERATE_SERIES(9223372036854775806, 9223372036854775807)",
         "generate_series\n9223372036854775806\n9223372036854775807\n"),
        ("select count(*) from range(-9223372036854775807 - 1, 9223372036854775807, 4611686018427387904)", "count(*)\n4\n"),
        ("select count(*) from range(2 + 3)", "count(*)\n5\n"),
        ("select count(*), sum(range), min(range), max(range) from range(100000)", "count(*),sum(range),min(range),max(range)\n100000,4999950000,0,99999\n"),
        ("select mod(range, 3) as k, count(*), sum(range) from range(10) group by k order by k desc", "k,count(*),sum(range)\n2,3,15\n1,3,12\n0,4,18\n"),
        ("select count(distinct mod(range, 7)), count(distinct range // 10) from range(100)",
         "\"count(distinct mod(range, 7))\",count(distinct range // 10)\n7,10\n"),
        ("select range from range(100000) order by range desc limit 3 offset 1", "range\n99998\n99997\n99996\n"),
        ("select range from range(10) order by -range limit 2", "range\n9\n8\n"),
        ("select range from range(5000) order by mod(range, 3) desc limit 3 offset 1", "range\n5\n8\n11\n"),
        ("select range from range(1000000) limit 2", "range\n0\n1\n"),
        ("select distinct mod(range, 3) as m from range(10) order by m", "m\n0\n1\n2\n"),
        ("select range from range(10) where range > 2 and range < 5", "range\n3\n4\n"),
        ("select range from range(4) where range = 0 or 12 // range > 5", "range\n0\n1\n2\n"),
        ("select sum(range), count(range) from range(0)", "sum(range),count(range)\n,0\n"),
        ("select mod(range, 4) as k, median(range), string_agg(range, '-') from range(8) group by k having k < 2 order by k",
         "k,median(range),\"string_agg(range, '-')\"\n0,2.0,0-4\n1,3.0,1-5\n"),
        ("select arg_max(range, mod(range, 7)), arg_min(range, -range), count_if(range > 5), count(distinct range // 2) from range(10)",
         "\"arg_max(range, mod(range, 7))\",\"arg_min(range, -range)\",count_if(range > 5),count(distinct range // 2)\n6,9,4,5\n"),
        ("select mod(-9223372036854775807 - 1 + range, -1) from range(1)",
         "1:8 error: integer overflow in mod (-9223372036854775808 divided by -1 does not fit in 64 bits)"),
        ("select range, sum(range) over (order by range) from range(4)", "range,sum(range) over (order by range)\n0,0\n1,1\n2,3\n3,6\n"),
        ("select range from range(3) union all select generate_series from generate_series(1, 2) order by 1",
         "range\n0\n1\n1\n2\n2\n"),
        ("select range from range(5) where range in (select range * 2 from range(3))", "range\n0\n2\n4\n"),
        ("select count(*), count(*) filter (where range not in (select range * 7 from range(1000))) from range(100000) where range in (select range * 3 from range(100000))",
         "count(*),count(*) filter (where range not in (select range * 7 from range(1000)))\n33334,33000\n"),
        ("select range from range(6) where range in (select null union all select 2) or range not between 1 and 4", "range\n0\n2\n5\n"),
        ("select count(*) from range(5) where null in (select range from range(0))", "count(*)\n0\n"),
        ("select range * 4611686018427387904 from range(3)", "1:8 error: integer overflow in '*' (the result does not fit in 64 bits)"),
        ("select sum(range * 4611686018427387904) from range(3)", "1:12 error: integer overflow in '*' (the result does not fit in 64 bits)"),
        ("select * from range(1, 2, 0)", "1:15 error: range's step cannot be 0"),
        ("select * from generate_series(1, 2, 0)", "1:15 error: generate_series's step cannot be 0"),
        ("select * from range(1.5)", "1:21 error: range takes whole numbers, found decimal"),
        ("select * from range('a')", "1:21 error: range takes whole numbers, found text"),
        ("select * from range()", "1:15 error: range takes 1 to 3 whole numbers, found 0: range(stop), range(start, stop) or range(start, stop, step)"),
        ("select * from range(1, 2, 3, 4)", "1:15 error: range takes 1 to 3 whole numbers, found 4: range(stop), range(start, stop) or range(start, stop, step)"),
        ("select * from ranges(3)", "1:15 error: unknown table function 'ranges'"),
        ("select year from range(3)", "1:8 error: unknown column 'year' in range"),
        ("select bron from range(3)", "1:8 error: unknown column 'bron' in range"),
        ("select * from range(3", "1:22 error: expected ')' to close the arguments of range, found end of input"),
    ]

    @Test(arguments: rows) func query(_ sql: String, _ expected: String) {
        #expect(runCSV(sql) == expected, "\(sql)")
    }

    @Test func fromPrintsBackAsATableReference() throws {
        for sql in ["SELECT * FROM range(1, 10, 2)", "SELECT count(*) FROM generate_series(5)", "SELECT * FROM studenten"] {
            let statements = try Parser.parseAll(SourceText(sql))
            #expect(statements.map(\.sql) == [sql])
        }
    }

    @Test func rowCountsNeverOverflow() throws {
        let edges: [(Int64, Int64, Int64, Bool, Int)] = [
            (.min, .max, 1, false, Int.max), (.max, .min, -1, true, Int.max), (.min, .max, .max, true, 3),
            (.max, .max, .min, true, 1), (.min, .min, .max, false, 0), (0, 10, 3, false, 4), (0, 9, 3, true, 4),
        ]
        for (a, b, s, inclusive, n) in edges {
            let t = RangeTable(name: "range", start: a, stop: b, step: s, inclusive: inclusive)
            #expect(t.rowCount == n, "range(\(a), \(b), \(s)) inclusive: \(inclusive)")
            // The last row stays within the bounds.
            if n > 0 && n < Int.max { #expect(t.scan(from: n - 1, count: 1).columns[0][0] != .null) }
        }
    }

    @Test func aCountOverTenMillionRowsStreams() throws {
        // Rows are never held: a 10 MB memory limit is enough to count ten million of them.
        #expect(runCSV("set memory_limit = '10MB'; select count(*), count(distinct mod(range, 1000)) from range(10000000)")
                == "count(*),\"count(distinct mod(range, 1000))\"\n10000000,1000\n")
    }

    @Test func unorderedRowsStreamToTheOutput() throws {
        // A million rows under a 10 MB limit: they go to the output as they are made and are never held or counted.
        var out = ""
        var session = Session(write: { out += $0 }, writeError: { out += $0 })
        #expect(session.run(SourceText("set memory_limit = '10MB'; select range * 2 as twice from range(1000000) where range >= 10")) == .success)
        #expect(out.contains("999990 in all"), "\(out.suffix(300))")
        #expect(out.contains("│    20 │"))
    }

    @Test func aSortOverTheMemoryLimitStopsWithAnErrorNamingIt() throws {
        let out = runCSV("set memory_limit = '20MB'; select range from range(1000000000) order by range desc")
        #expect(out.contains("memory limit of 20.0 MB"), "\(out)")
    }
}
