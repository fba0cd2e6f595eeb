// Tests of the session's own datasets: CREATE TABLE … AS, CREATE VIEW … AS, DROP, and how they show in the
// catalogue, `show datasets`, completion and messages.

import Foundation
import Testing
@testable import IndqCore

@Suite struct SessionDatasetTests {
    @Test func aTableHoldsItsRowsAndAViewRunsAgain() {
        let r = runDot("""
            create table t as select categorie, aanvragen from regulier where year = 2021;
            create view v as select count(*) as n from t;
            select * from v;
            create or replace table t as select categorie from regulier where year = 2021 and aanvragen > 10000;
            select * from v;
            """)
        #expect(r.err == "")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines == ["n", "5", "n", "\(countBig())"], "\(lines)")
    }

    /// countBig counts the categories of 2021 with more than 10000 applications, by the engine, not by hand.
    func countBig() -> String {
        runDot("select count(*) from regulier where year = 2021 and aanvragen > 10000").out
            .split(separator: "\n").last.map(String.init) ?? ""
    }

    /// A view reads as a derived table: it joins, and a CTE may read it.
    @Test func aViewJoinsAsATable() {
        let r = runDot("""
            create view v as select categorie, aanvragen from regulier where year = 2021;
            select v.categorie, n.nationaliteit from v join nationaliteiten n on n.categorie = v.categorie and n.rang = 1 where v.aanvragen > 20000 order by 1;
            with t as (select * from v) select count(*) from t, v;
            """)
        #expect(r.err == "", "\(r.err)")
        #expect(r.out == "categorie,nationaliteit\nfamilie_en_gezin,Indiase\nkennis_en_talent,Indiase\nstudenten,Chinese\ncount(*)\n25\n", "\(r.out)")
    }

    @Test func repeatedNamesGetSuffixesAsInDuckDB() {
        let r = runDot("create table t as select year, year, aanvragen as a, 1 as a from studenten; describe t;")
        let names = r.out.split(separator: "\n").dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" }
        #expect(Array(names.prefix(4)) == ["year", "year_1", "a", "a_1"], "\(r.out)")
    }

    @Test func aReportNameCannotBeHidden() {
        for sql in ["create table studenten as select 1", "create view Students as select 1", "create table regular as select 1"] {
            let r = runDot(sql)
            #expect(r.err.contains("would hide it"), "\(sql): \(r.err)")
            #expect(r.out == "")
        }
        #expect(runDot("drop table studenten").err.contains("is a dataset of the reports, which cannot be dropped"))
    }

    @Test func dropSaysWhatIsWrong() {
        #expect(runDot("drop table nope").err.contains("no table named 'nope'"))
        #expect(runDot("drop view if exists nope").err == "")
        let r = runDot("create table t as select 1 as x; drop view t; select * from t;")
        #expect(r.err.contains("'t' is a table, not a view"))
        #expect(r.out == "x\n1\n")
        let gone = runDot("create table t as select 1 as x; drop table t; select * from t;")
        #expect(gone.err.contains("unknown dataset 't'"), "\(gone.err)")
    }

    @Test func createChecksNamesAndForms() {
        #expect(runDot("create table t as select 1 as x; create table t as select 2 as x").err.contains("table 't' already exists"))
        #expect(runDot("create table if not exists t as select 1 as x; create table if not exists t as select 2 as x; select * from t").out == "x\n1\n")
        #expect(runDot("create table t(x int)").err.contains("column definitions are not supported"))
        #expect(runDot("create table t as select 1 as x; create or replace view t as select 2").err.contains("table 't' already exists"))
        #expect(runDot("create or replace table t if not exists as select 1").err.contains("error"))
    }

    @Test func aViewThatWouldReadItselfIsRefused() {
        let r = runDot("create view v as select 1 as x; create view w as select * from v; create or replace view v as select * from w; select * from v;")
        #expect(r.err.contains("view v would read itself"), "\(r.err)")
        #expect(r.out == "x\n1\n", "the old view stays: \(r.out)")
    }

    @Test func aViewWhoseTableChangedSaysWhy() {
        let r = runDot("create table t as select 1 as x; create view v as select x + 1 as y from t; create or replace table t as select 'a' as z; select * from v;")
        #expect(r.err.contains("view v no longer works: unknown column 'x' in t"), "\(r.err)")
    }

