// Tests of what indq adds for learning the figures: the bron pseudo-column, `source <query>`, marks on approximate
// figures, the glossary, charts, number styles and checked scripts.

import Testing
@testable import IndqCore

/// runTable runs statements with table output and returns stdout, or stdout and stderr together.
func runOutput(_ source: String, format: OutputFormat = .table, numbers: NumberStyle = .plain, width: Int? = nil) -> String {
    var out = ""
    var session = Session(format: format, write: { out += $0 }, writeError: { out += $0 })
    session.numbers = numbers
    if let width { session.terminalWidth = { width } }
    session.run(SourceText(source))
    return out
}

struct TeachingTests {
    @Test func bronGivesEachRowsShortReference() {
        #expect(runCSV("select year, bron from studenten where year = 2021")
                == "year,bron\n2021,\"Jaarverslag 2021, Cijfers Studenten\"\n")
        #expect(runCSV("select source_ref from regulier where categorie = 'brexit' or categorie = 'start_ups' limit 1")
                == "source_ref\n\"Jaarverslag 2021, Cijfers Start-ups\"\n")
        let kern = runCSV("select bron from kerncijfers where onderwerp = 'asielaanvragen ontvangen'")
        #expect(kern.hasPrefix("bron\n\"Jaarverslag 2022, "), "\(kern)")
        #expect(runCSV("select bron, count(*) from regulier group by bron order by 1 limit 1")
                == "bron,count(*)\n\"Jaarverslag 2021, Cijfers Arbeidsmigranten\",3\n")
    }

    @Test func approximateFiguresAreMarkedInTables() {
        let table = runOutput("select waarde, kwalificatie from kerncijfers where kwalificatie = 'bijna'")
        #expect(table.contains("~20000"), "\(table)")
        #expect(table.contains("~ approximate: the report says bijna (almost)"))
        let exact = runOutput("select waarde from kerncijfers where kwalificatie is null limit 1")
        #expect(!exact.contains("~"))
        // csv has no marks; it carries the qualifier in a column when bron is selected.
        let csv = runOutput("select waarde, bron from kerncijfers where kwalificatie = 'circa'", format: .csv)
        #expect(csv.hasPrefix("waarde,bron,kwalificatie\n12400,"), "\(csv)")
        #expect(csv.hasSuffix(",circa\n"))
    }

    @Test func sourceOfAQueryNamesTheReportLineOfEveryValue() {
        let out = runOutput("source select aanvragen from studenten where year = 2021", format: .csv)
        let lines = out.split(separator: "\n")
        #expect(lines.first == "row,column,value,from,figure,source,line,printed,kwalificatie,words")
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("1,aanvragen,20560,aanvragen,20560,\"Jaarverslag 2021, Cijfers Studenten\""), "\(out)")
        // An aggregate lists every figure it was computed from.
        let sum = runOutput("source select sum(aanvragen) from regulier where year = 2020", format: .csv)
        #expect(sum.split(separator: "\n").count == 6, "\(sum)")
        let kern = runOutput("source select waarde from kerncijfers where onderwerp = 'ind-vacatures'", format: .csv)
        #expect(kern.contains("700"), "\(kern)")
        // In a table session, the sources read as a list, with the report line as printed.
        let listing = runOutput("source select aanvragen from studenten where year = 2020")
        #expect(listing == """
            row 1  aanvragen = 12310
              aanvragen 12310 from Jaarverslag 2021, Cijfers Studenten, line 180
                │ Aanvragen  20.560 12.310 20.430

            """, "\(listing)")
        let approximate = runOutput("source select waarde from kerncijfers where kwalificatie = 'circa'")
        #expect(approximate.contains("waarde 12400 (circa: approximate) from Jaarverslag 2021"), "\(approximate)")
    }

    @Test func valuesComputedFromApproximateFiguresStayApproximate() {
        let legend = "~ approximate: computed from figures the report gives as approximate\n"
        // A sum, an average, a minimum or a maximum over a set that includes an approximate figure.
        let sum = runOutput("select sum(waarde) as s from kerncijfers where onderwerp like '%asielaanvragen afgehandeld'")
        #expect(sum.contains("│ ~21300 │") && sum.hasSuffix(legend), "\(sum)")
        for aggregate in ["avg", "min", "max"] {
            let out = runOutput("select \(aggregate)(waarde) as v from kerncijfers where year = 2021 and eenheid = 'aantal'")
            #expect(out.contains("~") && out.hasSuffix(legend), "\(aggregate): \(out)")
        }
        // Arithmetic on an approximate figure; the figure itself keeps the report's word.
        let times = runOutput("select waarde, waarde * 2 as dubbel from kerncijfers where kwalificatie = 'bijna'")
        #expect(times.contains("│ ~20000 │ ~40000 │"), "\(times)")
        #expect(times.hasSuffix("~ approximate: the report says bijna (almost); computed from figures the report gives as approximate\n"))
        // A window that reads an approximate figure of another row.
        let lag = runOutput("select waarde, lag(waarde) over (order by waarde) as vorige from kerncijfers where year = 2021 and eenheid = 'aantal' order by waarde desc limit 1")
        #expect(lag.contains("│  56000 │ ~20000 │"), "\(lag)")
        // A scalar subquery carries its marks into the query that uses its value.
        let sub = runOutput("select (select sum(waarde) from kerncijfers where kwalificatie = 'bijna') * 2 as x, (select max(aanvragen) from studenten) as y")
        #expect(sub.contains("│ ~40000 │ 20560 │") && sub.hasSuffix(legend), "\(sub)")
        // Exact stays exact: counting, a filter that leaves the approximate figures out, a set without them, a test.
        for exact in ["select count(waarde) as n from kerncijfers",
                      "select sum(waarde) filter (where kwalificatie is null) as s from kerncijfers where eenheid = 'aantal'",
                      "select sum(waarde) as s from kerncijfers where kwalificatie is null and eenheid = 'aantal'",
                      "select max(waarde) > 100 as b from kerncijfers",
                      "select sum(aanvragen) as s from studenten"] {
            #expect(!runOutput(exact).contains("~"), "\(exact)")
        }
        // Formats without marks stay plain.
        #expect(runOutput("select sum(waarde) as s from kerncijfers where kwalificatie = 'ruim' and eenheid = 'aantal'", format: .csv)
                == "s\n18500\n")
    }

    @Test func describeShowsBothLanguages() {
        let out = runOutput("describe studenten", format: .csv)
        #expect(out.hasPrefix("column,type,english,betekenis,meaning\n"))
        #expect(out.contains("inwilligingen,percentage,grant_rate,"))
        #expect(out.contains("bron,text,source_ref,"))
    }

    @Test func glossaryLookupIgnoresCaseAndForm() {
        let g = Glossary(text: "term\tenglish\tsubject\tnl\ten\ninwilligingen\tgrant rate\tcijfers\tnl-uitleg\ten-explanation\ntot en met\tup to and including\tcijfers\ta\tb\n")
        #expect(g.lookup("Inwilligingen")?.english == "grant rate")
        #expect(g.lookup("grant_rate")?.term == "inwilligingen")
        #expect(g.lookup("inwilliging")?.term == "inwilligingen")
        #expect(g.lookup("tot_en_met")?.english == "up to and including")
        #expect(g.lookup("onbekend") == nil)
        #expect(Glossary.explain(g.entries[0]) == "inwilligingen (grant rate)\n  nl: nl-uitleg\n  en: en-explanation\n")
    }

    @Test func numberStyles() {
        #expect(NumberStyle.nl.format(.integer(42690)) == "42.690")
        #expect(NumberStyle.en.format(.integer(42690)) == "42,690")
        #expect(NumberStyle.plain.format(.integer(42690)) == "42690")
        #expect(NumberStyle.nl.format(.decimal(DecimalValue.parse("-1234567.5")!)) == "-1.234.567,5")
        #expect(NumberStyle.nl.format(.percentage(DecimalValue.parse("0.825")!)) == "82,5%")
        #expect(NumberStyle.en.format(.integer(-26287)) == "-26,287")
        #expect(NumberStyle.nl.format(.points(DecimalValue.parse("-0.125")!)) == "-12,5 pp")
        #expect(NumberStyle.en.format(.double(12345.5)) == "12,345.5")
        #expect(NumberStyle.nl.format(.text("1000")) == "1000")
        #expect(NumberStyle.fromLocale { ["LANG": "nl_NL.UTF-8"][$0] } == .nl)
        #expect(NumberStyle.fromLocale { ["LANG": "en_GB.UTF-8", "LC_NUMERIC": "nl_BE"][$0] } == .nl)
        #expect(NumberStyle.fromLocale { ["LANG": "C.UTF-8"][$0] } == .plain)
        #expect(NumberStyle.fromLocale { _ in nil } == .plain)
        let table = runOutput("select year, aanvragen from studenten where year = 2021", numbers: .nl)
        #expect(table.contains("│ 2021 │    20.560 │"), "\(table)")
        #expect(runOutput("select aanvragen from studenten where year = 2021", format: .csv, numbers: .nl) == "aanvragen\n20560\n")
    }

    @Test func barChartScalesPercentagesToAHundred() {
        let out = runOutput("select categorie, inwilligingen from regulier where year = 2021", format: .bar, width: 60)
        let lines = out.split(separator: "\n")
        #expect(lines.first == "inwilligingen")
        #expect(lines.last?.hasSuffix("100%") == true, "\(out)")
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 60 }, "\(out)")
        // 99% draws a longer bar than 72%.
        let bar = { (name: String) in lines.first { $0.hasPrefix(name) }.map { $0.filter { "█▏▎▍▌▋▊▉".contains($0) }.count } ?? 0 }
        #expect(bar("studenten") > bar("arbeidsmigranten"))
        #expect(out.contains("99%"))
        let table = runOutput("select categorie from regulier limit 1", format: .bar)
        #expect(table.hasPrefix("(a bar chart needs a label column and at least one numeric column"))
    }

    @Test func sparklinesFollowTheYears() {
        let out = runOutput("select categorie, year, aanvragen from regulier where categorie = 'studenten'", format: .spark)
        #expect(out == "studenten  2019 █▁█ 2021  min 12310 (2020)  max 20560 (2021)\n", "\(out)")
    }

    @Test func tablesSayHowManyRowsTheyLeaveOut() {
        let many = "select year from studenten" + String(repeating: " union all select year from studenten", count: 400)
        let out = runOutput(many)
        #expect(out.contains("… and 203 more rows, 1203 in all"), "\(out.suffix(200))")
    }

    @Test func checkedScriptsPassAndFailWithADiff() {
        let good = "select year from brexit;\n-- expect:\n-- ┌──────┐\n-- │ year │\n-- ├──────┤\n-- │ 2020 │\n-- │ 2021 │\n-- └──────┘\n-- 2 rows\n"
        var session = Session(write: { _ in }, writeError: { _ in })
        let pass = ScriptCheck.run(SourceText(good, name: "t.sql"), session: &session)
        #expect(pass.passed == 1 && pass.failed == 0)
        let bad = good.replacingAll("2021", with: "2022")
        let fail = ScriptCheck.run(SourceText(bad, name: "t.sql"), session: &session)
        #expect(fail.failed == 1)
        let report = ScriptCheck.describe(fail)
        #expect(report.contains("t.sql:1: FAILED"))
        #expect(report.contains("  - │ 2022 │\n  + │ 2021 │"), "\(report)")
        #expect(report.hasSuffix("0 passed, 1 failed\n"))
        // Writing the expectations back reproduces the passing script.
        #expect(ScriptCheck.withExpectations(SourceText(bad, name: "t.sql"), session: &session) == good)
    }

    /// A statement without an expect block checks nothing: it is not a pass, and the report says so.
    @Test func aStatementWithoutAnExpectationIsNotAPass() {
        let script = "select year from brexit;\n-- expect:\n-- x\nselect 1 as one;\n.format csv\nselect 2 as two;\n"
        var session = Session(write: { _ in }, writeError: { _ in })
        let report = ScriptCheck.run(SourceText(script, name: "t.sql"), session: &session)
        #expect(report.outcomes.map(\.verdict) == [.failed, .noExpectation, .ran, .noExpectation])
        #expect(report.passed == 0 && report.failed == 1 && report.withoutExpectation == 2)
        let text = ScriptCheck.describe(report)
        #expect(text.contains("t.sql:4: no expectation\n  | select 1 as one;\n"), "\(text)")
        #expect(text.hasSuffix("t.sql: 0 of 1 expectations met\n0 passed, 1 failed, 2 with no expectation\n"), "\(text)")
        #expect(!text.contains(".format"), "a setting is not listed: \(text)")
    }

    /// A failing statement of several lines is shown whole, not by its first line.
    @Test func aFailingStatementIsShownWhole() {
        let script = "select year\nfrom brexit\nwhere year > 2020;\n-- expect:\n-- nothing\n"
        var session = Session(write: { _ in }, writeError: { _ in })
        let text = ScriptCheck.describe(ScriptCheck.run(SourceText(script, name: "t.sql"), session: &session))
        #expect(text.hasPrefix("t.sql:1: FAILED\n  | select year\n  | from brexit\n  | where year > 2020;\n  --- expected\n"), "\(text)")
    }

    /// Several scripts end with their grand total.
    @Test func severalScriptsEndWithAGrandTotal() {
        var session = Session(write: { _ in }, writeError: { _ in })
        let good = ScriptCheck.run(SourceText("select 1 as a;\n-- expect:\n-- ┌───┐\n-- │ a │\n-- ├───┤\n-- │ 1 │\n-- └───┘\n-- 1 row\n", name: "a.sql"),
                                   session: &session)
        let bad = ScriptCheck.run(SourceText("select 1;\nselect 2;\n-- expect:\n-- 3\n", name: "b.sql"), session: &session)
        #expect(good.passed == 1 && bad.failed == 1 && bad.withoutExpectation == 1)
        #expect(ScriptCheck.describeTotal([good, bad]) == "total of 2 files: 1 passed, 1 failed, 1 with no expectation\n")
    }
}
