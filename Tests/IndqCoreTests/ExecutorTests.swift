// Executor tests: each row is a statement over the report datasets and its result as CSV, or the error it must
// give (with its line:column). The figures are those of the reports; see Sources/IndqData.

import Testing
@testable import IndqCore

/// runCSV runs statements through a session and returns stdout as CSV (with \n line ends), or stderr's first line
/// and position when a statement failed.
func runCSV(_ source: String) -> String {
    var out = ""
    var err = ""
    var session = Session(format: .csv, write: { out += $0 }, writeError: { err += $0 })
    let outcome = session.run(SourceText(source))
    if outcome == .failure {
        let lines = err.split(separator: "\n")
        let position = lines.first { $0.contains("-->") }.map { String($0.split(separator: " ").last!) } ?? "?"
        return "\(position) \(lines.first ?? "")"
    }
    return out.replacingAll("\r\n", with: "\n")
}

struct ExecutorTests {
    static let rows: [(String, String)] = [
        ("select aanvragen from studenten where year = 2021", "aanvragen\n20560\n"),
        ("select JAAR, Aanvragen from STUDENTEN where jaar = 2020", "JAAR,Aanvragen\n2020,12310\n"),
        ("select year, applications from students where year = 2020", "year,applications\n2020,12310\n"),
        ("select * from brexit", "year,aanvragen,beslissingen,inwilligingen\n2020,34790,32920,99%\n2021,39520,39360,98%\n"),
        ("select year, aanvragen - beslissingen as verschil from familie_en_gezin order by verschil desc",
         "year,verschil\n2021,3110\n2019,510\n2020,270\n"),
        ("select aanvragen * inwilligingen as toegekend from familie_en_gezin where year = 2021", "toegekend\n35005.80\n"),
        ("select 7 / 2 as a, 7 // 2 as b, -7 // 2 as c, 1 / 0 as d, 1 // 0 as e from start_ups limit 1",
         "a,b,c,d,e\n3.5,3,-3,,\n"),
        ("select year from regulier where inwilligingen = 82% and categorie = 'familie_en_gezin'", "year\n2021\n"),
        ("select year from regulier where inwilligingen = 0.82 and categorie = 'start_ups'", "year\n2021\n"),
        ("select categorie from regulier where year = 2021 and inwilligingen >= 94% order by 1",
         "categorie\nkennis_en_talent\nstudenten\n"),
        ("select year from studenten where year between 2019 and 2020", "year\n2019\n2020\n"),
        ("select year from studenten where year not between 2019 and 2020", "year\n2021\n"),
        ("select year from studenten where year in (2019, 2021)", "year\n2019\n2021\n"),
        ("select year from studenten where year not in (2019, null)", "year\n"),
        ("select year from studenten where year in (2019, null)", "year\n2019\n"),
        ("select year from studenten where not (year = 2019 or year = 2020)", "year\n2021\n"),
        ("select year from studenten where null", "year\n"),
        ("select year, null is null, null = null, 1 < 2 from studenten limit 1",
         "year,null is null,null = null,1 < 2\n2019,true,,true\n"),
        ("select inwilligingen + inwilligingen, inwilligingen * 2, -inwilligingen from studenten where year = 2019",
         "inwilligingen + inwilligingen,inwilligingen * 2,-inwilligingen\n198%,1.98,-99%\n"),
        ("select year from studenten order by aanvragen desc limit 1", "year\n2021\n"),
        ("select year from studenten order by year desc limit 1 offset 1", "year\n2020\n"),
        ("select distinct inwilligingen from studenten", "inwilligingen\n99%\n96%\n"),
        ("select categorie || ':' || year as k from regulier where year = 2019 and aanvragen < 1000", "k\nstart_ups:2019\n"),
        ("select 9223372036854775807 + 0 as big from studenten limit 1", "big\n9223372036854775807\n"),
        ("select 1.5 * 2, 0.1 + 0.2, 1e3 from studenten limit 1", "1.5 * 2,0.1 + 0.2,1e3\n3.0,0.3,1000.0\n"),
        ("select count from x where", "1:26 error: expected an expression, found end of input"),
        // Errors found before any row is produced.
        ("select aanvragen from studnten", "1:23 error: unknown dataset 'studnten'"),
        ("select aanvrage from studenten", "1:8 error: unknown column 'aanvrage' in studenten"),
        ("select year from studenten where aanvragen", "1:34 error: expected a condition after WHERE, found an expression of type integer"),
        ("select year from regulier where categorie = 2021", "1:33 error: cannot compare text with integer using = (write numbers without quotes, and text in 'single quotes')"),
        ("select categorie + 1 from regulier", "1:8 error: cannot apply '+' to text and integer; expected numbers"),
        ("select year from studenten where year and true", "1:34 error: expected a condition for AND, found an expression of type integer"),
        ("select inwilligingen // 2 from studenten", "1:8 error: '//' divides whole numbers, found percentage and integer; use '/' for decimals"),
        ("select year from studenten order by 3", "1:37 error: ORDER BY position 3 is not in the select list (expected 1 to 1)"),
        ("select 99999999999999999999 from studenten", "1:8 error: integer 99999999999999999999 is out of range (limit is 9223372036854775807)"),
        ("select -year from studenten", "year\n-2019\n-2020\n-2021\n".replacingAll("year\n", with: "-year\n")),
        // Overflow is an error with its place, never a trap.
        ("select 9223372036854775807 + year from studenten", "1:8 error: integer overflow in '+' (the result does not fit in 64 bits)"),
        ("select aanvragen * 9223372036854775807 from studenten", "1:8 error: integer overflow in '*' (the result does not fit in 64 bits)"),
        ("select -(-9223372036854775807 - 1) from studenten", "1:8 error: integer overflow in '-' (the result is below -9223372036854775808)"),
        ("select (-9223372036854775807 - 1) // -1 from studenten", "1:8 error: integer overflow in '//' (the result does not fit in 64 bits)"),
        ("select 1e308 * 10 from studenten", "1:8 error: number overflow in '*' (the result is too large for a double)"),
        // A failing statement stops the script; the ones before it have run.
        ("select year from brexit where year = 2020; select x from brexit; select 1 from brexit",
         "1:51 error: unknown column 'x' in brexit"),
    ]