    @Test func showDatasetsAndCompletionKnowThem() {
        var session = Session(format: .csv, write: { _ in }, writeError: { _ in })
        session.run(SourceText("create table mijn_cijfers as select categorie, aanvragen as totaal from regulier; create view mijn_view as select 1 as een;"))
        var out = ""
        session.write = { out += $0 }
        session.run(SourceText("show datasets"))
        #expect(out.contains("mijn_cijfers,,15,session table,\"table: SELECT categorie, aanvragen AS totaal FROM regulier\""), "\(out)")
        #expect(out.contains("mijn_view,,,session view,view: SELECT 1 AS een"), "\(out)")
        #expect(out.contains("studenten,students,3,"))
        let names = Completion.candidates(before: "select * from mijn", after: "", catalogue: session.catalogue, files: { _ in [] })
        #expect(names.contains("mijn_cijfers") && names.contains("mijn_view"), "\(names)")
        let columns = Completion.candidates(before: "select tot", after: " from mijn_cijfers", catalogue: session.catalogue, files: { _ in [] })
        #expect(columns.contains("totaal"), "\(columns)")
    }

    /// Inside a quote where a file is read, Tab offers paths, from the word before the cursor on, as `.read` does.
    @Test func completionOffersFilesInsideAQuoteAfterFrom() {
        func complete(_ text: String) -> [String] {
            Completion.candidates(before: text, after: "", catalogue: .builtin) { typed in
                ["data/cijfers.csv", "data/cbs.csv", "Examples/01-basics.sql"].filter { $0.hasPrefix(typed) }
            }
        }
        #expect(complete("select * from 'data/c") == ["cijfers.csv", "cbs.csv"])
        #expect(complete("select * from read_csv('da") == ["data/cijfers.csv", "data/cbs.csv"])
        #expect(complete("describe 'Ex") == ["Examples/01-basics.sql"])
        #expect(complete("select * from regulier where categorie = 'da") != ["data/cijfers.csv", "data/cbs.csv"])
        #expect(complete("select 'it''s' from ") == Catalogue.builtin.allNames + TableFunctions.names)
    }

    /// `.import FILE NAME` reads a file as `from 'FILE'` does, into a new table, and appends to a table of the name
    /// whose columns match, as sqlite3 does.
    @Test func importReadsAFileIntoATable() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("indq-import-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("maanden export.csv")
        try Data("Jaar;maand;aanvragen\r\n2021;1;1.234\r\n2021;2;42.690\r\n".utf8).write(to: file)
        let other = dir.appendingPathComponent("other.csv")
        try Data("a,b\n1,x\n".utf8).write(to: other)
        let r = runDot("""
            .import '\(file.path)' maanden
            select jaar, sum(aanvragen) from maanden group by all;
            .import --skip 0 '\(file.path)' maanden
            select count(*) from maanden;
            .import '\(other.path)' maanden
            .import '\(file.path)' studenten
            .import '\(file.path)'
            .import '\(dir.path)/missing.csv' m
            """)
        #expect(r.out == "jaar,sum(aanvragen)\n2021,43924\ncount(*)\n4\n", "\(r.out)")
        #expect(r.err.contains("table maanden has 3 columns and \(other.path) has 2; the rows are not added"), "\(r.err)")
        #expect(r.err.contains("would hide it"), "\(r.err)")
        #expect(r.err.contains("a file and a table name, found 1 word"), "\(r.err)")
        #expect(r.err.contains("missing.csv"), "\(r.err)")
        // Tab after SELECT offers the file's columns, whether FROM names it plainly or through read_csv.
        for rest in [" from '\(file.path)'", " from read_csv('\(file.path)', delim = ';')"] {
            let columns = Completion.candidates(before: "select maa", after: rest, catalogue: .builtin)
            #expect(columns.contains("maand"), "\(columns)")
            #expect(columns.contains("aanvragen"), "\(columns)")
        }
    }

    @Test func statementsPrintBackAsTheyParse() throws {
        for sql in ["CREATE OR REPLACE VIEW v AS SELECT 1", "CREATE TABLE IF NOT EXISTS t AS SELECT year FROM studenten",
                    "DROP TABLE IF EXISTS t", "DROP VIEW v"] {
            var parser = try Parser(SourceText(sql))
            let statement = try parser.parseStatement()
            #expect(statement.sql == sql)
        }
    }
}
