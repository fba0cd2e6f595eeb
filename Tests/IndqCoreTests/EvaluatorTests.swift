// Evaluator tests: each row is a statement over the report datasets and its result as CSV, or the error it must
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

struct EvaluatorTests {
    static let rows: [(String, String)] = [
        ("select aanvragen from studenten where year = 2021", "aanvragen\n20560\n"),
        ("select JAAR, Aanvragen from STUDENTEN where jaar = 2020", "JAAR,Aanvragen\n2020,12310\n"),
        ("select year, applications from students where year = 2020", "year,applications\n2020,12310\n"),
        ("select * from brexit", "year,aanvragen,beslissingen,inwilligingen\n2020,34790,32920,99%\n2021,39520,39360,98%\n"),
        ("select year, aanvragen - beslissingen as verschil from familie_en_gezin order by verschil desc",
         "year,verschil\n2021,3110\n2019,510\n2020,270\n"),
        ("select aanvragen * inwilligingen as toegekend from familie_en_gezin where year = 2021", "toegekend\n35005.799999999996\n"),
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
        ("select 1.5 * 2, 0.1 + 0.2, 1e3 from studenten limit 1", "1.5 * 2,0.1 + 0.2,1e3\n3.0,0.30000000000000004,1000.0\n"),
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
        ("select 1e308 * 10 from studenten", "1:8 error: number overflow in '*' (the result is too large for a decimal)"),
        // A failing statement stops the script; the ones before it have run.
        ("select year from brexit where year = 2020; select x from brexit; select 1 from brexit",
         "1:51 error: unknown column 'x' in brexit"),
    ]

    @Test(arguments: rows)
    func evaluates(_ row: (String, String)) {
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
        #expect(out == "year\r\n")
    }

    @Test func continuesAfterAnErrorWhenAsked() {
        var out = ""
        var session = Session(format: .csv, write: { out += $0 }, writeError: { _ in })
        let outcome = session.run(SourceText("select x from brexit; select year from brexit where year = 2021; select 'x"),
                                  stopOnError: false)
        #expect(outcome == .failure)
        #expect(out == "year\r\n2021\r\n")
    }
}