    @Test(arguments: rows)
    func evaluates(_ row: (String, String)) {
        #expect(runCSV(row.0) == row.1, "query: \(row.0)")
    }

    static let languageRows: [(String, String)] = [
        ("select count(*), count(distinct inwilligingen), sum(aanvragen), min(year), max(inwilligingen) from studenten",
         "count(*),count(distinct inwilligingen),sum(aanvragen),min(year),max(inwilligingen)\n3,2,53300,2019,99%\n"),
        ("select avg(aanvragen), avg(inwilligingen) from brexit", "avg(aanvragen),avg(inwilligingen)\n37155.0,98.5%\n"),
        ("select count(*) filter (where inwilligingen >= 90%) as hoog from regulier", "hoog\n6\n"),
        ("select year, sum(aanvragen) from regulier group by year order by year",
         "year,sum(aanvragen)\n2019,86090\n2020,61330\n2021,89490\n"),
        ("select year % 2 from studenten", "1:13 error: '%' must follow a number directly, as in 95%; the modulo operator is not supported"),
        ("select categorie, count(*) from regulier group by 1 having min(inwilligingen) > 90% order by 1",
         "categorie,count(*)\nkennis_en_talent,3\nstudenten,3\n"),
        ("select year // 10 * 10 as decennium, count(*) from studenten group by year // 10 * 10", "decennium,count(*)\n2010,1\n2020,2\n"),
        ("select count(*), sum(aanvragen) from studenten where year > 2030", "count(*),sum(aanvragen)\n0,\n"),
        ("select year, row_number() over (order by aanvragen desc) as n, rank() over (order by inwilligingen desc) as r from studenten order by year",
         "year,n,r\n2019,2,1\n2020,3,3\n2021,1,1\n"),
        ("select year, lead(aanvragen, 1, 0) over (order by year), first_value(year) over (order by year desc) from studenten order by year",
         "year,\"lead(aanvragen, 1, 0) over (order by year)\",first_value(year) over (order by year desc)\n2019,12310,2021\n2020,20560,2021\n2021,0,2021\n"),
        // Running sums of whole numbers over partitions, descending, with peers, and past 64 bits.
        ("select range, sum(range) over (partition by mod(range, 2) order by range desc) as s from range(6) order by range",
         "range,s\n0,6\n1,9\n2,6\n3,8\n4,4\n5,5\n"),
        ("select range, sum(range) over (order by mod(range, 3)) as s from range(6) order by range",
         "range,s\n0,3\n1,8\n2,15\n3,3\n4,8\n5,15\n"),
        ("select sum(range) over (order by range) from range(9223372036854775800, 9223372036854775807)",
         "1:8 error: integer overflow in sum (the total does not fit in 64 bits)"),
        ("select year, sum(aanvragen) over (order by year) as lopend, sum(aanvragen) over () as totaal from studenten",
         "year,lopend,totaal\n2019,20430,53300\n2020,32740,53300\n2021,53300,53300\n"),
        ("select case when inwilligingen >= 99% then 'top' when inwilligingen > 0.9 then 'hoog' end as k from studenten",
         "k\ntop\nhoog\ntop\n"),
        ("select case year when 2020 then 1 else 2.5 end as k from studenten", "k\n2.5\n1.0\n2.5\n"),
        ("select cast('42' as integer) + 1, cast(2.5 as integer), cast(inwilligingen as double), cast(year as varchar) || '!' from studenten limit 1",
         "cast('42' as integer) + 1,cast(2.5 as integer),cast(inwilligingen as double),cast(year as varchar) || '!'\n43,3,0.99,2019!\n"),
        ("select cast(3000000000 as integer)", "1:8 error: 3000000000 is out of range for INTEGER (-2147483648 to 2147483647)"),
        ("select cast('x' as double)", "1:8 error: cannot convert 'x' to DOUBLE"),
        ("select round(2.5), round(-2.5), round(1234.5678, 2), round(7), round(99.5%), abs(-3), abs(-1.5)",
         "round(2.5),round(-2.5),\"round(1234.5678, 2)\",round(7),round(99.5%),abs(-3),abs(-1.5)\n3,-3,1234.57,7,100%,3,1.5\n"),
        ("select coalesce(null, null, 'x'), nullif(2, 2), nullif(2, 3), upper('café'), lower('ÉÉN'), length('Oekraïne')",
         "\"coalesce(null, null, 'x')\",\"nullif(2, 2)\",\"nullif(2, 3)\",upper('café'),lower('ÉÉN'),length('Oekraïne')\nx,,2,CAFÉ,één,8\n"),
        ("select post from financien where post like 'Totaal%' order by post", "post\nTotaal Lasten\nTotaal baten\n"),
        ("select count(*) from financien where post ilike '%KOSTEN%' and post not like 'Kosten%'", "count(*)\n2\n"),
        ("select year from studenten where aanvragen = (select max(aanvragen) from studenten)", "year\n2021\n"),
        ("select year from studenten where year in (select year from brexit) order by 1", "year\n2020\n2021\n"),
        ("select (select year from studenten)", "1:8 error: the subquery returned 3 rows; a subquery used as a value must return at most one"),
        ("select (select year, aanvragen from studenten)", "1:8 error: a subquery used as a value must return one column, found 2"),
        ("select year from studenten union all select year from brexit order by year desc limit 3", "year\n2021\n2021\n2020\n"),
        ("select 1 union all select 2.5", "1\n1.0\n2.5\n"),
        ("select 1 union all select 'x'", "1:27 error: UNION ALL column 1 is integer in the first select and text here"),
        ("select 7 / 2, 7 // 2, 82% * 39580", "7 / 2,7 // 2,82% * 39580\n3.5,3,32455.60\n"),
        // Checked before any row is produced.
        ("select year, count(*) from regulier", "1:8 error: column 'year' must appear in GROUP BY or be used in an aggregate function"),
        ("select year from regulier where count(*) > 1", "1:33 error: aggregate functions are not allowed in WHERE"),
        ("select year from regulier group by sum(aanvragen)", "1:36 error: aggregate functions are not allowed in GROUP BY"),
        ("select sum(max(aanvragen)) from regulier", "1:12 error: aggregate function calls cannot be nested"),
        ("select sum(categorie) from regulier", "1:12 error: sum takes numbers, found text"),
        ("select avrg(aanvragen) from regulier", "1:8 error: unknown function 'avrg'"),
        ("select round() from regulier", "1:8 error: round takes 1 to 2 arguments, found 0; usage: round(x[, n])"),
        ("select lower('a', 'b')", "1:8 error: lower takes 1 argument, found 2; usage: lower(text)"),
        ("select lag(year) from studenten", "1:8 error: lag is a window function and needs OVER (…), as in lag(…) OVER (ORDER BY year)"),
        ("select year from studenten where row_number() over () = 1", "1:34 error: window functions are not allowed in WHERE"),
        ("select upper(year) from studenten", "1:14 error: upper takes text, found integer"),
        ("select year from studenten where year like '2%'", "1:34 error: LIKE compares text, found integer"),
        ("select case when year then 1 end from studenten", "1:18 error: expected a condition for WHEN, found an expression of type integer"),
        ("select case when year = 1 then 'a' else 2 end from studenten", "1:41 error: CASE results must have one type, found text and integer"),
        ("select distinct year from studenten order by aanvragen", "1:46 error: for SELECT DISTINCT, ORDER BY must name a result column or give its position"),
        ("select year from studenten union all select aanvragen from brexit order by aanvragen",
         "1:76 error: ORDER BY after UNION ALL must name a result column or give its position"),
        // Aliases, shorthands, QUALIFY and set operations, as DuckDB resolves them.
        ("select year as y from studenten where y > 2019 order by -y", "y\n2021\n2020\n"),
        ("select aanvragen as year from studenten where year = 2020", "year\n12310\n"),
        ("select distinct \"year\" from studenten order by year desc", "year\n2021\n2020\n2019\n"),
        ("select bedrag, post as bedrag from financien where bedrag < 10000 order by bedrag",
         "bedrag,bedrag\n3409,Betaalde dwangsommen 2022\n6114,Kosten Oekraïne 2022\n-26287,Saldo van baten en lasten\n"),
        ("select year, aanvragen as a from studenten order by a + 0 desc limit 1", "year,a\n2021,20560\n"),
        ("select year // 2 as h, count(*) as n from regulier group by h order by n desc, h", "h,n\n1010,10\n1009,5\n"),
        ("select year, sum(aanvragen) as s from regulier group by all order by all desc", "year,s\n2021,89490\n2020,61330\n2019,86090\n"),
        ("select * exclude (aanvragen, beslissingen) from studenten where year = 2021", "year,inwilligingen\n2021,99%\n"),
        ("select * replace (aanvragen // 1000 as aanvragen) from studenten where year = 2021",
         "year,aanvragen,beslissingen,inwilligingen\n2021,20,20600,99%\n"),
        ("select * exclude (jaaar) from studenten", "1:19 error: unknown column 'jaaar' in EXCLUDE"),
        ("select year, rank() over (order by aanvragen desc) as r from studenten qualify r = 1", "year,r\n2021,1\n"),
        ("select year from studenten qualify year > 2020", "1:36 error: QUALIFY filters on window functions, but the select has none; use WHERE"),
        ("select year from studenten qualify aanvragen", "1:36 error: expected a condition after QUALIFY, found an expression of type integer"),
        ("select year from studenten union select year from brexit order by 1", "year\n2019\n2020\n2021\n"),
        ("select year from studenten intersect select year from brexit order by 1", "year\n2020\n2021\n"),
        ("select year from studenten except select year from brexit", "year\n2019\n"),
        ("select 1 union select 2 intersect select 2 order by 1", "1\n1\n2\n"),
        ("select year // 2020 from regulier intersect all select year // 2020 from studenten order by 1", "year // 2020\n0\n1\n1\n"),
        ("select year // 2020 from regulier except all select year // 2020 from studenten order by 1",
         "year // 2020\n0\n0\n0\n0\n1\n1\n1\n1\n1\n1\n1\n1\n"),
        ("select null union select null", "null\n\n"),
        // Text, number and other functions, with DuckDB's results and errors.
        ("select substr('Oekraïne', 2, 3) as a, substr('abc', 0, 2) as b, substr('abc', -2) as c, substr('abc', 2, -1) as d, substring('abc', 9) as e",
         "a,b,c,d,e\nekr,a,bc,a,\n"),
        ("select replace('a-b', '-', '+') as r, trim('  x ') || '|' as t, ltrim('xya', 'xy') as l, rtrim('ax ', ' x') as rt",
         "r,t,l,rt\na+b,x|,a,a\n"),
        ("select concat('a', null, 1, 2.5) as c, concat_ws('-', 'a', null, 'b') as w, concat_ws(null, 'a') as n",
         "c,w,n\na12.5,a-b,\n"),
        ("select left('Oekraïne', 3) as l, right('abc', -1) as r, strpos('hello', 'l') as p, starts_with('ab', 'a') as s, contains('ab', 'c') as c",
         "l,r,p,s,c\nOek,bc,3,true,false\n"),
        ("select lpad('7', 3, '0') as l, rpad('ab', 5, 'xy') as r, lpad('abcdef', 3, 'x') as c", "l,r,c\n007,abxyx,abc\n"),
        ("select lpad('ab', 5, '')", "1:8 error: lpad needs padding to make the text 5 characters long, but the padding is empty"),
        ("select lpad('a', 9223372036854775807, 'x')", "1:8 error: lpad to 9223372036854775807 characters is too long (limit is 1000000)"),
        ("select substr(year, 1) from studenten", "1:15 error: substr's argument 1 must be text, found integer"),
        ("select greatest(1, 2.5, null) as g, least('b', 'a') as l, mod(-7, 3) as m, mod(7, 0) as z, mod(7.5, 2) as d",
         "g,l,m,z,d\n2.5,a,-1,,1.5\n"),
        ("select power(2, 10) as p, sqrt(16) as s, exp(0) as e, ln(1) as l, log10(1000) as t", "p,s,e,l,t\n1024.0,4.0,1.0,0.0,3.0\n"),
        ("select sqrt(-1)", "1:8 error: cannot take the square root of a negative number"),
        ("select ln(0)", "1:8 error: cannot take the logarithm of zero"),
        ("select log10(-1)", "1:8 error: cannot take the logarithm of a negative number"),
        ("select exp(1000)", "1:8 error: number overflow in exp (the result is too large for a double)"),
        ("select mod(-9223372036854775807 - 1, -1)", "1:8 error: integer overflow in mod (-9223372036854775808 divided by -1 does not fit in 64 bits)"),
        ("select floor(-2.5) as f, ceil(2.1) as c, floor(7) as i, trunc(-2.7) as t, trunc(7) as n, sign(-3) as s, floor(85.8%) as p, ceil(29%) as q",
         "f,c,i,t,n,s,p,q\n-3,3,7.0,-2,7,-1,85%,29%\n"),
        ("select typeof(aanvragen) as a, typeof(inwilligingen) as i, typeof(year / 2) as d, typeof(null) as n, typeof(2.50) as e, typeof(99% - 96%) as p from studenten limit 1",
         "a,i,d,n,e,p\nBIGINT,PERCENTAGE,DOUBLE,NULL,\"DECIMAL(3,2)\",POINTS\n"),
        ("select median(x) as m from (select 1)", "1:15 error: unknown column 'x' in unnamed_subquery"),
        ("select mod(95%, 10%) as m, floor(2.75) as f, trunc(-2.75) as t, mod(7.5, 2) as d", "m,f,t,d\n5%,2,-2,1.5\n"),
        ("select year, if(aanvragen > beslissingen, 'groei', 'krimp') as k, ifnull(null, year) as i from studenten where year = 2021",
         "year,k,i\n2021,krimp,2021\n"),
        ("select if(year = 2019, 1, 1 / 0) as x from studenten where year = 2019", "x\n1.0\n"),
        ("select if(1, 'a', 'b')", "1:11 error: expected a condition for if, found an expression of type integer"),
        ("select median(aanvragen) as m, quantile_cont(aanvragen, 0.25) as q, var_samp(aanvragen) as v from studenten where year < 2021",
         "m,q,v\n16370.0,14340.0,32967200.0\n"),
        ("select stddev_samp(aanvragen) as s, median(inwilligingen) as m from studenten where year = 2019", "s,m\n,99%\n"),
        ("select count_if(aanvragen > 15000) as n, arg_max(year, aanvragen) as hi, arg_min(year, aanvragen) as lo from studenten",
         "n,hi,lo\n2,2021,2020\n"),
        ("select string_agg(nationaliteit, ', ') as s from nationaliteiten where categorie = 'familie_en_gezin'", "s\n\"Indiase, Turkse, Syrische\"\n"),
        ("select quantile_cont(aanvragen, 2) from regulier", "1:33 error: quantile_cont's q must be a constant from 0 to 1, e.g. quantile_cont(x, 0.25)"),
        ("select count_if(year) from regulier", "1:17 error: expected a condition for count_if, found an expression of type integer"),
        ("select year from studenten intersect select year, aanvragen from brexit",
         "1:38 error: INTERSECT needs selects with the same number of columns: the first has 1, this one 2"),
        ("select year", "1:8 error: unknown column 'year': a select without FROM has no columns"),
        ("select sum(aanvragen * 9223372036854775807) from studenten", "1:12 error: integer overflow in '*' (the result does not fit in 64 bits)"),
        ("select abs(-9223372036854775807 - 1)", "1:8 error: integer overflow in abs (-9223372036854775808 has no positive counterpart in 64 bits)"),
    ]

