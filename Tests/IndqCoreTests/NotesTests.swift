// Notes: each row is a statement, the codes of the notes it must give (none, for the rows that must stay quiet),
// and its result as CSV, which a note must leave as it is. Notes are tested by their code, never by their words.

import Testing
@testable import IndqCore

struct NotesTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var sql: String
        var codes: [Diagnostic.Code]
        var csv: String
        var testDescription: String { sql }
    }

    static let rows: [Row] = [
        // Years outside a dataset.
        Row(sql: "select aanvragen from studenten where year = 2022", codes: [.yearOutsideDataset], csv: "aanvragen\n"),
        Row(sql: "select aanvragen from studenten where year > 2021", codes: [.yearOutsideDataset], csv: "aanvragen\n"),
        Row(sql: "select aanvragen from studenten where 2018 >= jaar", codes: [.yearOutsideDataset], csv: "aanvragen\n"),
        Row(sql: "select year from studenten where year in (2021, 2022)", codes: [.yearOutsideDataset], csv: "year\n2021\n"),
        Row(sql: "select year from studenten where year between 2023 and 2030", codes: [.yearOutsideDataset], csv: "year\n"),
        Row(sql: "select year from brexit where year = 2019 or year = 2019 or year = 2021", codes: [.yearOutsideDataset],
            csv: "year\n2021\n"),
        Row(sql: "select year from studenten where year >= 2021", codes: [], csv: "year\n2021\n"),
        Row(sql: "select year from studenten where year between 2020 and 2030", codes: [], csv: "year\n2020\n2021\n"),
        Row(sql: "select year from studenten where year <> 2022 and year = 2019", codes: [], csv: "year\n2019\n"),
        Row(sql: "select count(*) as n from studenten where year not in (2022)", codes: [], csv: "n\n3\n"),
        // Near misses in text.
        Row(sql: "select bedrag from financien where post = 'Totaal lasten'", codes: [.textNearMiss], csv: "bedrag\n"),
        Row(sql: "select count(*) as n from regulier where categorie = 'students'", codes: [.textNearMiss], csv: "n\n0\n"),
        Row(sql: "select count(*) as n from regulier where categorie in ('Studenten', 'studenten')", codes: [.textNearMiss], csv: "n\n3\n"),
        Row(sql: "select count(*) as n from regulier where categorie in ('Studenten')", codes: [.textNearMiss], csv: "n\n0\n"),
        Row(sql: "select count(*) as n from regulier where categorie <> 'studenten '", codes: [.textNearMiss], csv: "n\n15\n"),
        Row(sql: "select count(*) as n from financien where post like 'materiele kosten'", codes: [.textNearMiss], csv: "n\n0\n"),
        Row(sql: "select count(*) as n from financien where post ilike 'materiële KOSTEN'", codes: [], csv: "n\n1\n"),
        Row(sql: "select count(*) as n from financien where post like 'Totaal%'", codes: [], csv: "n\n2\n"),
        Row(sql: "select count(*) as n from regulier where categorie = 'xyz'", codes: [], csv: "n\n0\n"),
        // Mixed units.
        Row(sql: "select sum(waarde) > 0 as s from kerncijfers", codes: [.mixedUnits], csv: "s\ntrue\n"),
        Row(sql: "select eenheid, sum(waarde) as s from kerncijfers where eenheid = 'weken' group by eenheid", codes: [],
            csv: "eenheid,s\nweken,13\n"),
        Row(sql: "select count(waarde) = count(*) as n from kerncijfers", codes: [], csv: "n\ntrue\n"),
        // Cumulative figures.
        Row(sql: "select sum(aanvragen) as s from brexit", codes: [.cumulativeFigures], csv: "s\n74310\n"),
        Row(sql: "select sum(aanvragen) as s from brexit where year = 2021", codes: [], csv: "s\n39520\n"),
        Row(sql: "select year, aanvragen - lag(aanvragen) over (order by year) as d from brexit", codes: [.cumulativeFigures],
            csv: "year,d\n2020,\n2021,4730\n"),
        Row(sql: "select year, sum(aanvragen) over (order by year) as s from brexit", codes: [.cumulativeFigures],
            csv: "year,s\n2020,34790\n2021,74310\n"),
        Row(sql: "select year, aanvragen - lag(aanvragen) over (order by year) as d from studenten where year = 2021",
            codes: [], csv: "year,d\n2021,\n"),
    ]

    @Test(arguments: rows)
    func givesItsNotes(_ row: Row) throws {
        let source = SourceText(row.sql)
        guard case .query(let q) = try Parser.parseAll(source).first else { Issue.record("not a query"); return }
        var checker = Binder(catalogue: .builtin, source: source)
        let result = try Executor.run(try checker.check(q))
        #expect(result.notes.map(\.code) == row.codes)
        #expect(result.notes.allSatisfy { $0.severity == .note })
        // The note changes nothing: the session succeeds with the same rows.
        #expect(runCSV(row.sql) == row.csv)
    }

    @Test func notesGoToStandardErrorAfterTheResult() {
        var out = "", err = ""
        var session = Session(format: .csv, write: { out += $0 }, writeError: { err += $0 })
        let outcome = session.run(SourceText("select aanvragen from studenten where year = 2022"))
        #expect(outcome == .success)
        #expect(out == "aanvragen\n")
        #expect(err.hasPrefix("note: "))
        #expect(err.contains("--> 1:46"))
    }

    @Test func aThousandEqualNotesAreOne() throws {
        let sql = "select year from studenten where " + Array(repeating: "year = 2022", count: 1_000).joined(separator: " or ")
        let source = SourceText(sql)
        guard case .query(let q) = try Parser.parseAll(source).first else { Issue.record("not a query"); return }
        var checker = Binder(catalogue: .builtin, source: source)
        #expect(try checker.check(q).notes.count == 1)
    }

    @Test func accentsAndCaseFold() {
        #expect(foldedForMatching("Materiële KOSTEN") == Array("materiele kosten"))
        #expect(foldedForMatching("Ça") == Array("ca"))
    }
}
