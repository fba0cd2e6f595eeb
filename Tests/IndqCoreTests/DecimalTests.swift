// Exact decimals, percentages and percentage points: DecimalValue's arithmetic and rounding, DuckDB's result types
// (the type names are those DuckDB's typeof gives for the same expressions), and how each output format writes them.

import Testing
@testable import IndqCore

/// firstRow runs a query in-process and returns its first row.
func firstRow(_ sql: String) throws -> [Value] {
    let source = SourceText(sql)
    guard case .query(let query) = try Parser.parseAll(source)[0] else { return [] }
    var checker = Binder(catalogue: .builtin, source: source)
    return try Executor.run(try checker.check(query)).rows.first ?? []
}

func dec(_ s: String) -> DecimalValue { DecimalValue.parse(s)! }

struct DecimalTests {
    @Test func parsesExactlyWithDuckDBsWidth() {
        #expect(dec("0.5").description == "0.5")
        #expect(dec("1.50").description == "1.50")
        #expect(dec("-0.05").description == "-0.05")
        #expect(dec("007.5") == dec("7.5"))
        #expect(DecimalValue.parse("82.5", shift: 2)?.description == "0.825")
        #expect(DecimalValue.parse("1e2", shift: 2)?.description == "1")
        #expect(DecimalValue.parse("1.5e-3")?.description == "0.0015")
        #expect(DecimalValue.parse("1" + String(repeating: "0", count: 38)) == nil, "39 digits do not fit")
        #expect(DecimalValue.parse("9" + String(repeating: "9", count: 37)) != nil, "38 digits fit")
        for bad in ["", ".", "1.2.3", "1e", "x", "--1", "1e99999"] { #expect(DecimalValue.parse(bad) == nil, "\(bad)") }
        #expect(DecimalValue(approximating: 0.1)?.description == "0.1")
        #expect(DecimalValue(approximating: 2.0 / 3.0)?.scale == 16)
        #expect(DecimalValue(approximating: .infinity) == nil)
    }

    @Test func computesExactlyAndRefusesOverflow() {
        #expect((dec("0.1") + dec("0.2"))! == dec("0.3"))
        #expect((dec("0.5") * dec("0.25"))!.description == "0.125")
        #expect((dec("1.5") - dec("3"))!.description == "-1.5")
        #expect(dec("1.5") == dec("1.50"))
        #expect(dec("1.5").hashValue == dec("1.50").hashValue)
        #expect(dec("-2") < dec("0.001"))
        let big = dec(String(repeating: "9", count: 38))
        #expect((big + dec("1")) == nil)
        #expect((big * dec("10")) == nil)
        #expect(DecimalValue.compare(big, dec("0." + String(repeating: "0", count: 37) + "1")) == 1)
    }

    @Test func roundsHalvesAwayFromZeroKeepingTheWidth() {
        #expect(dec("1.005").rounded(to: 2)?.description == "1.01")
        #expect(dec("-1.005").rounded(to: 2)?.description == "-1.01")
        #expect(dec("2.5").rounded(to: 0)?.description == "3")
        #expect(dec("15.5").rounded(to: -1)?.description == "20")
        #expect(dec("123.45").rounded(to: -5)?.description == "0")
        #expect(dec("0.5").rounded(to: 5)?.description == "0.5")
        #expect(dec("1.555").rounded(to: 1)?.width == 4)
        #expect(dec("0.5").wholeNumber == 1)
        #expect(dec("-0.5").wholeNumber == -1)
    }

    /// typeNames are DuckDB's typeof for each expression, as the DuckDB CLI gives them.
    static let typeNames: [(String, String)] = [
        ("0.5", "DECIMAL(2,1)"), (".5", "DECIMAL(1,1)"), ("10.25", "DECIMAL(4,2)"), ("0.05", "DECIMAL(3,2)"),
        ("100.00", "DECIMAL(5,2)"), ("1e3", "DOUBLE"), ("0.5 + 0.25", "DECIMAL(4,2)"), ("0.5 * 0.25", "DECIMAL(5,3)"),
        ("0.5 / 0.25", "DOUBLE"), ("7 / 2", "DOUBLE"), ("round(1.005, 2)", "DECIMAL(4,2)"), ("round(1.5)", "DECIMAL(2,0)"),
        ("round(1.555, 1)", "DECIMAL(4,1)"), ("round(15.5, -1)", "DECIMAL(3,0)"), ("round(0.5, 5)", "DECIMAL(2,1)"),
        ("abs(-1.5)", "DECIMAL(2,1)"), ("-1.5", "DECIMAL(2,1)"), ("cast(1.5 as decimal(10, 3))", "DECIMAL(10,3)"),
        ("1.5::numeric", "DECIMAL(18,3)"), ("coalesce(1::bigint, 1.5)", "DECIMAL(20,1)"), ("coalesce(1.25, 10.5)", "DECIMAL(4,2)"), ("1.5 + 3::bigint", "DECIMAL(21,1)"), ("0.1 + 0.1::double", "DOUBLE"),
        ("1.23456789012345678901234567890123456789", "DOUBLE"), ("1::double", "DOUBLE"), ("'x'", "VARCHAR"),
        ("true", "BOOLEAN"), ("2::bigint", "BIGINT"),
    ]

    @Test(arguments: typeNames)
    func resultTypesFollowDuckDB(_ row: (String, String)) throws {
        #expect(try firstRow("select " + row.0).first?.duckDBTypeName == row.1, "select \(row.0)")
    }

    @Test func sumOfDecimalsIsDecimal38() throws {
        let v = try firstRow("select sum(waarde) from kerncijfers where eenheid = 'miljoen euro'")
        #expect(v.first?.duckDBTypeName.hasPrefix("DECIMAL(38,") == true)
        #expect(try firstRow("select avg(waarde) from kerncijfers where eenheid = 'miljoen euro'").first?.type == .double)
    }

    /// rows are statements and their csv output, each checked against what DuckDB gives (percentages as fractions).
    static let rows: [(String, String)] = [
        ("select 0.1 + 0.2 = 0.3, 0.1 + 0.2", "0.1 + 0.2 = 0.3,0.1 + 0.2\ntrue,0.3\n"),
        ("select 99% - 96% = 94% - 91% as same, 99% - 96% as d", "same,d\ntrue,0.03\n"),
        ("select round(1.005, 2), round(2.675, 2), round(-2.5), 1.50, 2.50 * 2",
         "\"round(1.005, 2)\",\"round(2.675, 2)\",round(-2.5),1.50,2.50 * 2\n1.01,2.68,-3,1.50,5.00\n"),
        ("select 7.5 / 2, 1 / 3 = 1.0 / 3, 0.1 = 0.1::double", "7.5 / 2,1 / 3 = 1.0 / 3,0.1 = 0.1::double\n3.75,true,true\n"),
        ("select cast(2.5 as integer), cast(-2.5 as integer), cast(2.5::double as integer), cast(50% as integer)",
         "cast(2.5 as integer),cast(-2.5 as integer),cast(2.5::double as integer),cast(50% as integer)\n3,-3,2,1\n"),
        ("select 1.5::varchar, 1.50::varchar || 'x', cast(1.235 as decimal(10, 2))",
         "1.5::varchar,1.50::varchar || 'x',\"cast(1.235 as decimal(10, 2))\"\n1.5,1.50x,1.24\n"),
        // Percentages: exact fractions; the difference of two is in points; points plus a percentage is a percentage.
        ("select round(85.83%), round(85.83%, 1), round(85.83% - 80%, 1)", "round(85.83%),\"round(85.83%, 1)\",\"round(85.83% - 80%, 1)\"\n86%,85.8%,0.058\n"),
        ("select 80% + (99% - 96%), (99% - 96%) + 80%, (99% - 96%) - (94% - 93%), 50% + 25%",
         "80% + (99% - 96%),(99% - 96%) + 80%,(99% - 96%) - (94% - 93%),50% + 25%\n83%,83%,0.02,75%\n"),
        ("select 82% * 39580, 82% * 0.5, -(99% - 96%), abs(96% - 99%)", "82% * 39580,82% * 0.5,-(99% - 96%),abs(96% - 99%)\n32455.60,0.410,-0.03,0.03\n"),
        ("select cast(0.5 as percentage), 0.825::percentage, cast(1 as percentage), cast('82%' as percentage), cast('0.5' as percentage)",
         "cast(0.5 as percentage),0.825::percentage,cast(1 as percentage),cast('82%' as percentage),cast('0.5' as percentage)\n50%,82.5%,100%,82%,50%\n"),
        ("select (20560 / 12310 - 1)::percentage as groei", "groei\n67.0187%\n"),
        ("select cast(inwilligingen - 90% as percentage) as p from studenten where year = 2021", "p\n9%\n"),
        ("select max(inwilligingen) - min(inwilligingen) as spreiding from regulier", "spreiding\n0.35\n"),
        ("select avg(inwilligingen) - 90% as d from studenten", "d\n0.08\n"),
        ("select year, lag(inwilligingen, 1, 0) over (order by year) as l from studenten", "year,l\n2019,0%\n2020,99%\n2021,96%\n"),
        ("select year, lead(aanvragen, 1, 2.5) over (order by year) as l from studenten order by year desc limit 1", "year,l\n2021,3\n"),
        // CASE, COALESCE and UNION give their branches one DECIMAL(width, scale), as DuckDB prints 1.0 for the 1.
        ("select coalesce(null, 1, 2.5) as c, case when true then 1 else 2.5 end as k", "c,k\n1.0,1.0\n"),
        ("select 1 as x union all select 2.25 union all select -0.5", "x\n1.00\n2.25\n-0.50\n"),
        ("select coalesce(null, 50%, 0.5) as c", "c\n0.50\n"),
        ("select greatest(1.5, 2) as g, least(1.5, 2) as l, ifnull(1, 2.5) as i, if(true, 1, 2.5) as f", "g,l,i,f\n2.0,1.5,1.0,1.0\n"),
        // Errors keep their place.
        ("select 9999999999999999999999999999999999999.5 + 0.5", "1:8 error: decimal overflow in '+' (the result needs more than 38 digits)"),
        ("select cast(123.5 as decimal(3, 1))", "1:8 error: 123.5 is out of range for DECIMAL(3,1)"),
        ("select cast('x' as percentage)", "1:8 error: cannot convert 'x' to PERCENTAGE (expected e.g. '82%' or 0.82)"),
        ("select cast(true as percentage)", "1:13 error: cannot convert boolean to PERCENTAGE; expected a fraction such as 0.82"),
        ("select 1e40%", "1:8 error: percentage 1e40% is out of range (at most 38 digits)"),
        ("select 1e38% as p, 1e38% - 1e37% as d", "p,d\n1000000000000000000000000000000000000 (as a fraction),900000000000000000000000000000000000\n"),
    ]

    @Test(arguments: rows)
    func evaluates(_ row: (String, String)) {
        #expect(runCSV(row.0) == row.1, "\(row.0)")
    }

    @Test func pointsPrintAsPPInTablesMarkdownAndCharts() {
        let query = "select categorie, max(inwilligingen) filter (where year = 2021) - max(inwilligingen) filter (where year = 2020) as verandering from regulier group by categorie order by 2 desc, 1 limit 2"
        let table = runOutput(query)
        #expect(table.contains("│ start_ups        │       18 pp │"), "\(table)")
        #expect(runOutput(query, format: .markdown).contains("| start_ups | 18 pp |"))
        let bar = runOutput(query, format: .bar, width: 60)
        #expect(bar.contains(" 18 pp\n") && bar.contains("0 pp"), "\(bar)")
        #expect(runOutput(query, format: .json).contains("\"verandering\": 0.18}"))
        #expect(runOutput(query, format: .csv).contains("start_ups,0.18\n"))
        #expect(runOutput(query, numbers: .nl).contains("18 pp"))
        #expect(runOutput("select 0.5 - 0.25 as d, 0.125::percentage - 0.1::percentage as p", numbers: .nl).contains("0,25 │ 2,5 pp"))
    }

    @Test func helpExplainsPointsAndTheArithmetic() {
        for topic in ["procentpunt", "procentpunten", "percentage points", "PERCENTAGE POINT", "pp"] {
            let text = runOutput("help " + topic)
            #expect(text.hasPrefix("procentpunt (percentage points)\n"), "help \(topic): \(text)")
            #expect(text.contains("6 pp"))
        }
        let numbers = runOutput("help numbers")
        #expect(numbers.contains("percentage - percentage                points             99% - 96% is 3 pp"), "\(numbers)")
        #expect(runOutput("help").contains("help numbers"))
    }
}