    @Test(arguments: languageRows)
    func evaluatesTheWholeLanguage(_ row: (String, String)) {
        #expect(runCSV(row.0) == row.1, "query: \(row.0)")
    }

    @Test func suggestsTheNearestName() {
        var err = ""
        var session = Session(write: { _ in }, writeError: { err += $0 })
        session.run(SourceText("select aanvragen from studnten"))
        #expect(err.contains("did you mean studenten?"))
        err = ""
        session.run(SourceText("select beslisingen from studenten"))
        #expect(err.contains("did you mean beslissingen?"))
    }

    @Test func percentageComparedWithAPlainNumberWarns() {
        var err = ""
        var out = ""
        var session = Session(format: .csv, write: { out += $0 }, writeError: { err += $0 })
        #expect(session.run(SourceText("select year from studenten where inwilligingen > 80")) == .success)
        #expect(err.contains("did you mean 80%?"))
        #expect(out == "year\n")
    }

    @Test func continuesAfterAnErrorWhenAsked() {
        var out = ""
        var session = Session(format: .csv, write: { out += $0 }, writeError: { _ in })
        let outcome = session.run(SourceText("select x from brexit; select year from brexit where year = 2021; select 'x"),
                                  stopOnError: false)
        #expect(outcome == .failure)
        #expect(out == "year\n2021\n")
    }
}

