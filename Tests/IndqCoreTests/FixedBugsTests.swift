// Fixed bugs: every crash, hang or wrong answer found by the fuzzer (Fuzz/) or the hostile-input tests becomes a row
// here, so that it stays fixed. A row is the input, how Session.run must end, and a text its messages must contain;
// for output bugs, the exact output in a format. The rows run in this process: a row whose crash comes back crashes
// the test run, which is the point.

import Testing
@testable import IndqCore

/// FixedBug is one regression row.
struct FixedBug: Sendable, CustomTestStringConvertible {
    /// found says where the bug was found and what it did.
    var found: String
    var input: String
    /// outcome is what Session.run must return with stopOnError false.
    var outcome: Session.RunOutcome
    /// message must appear in standard error (empty: nothing is asked of it).
    var message: String = ""
    /// format and output, when output is set: the run's standard output in that format must be exactly this.
    var format: OutputFormat = .table
    var output: String?

    var testDescription: String { found }
}

struct FixedBugsTests {
    static func chain(_ op: String, _ term: String, _ n: Int) -> String {
        "select " + Array(repeating: term, count: n).joined(separator: op)
    }

    static let bugs: [FixedBug] = [
        // The sniffer tried a field with an exponent as a decimal and multiplied it past Int128.
        FixedBug(found: "fuzzer (IndqCSVFuzz): 92233720368e970 in a CSV field overflowed CSVDecoding.number (trap)",
                 input: "select * from read_csv('Tests/Oracle/csv/exponent-overflow.csv')", outcome: .success),
        // Flat chains once overflowed the stack; then they were refused as nesting. They are one level deep and run.
        FixedBug(found: "hostile input: 1,000-term '+' chain overflowed the stack in Binder.bind (SIGSEGV)",
                 input: chain("+", "1", 1_000) + " as s", outcome: .success, format: .csv, output: "s\n1000\n"),
        FixedBug(found: "hostile input: 100,000-term '+' chain overflowed the stack in Binder.bind (SIGSEGV)",
                 input: chain("+", "1", 100_000) + " as s", outcome: .success, format: .csv, output: "s\n100000\n"),
        FixedBug(found: "hostile input: 3,000-term OR chain overflowed the stack (SIGSEGV)",
                 input: "select 1 as s where " + Array(repeating: "true", count: 3_000).joined(separator: " or "),
                 outcome: .success, format: .csv, output: "s\n1\n"),
        FixedBug(found: "hostile input: 3,000-term '||' chain overflowed the stack (SIGSEGV)",
                 input: "select length(" + Array(repeating: "'a'", count: 3_000).joined(separator: "||") + ") as s",
                 outcome: .success, format: .csv, output: "s\n3000\n"),
        FixedBug(found: "issue 9: a flat chain of 300 terms was refused as too many nested expressions",
                 input: chain(" + ", "year", 300) + " as s from studenten where year = 2021", outcome: .success,
                 format: .csv, output: "s\n606300\n"),
        FixedBug(found: "hostile input: ORDER BY … LIMIT Int64.max trapped doubling the limit for top k",
                 input: "select range from range(3) order by 1 desc limit 9223372036854775807", outcome: .success,
                 format: .csv, output: "range\n2\n1\n0\n"),
        FixedBug(found: "hostile input: ORDER BY … LIMIT 2^62 with an OFFSET trapped the same way",
                 input: "select year from studenten order by year limit 4611686018427387904 offset 2", outcome: .success,
                 format: .csv, output: "year\n2021\n"),
        FixedBug(found: "hostile input: lead with offset Int64.max trapped on arithmetic overflow in Evaluator.compute",
                 input: "select year, lead(year, 9223372036854775807) over (order by year) from studenten",
                 outcome: .success),
        FixedBug(found: "hostile input: lead with offset Int64.max - 1 and a default trapped the same way",
                 input: "select year, lead(year, 9223372036854775806, 0) over (order by year) from studenten",
                 outcome: .success),
        FixedBug(found: "hostile input: lag with offset Int64.max (the mirror of the lead trap) must stay NULL",
                 input: "select year, lag(year, 9223372036854775807) over (order by year) from studenten",
                 outcome: .success),
        // A quote, comma or pipe followed by a combining mark is one Character in Swift, so character-wise checks
        // (`contains { $0 == "," }`, `replacingAll`) miss it; "\r\n" is one Character too, equal to neither "\r" nor "\n".
        FixedBug(found: "fuzzer: CSV left a value with CR LF inside unquoted, splitting the row",
                 input: "select 'c\r\nd' as z", outcome: .success, format: .csv,
                 output: "z\n\"c\r\nd\"\n"),
        FixedBug(found: "fuzzer: CSV left a comma followed by a combining mark unquoted, adding a column",
                 input: "select 'a,\u{301}b' as x", outcome: .success, format: .csv,
                 output: "x\n\"a,\u{301}b\"\n"),
        FixedBug(found: "fuzzer: CSV neither quoted nor doubled a double quote followed by a combining mark",
                 input: "select 'q\"\u{301}' as y", outcome: .success, format: .csv,
                 output: "y\n\"q\"\"\u{301}\"\n"),
        FixedBug(found: "fuzzer: markdown did not escape a pipe followed by a combining mark, adding a column",
                 input: "select 'p|\u{301}' as w", outcome: .success, format: .markdown,
                 output: "| w |\n| --- |\n| p\\|\u{301} |\n"),
        // Answers that differed from DuckDB (issue 9, section 3).
        FixedBug(found: "oracle: NULL IN an empty subquery gave NULL; DuckDB gives false",
                 input: "select null in (select year from studenten where false) as a", outcome: .success, format: .csv,
                 output: "a\nfalse\n"),
        FixedBug(found: "oracle: NULL NOT IN an empty subquery gave NULL; DuckDB gives true",
                 input: "select null not in (select year from studenten where false) as a", outcome: .success, format: .csv,
                 output: "a\ntrue\n"),
        FixedBug(found: "oracle: DISTINCT kept 0.0 and -0.0 apart",
                 input: "select distinct 0 / bedrag as z from financien", outcome: .success, format: .csv,
                 output: "z\n0.0\n"),
        FixedBug(found: "oracle: GROUP BY kept 0.0 and -0.0 apart",
                 input: "select count(*) as n from financien group by 0 / bedrag having count(*) > 1", outcome: .success,
                 format: .csv, output: "n\n7\n"),
        FixedBug(found: "oracle: count(DISTINCT) counted 0.0 and -0.0 twice",
                 input: "select count(distinct 0 / bedrag) as n from financien", outcome: .success, format: .csv,
                 output: "n\n1\n"),
        FixedBug(found: "oracle: PARTITION BY kept 0.0 and -0.0 apart",
                 input: "select distinct count(*) over (partition by 0 / bedrag) as n from financien", outcome: .success,
                 format: .csv, output: "n\n7\n"),
        FixedBug(found: "oracle: group keys compared as doubles, so 2^53 and 2^53 + 1 were one key",
                 input: "select count(distinct 9007199254740992 + year - 2019) as n from studenten", outcome: .success,
                 format: .csv, output: "n\n3\n"),
        FixedBug(found: "oracle: GROUP BY joined 2^53 and 2^53 + 1",
                 input: "select 9007199254740992 + year - 2019 as k from studenten group by k order by k", outcome: .success,
                 format: .csv, output: "k\n9007199254740992\n9007199254740993\n9007199254740994\n"),
        FixedBug(found: "oracle: upper('Straße') gave STRASSE; DuckDB maps code point by code point",
                 input: "select upper('Straße') as u, lower('İstanbul') as l", outcome: .success, format: .csv,
                 output: "u,l\nSTRAẞE,istanbul\n"),
        FixedBug(found: "source credited the second select of a UNION ALL to the first select's column",
                 input: "source select aanvragen from studenten where year = 2021 union all select beslissingen from studenten where year = 2021",
                 outcome: .success, format: .csv,
                 output: "row,column,value,from,figure,source,line,printed,kwalificatie,words\n"
                    + "1,aanvragen,20560,aanvragen,20560,\"Jaarverslag 2021, Cijfers Studenten\",180,Aanvragen  20.560 12.310 20.430,,\n"
                    + "2,aanvragen,20600,beslissingen,20600,\"Jaarverslag 2021, Cijfers Studenten\",181,Beslissingen  20.600 12.640 20.630,,\n"),
        FixedBug(found: "a table of a UNION ALL of another dataset and approximate kerncijfers trapped (index out of range)",
                 input: "select aanvragen from studenten where year = 2021 union all select waarde from kerncijfers where kwalificatie = 'bijna'",
                 outcome: .success, format: .table,
                 output: "┌───────────┐\n│ aanvragen │\n├───────────┤\n│     20560 │\n│    ~20000 │\n└───────────┘\n2 rows\n"
                    + "~ approximate: the report says bijna (almost)\n"),
        FixedBug(found: "fault injection: spark over 1e308 and -1e308 trapped: the range overflowed and Int(NaN) trapped",
                 input: "select 2019, 1e308 union all select 2020, -1e308", outcome: .success, format: .spark),
        FixedBug(found: "oracle: SELECT DISTINCT \"year\" … ORDER BY year was refused; quoting must not matter",
                 input: "select distinct \"year\" from studenten order by year desc", outcome: .success, format: .csv,
                 output: "year\n2021\n2020\n2019\n"),
        FixedBug(found: "oracle: ORDER BY bedrag sorted by the column bedrag, not by the alias bedrag as DuckDB does",
                 input: "select bedrag, post as bedrag from financien where bedrag > 100000 order by bedrag", outcome: .success,
                 format: .csv, output: "bedrag,bedrag\n176735,Materiële kosten\n427973,Personele kosten\n"
                    + "604709,Totaal Lasten\n578422,Totaal baten\n"),
        // Issue 9: decimals and percentages were binary doubles, and the difference of percentages a percentage.
        FixedBug(found: "issue 9: 0.1 + 0.2 = 0.3 was false, and 0.1 + 0.2 printed 0.30000000000000004",
                 input: "select 0.1 + 0.2 = 0.3 as t, 0.1 + 0.2 as s", outcome: .success, format: .csv,
                 output: "t,s\ntrue,0.3\n"),
        FixedBug(found: "issue 9: 99% - 96% = 94% - 91% was false, though both sides printed 3%",
                 input: "select 99% - 96% = 94% - 91% as t", outcome: .success, format: .csv, output: "t\ntrue\n"),
        FixedBug(found: "issue 9: round(1.005, 2) gave 1.0 (1.005 was a double a hair below it)",
                 input: "select round(1.005, 2) as r", outcome: .success, format: .csv, output: "r\n1.01\n"),
        FixedBug(found: "issue 9: round(avg(inwilligingen)) rounded the fraction, so every category printed 100%",
                 input: "select categorie, round(avg(inwilligingen)) as r from regulier group by categorie order by 1",
                 outcome: .success, format: .csv,
                 output: "categorie,r\narbeidsmigranten,73%\nfamilie_en_gezin,82%\nkennis_en_talent,93%\nstart_ups,71%\nstudenten,98%\n"),
        FixedBug(found: "issue 9: round(85.83%) was 100%, not 86%; round(p, 1) rounds to tenths of a percent",
                 input: "select round(85.83%) as a, round(85.83%, 1) as b", outcome: .success, format: .csv,
                 output: "a,b\n86%,85.8%\n"),
        FixedBug(found: "issue 9: the difference of two percentages printed as a percentage (3%), read as a relative change",
                 input: "select 99% - 96% as d, 80% + (99% - 96%) as p", outcome: .success, format: .markdown,
                 output: "| d | p |\n| ---: | ---: |\n| 3 pp | 83% |\n"),
        FixedBug(found: "issue 9: a share could not be shown as a percentage",
                 input: "select cast(20560 / 12310 - 1 as percentage) as a, (20560 / 12310 - 1)::percentage as b",
                 outcome: .success, format: .csv, output: "a,b\n67.0187%,67.0187%\n"),
        FixedBug(found: "issue 9: json wrote decimals and fractions through doubles",
                 input: "select 0.1 + 0.2 as x, 99% - 96% as d, 1.50 as k", outcome: .success, format: .json,
                 output: "[\n  {\"x\": 0.3, \"d\": 0.03, \"k\": 1.50}\n]\n"),
        FixedBug(found: "issue 9 (DuckDB mismatch): cast(50% as integer) gave 0; DuckDB rounds the half away from zero to 1",
                 input: "select cast(50% as integer) as i", outcome: .success, format: .csv, output: "i\n1\n"),
        FixedBug(found: "issue 9 (DuckDB mismatch): lag(year, 1, 0.5) gave 0.5; DuckDB casts the default to the value's type",
                 input: "select year, lag(year, 1, 0.5) over (order by year) as l from studenten", outcome: .success,
                 format: .csv, output: "year,l\n2019,1\n2020,2019\n2021,2020\n"),
        FixedBug(found: "issue 12 (generated join): an OR in the condition of a join on the right of a comma trapped selecting rows of the padding columns (index out of range)",
                 input: "select count(*) as n from studenten b, studenten t join studenten d on (t.year = d.year or d.aanvragen > t.aanvragen)",
                 outcome: .success, format: .csv, output: "n\n18\n"),
        FixedBug(found: "issue 12 (generated join): the same trap with the inner join in parentheses after CROSS JOIN",
                 input: "select count(*) as n from studenten b cross join (studenten t join studenten d on (t.year = d.year or d.aanvragen > t.aanvragen))",
                 outcome: .success, format: .csv, output: "n\n18\n"),
        FixedBug(found: "issue 12 (DuckDB mismatch, generated join): * over JOIN … USING put the USING column first; DuckDB shows it in the left side's place",
                 input: "select * from (select 1 as a, 10 as k) l right join (select 10 as k, 3 as c union all select 12, 4) r using (k)",
                 outcome: .success, format: .csv, output: "a,k,c\n1,10,3\n,12,4\n"),
        FixedBug(found: "issue 12: with the USING column in the left side's place, EXCLUDE of it still leaves out both copies",
                 input: "select * exclude (k) from (select 1 as a, 10 as k) l right join (select 10 as k, 3 as c) r using (k)",
                 outcome: .success, format: .csv, output: "a,c\n1,3\n"),
        FixedBug(found: "issue 9: decimal overflow must be an error with its place, never a trap",
                 input: "select 9999999999999999999999999999999999999.5 + 0.5", outcome: .failure,
                 message: "decimal overflow in '+'"),
    ]

