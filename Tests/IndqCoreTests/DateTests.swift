// Dates: the calendar arithmetic of DateValue against a day-by-day count, the parse functions the CSV sniffer
// calls (ISO and Dutch), and dates through the language: literals, casts, comparisons, arithmetic, ordering,
// grouping and every output format. DuckDB's answers for the same queries are in Tests/Oracle/corpus.sql.

import Testing
@testable import IndqCore

func date(_ s: String) -> DateValue? { DateValue.parse(s[...]) }

/// bytesParse runs a byte parser over a text's UTF-8, as the CSV sniffer does over a field.
func bytesParse(_ s: String, _ parse: (UnsafeBufferPointer<UInt8>) -> DateValue?) -> DateValue? {
    Array(s.utf8).withUnsafeBufferPointer(parse)
}

struct DateTests {
    /// Walking day by day from 0001-01-01 to 9999-12-31 with a naive calendar must meet every conversion.
    @Test func everyDayOfTheRangeRoundTrips() {
        var (y, m, d) = (1, 1, 1)
        var days = Int64(DateValue.minDays)
        var mismatches: [String] = []
        while days <= Int64(DateValue.maxDays) {
            let v = DateValue(days: days)!
            let c = v.components
            if c.year != y || c.month != m || c.day != d || DateValue(year: y, month: m, day: d)?.days != v.days {
                mismatches.append("\(days): \(c) vs \((y, m, d))")
                if mismatches.count > 5 { break }
            }
            d += 1
            if d > DateValue.daysIn(month: m, year: y) { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
            days += 1
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect((y, m, d) == (10000, 1, 1), "the walk must end just after 9999-12-31")
        #expect(DateValue(year: 1970, month: 1, day: 1)?.days == 0)
        #expect(DateValue(year: 2022, month: 3, day: 31)?.days == 19082)
        #expect(DateValue(days: Int64(DateValue.minDays) - 1) == nil)
        #expect(DateValue(days: Int64(DateValue.maxDays) + 1) == nil)
        #expect(DateValue(days: .max) == nil && DateValue(days: .min) == nil)
    }

    @Test func leapYearsFollowTheGregorianRule() {
        for (year, leap) in [(2024, true), (2022, false), (2000, true), (1900, false), (2100, false), (1600, true), (4, true), (1, false)] {
            #expect(DateValue.isLeap(year) == leap, "\(year)")
            #expect((DateValue(year: year, month: 2, day: 29) != nil) == leap, "\(year)-02-29")
        }
        #expect(DateValue(year: 2022, month: 4, day: 31) == nil)
        #expect(DateValue(year: 2022, month: 13, day: 1) == nil)
        #expect(DateValue(year: 0, month: 1, day: 1) == nil)
        #expect(DateValue(year: 10000, month: 1, day: 1) == nil)
        #expect(DateValue(year: .max, month: 1, day: 1) == nil)
    }

    @Test func printsISOWithFourDigitYears() {
        #expect(date("2022-03-31")?.description == "2022-03-31")
        #expect(DateValue.min.description == "0001-01-01")
        #expect(DateValue.max.description == "9999-12-31")
        #expect(DateValue(days: -1)?.description == "1969-12-31")
        #expect(Value.date(date("2022-3-1")!).display == "2022-03-01")
    }

    @Test func partsOfADate() throws {
        let d = try #require(date("2022-03-31"))
        #expect(d.year == 2022 && d.month == 3 && d.day == 31)
        #expect(d.quarter == 1 && d.dayOfYear == 90)
        #expect(d.dayOfWeek == 4 && d.isoDayOfWeek == 4, "2022-03-31 is a Thursday")
        #expect(date("2022-04-03")?.dayOfWeek == 0 && date("2022-04-03")?.isoDayOfWeek == 7, "a Sunday")
        // ISO weeks: 2021-01-03 belongs to week 53 of 2020; 2024-12-30 to week 1 of 2025.
        #expect(date("2021-01-03")!.isoWeek == (2020, 53))
        #expect(date("2021-01-04")!.isoWeek == (2021, 1))
        #expect(date("2024-12-30")!.isoWeek == (2025, 1))
        #expect(date("2022-03-31")!.isoWeek == (2022, 13))
        #expect(DateValue.min.isoWeek == (1, 1) && DateValue.max.isoWeek == (9999, 52))
        #expect(d.adding(days: 1)?.description == "2022-04-01")
        #expect(DateValue.max.adding(days: 1) == nil && DateValue.min.adding(days: -1) == nil)
        #expect(d.adding(days: .max) == nil && d.adding(days: .min) == nil)
    }

    /// parseISO is strict: four, two and two digits; parseDutch takes a day and a month of one or two digits.
    static let parses: [(String, iso: String?, dutch: String?)] = [
        ("2022-03-31", "2022-03-31", nil),
        ("31-03-2022", nil, "2022-03-31"),
        ("1-4-2022", nil, "2022-04-01"),
        ("01-4-2022", nil, "2022-04-01"),
        ("1-04-2022", nil, "2022-04-01"),
        ("29-02-2024", nil, "2024-02-29"),
        ("29-02-2023", nil, nil),
        ("2024-02-29", "2024-02-29", nil),
        ("2023-02-29", nil, nil),
        ("2022-3-31", nil, nil),
        ("2022-13-01", nil, nil),
        ("2022-00-10", nil, nil),
        ("2022-01-00", nil, nil),
        ("0000-01-01", nil, nil),
        ("0001-01-01", "0001-01-01", nil),
        ("9999-12-31", "9999-12-31", nil),
        ("32-01-2022", nil, nil),
        ("31-13-2022", nil, nil),
        ("123-1-2022", nil, nil),
        ("1-123-2022", nil, nil),
        ("31-03-22", nil, nil),
        ("31/03/2022", nil, nil),
        ("2022/03/31", nil, nil),
        (" 2022-03-31", nil, nil),
        ("2022-03-31 ", nil, nil),
        ("2022-03-3a", nil, nil),
        ("+022-03-31", nil, nil),
        ("-1-1-2022", nil, nil),
        ("1--1-2022", nil, nil),
        ("", nil, nil),
        ("--", nil, nil),
        ("2022-03-31x", nil, nil),
        ("٢٠٢٢-03-31", nil, nil),
    ]

    @Test(arguments: parses) func parsesBytes(_ row: (String, iso: String?, dutch: String?)) {
        #expect(bytesParse(row.0, DateValue.parseISO)?.description == row.iso)
        #expect(DateValue.parseISO(row.0[...])?.description == row.iso)
        #expect(bytesParse(row.0, DateValue.parseDutch)?.description == row.dutch)
        #expect(DateValue.parseDutch(row.0[...])?.description == row.dutch)
    }

    @Test func parsesEveryByteLengthWithoutTrapping() {
        // Every prefix of hostile texts, through every parser: none may trap, and only real dates parse.
        for text in ["2022-03-31", "31-03-2022", "9-9-9999", "\u{0}\u{FF}--", "99999999999999999999-1-1", "1-1-1-1-1"] {
            let bytes = Array(text.utf8)
            for n in 0...bytes.count {
                let prefix = Array(bytes[..<n])
                _ = prefix.withUnsafeBufferPointer(DateValue.parseISO)
                _ = prefix.withUnsafeBufferPointer(DateValue.parseDutch)
                _ = DateValue.parse(String(decoding: prefix, as: UTF8.self)[...])
            }
        }
        #expect(date("99999999999999999999-1-1") == nil)
    }

    /// parse, for CAST: spaces around, and a month and day of one or two digits, as DuckDB's cast takes them.
    @Test func castParsesLeniently() {
        #expect(date(" 2022-3-1 ")?.description == "2022-03-01")
        #expect(date("1-01-01")?.description == "0001-01-01")
        #expect(date("2022-03-31")?.description == "2022-03-31")
        for bad in ["2022-003-01", "20220301", "2022-03", "2022-03-01-", "x", "", "2022 03 01", "2022-03-01 10:00", "10000-01-01"] {
            #expect(date(bad) == nil, "\(bad)")
        }
    }

    static let errors: [(String, String)] = [
        ("x", "expected a date as YYYY-MM-DD, found 'x'"),
        ("2022-02-29", "'2022-02-29' is not a date: February 2022 has 28 days (2022 is not a leap year)"),
        ("2022-04-31", "'2022-04-31' is not a date: April 2022 has 30 days"),
        ("2022-13-01", "'2022-13-01' is not a date: month 13 does not exist (expected 1 to 12)"),
        ("0-01-01", "'0-01-01' is out of range (dates run from 0001-01-01 to 9999-12-31)"),
        ("31-03-2022", "expected a date as YYYY-MM-DD, found '31-03-2022'"),
    ]

    @Test(arguments: errors) func saysWhyATextIsNoDate(_ row: (String, String)) {
        #expect(DateValue.parseError(row.0[...]) == row.1)
    }

    /// Statements through a session, as CSV, or the error with its place.
    static let statements: [(String, String)] = [
        ("select date '2022-03-31' as d", "d\n2022-03-31\n"),
        ("select DATE '2022-3-1' as d, typeof(date '2022-03-31') as t", "d,t\n2022-03-01,DATE\n"),
        ("select cast('2024-02-29' as date) as a, '2022-03-31'::date as b", "a,b\n2024-02-29,2022-03-31\n"),
        ("select cast(date '2022-03-31' as varchar) || '!' as s", "s\n2022-03-31!\n"),
        ("select date '2022-03-31' + 1 as a, 1 + date '2022-03-31' as b, date '2022-03-01' - 1 as c",
         "a,b,c\n2022-04-01,2022-04-01,2022-02-28\n"),
        ("select date '2022-03-31' - date '2022-01-01' as n, date '2022-01-01' - date '2022-03-31' as m", "n,m\n89,-89\n"),
        ("select date '2022-03-31' > '2022-01-01' as a, date '2022-03-31' = '2022-3-31' as b, '2023-01-01' < date '2022-03-31' as c",
         "a,b,c\ntrue,true,false\n"),
        ("select date '2022-03-31' between '2022-01-01' and date '2022-12-31' as a, date '2022-03-31' in ('2022-03-31', '2023-01-01') as b",
         "a,b\ntrue,true\n"),
        ("select date '2022-03-31' = null as a, null::date as b, cast(null as date) is null as c", "a,b,c\n,,true\n"),
        ("select date '2022-01-01' + range * 40 as d from range(4) order by d desc", "d\n2022-05-01\n2022-03-22\n2022-02-10\n2022-01-01\n"),
        ("select date '2022-01-01' + range // 3 as d, count(*) as n from range(7) group by d order by d",
         "d,n\n2022-01-01,3\n2022-01-02,3\n2022-01-03,1\n"),
        ("select count(distinct date '2022-01-01' + range // 2) as n, min(date '2022-01-01' - range) as lo, max(date '2022-01-01' + range) as hi from range(5)",
         "n,lo,hi\n3,2021-12-28,2022-01-05\n"),
        ("select distinct date '2022-01-01' + range // 4 as d from range(9) order by d", "d\n2022-01-01\n2022-01-02\n2022-01-03\n"),
        ("select date '2022-01-01' as d union select '2022-01-01' union select date '2021-12-31' order by d", "d\n2021-12-31\n2022-01-01\n"),
        ("select coalesce(null, date '2022-01-01', '2023-01-01') as d", "d\n2022-01-01\n"),
        ("select case when false then date '2022-01-01' else '2022-02-02' end as d", "d\n2022-02-02\n"),
        ("select date '2022-01-01' + range as d from range(3) where date '2022-01-01' + range >= '2022-01-02'", "d\n2022-01-02\n2022-01-03\n"),
        // Errors name the place and say what was expected.
        ("select date '2022-02-29'", "1:8 error: '2022-02-29' is not a date: February 2022 has 28 days (2022 is not a leap year)"),
        ("select date 'morgen'", "1:8 error: expected a date as YYYY-MM-DD, found 'morgen'"),
        ("select cast('31-03-2022' as date)", "1:13 error: expected a date as YYYY-MM-DD, found '31-03-2022'"),
        ("select date '2022-03-31' > '2022-13-01'", "1:28 error: '2022-13-01' is not a date: month 13 does not exist (expected 1 to 12)"),
        ("select cast('x' || range as date) from range(2)", "1:8 error: expected a date as YYYY-MM-DD, found 'x0'"),
        ("select date '9999-12-31' + 1", "1:8 error: date out of range in '+' (dates run from 0001-01-01 to 9999-12-31)"),
        ("select date '0001-01-01' - 1", "1:8 error: date out of range in '-' (dates run from 0001-01-01 to 9999-12-31)"),
        ("select date '2022-01-01' + 9223372036854775807", "1:8 error: date out of range in '+' (dates run from 0001-01-01 to 9999-12-31)"),
        ("select date '2022-01-01' - (-9223372036854775807 - 1)", "1:8 error: date out of range in '-' (dates run from 0001-01-01 to 9999-12-31)"),
        ("select date '2022-01-01' + 1.5", "1:8 error: cannot apply '+' to date and decimal; expected a date ± whole days, or date - date"),
        ("select date '2022-01-01' + date '2022-01-01'", "1:8 error: cannot apply '+' to date and date; expected a date ± whole days, or date - date"),
        ("select date '2022-01-01' * 2", "1:8 error: cannot apply '*' to date and integer; expected a date ± whole days, or date - date"),
        ("select -date '2022-01-01'", "1:8 error: cannot apply unary '-' to date; expected a number"),
        ("select date '2022-01-01' = 1", "1:8 error: cannot compare date with integer using ="),
        ("select cast(20220101 as date)", "1:13 error: cannot convert integer to DATE; expected text such as '2022-03-31'"),
        ("select cast(date '2022-01-01' as integer)", "1:13 error: cannot convert a date to INTEGER; year(d), month(d) and day(d) give its parts"),
        ("select sum(date '2022-01-01')", "1:12 error: sum takes numbers, found date"),
        ("select date '2019-01-01' = year || '-01-01' from studenten", "1:28 error: cannot compare text with a date; convert the text with cast(… as date)"),
        ("select date '2019-01-01' = cast(year || '-01-01' as date) as b from studenten where year = 2019", "b\ntrue\n"),
        ("select nullif(date '2022-01-01', '2022-01-01') as a, nullif(date '2022-01-01', '2022-01-02') as b", "a,b\n,2022-01-01\n"),
        ("select date '2022-01-01' as d union select 'x' order by d", "d\n2022-01-01\nx\n"),
    ]

    @Test(arguments: statements) func runs(_ row: (String, String)) {
        #expect(runCSV(row.0) == row.1)
    }

    /// The date functions, and the errors of their arguments, with the place.
    static let functions: [(String, String)] = [
        ("select year(date '2022-03-31') as y, month(date '2022-03-31') as m, day(date '2022-03-31') as d", "y,m,d\n2022,3,31\n"),
        ("select extract(year from date '2022-03-31') as a, extract('doy' from date '2022-03-31') as b, date_part('Y', date '2022-03-31') as c",
         "a,b,c\n2022,90,2022\n"),
        ("select date_trunc('month', date '2022-03-31') as a, date_trunc('week', date '2022-04-03') as b, typeof(date_trunc('year', date '2022-03-31')) as t",
         "a,b,t\n2022-03-01,2022-03-28,DATE\n"),
        ("select date_trunc('quarter', date '2022-12-31') as q, date_trunc('millennium', date '2022-12-31') as m", "q,m\n2022-10-01,2000-01-01\n"),
        ("select date_diff('month', date '2022-01-31', date '2022-02-01') as m, date_diff('week', date '2022-01-09', date '2022-01-01') as w",
         "m,w\n1,-1\n"),
        ("select last_day(date '2024-02-01') as a, make_date(2024, 2, 29) as b, monthname(date '2022-03-31') as c, dayname(date '2022-04-03') as d",
         "a,b,c,d\n2024-02-29,2024-02-29,March,Sunday\n"),
        ("select year(null) as a, date_trunc(null, date '2022-01-01') as b", "a,b\n,\n"),
        ("select month(date '2022-01-01' + range * 31) as m, count(*) as n from range(4) group by m order by m", "m,n\n1,1\n2,1\n3,1\n4,1\n"),
        ("select year('2022-03-31')", "1:13 error: year takes a date, found text; write date '2022-03-31' or cast(… as date)"),
        ("select month(3)", "1:14 error: month takes a date, found integer; write date '2022-03-31' or cast(… as date)"),
        ("select date_part('fortnight', date '2022-03-31')",
         "1:18 error: date_part takes one of the parts 'year', 'quarter', 'month', 'day', 'week', 'dayofweek', 'isodow', 'dayofyear', 'isoyear', 'yearweek', 'decade', 'century', 'millennium'; found 'fortnight'"),
        ("select date_trunc('dow', date '2022-03-31')",
         "1:19 error: date_trunc takes one of the parts 'year', 'quarter', 'month', 'week', 'day', 'decade', 'century', 'millennium'; found 'dow'"),
        ("select date_part(categorie, date '2022-03-31') from regulier", "1:8 error: date_part takes one of the parts 'year', 'quarter', 'month', 'day', 'week', 'dayofweek', 'isodow', 'dayofyear', 'isoyear', 'yearweek', 'decade', 'century', 'millennium'; found 'familie_en_gezin'"),
        ("select date_part(1, date '2022-03-31')", "1:18 error: date_part's first argument is a part such as 'year' or 'month', found integer"),
        ("select date_trunc('decade', date '0009-12-31')", "1:8 error: date out of range in date_trunc (dates run from 0001-01-01 to 9999-12-31)"),
        ("select make_date(2023, 2, 29)", "1:8 error: '2023-2-29' is not a date: February 2023 has 28 days (2023 is not a leap year)"),
        ("select make_date(2023, 13, 1)", "1:8 error: '2023-13-1' is not a date: month 13 does not exist (expected 1 to 12)"),
        ("select make_date(9223372036854775807, -9223372036854775807, 1)",
         "1:8 error: '9223372036854775807--9223372036854775807-1' is out of range (dates run from 0001-01-01 to 9999-12-31)"),
        ("select make_date(2023, 1.5, 1)", "1:24 error: make_date's argument 2 must be a whole number, found decimal"),
        ("select extract(year date '2022-03-31')", "1:21 error: expected FROM in extract(part from d), found name 'date'"),
        ("select extract(from date '2022-03-31')", "1:16 error: expected a part such as year or month in extract(part from d), found FROM"),
        ("select extract(year from date '2022-03-31'", "1:43 error: expected ')' to close '(' at 1:15, found end of input"),
    ]

    @Test(arguments: functions) func functionsRun(_ row: (String, String)) {
        #expect(runCSV(row.0) == row.1)
    }

    @Test func helpDatesNamesEveryDateFunction() {
        let text = Help.text(topic: "dates", catalogue: .builtin)
        for e in FunctionRegistry.dateFunctions { #expect(text.contains(e.name), "help dates lacks \(e.name)") }
        #expect(Help.text(topic: nil, catalogue: .builtin).contains("help dates"))
    }

    @Test func everyFormatWritesISO() {
        let sql = "select date '2022-03-31' as d"
        #expect(runOutput(sql, format: .json).contains("\"d\": \"2022-03-31\""))
        #expect(runOutput(sql, format: .markdown).contains("| 2022-03-31 |"))
        #expect(runOutput(sql, format: .table).contains("│ 2022-03-31 │"))
        #expect(runOutput(sql, format: .csv).contains("2022-03-31"))
    }

    @Test func chartsDrawOverDates() {
        // A sparkline runs over a date column as over years, in date order; a bar chart labels its bars with dates.
        let spark = runOutput("select date '2022-01-01' + range * 31 as d, 10 - range as n from range(4) order by d desc", format: .spark)
        #expect(spark.contains("2022-01-01 █▆▃▁ 2022-04-04"), "\(spark)")
        let bar = runOutput("select date '2022-01-01' + range as d, range + 1 as n from range(2)", format: .bar)
        #expect(bar.contains("2022-01-02 │") && !bar.contains("shown as a table"), "\(bar)")
    }

    @Test func keysJoinEqualDatesOnly() {
        let d = Value.date(date("2022-03-31")!)
        #expect(ValueKey(d) == ValueKey(.date(date("2022-3-31")!)))
        #expect(ValueKey(d) != ValueKey(.text("2022-03-31")))
        #expect(ValueKey(d) != ValueKey(.integer(19082)), "a date is not its day number")
        #expect(d.hashValue == Value.date(date("2022-03-31")!).hashValue)
        #expect(SQL.compare(d, .date(date("2022-04-01")!)) == -1)
        #expect(SQL.compare(d, .null) == nil)
    }

    @Test func dateStaysAColumnName() throws {
        // `date` followed by anything but a string is a name: a CSV file may have a column called date.
        let source = SourceText("select date from t where date > date '2022-01-01'")
        guard case .query(let q) = try Parser.parseAll(source)[0] else { Issue.record("not a query"); return }
        #expect(q.sql.contains("DATE '2022-01-01'"))
        #expect(q.sql.lowercased().contains("select date from"))
    }
}