/// Joins, derived tables, CTEs, correlated subqueries and EXISTS, each with its result worked out from the report's
/// figures, or the error it must give.
struct JoinExecutorTests {
    static let rows: [(String, String)] = [
        ("select r.categorie, r.aanvragen, n.nationaliteit from regulier r join nationaliteiten n on n.categorie = r.categorie and n.year = r.year where n.rang = 1 order by 2 desc",
         "categorie,aanvragen,nationaliteit\nfamilie_en_gezin,42690,Indiase\nkennis_en_talent,22840,Indiase\nstudenten,20560,Chinese\narbeidsmigranten,3300,Chinese\nstart_ups,100,Indiase\n"),
        ("select s.year, b.aanvragen from studenten s left join brexit b on b.year = s.year order by 1", "year,aanvragen\n2019,\n2020,34790\n2021,39520\n"),
        ("select s.year, b.year from studenten s right join brexit b on b.year = s.year and s.year > 2020 order by 2", "year,year\n,2020\n2021,2021\n"),
        ("select s.year, b.year from studenten s full join brexit b on b.year = s.year + 1 order by 1, 2", "year,year\n2019,2020\n2020,2021\n2021,\n"),
        ("select count(*) from studenten, brexit, nationaliteiten", "count(*)\n90\n"),
        ("select * from studenten join brexit using (year) order by year",
         "year,aanvragen,beslissingen,inwilligingen,aanvragen,beslissingen,inwilligingen\n2020,12310,12640,96%,34790,32920,99%\n2021,20560,20600,99%,39520,39360,98%\n"),
        ("select year, s.aanvragen from studenten s full join (select 2022 as year, 1 as aanvragen) t using (year) order by year",
         "year,aanvragen\n2019,20430\n2020,12310\n2021,20560\n2022,\n"),
        ("select a.range, b.range from range(4) a join range(4) b on a.range < b.range and b.range - a.range = 2 order by 1", "range,range\n0,2\n1,3\n"),
        ("select a.x, b.x from (select null as x union all select 1) a join (select null as x union all select 1) b on a.x = b.x", "x,x\n1,1\n"),
        ("select a.range, b.d from range(4) a join (select 2.0 as d) b on a.range = b.d", "range,d\n2,2.0\n"),
        ("with t as (select year, aanvragen from studenten), u as (select * from t where year > 2019) select count(*), sum(aanvragen) from u",
         "count(*),sum(aanvragen)\n2,32870\n"),
        ("with t as (select range as x from range(3)) select a.x, b.x from t a, t b where a.x + 1 = b.x order by 1", "x,x\n0,1\n1,2\n"),
        ("select t.j, t.n from (select year, aanvragen from studenten) t(j, n) where t.n > 15000 order by 1", "j,n\n2019,20430\n2021,20560\n"),
        ("select a_1 from (select 1 as a, 2 as a) t", "a_1\n2\n"),
        ("select year, (select count(*) from regulier r where r.year = s.year and r.aanvragen > s.aanvragen) as meer from studenten s order by 1",
         "year,meer\n2019,2\n2020,2\n2021,2\n"),
        ("select categorie from regulier r where year = 2021 and exists (select 1 from nationaliteiten n where n.categorie = r.categorie and n.nationaliteit = 'Chinese') order by 1",
         "categorie\narbeidsmigranten\nkennis_en_talent\nstudenten\n"),
        ("select range from range(6) a where not exists (select 1 from range(2, 6) b where b.range < a.range and mod(a.range, b.range) = 0) and range > 1",
         "range\n2\n3\n5\n"),
        ("select s.year, b.year from studenten s join brexit b on b.year = s.year group by s.year, b.year order by 1", "year,year\n2020,2020\n2021,2021\n"),
        ("select r.year, count(*) from regulier r group by year order by 1", "year,count(*)\n2019,5\n2020,5\n2021,5\n"),
        ("select r.bron, n.bron from regulier r join nationaliteiten n using (categorie, year) where n.rang = 1 and r.categorie = 'start_ups'",
         "bron,bron\n\"Jaarverslag 2021, Cijfers Start-ups\",\"Jaarverslag 2021, Top 3 nationaliteiten inwilligingen\"\n"),
        ("select bron from regulier r join nationaliteiten n using (categorie, year)", "1:8 error: column 'bron' is ambiguous: r and n each have it"),
        ("select * from studenten s join brexit b on s.year = b.year where year = 2020", "1:66 error: column 'year' is ambiguous: s and b each have it"),
        ("select * from studenten join studenten on true", "1:30 error: the table name 'studenten' is used twice in FROM; give one of them an alias, as in studenten s2"),
        ("with t as (select * from t) select * from t", "1:26 error: the CTE t refers to itself; WITH RECURSIVE is not supported, and a CTE reads only those before it"),
        ("with t as (select 1), t as (select 2) select 1", "1:23 error: the CTE name 't' is defined twice in one WITH"),
        ("with t(a, b) as (select 1) select 1 from t", "1:11 error: the CTE t names 2 columns, but its query gives 1"),
        ("select s.year from studenten s group by year having exists (select 1 from brexit b where b.aanvragen = s.aanvragen)",
         "1:104 error: a subquery here reads the outer query's groups, and 'aanvragen' is not one of its GROUP BY columns"),
        ("select s.year from studenten s group by year having exists (select 1 from brexit b where b.year = s.year)", "year\n2020\n2021\n"),
        ("select nope.* from studenten s", "1:8 error: unknown table 'nope' in nope.*"),
        ("select x.year from studenten s", "1:8 error: unknown table 'x'"),
        ("select * from studenten s join brexit b using (aanvragen, nope)", "1:59 error: USING (nope): the left side of the join has no column 'nope'"),
        ("select * from studenten s join regulier r using (categorie)", "1:50 error: USING (categorie): the left side of the join has no column 'categorie'"),
        ("select * from studenten s join regulier r on s.year = r.categorie", "1:46 error: cannot compare integer with text using = (write numbers without quotes, and text in 'single quotes')"),
        ("select * from studenten s join brexit b on count(*) > 1", "1:44 error: aggregate functions are not allowed in ON"),
        ("select * from (studenten s join brexit b on true) x", "1:51 error: an alias names one table, not a join; give each table of the join its own alias"),
        ("select (select year from studenten s2 where s2.year > s.year) from studenten s",
         "1:8 error: the subquery returned 2 rows; a subquery used as a value must return at most one"),
    ]