    /// extremes are the largest, smallest and tiniest finite doubles, in every pairing a chart can scale between.
    static let extremes = ["1.7976931348623157e308", "-1.7976931348623157e308", "1e308", "-1e308", "5e-324", "-5e-324",
                           "0", "9223372036854775807", "-9223372036854775807",
                           // The largest percentage, 38 digits; a larger one (99.99e300%) is refused as out of range.
                           "999999999999999999999999999999999999.99%", "-0.000000000000000000000000000000000001%"]

    /// No renderer may trap on any finite value, however large: each format draws every pair of extremes.
    @Test(arguments: OutputFormat.allCases)
    func renderersTakeExtremeValues(_ format: OutputFormat) {
        for a in Self.extremes {
            for b in Self.extremes {
                let input = "select 'x' as l, 2019 as year, \(a) as v union all select 'x', 2020, \(b)"
                var out = "", err = ""
                var session = Session(format: format, write: { out += $0 }, writeError: { err += $0 })
                session.terminalWidth = { 40 }
                #expect(session.run(SourceText(input)) == .success, "\(format): \(input)\n\(err)")
                #expect(!out.isEmpty)
            }
        }
    }

    @Test(arguments: bugs)
    func stayFixed(_ bug: FixedBug) {
        var out = ""
        var err = ""
        var session = Session(format: bug.format, write: { out += $0 }, writeError: { err += $0 })
        let outcome = session.run(SourceText(bug.input), stopOnError: false)
        #expect(outcome == bug.outcome, "\(bug.found)\nstderr: \(err.prefix(500))")
        if !bug.message.isEmpty {
            #expect(err.contains(bug.message), "\(bug.found)\nstderr: \(err.prefix(500))")
        }
        if let output = bug.output {
            #expect(out == output, "\(bug.found)\nstdout: \(out.debugDescription)")
        }
    }

    /// roundTrips are texts whose canonical SQL must parse back to itself: the fuzzer's round-trip check.
    static let roundTrips: [String] = [
        // The printer doubles quotes with replacingAll, which misses a quote that a combining mark joins.
        "select '''\u{301}' as v",
        "select '\u{B7}|\u{FFFD}/k0''\u{301}it''s' as x",
        "select 1 as \"a\"\"\u{301}\"",
        // A HELP topic prints as typed, quotes dropped, so these print as text that lexes differently.
        "help ''",
        "help '`'",
        "help '--'",
    ]

    @Test(arguments: roundTrips)
    func canonicalSQLIsAFixedPoint(_ text: String) throws {
        let printed = try Parser.parseAll(SourceText(text)).map(\.sql).joined(separator: ";\n")
        let again = try Parser.parseAll(SourceText(printed)).map(\.sql).joined(separator: ";\n")
        #expect(again == printed, "input: \(text.debugDescription)\nprinted: \(printed.debugDescription)")
    }
}
