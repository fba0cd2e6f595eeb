// Tests of SUMMARIZE: one row per column with type, min, max, exact distinct count, avg, count and null share, over
// a dataset, a query and a file; errors at their place; and min, max, count and null share as DuckDB's SUMMARIZE.

import Foundation
import Testing
@testable import IndqCore

struct SummarizeTests {
    @Test func summarizeADatasetGivesOneRowPerColumn() {
        #expect(runCSV("summarize studenten") == """
            column_name,column_type,min,max,distinct_count,avg,count,null_percentage
            year,integer,2019,2021,3,2020.0,3,0%
            aanvragen,integer,12310,20560,3,17766.666666666668,3,0%
            beslissingen,integer,12640,20630,3,17956.666666666668,3,0%
            inwilligingen,percentage,96%,99%,2,98%,3,0%

            """)
        // English names work as everywhere; a percentage's average is a percentage.
        #expect(runCSV("summarize legal_cases").contains("instandhoudingen_asiel,percentage,86%,92%,3,89.6667%,3,0%"))
    }

    @Test func summarizeAQueryCountsNullsAndDistinctValuesExactly() {
        let out = runCSV("summarize select post, fte, groei_fte from personeel")
        #expect(out == """
            column_name,column_type,min,max,distinct_count,avg,count,null_percentage
            post,text,ambtelijke bezetting,stijging totale bezetting,3,,3,0%
            fte,integer,835,4558,2,2696.5,3,33.3333%
            groei_fte,integer,426,426,1,426.0,3,66.6667%

            """, "\(out)")
        // The names of the query's result, also a computed one; no rows give NULLs and a count of 0.
        #expect(runCSV("summarize select aanvragen - beslissingen as verschil from studenten where year = 2021")
                == "column_name,column_type,min,max,distinct_count,avg,count,null_percentage\nverschil,integer,-40,-40,1,-40.0,1,0%\n")
        #expect(runCSV("summarize select year from studenten where year = 1900").hasSuffix("\nyear,integer,,,0,,0,\n"))
        // Dates and text have no average; min and max are text, as DuckDB gives them.
        #expect(runCSV("summarize select date '2022-03-31' as d union all select date '2021-01-05'")
                .hasSuffix("\nd,date,2021-01-05,2022-03-31,2,,2,0%\n"))
        #expect(runCSV("summarize range(1000)").hasSuffix("\nrange,integer,0,999,1000,499.5,1000,0%\n"))
    }

    @Test func summarizeAFile() throws {
        let path = NSTemporaryDirectory() + "indq-summarize-\(getpid()).csv"
        try "regio;aantal;aandeel\nNoord;10;50%\nZuid;;25%\nNoord;30;\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = runCSV("summarize '\(path)'")
        #expect(out == """
            column_name,column_type,min,max,distinct_count,avg,count,null_percentage
            regio,text,Noord,Zuid,2,,3,0%
            aantal,integer,10,30,2,20.0,3,33.3333%
            aandeel,percentage,25%,50%,2,37.5%,3,33.3333%

            """, "\(out)")
        #expect(runCSV("summarize read_csv('\(path)', all_varchar = true)").contains("\naantal,text,10,30,2,,3,33.3333%\n"))
    }

    @Test func errorsNameThePlace() {
        #expect(runCSV("summarize studnten").hasPrefix("1:11 error: unknown dataset 'studnten'"))
        #expect(runCSV("summarize select nope from studenten").hasPrefix("1:18 error: unknown column 'nope'"))
        #expect(runCSV("summarize").hasPrefix("1:10 error: expected a dataset name, a file's path in quotes or a query after SUMMARIZE"))
        #expect(runCSV("summarize 'geen-bestand.csv'").hasPrefix("1:11 error:"))
        #expect(runCSV("summarize 42").hasPrefix("1:11 error: expected a dataset name"))
    }

    @Test func summarizeNotesMixedUnitsAndPrintsBack() throws {
        var err = ""
        var session = Session(format: .csv, write: { _ in }, writeError: { err += $0 })
        session.run(SourceText("summarize kerncijfers"))
        #expect(err.contains("note: the min, max and avg of waarde compare and add figures of different kinds or units"), "\(err)")
        err = ""
        session.run(SourceText("summarize select * from kerncijfers where eenheid = 'weken'"))
        #expect(!err.contains("note:"), "\(err)")
        for (text, sql) in [("summarize studenten", "SUMMARIZE SELECT * FROM studenten"),
                            ("summarize 'a.csv'", "SUMMARIZE SELECT * FROM 'a.csv'"),
                            ("summarize select year from brexit", "SUMMARIZE SELECT year FROM brexit")] {
            let printed = try Parser.parseAll(SourceText(text))[0].sql
            #expect(printed == sql)
            #expect(try Parser.parseAll(SourceText(printed))[0].sql == sql)
        }
        #expect(Completion.candidates(before: "summ", after: "", catalogue: .builtin).contains("summarize"))
        #expect(Completion.candidates(before: "summarize stu", after: "", catalogue: .builtin).contains("studenten"))
        #expect(Help.text(topic: "summarize", catalogue: .builtin).contains("│ inwilligingen │ percentage"))
    }

    /// indqRows summarizes a query in indq: column name, min, max, count and null share per column.
    func indqRows(_ query: String) -> [[Value]] {
        let source = SourceText("summarize " + query)
        guard let statements = try? Parser.parseAll(source), case .summarize(let q) = statements[0],
              let plan = try? { var b = Binder(catalogue: .builtin, source: source); return try b.check(q) }(),
              let summary = try? Summarize.run(plan, at: q.selects[0].range) else { return [] }
        return summary.result.rows
    }

    /// number reads a summary's min or max as DuckDB's value: a percentage as its fraction.
    func number(_ text: String) -> Double? {
        text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
    }

    @Test func minMaxCountAndNullShareAgreeWithDuckDB() {
        guard let oracle = Oracle.ready() else { return }
        let queries = ["select * from studenten", "select * from juridische_zaken", "select * from kerncijfers",
                       "select * from financien", "select * from personeel", "select * from regulier",
                       "select * from nationaliteiten", "select * from brexit"]
        let duck = oracle.duckdb(queries.map { "select column_name, min, max, count, null_percentage from (summarize \($0))" })
        var mismatches: [String] = []
        for (query, d) in zip(queries, duck) {
            let ours = indqRows(query)
            guard case .rows(let theirs) = d, theirs.count == ours.count, !ours.isEmpty else {
                mismatches.append("\(query): indq \(ours.count) rows, duckdb \(d)")
                continue
            }
            for (a, b) in zip(ours, theirs) {
                guard case .text(let name) = a[0], case .text(let duckName) = b[0], name == duckName,
                      case .integer(let count) = a[6], b[3].number == Double(count) else {
                    mismatches.append("\(query): \(a) vs \(b)")
                    continue
                }
                for (mine, other) in [(a[2], b[1]), (a[3], b[2])] {
                    switch (mine, other) {
                    case (.null, .null): break
                    case (.text(let x), .text(let y)):
                        if x != y, number(x) == nil || number(x) != Double(y) { mismatches.append("\(query) \(name): \(x) vs \(y)") }
                    default: mismatches.append("\(query) \(name): \(mine) vs \(other)")
                    }
                }
                let share = a[7].asDouble.map { ($0 * 10_000).rounded() / 100 }
                if share != b[4].number { mismatches.append("\(query) \(name): null share \(a[7]) vs \(b[4])") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