    @Test(arguments: rows) func runs(_ sql: String, _ expected: String) {
        #expect(runCSV(sql) == expected, "query: \(sql)")
    }

    @Test func aJoinStaysWithinTheMemoryLimit() {
        let out = runCSV("set memory_limit = '2MB'; select count(*) from range(200000) a join range(200000) b on a.range = b.range")
        #expect(out.hasPrefix("? error: out of memory"), "\(out)")
        // The pairs stream: a cross join's output is not held, only its right side.
        #expect(runCSV("set memory_limit = '2MB'; select count(*) from range(2000) a, range(2000) b") == "count(*)\n4000000\n")
        let held = runCSV("set memory_limit = '2MB'; select * from range(2000) a, range(2000) b order by 1 limit 1")
        #expect(held == "range,range\n0,0\n")
        #expect(runCSV("set memory_limit = '2MB'; select * from range(3000) a, range(3000) b order by 1, 2").contains("out of memory"))
    }

    @Test func eachJoinAlgorithmIsCancellable() throws {
        for sql in ["select count(*) from range(100000) a, range(100000) b",
                    "select count(*) from range(100000) a join range(100000) b on a.range < b.range",
                    "select count(*) from range(1000000) a join range(1000000) b on a.range = b.range",
                    "select count(*) from range(100000) a full join range(100000) b on mod(a.range, 2) = mod(b.range, 2)"] {
            let source = SourceText(sql)
            guard case .query(let q) = try Parser.parseAll(source)[0] else { return }
            var binder = Binder(catalogue: .builtin, source: source)
            let plan = try binder.check(q)
            var asked = 0
            #expect(throws: Interrupted.self, "\(sql)") {
                try Cancellation.run({ asked += 1; return asked > 20 }) { _ = try Executor.run(plan) }
            }
        }
    }
}
